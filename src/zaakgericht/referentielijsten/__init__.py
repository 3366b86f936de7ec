"""The VNG selectielijst (procestypen, resultaten, resultaattypeomschrijvingen), shipped and served."""
