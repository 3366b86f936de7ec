"""The Zaken API 1.5.1."""
