"""the behandelaar's own checklist items on a zaak

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eigen_checklist_punt",
        sa.Column("zaak_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("vraag", sa.String(length=200), nullable=False),
        sa.Column("toelichting", sa.String(length=1000), nullable=False),
        sa.Column("aangemaakt_door", sa.String(length=24), nullable=False),
        sa.Column("aangemaakt_door_naam", sa.String(length=200), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("antwoord", sa.String(length=10), nullable=False),
        sa.Column("antwoord_toelichting", sa.String(length=1000), nullable=False),
        sa.Column("beantwoord_door", sa.String(length=24), nullable=False),
        sa.Column("beantwoord_door_naam", sa.String(length=200), nullable=False),
        sa.Column("beantwoord", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zaak.id"], name=op.f("fk_eigen_checklist_punt_zaak_id_zaak"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eigen_checklist_punt")),
        sa.UniqueConstraint("uuid", name=op.f("uq_eigen_checklist_punt_uuid")),
    )
    op.create_index(op.f("ix_eigen_checklist_punt_zaak_id"), "eigen_checklist_punt", ["zaak_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_eigen_checklist_punt_zaak_id"), table_name="eigen_checklist_punt")
    op.drop_table("eigen_checklist_punt")
