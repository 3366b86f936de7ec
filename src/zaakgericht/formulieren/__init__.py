"""E-formulieren: citizens start a zaak online and get an ontvangstbevestiging."""
