"""The klantcontactcentrum: find a caller's zaken, tell where they stand, register the contact."""
