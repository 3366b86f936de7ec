"""signaleringen for medewerkers and their choice of a daily digest

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signaal",
        sa.Column("ontvanger", sa.String(length=150), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("zaak_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("tekst", sa.String(length=500), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dag", sa.Date(), nullable=False),
        sa.Column("gelezen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_signaal_zaak_id_zaak"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signaal")),
        sa.UniqueConstraint("uuid", name=op.f("uq_signaal_uuid")),
    )
    op.create_index("ix_signaal_ontvanger", "signaal", ["ontvanger", "aangemaakt"])
    op.create_index(
        "ix_signaal_ongelezen",
        "signaal",
        ["ontvanger"],
        postgresql_where=sa.text("gelezen IS NULL"),
        sqlite_where=sa.text("gelezen IS NULL"),
    )
    op.create_index(
        "ix_signaal_termijn_per_dag",
        "signaal",
        ["ontvanger", "zaak_id", "dag"],
        unique=True,
        postgresql_where=sa.text("soort = 'termijn'"),
        sqlite_where=sa.text("soort = 'termijn'"),
    )
    op.create_index(op.f("ix_signaal_zaak_id"), "signaal", ["zaak_id"])
    op.create_table(
        "signaal_voorkeur",
        sa.Column("medewerker_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("dagelijks_overzicht", sa.Boolean(), nullable=False),
        sa.Column("overzicht_verstuurd", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["medewerker_id"],
            ["medewerker.id"],
            name=op.f("fk_signaal_voorkeur_medewerker_id_medewerker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("medewerker_id", name=op.f("pk_signaal_voorkeur")),
    )


def downgrade() -> None:
    op.drop_table("signaal_voorkeur")
    op.drop_index(op.f("ix_signaal_zaak_id"), table_name="signaal")
    op.drop_index("ix_signaal_termijn_per_dag", table_name="signaal")
    op.drop_index("ix_signaal_ongelezen", table_name="signaal")
    op.drop_index("ix_signaal_ontvanger", table_name="signaal")
    op.drop_table("signaal")
