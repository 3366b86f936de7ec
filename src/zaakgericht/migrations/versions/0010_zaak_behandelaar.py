"""the zaak's current behandelaar, for the werkvoorraad

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 13:58:01.175598
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("zaak", schema=None) as batch_op:
        batch_op.add_column(sa.Column("behandelaar", sa.String(length=24), server_default="", nullable=False))
        batch_op.create_index(
            "ix_zaak_open_behandelaar",
            ["behandelaar"],
            unique=False,
            postgresql_where=sa.text("einddatum IS NULL"),
            sqlite_where=sa.text("einddatum IS NULL"),
        )
    # The medewerker of each zaak's newest behandelaar rol.
    op.execute(
        "UPDATE zaak SET behandelaar = COALESCE(("
        "SELECT rol.identificatie FROM rol WHERE rol.zaak_id = zaak.id "
        "AND rol.omschrijving_generiek = 'behandelaar' AND rol.betrokkene_type = 'medewerker' "
        "ORDER BY rol.id DESC LIMIT 1), '')"
    )


def downgrade() -> None:
    with op.batch_alter_table("zaak", schema=None) as batch_op:
        batch_op.drop_index("ix_zaak_open_behandelaar")
        batch_op.drop_column("behandelaar")
