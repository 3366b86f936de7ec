"""the answer to a citizen's message, shown to them on Mijn zaken

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("taak") as batch:
        batch.add_column(sa.Column("antwoord", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("taak") as batch:
        batch.drop_column("antwoord")
