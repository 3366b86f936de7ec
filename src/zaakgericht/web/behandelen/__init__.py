"""The behandelaar's workspace: the werkvoorraad."""
