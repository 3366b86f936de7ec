"""The Alembic history creates exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from zaakgericht import db
from zaakgericht.zoeken.models import DIALECT_OBJECTS


def _modelled(name, type_, _parent_names) -> bool:
    # The full-text tables and indexes of one database only (FTS5 and its shadow tables, GIN indexes).
    return not (name or "").startswith(DIALECT_OBJECTS)


async def test_models_and_migrations_agree():
    def differences(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": _modelled})
        return compare_metadata(context, db.Base.metadata)

    async with db.get_engine().connect() as connection:
        diff = await connection.run_sync(differences)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"
