"""The page /signalen: a medewerker's signaleringen, marking them read, and the daily digest choice."""
