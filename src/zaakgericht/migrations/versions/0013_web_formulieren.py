"""web forms: a refused form kept in the session; zaaknummers found without regard to case

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_sessie") as batch:
        batch.add_column(sa.Column("geweigerd_formulier", sa.JSON(), nullable=True))
    op.create_index("ix_zaak_identificatie_lower", "zaak", [sa.text("lower(identificatie)")])


def downgrade() -> None:
    op.drop_index("ix_zaak_identificatie_lower", table_name="zaak")
    with op.batch_alter_table("web_sessie") as batch:
        batch.drop_column("geweigerd_formulier")
