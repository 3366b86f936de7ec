"""E-formulieren: a citizen starts a zaak online."""
