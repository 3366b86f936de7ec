"""Applicaties and their autorisaties: who may call the APIs, and for what."""
