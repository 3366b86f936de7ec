"""The organisation's huisstijl: its name, colours and logo, as the beheerder sets them."""
