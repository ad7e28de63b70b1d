"""The financial quarter a commitment is due in (due_quarter, "2023/24 Q2": NHS years start
1 April), on the commitment views, for grouping and faceting by quarter. The views are
0003's, each with the column added.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITH_QUARTER = ("v_commitments_all_versions", "v_commitment_owners_all_versions")


def due_quarter(dialect: str, day: str) -> str:
    """SQL for the financial quarter of the date `day` ("2023/24 Q2"), NULL for no date."""
    if dialect == "postgresql":
        year, month = f"EXTRACT(YEAR FROM {day})::int", f"EXTRACT(MONTH FROM {day})::int"
        start = f"({year} - CASE WHEN {month} < 4 THEN 1 ELSE 0 END)"
        return (f"CASE WHEN {day} IS NULL THEN NULL ELSE {start}::text || '/' || "
                f"lpad((({start} + 1) % 100)::text, 2, '0') || ' Q' || ((({month} + 8) % 12) / 3 + 1)::text END")
    year, month = f"CAST(strftime('%Y', {day}) AS INTEGER)", f"CAST(strftime('%m', {day}) AS INTEGER)"
    start = f"({year} - CASE WHEN {month} < 4 THEN 1 ELSE 0 END)"
    return (f"CASE WHEN {day} IS NULL THEN NULL ELSE printf('%d/%02d Q%d', {start}, ({start} + 1) % 100, "
            f"(({month} + 8) % 12) / 3 + 1) END")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _recreate({name: f"SELECT v.*, {due_quarter(dialect, 'v.due_end')} AS due_quarter FROM ({body}) v"
               for name, body in _views_of_0003(dialect).items() if name in WITH_QUARTER})


def downgrade() -> None:
    _recreate({name: body for name, body in _views_of_0003(op.get_bind().dialect.name).items()
               if name in WITH_QUARTER})


def _views_of_0003(dialect: str) -> dict[str, str]:
    return op.get_context().script.get_revision("0003").module.views(dialect)


def _recreate(bodies: dict[str, str]) -> None:
    """Each view again with a new body; its current-documents twin (v_X) rebuilt over it."""
    for name in bodies:
        op.execute(f"DROP VIEW {name.removesuffix('_all_versions')}")
        op.execute(f"DROP VIEW {name}")
        op.execute(f"CREATE VIEW {name} AS {bodies[name]}")
        op.execute(f"CREATE VIEW {name.removesuffix('_all_versions')} AS SELECT * FROM {name} WHERE is_current")
