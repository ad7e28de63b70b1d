"""Ruled PDF tables whose rules are only partly drawn (extractors/pdf_tables.py `ruled_table`,
`_unspanned`, `split_bands(full=True)`; extractors/pdf_stream.py `find_rule_stacks`).

Each PDF is drawn here with reportlab at exact positions: a framed grid whose inner verticals
stop at the header (its body rows one cell wide per row unless split by their gutters), a
banner sentence whose words straddle a column edge (one cell still), a grid with no rules
between its rows of values (split per line) and a plan row wrapped over several lines (not
split), and a horizontal-rules stack with one inner vertical rule (a two-column table). Body
rows with a rule under each only, under a header grid with no side rules below it, are that
grid's body (`_grid_bottom_above`, pdf_layout `_bodies_under_grids`) unless a line set apart by
white space, a header of their own or a narrower width makes them a table of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from extractors.pdf_page import read_page
from schemas.document import Table
from tests.extractors.test_pdf import LINE, GridCell, build_pdf, extract, grid, hline, only_table, text, texts

# --------------------------------------------------------------------------- helpers


def vline(canvas: Canvas, x: float, top: float, bottom: float) -> None:
    """A vertical rule from `top` to `bottom` (top-left page coordinates)."""
    canvas.setLineWidth(0.6)
    height = canvas._pagesize[1]
    canvas.line(x, height - top, x, height - bottom)


def right_text(canvas: Canvas, x1: float, top: float, value: str, bold: bool = False) -> None:
    """9 pt text ending at `x1`, its top near `top`."""
    canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 9)
    canvas.drawRightString(x1, canvas._pagesize[1] - top - 9, value)


def row_texts(table: Table) -> list[list[str]]:
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def row_layout(table: Table, row: int) -> list[tuple[int, int, str]]:
    return [(c.col, c.col_span, c.text) for c in table.row_cells(row)]


# --------------------------------------------------------------------------- a. verticals in the header only

COUNTRY_EDGES = (50.0, 170.0, 250.0, 330.0, 410.0, 520.0)
COUNTRY_HEADER = ("Country", "Share A", "Share B", "Other", "Total")
COUNTRY_ROWS = [("Austria", "86.2", "13.8", "0", "3,375"), ("Belgium", "70.1", "29.9", "0", "12,480"),
                ("Denmark", "91.0", "8.5", "0.5", "2,106"), ("Finland", "77.4", "22.6", "0", "4,950")]


def country_page(canvas: Canvas, frame: bool = True) -> None:
    """The inner verticals drawn across the header only and a rule under each body row; with
    `frame`, side rules down the whole table (every body row one merged cell of the grid)."""
    x0, x1, top = COUNTRY_EDGES[0], COUNTRY_EDGES[-1], 100.0
    hline(canvas, x0, x1, top)
    text(canvas, x0 + 4, top + 5, COUNTRY_HEADER[0], bold=True)
    for edge, label in zip(COUNTRY_EDGES[2:], COUNTRY_HEADER[1:], strict=True):
        right_text(canvas, edge - 4, top + 5, label, bold=True)
    for x in COUNTRY_EDGES[1:-1]:
        vline(canvas, x, top, top + 20)
    hline(canvas, x0, x1, top + 20)
    row_top = top + 20
    for name, *values in COUNTRY_ROWS:
        text(canvas, x0 + 4, row_top + 4, name)
        for edge, value in zip(COUNTRY_EDGES[2:], values, strict=True):
            right_text(canvas, edge - 4, row_top + 4, value)
        row_top += 18
        hline(canvas, x0, x1, row_top)
    if frame:
        vline(canvas, x0, top, row_top)
        vline(canvas, x1, top, row_top)
    else:
        vline(canvas, x0, top, top + 20)
        vline(canvas, x1, top, top + 20)


def test_body_rows_without_inner_rules_are_split_into_the_header_columns(tmp_path: Path) -> None:
    table = only_table(extract(build_pdf(tmp_path / "header_verticals.pdf", [country_page])))
    assert (table.n_rows, table.n_cols) == (1 + len(COUNTRY_ROWS), 5)
    assert row_texts(table) == [list(COUNTRY_HEADER), *map(list, COUNTRY_ROWS)]
    assert all(c.col_span == 1 for c in table.cells)
    austria = table.row_cells(1)
    assert [c.bbox is not None and round(c.bbox.x0) for c in austria] == [round(x) for x in COUNTRY_EDGES[:-1]]


def test_body_rows_under_a_header_only_grid_without_side_rules_are_one_table(tmp_path: Path) -> None:
    page = build_pdf(tmp_path / "header_only_verticals.pdf", [lambda c: country_page(c, frame=False)])
    table = only_table(extract(page))
    assert row_texts(table) == [list(COUNTRY_HEADER), *map(list, COUNTRY_ROWS)]
    austria = table.row_cells(1)
    assert [c.bbox is not None and round(c.bbox.x0) for c in austria] == [round(x) for x in COUNTRY_EDGES[:-1]]


def header_grid(canvas: Canvas, top: float, rows: Sequence[Sequence[str]]) -> float:
    """Header rows (20 pt each) drawn as a full grid at COUNTRY_EDGES, a label of "" leaving the
    rule before it out (a cell across two columns); the grid's bottom."""
    hline(canvas, COUNTRY_EDGES[0], COUNTRY_EDGES[-1], top)
    for labels in rows:
        for c, x in enumerate(COUNTRY_EDGES):
            if c in (0, len(labels)) or labels[c]:
                vline(canvas, x, top, top + 20)
            if c < len(labels):
                text(canvas, x + 4, top + 5, labels[c], bold=True)
        top += 20
        hline(canvas, COUNTRY_EDGES[0], COUNTRY_EDGES[-1], top)
    return top


def ruled_rows(canvas: Canvas, top: float, rows: Sequence[Sequence[str]], x1: float = COUNTRY_EDGES[-1],
               bold_first: bool = False) -> float:
    """Rows at COUNTRY_EDGES (18 pt each) with a rule under each only, from x0 to `x1`; the last rule."""
    for r, row in enumerate(rows):
        for left, value in zip(COUNTRY_EDGES, row, strict=False):
            text(canvas, left + 4, top + 4, value, bold=bold_first and r == 0)
        top += 18
        hline(canvas, COUNTRY_EDGES[0], x1, top)
    return top


def test_two_rows_under_a_two_row_header_grid_are_one_table(tmp_path: Path) -> None:
    """Two header rows in the grid (the first with a cell across the share columns) and only two
    body rows: the grid's bottom rule is the body's first rule, so two rules below it make a stack."""
    header = [("", "Shares", "", "Other", "Total"), COUNTRY_HEADER]

    def page(canvas: Canvas) -> None:
        ruled_rows(canvas, header_grid(canvas, 100.0, header), COUNTRY_ROWS[:2])

    table = only_table(extract(build_pdf(tmp_path / "two_row_header_grid.pdf", [page])))
    assert (table.n_rows, table.n_cols) == (4, 5)
    assert row_texts(table)[1:] == [list(COUNTRY_HEADER), *map(list, COUNTRY_ROWS[:2])]
    assert row_layout(table, 0)[1] == (1, 2, "Shares")


REGION_ROWS = [("Region", "Count", "Change", "Notes"), ("North", "1,204", "+3", "a"),
               ("South", "2,517", "-1", "b"), ("West", "880", "+2", "c")]


@pytest.mark.parametrize(("above", "space"), [
    pytest.param("Source: national returns for the year, rounded to one decimal place.", 14.0,
                 id="paragraph-set-apart"),
    pytest.param("Table 2: regional counts", 4.0, id="caption-over-a-header-of-its-own"),
])
def test_rules_stack_after_a_line_under_a_grid_stays_a_table_of_its_own(tmp_path: Path, above: str,
                                                                          space: float) -> None:
    """A grid (header and one row), a line of text, then a rules-stack table as wide, with its own
    opening rule and bold header. The line is no row of the grid: white space sets it apart, or
    (set as close as a row) the stack opens with a header of its own."""
    def page(canvas: Canvas) -> None:
        bottom = header_grid(canvas, 100.0, [COUNTRY_HEADER, COUNTRY_ROWS[0]])
        text(canvas, COUNTRY_EDGES[0] + 4, bottom + space, above)
        stack_top = bottom + 2 * space + LINE
        hline(canvas, COUNTRY_EDGES[0], COUNTRY_EDGES[-1], stack_top)
        ruled_rows(canvas, stack_top, REGION_ROWS, bold_first=True)

    document = extract(build_pdf(tmp_path / "grid_line_stack.pdf", [page]))
    assert [t.n_rows for t in document.tables] == [2, len(REGION_ROWS)]
    assert row_texts(document.tables[1])[0] == list(REGION_ROWS[0])
    assert above in texts(document)


def test_rules_stack_narrower_than_the_grid_above_it_is_not_its_body(tmp_path: Path) -> None:
    """Rows with a rule under each right under a grid, but the rules stop a column short of it."""
    def page(canvas: Canvas) -> None:
        bottom = header_grid(canvas, 100.0, [COUNTRY_HEADER, COUNTRY_ROWS[0]])
        ruled_rows(canvas, bottom, REGION_ROWS, COUNTRY_EDGES[-2])

    tables = extract(build_pdf(tmp_path / "grid_narrow_stack.pdf", [page])).tables
    assert row_texts(tables[0]) == [list(COUNTRY_HEADER), list(COUNTRY_ROWS[0])]
    assert row_texts(tables[-1]) == [list(row) for row in REGION_ROWS[1:]]


def test_body_row_with_a_word_across_a_column_edge_stays_one_cell(tmp_path: Path) -> None:
    """A body row whose text runs over an undrawn column edge is one run of text, not cells."""
    def page(canvas: Canvas) -> None:
        country_page(canvas)
        x0, top = COUNTRY_EDGES[0], 100.0 + 20 + 18 * len(COUNTRY_ROWS)
        text(canvas, x0 + 4, top + 4, "Figures for Luxembourg were not available at the time of writing")
        hline(canvas, x0, COUNTRY_EDGES[-1], top + 18)
        vline(canvas, x0, top, top + 18)
        vline(canvas, COUNTRY_EDGES[-1], top, top + 18)

    table = only_table(extract(build_pdf(tmp_path / "header_verticals_note.pdf", [page])))
    assert table.n_cols == 5
    assert row_texts(table)[1] == list(COUNTRY_ROWS[0])
    assert row_layout(table, table.n_rows - 1) == [
        (0, 5, "Figures for Luxembourg were not available at the time of writing")]


# --------------------------------------------------------------------------- b. banner a space apart from an edge

PLAN_X, PLAN_TOP = 40.0, 80.0
PLAN_WIDTHS = (30.0, 110.0, 230.0, 60.0, 40.0)
BANNER = "Improve flow through our hospitals"


def banner_page(canvas: Canvas, size: float, left_words: int, right_margin: float) -> None:
    """A fully ruled plan table; its second row a banner across all five columns, placed so that
    the edge between columns 1 and 2 falls in the space after the banner's first `left_words`
    words, `right_margin` short of the next word."""
    edge = PLAN_X + PLAN_WIDTHS[0] + PLAN_WIDTHS[1]
    space = stringWidth(" ", "Helvetica", size)
    left = " ".join(BANNER.split()[:left_words])
    banner_x = edge - stringWidth(left, "Helvetica", size) - (space - right_margin)
    cells = [GridCell(0, 0, ["**No."]), GridCell(0, 1, ["**Objective"]), GridCell(0, 2, ["**Deliverable"]),
             GridCell(0, 3, ["**Owner"]), GridCell(0, 4, ["**Ref"]),
             GridCell(1, 0, [], col_span=5),
             GridCell(2, 0, ["1"]), GridCell(2, 1, ["Reduce waits"]), GridCell(2, 2, ["Open a discharge lounge"]),
             GridCell(2, 3, ["COO"]), GridCell(2, 4, ["1.1"])]
    grid(canvas, PLAN_X, PLAN_TOP, PLAN_WIDTHS, [18, 26, 18], cells)
    text(canvas, banner_x, PLAN_TOP + 18 + 5, BANNER, size=size)


@pytest.mark.parametrize(("size", "left_words", "right_margin"), [
    pytest.param(9.0, 3, 1.25, id="9pt-edge-mid-space"),
    pytest.param(14.0, 2, 0.4, id="14pt-edge-just-before-next-word"),  # the left word ends > TOUCH before it
])
def test_banner_with_a_column_edge_between_two_words_stays_one_cell(tmp_path: Path, size: float, left_words: int,
                                                                     right_margin: float) -> None:
    path = build_pdf(tmp_path / "banner_over_edge.pdf", [lambda c: banner_page(c, size, left_words, right_margin)])
    table = only_table(extract(path))
    assert (table.n_rows, table.n_cols) == (3, 5)
    assert row_layout(table, 1) == [(0, 5, BANNER)]
    assert row_texts(table)[2] == ["1", "Reduce waits", "Open a discharge lounge", "COO", "1.1"]
    header = table.row_cells(0)
    assert all(c.bbox is not None for c in header)
    edges = [c.bbox.x1 for c in header if c.bbox is not None]
    with pdfplumber.open(path) as pdf:
        words = {w.text: w for w in read_page(pdf.pages[0], 1).words}
    banner_words = [words[w] for w in BANNER.split()]
    before, after = banner_words[left_words - 1], banner_words[left_words]
    assert before.x1 < edges[1] < after.x0  # the edge between columns 1 and 2 lies in the space
    assert after.x0 - before.x1 < 0.5 * size  # a space apart, not a gutter
    assert edges[0] < banner_words[0].x0 and banner_words[-1].x1 < edges[2]  # and no other edge in the banner


# --------------------------------------------------------------------------- c. rows of values with no rules between

VALUE_WIDTHS = (150.0, 80.0, 80.0, 80.0)
VALUE_HEADER = ("Region", "2019", "2020", "2021")
VALUE_ROWS: list[tuple[str, str, str, str]] = [
    ("North East", "1,204", "1,310", "1,402"),
    ("North West", "3,880", "", "4,115"),  # one value missing
    ("Yorkshire", "2,517", "2,602", "2,740"),
    ("Midlands", "4,001", "4,230", "4,388"),
    ("South West", "2,210", "2,290", "2,345"),
]
TOTAL = ("TOTAL", "13,812", "10,432", "14,990")


def values_grid(canvas: Canvas, rows: Sequence[Sequence[str]]) -> None:
    """Verticals for all columns; horizontal rules at the top, under the header, above the TOTAL
    row and at the bottom only: the body rows share one band between two rules."""
    columns = list(zip(*rows, strict=True))
    cells = [*(GridCell(0, c, [f"**{label}"]) for c, label in enumerate(VALUE_HEADER)),
             *(GridCell(1, c, list(values)) for c, values in enumerate(columns)),
             *(GridCell(2, c, [value]) for c, value in enumerate(TOTAL))]
    grid(canvas, 50, 100, VALUE_WIDTHS, [18, 8 + LINE * len(rows), 18], cells)


def test_band_of_value_lines_in_a_ruled_grid_is_one_row_per_line(tmp_path: Path) -> None:
    table = only_table(extract(build_pdf(tmp_path / "values_grid.pdf", [lambda c: values_grid(c, VALUE_ROWS)])))
    assert (table.n_rows, table.n_cols) == (2 + len(VALUE_ROWS), 4)
    assert table.header_rows() == [0]
    body = {r: {c.col: c.text for c in table.row_cells(r)} for r in range(1, 1 + len(VALUE_ROWS))}
    assert [[body[r].get(c, "") for c in range(4)] for r in body] == [list(row) for row in VALUE_ROWS]
    assert row_texts(table)[-1] == list(TOTAL)  # the TOTAL row keeps its own row
    assert all(c.row_span == 1 and c.col_span == 1 for c in table.cells)


@pytest.mark.parametrize("rows", [
    pytest.param(VALUE_ROWS[:2], id="two-lines"),  # fewer than three lines: wrapped cells, not rows
    pytest.param([("North East", "1,204", "", "1,402"), ("North West", "3,880", "", "4,115"),
                  ("Yorkshire", "2,517", "2,602", "2,740")], id="column-missing-two-lines"),
])
def test_band_of_value_lines_stays_one_row_below_the_thresholds(tmp_path: Path,
                                                                rows: list[tuple[str, ...]]) -> None:
    table = only_table(extract(build_pdf(tmp_path / "values_grid_short.pdf", [lambda c: values_grid(c, rows)])))
    assert table.n_rows == 3
    assert table.row_cells(1)[0].text == " ".join(row[0] for row in rows)
    assert row_texts(table)[-1] == list(TOTAL)


# --------------------------------------------------------------------------- d. wrapped plan cells

WRAP_WIDTHS = (40.0, 210.0, 110.0, 110.0, 60.0)
WRAP_HEADER = ("Ref", "Action", "Lead", "Assurance", "Due")
WRAP_ACTION = ("Deliver the Electronic Patient", "Record to All Wards", "By The Spring")
WRAP_COMMITTEE = ("Quality and Safety", "Committee /", "Digital and Data")
NEXT_ROW = ("1.2", "Open a discharge lounge", "COO", "Finance Committee", "Q3")


def test_plan_row_wrapped_over_three_lines_in_a_ruled_grid_stays_one_row(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        cells = [*(GridCell(0, c, [f"**{label}"]) for c, label in enumerate(WRAP_HEADER)),
                 GridCell(1, 0, ["1.1"]), GridCell(1, 1, list(WRAP_ACTION)), GridCell(1, 2, ["Chief Nurse"]),
                 GridCell(1, 3, list(WRAP_COMMITTEE)), GridCell(1, 4, []),
                 *(GridCell(2, c, [value]) for c, value in enumerate(NEXT_ROW))]
        grid(canvas, 40, 80, WRAP_WIDTHS, [18, 8 + 3 * LINE, 18], cells)

    table = only_table(extract(build_pdf(tmp_path / "wrapped_plan_row.pdf", [page])))
    assert (table.n_rows, table.n_cols) == (3, 5)
    assert row_texts(table)[1] == ["1.1", " ".join(WRAP_ACTION), "Chief Nurse", " ".join(WRAP_COMMITTEE), ""]
    assert row_texts(table)[2] == list(NEXT_ROW)


def test_first_column_wrapped_beside_one_wrapped_column_stays_one_row(tmp_path: Path) -> None:
    """The action (first column) and the committee wrap over three lines; Lead and Due are empty."""
    header = ("Action", "Assurance", "Lead", "Due")

    def page(canvas: Canvas) -> None:
        cells = [*(GridCell(0, c, [f"**{label}"]) for c, label in enumerate(header)),
                 GridCell(1, 0, list(WRAP_ACTION)), GridCell(1, 1, list(WRAP_COMMITTEE)),
                 GridCell(1, 2, []), GridCell(1, 3, []),
                 *(GridCell(2, c, [value]) for c, value in enumerate(NEXT_ROW[1:]))]
        grid(canvas, 40, 80, (210.0, 110.0, 110.0, 60.0), [18, 8 + 3 * LINE, 18], cells)

    table = only_table(extract(build_pdf(tmp_path / "wrapped_first_column.pdf", [page])))
    assert table.n_rows == 3
    assert row_texts(table)[1] == [" ".join(WRAP_ACTION), " ".join(WRAP_COMMITTEE), "", ""]


# --------------------------------------------------------------------------- e. one inner vertical rule

INDICATOR_ROWS = [(["Indicators"], "Weight of indicator in 2006"), (["Waiting times"], "20%"),
                  (["Infection rates"], "15%"), (["Patient survey results", "(adult inpatients)"], "25%"),
                  (["Staff survey"], "10%"), (["Financial balance"], "30%")]


def test_rules_stack_with_one_inner_vertical_is_a_two_column_table(tmp_path: Path) -> None:
    """Full-width horizontal rules and one vertical between the columns, none at the sides: rows
    are the bands between the rules (a wrapped indicator is one cell), columns the gutters."""
    x0, x1, middle, top = 60.0, 500.0, 230.0, 120.0

    def page(canvas: Canvas) -> None:
        hline(canvas, x0, x1, top)
        row_top = top
        for r, (names, weight) in enumerate(INDICATOR_ROWS):
            for k, name in enumerate(names):
                text(canvas, x0 + 4, row_top + 5 + k * LINE, name, bold=r == 0)
            text(canvas, middle + 6, row_top + 5, weight, bold=r == 0)
            row_top += 10 + LINE * len(names)
            hline(canvas, x0, x1, row_top)
        vline(canvas, middle, top, row_top)

    table = only_table(extract(build_pdf(tmp_path / "one_inner_vertical.pdf", [page])))
    assert (table.n_rows, table.n_cols) == (len(INDICATOR_ROWS), 2)
    assert row_texts(table) == [[" ".join(names), weight] for names, weight in INDICATOR_ROWS]
    assert table.header_rows() == [0]
    first, second = table.row_cells(0)
    assert first.bbox is not None and second.bbox is not None
    assert (first.bbox.x0, first.bbox.top, second.bbox.x1) == (x0, top, x1)  # the rules bound the table
    assert first.bbox.x1 == second.bbox.x0 and x0 < first.bbox.x1 < x1


def test_rules_stack_with_two_inner_verticals_is_read_as_a_grid(tmp_path: Path) -> None:
    """Two inner verticals make a ruled grid (columns at the rules), not a stack read by gutters."""
    x0, x1, top = 60.0, 500.0, 120.0
    verticals = (200.0, 330.0)
    rows = [("Indicator", "Weight", "Source"), ("Waiting times", "20%", "RTT return"),
            ("Staff survey", "10%", "NHS Staff Survey")]

    def page(canvas: Canvas) -> None:
        hline(canvas, x0, x1, top)
        for r, row in enumerate(rows):
            for x, value in zip((x0, *verticals), row, strict=True):
                text(canvas, x + 6, top + 20 * r + 5, value, bold=r == 0)
            hline(canvas, x0, x1, top + 20 * (r + 1))
        for x in verticals:
            vline(canvas, x, top, top + 20 * len(rows))

    table = only_table(extract(build_pdf(tmp_path / "two_inner_verticals.pdf", [page])))
    assert row_texts(table) == [list(row) for row in rows]
    edges = sorted({c.bbox.x1 for c in table.cells if c.bbox is not None and c.col < 2})
    assert edges == pytest.approx(list(verticals), abs=1.0)
