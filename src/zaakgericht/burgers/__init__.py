"""Citizens and companies who log in to the PIP ("Mijn zaken"): their sessions and what they may do."""
