"""Zaakgericht: a zaaksysteem implementing the VNG API's voor Zaakgericht Werken."""

__version__ = "0.1.0"
