"""A borderless table that runs over a page break: the rows at the top of the next page are read
in the columns of the table the page before ended with, even where one of its columns is empty
there, and so join it (extractors/pdf_layout.py `carried`, pdf_borderless.py `_refines`)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from schemas.document import BlockKind, Table
from tests.extractors.test_pdf import build_pdf, extract, text

COLUMNS = (40, 110, 330, 480)  # ref, action, owner, due


def _row(canvas: Canvas, top: float, cells: tuple[list[str], list[str], list[str], list[str]]) -> float:
    for x, lines in zip(COLUMNS, cells, strict=True):
        for k, line in enumerate(lines):
            text(canvas, x, top + 11 * k, line)
    return top + 11 * max(len(lines) for lines in cells) + 8


def _first_page(canvas: Canvas) -> None:
    for x, label in zip(COLUMNS, ("Ref", "Action", "Lead", "Due"), strict=True):
        text(canvas, x, 80, label, bold=True)
    top = 100.0
    for n in range(1, 4):
        top = _row(canvas, top, ([f"P{n}"], [f"Open ward {n} to patients", "from the community"],
                                 ["Chief Operating", "Officer"], [f"Q{n}"]))


def _second_page(canvas: Canvas) -> None:
    _row(canvas, 60.0, (["P4"], ["Reduce falls resulting in harm", "for patients with long-term", "conditions"],
                        ["Director of Nursing", "and Quality", "Committee chair"], []))  # no due date here
    text(canvas, 40, 200, "Monitoring and reporting", size=16, bold=True)


def _tables(path: Path) -> list[Table]:
    return [b.table for b in extract(path).blocks if b.kind is BlockKind.TABLE and b.table is not None]


def test_rows_after_a_page_break_join_the_table_in_its_columns(tmp_path: Path) -> None:
    tables = _tables(build_pdf(tmp_path / "carried.pdf", [_first_page, _second_page]))
    assert len(tables) == 1
    table = tables[0]
    assert table.n_cols == 4 and table.pages == [1, 2]
    refs = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row > 0]
    assert refs == ["P1", "P2", "P3", "P4"]
    last = max(c.row for c in table.cells)
    action = next(c.text for c in table.cells if c.row == last and c.col == 1)
    assert action == "Reduce falls resulting in harm for patients with long-term conditions"
