"""The PIP ("Mijn zaken"): citizens and companies log in and follow their own zaken."""
