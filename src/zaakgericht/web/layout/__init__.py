"""What every web application shares: templates, static files, login, sessions and CSRF."""
