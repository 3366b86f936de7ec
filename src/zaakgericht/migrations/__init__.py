"""Alembic migrations: one history for SQLite and PostgreSQL."""

from importlib import resources

from alembic import command
from alembic.config import Config

from ..settings import get_settings


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("zaakgericht.migrations")))
    config.set_main_option("sqlalchemy.url", url or get_settings().sqlalchemy_url)
    return config


def upgrade(url: str | None = None) -> None:
    """Bring the database to the newest schema (creates it when empty)."""
    settings = get_settings()
    if (url or settings.sqlalchemy_url).startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")
