"""huisstijl: the organisation's name, colours and logo

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "huisstijl",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisatie_naam", sa.String(length=200), nullable=False),
        sa.Column("kleur_primair", sa.String(length=7), nullable=False),
        sa.Column("kleur_accent", sa.String(length=7), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_type", sa.String(length=20), nullable=True),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("gewijzigd", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_huisstijl")),
    )


def downgrade() -> None:
    op.drop_table("huisstijl")
