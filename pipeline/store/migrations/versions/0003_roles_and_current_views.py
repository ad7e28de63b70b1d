"""Owners' canonical roles (owners.role, owners.is_lead); indicators linked to the commitment
printed on their table row; views that show current documents only (v_*), each with a twin
over every version (v_*_all_versions); the long view v_commitment_owners; indicators'
direction.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from normalisers.canonical_roles import canonical_role
from pipeline.store.links import link_indicators_by_row

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_VIEWS = ("v_commitments", "v_indicators", "v_portfolio_by_trust")


def upgrade() -> None:
    for view in OLD_VIEWS:
        op.execute(f"DROP VIEW {view}")
    with op.batch_alter_table("owners") as batch:
        batch.add_column(sa.Column("role", sa.Text(), nullable=True))
        batch.add_column(sa.Column("is_lead", sa.Boolean(), nullable=True))
    bind = op.get_bind()
    owners = sa.table("owners", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                      sa.column("role", sa.Text), sa.column("is_lead", sa.Boolean))
    for owner_id, title in bind.execute(sa.select(owners.c.id, owners.c.title)).all():
        canonical = canonical_role(title)
        if canonical is not None:
            bind.execute(owners.update().where(owners.c.id == owner_id)
                         .values(role=canonical.role, is_lead=canonical.is_lead))
    link_indicators_by_row(bind)
    for view, body in views(bind.dialect.name).items():
        op.execute(f"CREATE VIEW {view} AS {body}")


def downgrade() -> None:
    for view in reversed(list(views(op.get_bind().dialect.name))):
        op.execute(f"DROP VIEW {view}")
    for column in ("is_lead", "role"):  # in place (SQLite 3.35+): a rebuilt owners table would break its references
        op.execute(f"ALTER TABLE owners DROP COLUMN {column}")
    first = op.get_context().script.get_revision("0001").module
    for view, body in first._views(op.get_bind().dialect.name).items():
        op.execute(f"CREATE VIEW {view} AS {body}")


def _joined(dialect: str, value: str, order: str, rest: str) -> str:
    """Values of a correlated sub-select joined with "; " in `order` (SQLite 3.40 has no
    ORDER BY inside group_concat, so the rows are ordered in a sub-query there)."""
    inner = f"SELECT {value} AS v, {order} AS k {rest}"
    if dialect == "postgresql":
        return f"(SELECT string_agg(v, '; ' ORDER BY k) FROM ({inner}) AS x)"
    return f"(SELECT group_concat(v, '; ') FROM ({inner} ORDER BY k) AS x)"


_DOCUMENT = """d.id AS document_id, org.ods_code, COALESCE(org.name, d.organisation_name) AS trust,
        org.region, org.ics, d.title AS document_title, d.kind AS document_kind,
        d.format AS document_format, d.version AS document_version, d.period_label, d.period_start,
        d.period_end, d.superseded_by_id IS NULL AS is_current"""

_DIRECTION = """CASE
            WHEN i.target_comparator IN ('<', '<=', 'reduce_by') THEN 'decrease'
            WHEN i.target_comparator IN ('>', '>=', 'increase_by') THEN 'increase'
            WHEN i.target_comparator = '=' AND i.baseline_value < i.target_value THEN 'increase'
            WHEN i.target_comparator = '=' AND i.baseline_value > i.target_value THEN 'decrease'
            WHEN i.target_comparator = '=' AND i.baseline_value = i.target_value THEN 'maintain'
        END"""


def views(dialect: str) -> dict[str, str]:
    """Every view, in the order they are made: each v_X_all_versions over every document
    version (with is_current), then v_X over current documents only."""
    owners = "FROM commitment_owners co JOIN owners o ON o.id = co.owner_id WHERE co.commitment_id = c.id"
    assurance = ("FROM commitment_assurance ca JOIN assurance_groups g ON g.id = ca.assurance_group_id "
                 "WHERE ca.commitment_id = c.id")
    portfolios = owners + " AND o.portfolio IS NOT NULL GROUP BY o.portfolio"
    roles = owners + " AND o.role IS NOT NULL GROUP BY o.role"
    every = {
        "v_commitments_all_versions": f"""
            SELECT c.id AS commitment_id, {_DOCUMENT},
                t.ref AS theme_ref, t.title AS theme, c.objective_ref, ob.title AS objective,
                c.ref AS commitment_ref, c.text AS commitment,
                {_joined(dialect, "o.raw", "co.position", owners)} AS owners,
                {_joined(dialect, "COALESCE(o.title, o.raw)", "co.position", owners)} AS owner_titles,
                {_joined(dialect, "o.role", "min(co.position)", roles)} AS owner_roles,
                {_joined(dialect, "o.portfolio", "min(co.position)", portfolios)} AS portfolios,
                {_joined(dialect, "COALESCE(g.title, g.raw)", "ca.position", assurance)} AS assurance,
                due.raw AS due_raw, due.start_date AS due_start, due.end_date AS due_end,
                c.page
            FROM commitments c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN objectives ob ON ob.id = c.objective_id
            LEFT JOIN themes t ON t.id = ob.theme_id
            LEFT JOIN due_dates due ON due.id = c.due_id""",
        "v_commitment_owners_all_versions": f"""
            SELECT c.id AS commitment_id, {_DOCUMENT},
                c.objective_ref, c.ref AS commitment_ref, c.text AS commitment,
                co.position + 1 AS owner_position, o.role, o.raw AS printed_title,
                COALESCE(o.title, o.raw) AS title, o.portfolio, o.is_lead,
                due.raw AS due_raw, due.start_date AS due_start, due.end_date AS due_end,
                c.page
            FROM commitment_owners co
            JOIN commitments c ON c.id = co.commitment_id
            JOIN owners o ON o.id = co.owner_id
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN due_dates due ON due.id = c.due_id""",
        "v_indicators_all_versions": f"""
            SELECT i.id AS indicator_id, {_DOCUMENT},
                i.objective_ref, ob.title AS objective, i.commitment_id, i.commitment_ref,
                c.text AS commitment, i.audience, i.text AS indicator,
                {_DIRECTION} AS direction,
                i.target_comparator, i.target_value, i.target_unit, i.baseline_value, i.baseline_unit,
                due.raw AS due_raw, due.start_date AS due_start, due.end_date AS due_end,
                i.page
            FROM indicators i
            JOIN documents d ON d.id = i.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN objectives ob ON ob.id = i.objective_id
            LEFT JOIN commitments c ON c.id = i.commitment_id
            LEFT JOIN due_dates due ON due.id = i.due_id""",
        "v_portfolio_by_trust_all_versions": """
            SELECT org.ods_code, COALESCE(org.name, d.organisation_name) AS trust,
                d.id AS document_id, d.version AS document_version, d.superseded_by_id IS NULL AS is_current,
                d.period_label AS plan_year, d.period_start, d.period_end,
                o.portfolio, COUNT(DISTINCT c.id) AS commitments
            FROM commitments c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN organisations org ON org.id = d.organisation_id
            LEFT JOIN commitment_owners co ON co.commitment_id = c.id
            LEFT JOIN owners o ON o.id = co.owner_id
            GROUP BY org.ods_code, COALESCE(org.name, d.organisation_name), d.id, d.version, d.superseded_by_id,
                d.period_label, d.period_start, d.period_end, o.portfolio""",
    }
    current = {name.removesuffix("_all_versions"): f"SELECT * FROM {name} WHERE is_current" for name in every}
    return {**every, **current}
