"""Employee accounts (medewerkers), their passwords, autorisaties and web sessions."""
