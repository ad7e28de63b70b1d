"""Initial schema: organisations, documents and their version chain, the extracted plan
(themes, objectives, commitments, owners, assurance groups, due dates, indicators,
glossary) with provenance, extraction and refresh runs, and the comparison views.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 11:32:18
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ods_code", sa.String(length=16), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("ics", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("merger_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("ods_code", name=op.f("uq_organisations_ods_code")),
    )
    op.create_table(
        "refresh_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_runs")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("organisation_name", sa.Text(), nullable=False),
        sa.Column("organisation_code", sa.String(length=16), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("has_period", sa.Boolean(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("retrieved_at", sa.DateTime(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_documents_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"], ["documents.id"], name=op.f("fk_documents_superseded_by_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_location"), ["location"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_superseded_by_id"), ["superseded_by_id"], unique=False)
        batch_op.create_index(
            "ix_documents_version_key", ["organisation_id", "kind", "period_start"], unique=False
        )

    op.create_table(
        "organisation_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_names_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_names")),
        sa.UniqueConstraint(
            "organisation_id", "name_key", name=op.f("uq_organisation_names_organisation_id")
        ),
    )
    with op.batch_alter_table("organisation_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_names_name_key"), ["name_key"], unique=False)

    op.create_table(
        "organisation_predecessors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("ods_code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_predecessors_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_predecessors")),
        sa.UniqueConstraint(
            "organisation_id", "ods_code", name=op.f("uq_organisation_predecessors_organisation_id")
        ),
    )
    with op.batch_alter_table("organisation_predecessors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_predecessors_ods_code"), ["ods_code"], unique=False)

    op.create_table(
        "assurance_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_assurance_groups_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assurance_groups")),
    )
    with op.batch_alter_table("assurance_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assurance_groups_document_id"), ["document_id"], unique=False)

    op.create_table(
        "due_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_due_dates_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_dates")),
    )
    with op.batch_alter_table("due_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_due_dates_document_id"), ["document_id"], unique=False)

    op.create_table(
        "extraction_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.DateTime(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_extraction_runs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extraction_runs")),
    )
    with op.batch_alter_table("extraction_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_extraction_runs_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_extraction_runs_sha256"), ["sha256"], unique=False)

    op.create_table(
        "glossary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("abbreviation", sa.Text(), nullable=False),
        sa.Column("expansion", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_glossary_entries_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_entries")),
    )
    with op.batch_alter_table("glossary_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_glossary_entries_document_id"), ["document_id"], unique=False)

    op.create_table(
        "owners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("portfolio", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_owners_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_owners")),
    )
    with op.batch_alter_table("owners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_owners_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_owners_portfolio"), ["portfolio"], unique=False)

    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox_x0", sa.Double(), nullable=True),
        sa.Column("bbox_top", sa.Double(), nullable=True),
        sa.Column("bbox_x1", sa.Double(), nullable=True),
        sa.Column("bbox_bottom", sa.Double(), nullable=True),
        sa.Column("table_index", sa.Integer(), nullable=True),
        sa.Column("table_row", sa.Integer(), nullable=True),
        sa.Column("table_col", sa.Integer(), nullable=True),
        sa.Column("ocr_confidence", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_themes_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
    )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_themes_document_id"), ["document_id"], unique=False)

    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("theme_ref", sa.Text(), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox_x0", sa.Double(), nullable=True),
        sa.Column("bbox_top", sa.Double(), nullable=True),
        sa.Column("bbox_x1", sa.Double(), nullable=True),
        sa.Column("bbox_bottom", sa.Double(), nullable=True),
        sa.Column("table_index", sa.Integer(), nullable=True),
        sa.Column("table_row", sa.Integer(), nullable=True),
        sa.Column("table_col", sa.Integer(), nullable=True),
        sa.Column("ocr_confidence", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_objectives_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"], name=op.f("fk_objectives_theme_id_themes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
    )
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objectives_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=True),
        sa.Column("objective_ref", sa.Text(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox_x0", sa.Double(), nullable=True),
        sa.Column("bbox_top", sa.Double(), nullable=True),
        sa.Column("bbox_x1", sa.Double(), nullable=True),
        sa.Column("bbox_bottom", sa.Double(), nullable=True),
        sa.Column("table_index", sa.Integer(), nullable=True),
        sa.Column("table_row", sa.Integer(), nullable=True),
        sa.Column("table_col", sa.Integer(), nullable=True),
        sa.Column("ocr_confidence", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_commitments_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["due_id"], ["due_dates.id"], name=op.f("fk_commitments_due_id_due_dates")),
        sa.ForeignKeyConstraint(
            ["objective_id"], ["objectives.id"], name=op.f("fk_commitments_objective_id_objectives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_due_id"), ["due_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_objective_id"), ["objective_id"], unique=False)

    op.create_table(
        "objective_owners",
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_owners_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["owners.id"], name=op.f("fk_objective_owners_owner_id_owners")
        ),
        sa.PrimaryKeyConstraint("objective_id", "position", name=op.f("pk_objective_owners")),
    )
    with op.batch_alter_table("objective_owners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objective_owners_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "commitment_assurance",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("assurance_group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assurance_group_id"],
            ["assurance_groups.id"],
            name=op.f("fk_commitment_assurance_assurance_group_id_assurance_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_commitment_assurance_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commitment_id", "position", name=op.f("pk_commitment_assurance")),
    )
    with op.batch_alter_table("commitment_assurance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_assurance_assurance_group_id"), ["assurance_group_id"], unique=False
        )

    op.create_table(
        "commitment_owners",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_commitment_owners_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["owners.id"], name=op.f("fk_commitment_owners_owner_id_owners")
        ),
        sa.PrimaryKeyConstraint("commitment_id", "position", name=op.f("pk_commitment_owners")),
    )
    with op.batch_alter_table("commitment_owners", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_owners_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("objective_ref", sa.Text(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("commitment_ref", sa.Text(), nullable=True),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_comparator", sa.String(length=16), nullable=True),
        sa.Column("target_value", sa.Double(), nullable=True),
        sa.Column("target_unit", sa.String(length=16), nullable=True),
        sa.Column("baseline_value", sa.Double(), nullable=True),
        sa.Column("baseline_unit", sa.String(length=16), nullable=True),
        sa.Column("due_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox_x0", sa.Double(), nullable=True),
        sa.Column("bbox_top", sa.Double(), nullable=True),
        sa.Column("bbox_x1", sa.Double(), nullable=True),
        sa.Column("bbox_bottom", sa.Double(), nullable=True),
        sa.Column("table_index", sa.Integer(), nullable=True),
        sa.Column("table_row", sa.Integer(), nullable=True),
        sa.Column("table_col", sa.Integer(), nullable=True),
        sa.Column("ocr_confidence", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitments.id"], name=op.f("fk_indicators_commitment_id_commitments")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_indicators_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["due_id"], ["due_dates.id"], name=op.f("fk_indicators_due_id_due_dates")),
        sa.ForeignKeyConstraint(
            ["objective_id"], ["objectives.id"], name=op.f("fk_indicators_objective_id_objectives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_commitment_id"), ["commitment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_due_id"), ["due_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_objective_id"), ["objective_id"], unique=False)

    for view, body in _views(op.get_bind().dialect.name).items():
        op.execute(f"CREATE VIEW {view} AS {body}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW {view}")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_objective_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_due_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_document_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_commitment_id"))

    op.drop_table("indicators")
    with op.batch_alter_table("commitment_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_owners_owner_id"))

    op.drop_table("commitment_owners")
    with op.batch_alter_table("commitment_assurance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_assurance_assurance_group_id"))

    op.drop_table("commitment_assurance")
    with op.batch_alter_table("objective_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_owners_owner_id"))

    op.drop_table("objective_owners")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_objective_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_due_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_document_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectives_theme_id"))
        batch_op.drop_index(batch_op.f("ix_objectives_document_id"))

    op.drop_table("objectives")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_themes_document_id"))

    op.drop_table("themes")
    with op.batch_alter_table("owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_owners_portfolio"))
        batch_op.drop_index(batch_op.f("ix_owners_document_id"))

    op.drop_table("owners")
    with op.batch_alter_table("glossary_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_glossary_entries_document_id"))

    op.drop_table("glossary_entries")
    with op.batch_alter_table("extraction_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extraction_runs_sha256"))
        batch_op.drop_index(batch_op.f("ix_extraction_runs_document_id"))

    op.drop_table("extraction_runs")
    with op.batch_alter_table("due_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_due_dates_document_id"))

    op.drop_table("due_dates")
    with op.batch_alter_table("assurance_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assurance_groups_document_id"))

    op.drop_table("assurance_groups")
    with op.batch_alter_table("organisation_predecessors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_predecessors_ods_code"))

    op.drop_table("organisation_predecessors")
    with op.batch_alter_table("organisation_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_names_name_key"))

    op.drop_table("organisation_names")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_version_key")
        batch_op.drop_index(batch_op.f("ix_documents_superseded_by_id"))
        batch_op.drop_index(batch_op.f("ix_documents_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_documents_location"))

    op.drop_table("documents")
    op.drop_table("refresh_runs")
    op.drop_table("organisations")


VIEWS = ("v_commitments", "v_indicators", "v_portfolio_by_trust")


def _joined(dialect: str, value: str, order: str, rest: str) -> str:
    """Values of a correlated sub-select joined with "; " in `order` (SQLite 3.40 has no
    ORDER BY inside group_concat, so the rows are ordered in a sub-query there)."""
    inner = f"SELECT {value} AS v, {order} AS k {rest}"
    if dialect == "postgresql":
        return f"(SELECT string_agg(v, '; ' ORDER BY k) FROM ({inner}) AS x)"
    return f"(SELECT group_concat(v, '; ') FROM ({inner} ORDER BY k) AS x)"


def _views(dialect: str) -> dict[str, str]:
    owners = "FROM commitment_owners co JOIN owners o ON o.id = co.owner_id WHERE co.commitment_id = c.id"
    assurance = (
        "FROM commitment_assurance ca JOIN assurance_groups g ON g.id = ca.assurance_group_id "
        "WHERE ca.commitment_id = c.id"
    )
    document = """d.id AS document_id, org.ods_code, COALESCE(org.name, d.organisation_name) AS trust,
        org.region, org.ics, d.title AS document_title, d.kind AS document_kind,
        d.format AS document_format, d.period_label, d.period_start, d.period_end,
        d.superseded_by_id IS NULL AS is_current"""
    return {
        "v_commitments": f"""
            SELECT c.id AS commitment_id, {document},
                t.ref AS theme_ref, t.title AS theme, c.objective_ref, ob.title AS objective,
                c.ref AS commitment_ref, c.text AS commitment,
                {_joined(dialect, "o.raw", "co.position", owners)} AS owners,
                {_joined(dialect, "COALESCE(o.title, o.raw)", "co.position", owners)} AS owner_titles,
                {
            _joined(
                dialect,
                "o.portfolio",
                "min(co.position)",
                owners + " AND o.portfolio IS NOT NULL GROUP BY o.portfolio",
            )
        } AS portfolios,
                {_joined(dialect, "COALESCE(g.title, g.raw)", "ca.position", assurance)} AS assurance,
                due.raw AS due_raw, due.start_date AS due_start, due.end_date AS due_end,
                c.page
            FROM commitments c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN objectives ob ON ob.id = c.objective_id
            LEFT JOIN themes t ON t.id = ob.theme_id
            LEFT JOIN due_dates due ON due.id = c.due_id""",
        "v_indicators": f"""
            SELECT i.id AS indicator_id, {document},
                i.objective_ref, ob.title AS objective, i.commitment_ref, c.text AS commitment,
                i.audience, i.text AS indicator,
                i.target_comparator, i.target_value, i.target_unit, i.baseline_value, i.baseline_unit,
                due.raw AS due_raw, due.start_date AS due_start, due.end_date AS due_end,
                i.page
            FROM indicators i
            JOIN documents d ON d.id = i.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN objectives ob ON ob.id = i.objective_id
            LEFT JOIN commitments c ON c.id = i.commitment_id
            LEFT JOIN due_dates due ON due.id = i.due_id""",
        "v_portfolio_by_trust": """
            SELECT org.ods_code, COALESCE(org.name, d.organisation_name) AS trust,
                d.period_label AS plan_year, d.period_start, d.period_end,
                o.portfolio, COUNT(DISTINCT c.id) AS commitments
            FROM commitments c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN commitment_owners co ON co.commitment_id = c.id
            LEFT JOIN owners o ON o.id = co.owner_id
            WHERE d.superseded_by_id IS NULL
            GROUP BY org.ods_code, COALESCE(org.name, d.organisation_name),
                d.period_label, d.period_start, d.period_end, o.portfolio""",
    }
