"""Signaleringen: what a medewerker should look at (a zaak assigned to them, a citizen's document or message,
a termijn close by, a terugbelverzoek), shown in the header and on /signalen, and optionally e-mailed once a
day as a digest."""
