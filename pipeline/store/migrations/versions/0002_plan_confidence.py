"""Plan confidence: how plan-like each document reads, how surely each commitment is one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("plan_confidence", sa.Double(), nullable=True))
    with op.batch_alter_table("commitments") as batch:
        batch.add_column(sa.Column("confidence", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("commitments") as batch:
        batch.drop_column("confidence")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("plan_confidence")
