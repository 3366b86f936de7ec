"""saved werkvoorraad filters per medewerker

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "opgeslagen_filter",
        sa.Column("medewerker_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("naam", sa.String(length=80), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["medewerker_id"],
            ["medewerker.id"],
            name=op.f("fk_opgeslagen_filter_medewerker_id_medewerker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opgeslagen_filter")),
        sa.UniqueConstraint("uuid", name=op.f("uq_opgeslagen_filter_uuid")),
        sa.UniqueConstraint("medewerker_id", "naam", name=op.f("uq_opgeslagen_filter_medewerker_id_naam")),
    )


def downgrade() -> None:
    op.drop_table("opgeslagen_filter")
