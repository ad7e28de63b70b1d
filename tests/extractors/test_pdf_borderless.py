"""PDF tables drawn with no rules at all (extractors/pdf_borderless.py): columns from white
space, wrapped cells kept in their row, banner rows and a bold header; two columns of prose are
not a table."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from schemas.document import BlockKind, Table
from tests.extractors.test_pdf import build_pdf, extract, text

COLUMNS = (40, 100, 190, 430)  # x of: due, assurance, action, owner
ROWS = [
    ("Q1", "Quality Committee", ["Open a discharge lounge staffed seven days", "a week using improvement methods"],
     "Chief Operating Officer"),
    ("Q3", "People Committee", ["Launch a leadership programme for band 7 staff"], "Chief People Officer"),
    ("by Dec 24", "Finance Committee", ["Reduce agency spend through a trust-wide", "rostering review"],
     "Chief Financial Officer"),
]


def _borderless_table(canvas: Canvas) -> None:
    text(canvas, 60, 60, "Delivery plan", size=16, bold=True)
    for x, label in zip(COLUMNS, ("When", "Assured by", "What we will do", "Who"), strict=True):
        text(canvas, x, 100, label, bold=True)
    top = 120.0
    for index, (due, group, action, owner) in enumerate(ROWS):
        if index == 1:
            text(canvas, 60, top, "Improve flow through our hospitals", bold=True)  # a banner row
            top += 20
        text(canvas, COLUMNS[0], top, due)
        text(canvas, COLUMNS[1], top, group)
        for k, line in enumerate(action):
            text(canvas, COLUMNS[2], top + 11 * k, line)
        text(canvas, COLUMNS[3], top, owner)
        top += 11 * len(action) + 10  # rows apart by more than the wrapped lines of a cell
    text(canvas, 60, top + 30, "Monitoring and reporting", size=16, bold=True)
    text(canvas, 60, top + 55, "Progress is reported to the Board every quarter by each executive lead.")


def _prose_in_two_columns(canvas: Canvas) -> None:
    left = ["Our plan is built around a small number of priorities",
            "that matter most to the people we serve, and it was", "shaped by our staff, governors and partners."]
    right = ["Demand for our services continues to grow and we", "must find new ways of working to meet it across the",
             "whole local health and care system."]
    for k, (a, b) in enumerate(zip(left, right, strict=True)):  # each line fills its column, as prose does
        text(canvas, 40, 100 + 11 * k, a)
        text(canvas, 310, 100 + 11 * k, b)


def _table(path: Path) -> Table:
    tables = [b.table for b in extract(path).blocks if b.kind is BlockKind.TABLE and b.table is not None]
    assert len(tables) == 1
    return tables[0]


def test_a_table_with_no_rules_is_read_by_its_columns_and_rows(tmp_path: Path) -> None:
    table = _table(build_pdf(tmp_path / "borderless.pdf", [_borderless_table]))
    assert table.n_cols == 4
    header = [c.text for c in table.row_cells(0)]
    assert header == ["When", "Assured by", "What we will do", "Who"]
    assert all(c.is_header for c in table.row_cells(0))
    actions = [c.text for c in table.cells if c.col == 2 and c.row > 0 and c.col_span == 1]
    assert actions == ["Open a discharge lounge staffed seven days a week using improvement methods",
                       "Launch a leadership programme for band 7 staff",
                       "Reduce agency spend through a trust-wide rostering review"]
    banner = [c for c in table.cells if c.text == "Improve flow through our hospitals"]
    assert len(banner) == 1 and banner[0].col == 0 and banner[0].col_span == 4
    owners = [c.text for c in table.cells if c.col == 3 and c.row > 0]
    assert owners == ["Chief Operating Officer", "Chief People Officer", "Chief Financial Officer"]


def test_text_after_a_borderless_table_is_not_swallowed(tmp_path: Path) -> None:
    document = extract(build_pdf(tmp_path / "borderless.pdf", [_borderless_table]))
    paragraphs = [b.text for b in document.blocks if b.kind is not BlockKind.TABLE]
    assert "Monitoring and reporting" in paragraphs
    assert any(p.startswith("Progress is reported") for p in paragraphs)


def test_prose_set_in_two_columns_is_not_a_table(tmp_path: Path) -> None:
    document = extract(build_pdf(tmp_path / "columns.pdf", [_prose_in_two_columns]))
    assert not document.tables
    joined = " ".join(b.text for b in document.blocks)
    assert "matter most to the people" in joined and "whole local health and care system" in joined
