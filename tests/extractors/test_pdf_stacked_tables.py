"""Two PDF tables stacked on one page and drawn alike (extractors/pdf_stream.py,
extractors/pdf_borderless.py, extractors/pdf_page.py): zebra stripes split where the header
colour comes back, a rules-only stack split at a second bold header row, a lower-case line
carrying on the first column's cell, a bold label after a borderless table kept out of it, and a
one-row borderless table read in the columns of the table above it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from schemas.document import Table
from tests.extractors.test_pdf import LINE, build_pdf, extract, hline, text, texts

X0, X1 = 50.0, 550.0
HEADER_COLOUR = (0.15, 0.25, 0.55)
STRIPES = ((0.9, 0.9, 0.9), (1.0, 1.0, 1.0))
PLAN_COLUMNS = (54.0, 250.0, 390.0, 460.0)
PLAN_HEADER = ("Action", "Owner", "Due", "Assured by")
PLAN_ROWS: list[Sequence[Sequence[str]]] = [  # each cell's lines
    (["Agree a savings plan with", "partners across the system"], ["Director of", "Finance"], ["Q2"], ["FPC"]),
    (["Open a discharge lounge"], ["Chief Operating Officer"], ["Q3"], ["QSC"]),
    (["Recruit twenty registered nurses", "from overseas this year"], ["Chief Nurse"], ["Q4"], ["People Committee"]),
]
MEASURE_COLUMNS = (54.0, 250.0, 400.0)
MEASURE_HEADER = ("Metric", "Baseline", "Target")
MEASURE_ROWS = [("Agency spend", "£12m", "£8m"), ("Staff turnover", "14%", "11%")]


def shade(canvas: Canvas, top: float, bottom: float, colour: tuple[float, float, float]) -> None:
    """A full-width filled band between `top` and `bottom` (top-left page coordinates)."""
    canvas.setFillColorRGB(*colour)
    canvas.rect(X0, canvas._pagesize[1] - bottom, X1 - X0, bottom - top, fill=1, stroke=0)
    canvas.setFillColorRGB(0, 0, 0)


def zebra_table(canvas: Canvas, top: float, columns: Sequence[float], header: Sequence[str],
                rows: Sequence[Sequence[Sequence[str]]]) -> float:
    """A header band and body rows shaded in turn, no rules; returns the bottom of the last row."""
    shade(canvas, top, top + 18, HEADER_COLOUR)
    for x, label in zip(columns, header, strict=True):
        text(canvas, x, top + 4, label, bold=True)
    top += 18
    for r, cells in enumerate(rows):
        height = 8 + LINE * max(len(lines) for lines in cells)
        shade(canvas, top, top + height, STRIPES[r % 2])
        for x, lines in zip(columns, cells, strict=True):
            for k, line in enumerate(lines):
                text(canvas, x, top + 4 + k * LINE, line)
        top += height
    return top


def tables(path: Path) -> list[Table]:
    return extract(path).tables


def row_texts(table: Table) -> list[list[str]]:
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def all_cell_text(table: Table) -> str:
    return " ".join(c.text for c in table.cells)


# --------------------------------------------------------------------------- zebra stripes


@pytest.mark.parametrize("gap", [16.0, 40.0])  # within one row's height of the last band, or further
def test_zebra_stack_splits_where_the_header_colour_comes_back(tmp_path: Path, gap: float) -> None:
    def page(canvas: Canvas) -> None:
        bottom = zebra_table(canvas, 100, PLAN_COLUMNS, PLAN_HEADER, PLAN_ROWS)
        text(canvas, 54, bottom + (gap - 9) / 2, "Measures of success", bold=True)
        zebra_table(canvas, bottom + gap, MEASURE_COLUMNS, MEASURE_HEADER,
                    [[[value] for value in row] for row in MEASURE_ROWS])

    document = extract(build_pdf(tmp_path / "zebra_stack.pdf", [page]))
    assert len(document.tables) == 2, [row_texts(t) for t in document.tables]
    plan, measures = document.tables
    assert plan.n_cols == 4 and plan.header_rows() == [0]
    assert row_texts(plan)[0] == list(PLAN_HEADER)
    body = row_texts(plan)[1:]
    assert len(body) == 3
    assert body[0] == ["Agree a savings plan with partners across the system", "Director of Finance", "Q2", "FPC"]
    assert body[2][0] == "Recruit twenty registered nurses from overseas this year"
    assert measures.n_cols == 3
    assert row_texts(measures) == [list(MEASURE_HEADER), *[list(row) for row in MEASURE_ROWS]]
    assert all("Measures of success" not in all_cell_text(t) for t in document.tables)
    assert "Measures of success" in texts(document)


# --------------------------------------------------------------------------- rules only

RULED_COLUMNS = (54.0, 250.0, 390.0, 460.0)


def ruled_row(canvas: Canvas, top: float, columns: Sequence[float], cells: Sequence[str],
              bold: bool = False) -> float:
    """One line of cells under `top`, a full-width rule below it; returns the rule's height."""
    for x, value in zip(columns, cells, strict=True):
        text(canvas, x, top + 4, value, bold=bold)
    hline(canvas, X0, X1, top + 18)
    return top + 18


@pytest.mark.parametrize("label_bold", [False, True])
def test_rules_only_stack_splits_at_a_second_bold_header_row(tmp_path: Path, label_bold: bool) -> None:
    def page(canvas: Canvas) -> None:
        hline(canvas, X0, X1, 100)
        top = ruled_row(canvas, 100, RULED_COLUMNS, PLAN_HEADER, bold=True)
        for cells in (("Open a discharge lounge", "Chief Operating Officer", "Q3", "QSC"),
                      ("Agree the green plan", "Director of Estates", "Q2", "FPC"),
                      ("Launch the leadership programme", "Chief People Officer", "Q4", "People Committee")):
            top = ruled_row(canvas, top, RULED_COLUMNS, cells)
        text(canvas, 54, top + 4, "Key measures", bold=label_bold)
        hline(canvas, X0, X1, top + 18)
        top = ruled_row(canvas, top + 18, MEASURE_COLUMNS, MEASURE_HEADER, bold=True)
        for row in MEASURE_ROWS:
            top = ruled_row(canvas, top, MEASURE_COLUMNS, row)

    document = extract(build_pdf(tmp_path / "ruled_stack.pdf", [page]))
    assert len(document.tables) == 2, [row_texts(t) for t in document.tables]
    plan, measures = document.tables
    assert plan.n_cols == 4 and plan.n_rows == 4 and row_texts(plan)[0] == list(PLAN_HEADER)
    assert measures.n_cols == 3 and row_texts(measures) == [list(MEASURE_HEADER), *map(list, MEASURE_ROWS)]
    assert all("Key measures" not in all_cell_text(t) for t in document.tables)
    assert "Key measures" in texts(document)


def test_lower_case_line_in_a_ruled_band_carries_on_the_first_cell(tmp_path: Path) -> None:
    """Every line of the band starts in the first column with text in another, yet the second one
    goes on, in lower case, with the first column's sentence: one row, not two."""
    def page(canvas: Canvas) -> None:
        hline(canvas, X0, X1, 100)
        top = ruled_row(canvas, 100, RULED_COLUMNS, PLAN_HEADER, bold=True)
        for first, owner in (("Agree a savings plan with", "Director of"), ("partners across the system", "Finance")):
            text(canvas, RULED_COLUMNS[0], top + 4, first)
            text(canvas, RULED_COLUMNS[1], top + 4, owner)
            top += LINE
        text(canvas, RULED_COLUMNS[2], top - 2 * LINE + 4, "Q2")
        text(canvas, RULED_COLUMNS[3], top - 2 * LINE + 4, "FPC")
        hline(canvas, X0, X1, top + 8)
        ruled_row(canvas, top + 8, RULED_COLUMNS, ("Open a discharge lounge", "Chief Operating Officer", "Q3", "QSC"))

    plan, = tables(build_pdf(tmp_path / "lower_case_carry_on.pdf", [page]))
    assert row_texts(plan)[1:] == [
        ["Agree a savings plan with partners across the system", "Director of Finance", "Q2", "FPC"],
        ["Open a discharge lounge", "Chief Operating Officer", "Q3", "QSC"]]


# --------------------------------------------------------------------------- borderless

# due, assurance, action, owner; the first column is wide enough that "Key measures" crosses no gutter
BORDERLESS_COLUMNS = (40.0, 120.0, 210.0, 430.0)
BORDERLESS_ROWS = [
    ("Q1", "Quality Committee", "Open a discharge lounge", "Chief Operating Officer"),
    ("Q3", "People Committee", "Launch a leadership programme", "Chief People Officer"),
    ("Q4", "Finance Committee", "Reduce agency spend", "Chief Financial Officer"),
]
ONE_ROW = ("Q2", "Digital Board", "Roll out electronic prescribing", "Chief Digital Officer")


def borderless_page(canvas: Canvas, one_row_table: bool) -> None:
    """A borderless table, a bold label right under it and a list; maybe a one-row table below."""
    text(canvas, 40, 60, "Delivery plan", size=16, bold=True)
    for x, label in zip(BORDERLESS_COLUMNS, ("When", "Assured by", "What we will do", "Who"), strict=True):
        text(canvas, x, 100, label, bold=True)
    top = 100 + 2 * LINE
    for row in BORDERLESS_ROWS:
        for x, value in zip(BORDERLESS_COLUMNS, row, strict=True):
            text(canvas, x, top, value)
        top += 2 * LINE
    label_top = top - LINE  # one line under the last row, at the table's own line spacing
    text(canvas, 40, label_top, "Key measures", bold=True)
    for k, measure in enumerate(("Discharges before noon up to 33%", "Agency spend down by a fifth")):
        text(canvas, 40, label_top + (k + 1) * LINE, "•")
        text(canvas, 50, label_top + (k + 1) * LINE, measure)
    if one_row_table:
        text(canvas, 40, 400, "Digital services", size=16, bold=True)
        for x, value in zip(BORDERLESS_COLUMNS, ONE_ROW, strict=True):
            text(canvas, x, 440, value)


def test_bold_label_right_under_a_borderless_table_is_not_its_row(tmp_path: Path) -> None:
    document = extract(build_pdf(tmp_path / "borderless_label.pdf", [lambda c: borderless_page(c, False)]))
    plan, = document.tables
    assert plan.n_cols == 4 and plan.n_rows == 4
    assert row_texts(plan)[-1] == list(BORDERLESS_ROWS[-1])
    assert "Key measures" not in all_cell_text(plan)
    assert "Key measures" in texts(document)


def test_one_row_borderless_run_is_read_in_the_columns_of_the_table_above(tmp_path: Path) -> None:
    document = extract(build_pdf(tmp_path / "borderless_one_row.pdf", [lambda c: borderless_page(c, True)]))
    assert len(document.tables) == 2, [row_texts(t) for t in document.tables]
    plan, one_row = document.tables
    assert plan.n_rows == 4 and "Key measures" not in all_cell_text(plan)
    assert one_row.n_cols == 4 and row_texts(one_row) == [list(ONE_ROW)]
