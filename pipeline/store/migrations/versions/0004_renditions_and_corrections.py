"""Renditions (the Word and the PDF copy of one plan are one document with two files) and
analysts' corrections, kept apart from the extraction.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "renditions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_renditions_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_renditions")),
        sa.UniqueConstraint("sha256", name=op.f("uq_renditions_sha256")),
    )
    with op.batch_alter_table("renditions") as batch:
        batch.create_index(batch.f("ix_renditions_document_id"), ["document_id"], unique=False)
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=16), nullable=False),
        sa.Column("item_ref", sa.Text(), nullable=True),
        sa.Column("item_text", sa.Text(), nullable=True),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_corrections_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    with op.batch_alter_table("corrections") as batch:
        batch.create_index(batch.f("ix_corrections_document_id"), ["document_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_index(batch.f("ix_corrections_document_id"))
    op.drop_table("corrections")
    with op.batch_alter_table("renditions") as batch:
        batch.drop_index(batch.f("ix_renditions_document_id"))
    op.drop_table("renditions")
