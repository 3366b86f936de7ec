"""The zaaktypecatalogus and the Catalogi API."""
