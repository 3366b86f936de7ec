"""The applications for people: server-rendered pages in Dutch (see ``app.create_web_app``)."""
