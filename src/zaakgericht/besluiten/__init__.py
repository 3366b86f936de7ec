"""The Besluiten API 1.0.2: besluiten and their besluitinformatieobjecten."""
