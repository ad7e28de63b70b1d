"""Links the plan JSON cannot state, made in the database: an indicator printed on the same
table row as a commitment belongs to that commitment, even where the commitment has no
printed ref for the indicator to name (plan JSON can then only name the objective)."""

from __future__ import annotations

from sqlalchemy import Connection, text

_BY_ROW = """
UPDATE indicators SET commitment_id = (
    SELECT MIN(c.id) FROM commitments c
    WHERE c.document_id = indicators.document_id AND c.table_index = indicators.table_index
      AND c.table_row = indicators.table_row)
WHERE commitment_id IS NULL AND commitment_ref IS NULL
  AND table_index IS NOT NULL AND table_row IS NOT NULL"""


def link_indicators_by_row(connection: Connection, document_id: int | None = None) -> None:
    """Set commitment_id of each unlinked table indicator (of one document, or of all) to the
    commitment read from the same table row, where there is one."""
    if document_id is None:
        connection.execute(text(_BY_ROW))
    else:
        connection.execute(text(_BY_ROW + " AND document_id = :document_id"), {"document_id": document_id})
