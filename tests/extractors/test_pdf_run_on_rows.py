"""Rows of a table with no rules, where a wrapped line has nothing in the first column and
carries on the sentences above it in lower case: it stays in the row above
(extractors/pdf_stream.py `_join_run_ons`); each ref in the first column starts one row."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from schemas.document import BlockKind, Table
from tests.extractors.test_pdf import build_pdf, extract, text

COLUMNS = (40, 90, 330, 470)  # ref, action, owner, due
LINES = [
    ("P1", "Minimise carbon emissions from our", "Director of Estates", "Q3"),
    ("", "buildings through a single programme board", "and Facilities", ""),
    ("P2", "Open a discharge lounge on the main site", "Chief Operating Officer", "Q1"),
    ("P3", "Recruit international nurses", "Chief Nurse", "Q2"),
    ("", "Ongoing review with partners", "", ""),
]


def _page(canvas: Canvas) -> None:
    for x, label in zip(COLUMNS, ("Ref", "Action", "Lead", "Due"), strict=True):
        text(canvas, x, 80, label, bold=True)
    top = 96.0
    for line in LINES:  # rows a little further apart than the lines of a wrapped cell
        top += 11 if not line[0] else 15
        for x, value in zip(COLUMNS, line, strict=True):
            if value:
                text(canvas, x, top, value)


def _table(path: Path) -> Table:
    tables = [b.table for b in extract(path).blocks if b.kind is BlockKind.TABLE and b.table is not None]
    assert len(tables) == 1
    return tables[0]


def _column(table: Table, col: int) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == col and c.row > 0]


def test_a_lower_case_line_with_an_empty_first_column_carries_on_its_row(tmp_path: Path) -> None:
    table = _table(build_pdf(tmp_path / "runon.pdf", [_page]))
    actions = _column(table, 1)
    assert actions[0] == "Minimise carbon emissions from our buildings through a single programme board"
    assert _column(table, 2)[0] == "Director of Estates and Facilities"
    assert "Open a discharge lounge on the main site" in actions


def test_each_ref_starts_one_row(tmp_path: Path) -> None:
    table = _table(build_pdf(tmp_path / "runon.pdf", [_page]))
    assert _column(table, 0) == ["P1", "P2", "P3"]
    assert _column(table, 3) == ["Q3", "Q1", "Q2"]


def test_rows_cut_at_every_line_are_joined_where_a_line_carries_on(tmp_path: Path) -> None:
    """Cut between every line (as a reader that sees even gaps might): the lower-case lines with
    an empty first column go back to their rows, the others stay rows of their own."""
    import pdfplumber

    from extractors.pdf_page import read_page
    from extractors.pdf_stream import stream_table
    from schemas.document import BBox

    path = build_pdf(tmp_path / "runon.pdf", [_page])
    with pdfplumber.open(path) as pdf:
        page = read_page(pdf.pages[0], 1)
    words = [w for w in page.words if w.top > 90]
    lines = sorted({round(w.top, 1) for w in words})
    ys = [lines[0] - 2, *((a + b) / 2 + 4 for a, b in zip(lines, lines[1:], strict=False)), lines[-1] + 12]
    edges = [c - 2.0 for c in COLUMNS] + [560.0]
    piece = stream_table(page, BBox(edges[0], ys[0], edges[-1], ys[-1]), ys, words, edges)
    assert piece is not None
    first = sorted((c for c in piece.cells if c.col == 1), key=lambda c: c.row)
    texts = [" ".join(w.text for w in c.words) for c in first]
    assert texts[0] == "Minimise carbon emissions from our buildings through a single programme board"
    assert texts[-1] == "Ongoing review with partners"  # capitalised: this rule leaves it alone
    assert len(texts) == 4


def test_a_first_column_cut_after_an_open_word_carries_on(tmp_path: Path) -> None:
    """"Director of" / "Transformation": the first column's line ends on a word that cannot end
    a title, so the capitalised line under it is the rest of that cell, not a new row."""
    import pdfplumber

    from extractors.pdf_page import read_page
    from extractors.pdf_stream import stream_table
    from schemas.document import BBox

    rows = [("Mrs Imran Hughes, Director of", "Deliver a medical education strategy", "Ongoing"),
            ("Transformation", "", ""),
            ("Chief Nurse", "Open a discharge lounge", "Q2")]

    def page(canvas: Canvas) -> None:
        for k, row in enumerate(rows):
            for x, value in zip((40, 250, 470), row, strict=True):
                if value:
                    text(canvas, x, 100 + 11 * k, value)

    path = build_pdf(tmp_path / "open.pdf", [page])
    with pdfplumber.open(path) as pdf:
        content = read_page(pdf.pages[0], 1)
    lines = sorted({round(w.top, 1) for w in content.words})
    ys = [lines[0] - 2, *((a + b) / 2 + 4 for a, b in zip(lines, lines[1:], strict=False)), lines[-1] + 12]
    edges = [38.0, 248.0, 468.0, 560.0]
    piece = stream_table(content, BBox(edges[0], ys[0], edges[-1], ys[-1]), ys, content.words, edges)
    assert piece is not None
    owners = [" ".join(w.text for w in c.words) for c in sorted(piece.cells, key=lambda c: c.row) if c.col == 0]
    assert owners == ["Mrs Imran Hughes, Director of Transformation", "Chief Nurse"]
