"""The Documenten API 1.5.0."""
