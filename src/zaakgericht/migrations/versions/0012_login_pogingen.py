"""login_poging: failed logins per gebruikersnaam and per client, for the growing delay and the client limit

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 11:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_poging",
        sa.Column("sleutel", sa.String(length=80), nullable=False),
        sa.Column("mislukt", sa.Integer(), nullable=False),
        sa.Column("sinds", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wacht_tot", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_login_poging")),
    )


def downgrade() -> None:
    op.drop_table("login_poging")
