"""Tick marks in the period columns of a borderless PDF table (extractors/pdf_stream.py
`gutter_edges`, `_marks_item`): a bullet glyph alone in a month cell is a mark of its own, not
the list marker of the text after it, so the gutters between months survive; a real list marker
close to its text still covers the gap to it, in a table cell and in free text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from extractors.pdf_page import Word
from extractors.pdf_stream import _marks_item, gutter_edges
from schemas.document import BBox, BlockKind, Table
from tests.extractors.test_pdf import LINE, build_pdf, extract, only_table, text, texts

MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep")
COMMITMENT_X = 57.0
MONTH_XS = tuple(250.0 + 30.0 * i for i in range(len(MONTHS)))  # months 30 pt apart
OWNER_X = 450.0  # well clear of the last month's tick
TICK = "•"
# commitment, the months (indices into MONTHS) it is ticked in, owner
ROWS: Sequence[tuple[str, frozenset[int], str]] = (
    ("Open a discharge lounge", frozenset({0, 1, 2}), "Chief Operating Officer"),
    ("Launch the staff wellbeing hub", frozenset({2, 3}), "Chief People Officer"),
    ("Agree the green plan", frozenset({5}), "Director of Estates"),
    ("Roll out electronic prescribing", frozenset({0, 2, 4, 5}), "Chief Digital Officer"),
)


def timeline_page(canvas: Canvas) -> None:
    """A borderless period grid: bold header, then one line per commitment with ticks."""
    text(canvas, COMMITMENT_X, 60, "Delivery timeline", size=16, bold=True)
    text(canvas, COMMITMENT_X, 100, "Commitment", bold=True)
    for x, month in zip(MONTH_XS, MONTHS, strict=True):
        text(canvas, x, 100, month, bold=True)
    text(canvas, OWNER_X, 100, "Owner", bold=True)
    for r, (commitment, ticked, owner) in enumerate(ROWS, start=1):
        top = 100 + r * 2 * LINE
        text(canvas, COMMITMENT_X, top, commitment)
        for i in ticked:
            text(canvas, MONTH_XS[i] + 5, top, TICK)
        text(canvas, OWNER_X, top, owner)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Table:
    path = tmp_path_factory.mktemp("ticks") / "timeline.pdf"
    return only_table(extract(build_pdf(path, [timeline_page])))


def row_texts(table: Table) -> list[list[str]]:
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def test_each_month_is_a_column_of_its_own(timeline: Table) -> None:
    assert timeline.n_cols == 2 + len(MONTHS)
    assert timeline.n_rows == 1 + len(ROWS)
    assert row_texts(timeline)[0] == ["Commitment", *MONTHS, "Owner"]


def test_ticks_sit_in_their_month_columns(timeline: Table) -> None:
    for r, (commitment, ticked, _) in enumerate(ROWS, start=1):
        cells = row_texts(timeline)[r]
        assert cells[0] == commitment
        months = cells[1:1 + len(MONTHS)]
        assert [i for i, value in enumerate(months) if value.strip()] == sorted(ticked), (commitment, months)


def test_owners_are_in_the_last_column(timeline: Table) -> None:
    assert [row[-1] for row in row_texts(timeline)[1:]] == [owner for _, _, owner in ROWS]


# --------------------------------------------------------------------------- list markers still hold on


def bulleted_cells_page(canvas: Canvas) -> None:
    """A borderless table whose action cells are bullet items, the header over their text
    (not over the markers), so only the marker rule keeps the marker gap from being a gutter."""
    text(canvas, 57, 60, "Delivery plan", size=16, bold=True)
    for x, label in ((70.0, "What we will do"), (300.0, "Lead"), (450.0, "Due")):
        text(canvas, x, 100, label, bold=True)
    rows = (("Open a discharge lounge", "Chief Operating Officer", "Q2"),
            ("Add weekend theatre lists", "Medical Director", "Q3"),
            ("Launch a wellbeing hub", "Chief People Officer", "Q4"),
            ("Agree the green plan", "Director of Estates", "Q1"))
    for r, (action, lead, due) in enumerate(rows, start=1):
        top = 100 + r * 2 * LINE
        text(canvas, 57, top, TICK)  # the marker ends ~10 pt before its text
        text(canvas, 70, top, action)
        text(canvas, 300, top, lead)
        text(canvas, 450, top, due)


def test_list_marker_in_a_cell_stays_with_its_text(tmp_path: Path) -> None:
    table = only_table(extract(build_pdf(tmp_path / "bulleted_cells.pdf", [bulleted_cells_page])))
    assert table.n_cols == 3
    assert row_texts(table)[0] == ["What we will do", "Lead", "Due"]
    assert [row[0] for row in row_texts(table)[1:]] == [
        "Open a discharge lounge", "Add weekend theatre lists", "Launch a wellbeing hub", "Agree the green plan"]


def test_bulleted_list_in_free_text_is_one_item_per_bullet(tmp_path: Path) -> None:
    items = ("Open a discharge lounge", "Add weekend theatre lists for orthopaedics")

    def page(canvas: Canvas) -> None:
        text(canvas, 57, 60, "Improve patient flow", size=16, bold=True)
        text(canvas, 57, 100, "This year we will:")
        for i, item in enumerate(items, start=1):
            text(canvas, 57, 100 + i * LINE, TICK)
            text(canvas, 70, 100 + i * LINE, item)

    document = extract(build_pdf(tmp_path / "free_text_list.pdf", [page]))
    assert document.tables == []
    listed = [b for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in listed] == list(items)
    assert all(b.marker == TICK for b in listed)
    assert "This year we will:" in texts(document)


# --------------------------------------------------------------------------- the rule on positioned words


def word(value: str, x0: float, top: float = 100.0, size: float = 9.0) -> Word:
    """A word of `value` at x0 (a bullet glyph 3.2 pt wide, other text 5 pt a character)."""
    return Word(text=value, x0=x0, top=top, x1=x0 + (3.2 if value == TICK else 5.0 * len(value)),
                bottom=top + size, size=size)


def test_marker_close_to_text_marks_it() -> None:
    assert _marks_item(word(TICK, 57), word("Open", 70))


@pytest.mark.parametrize(("first", "second"), [
    (word(TICK, 255), word(TICK, 270)),  # a tick, then the next month's tick, as close as a marker's text
    (word(TICK, 405), word("Owner", 450)),  # the last month's tick, then text far to its right
    (word("Open", 57), word("lounge", 80)),  # no marker at all
])
def test_tick_or_far_text_is_no_list_item(first: Word, second: Word) -> None:
    assert not _marks_item(first, second)


def test_gutters_between_narrow_months_survive_a_tick_in_each() -> None:
    """Months 20 pt apart, 5 pt of white space between their headers, and a tick in every one of
    them: ticks less than two font sizes apart are still no list markers of each other."""
    header = [word(month, x) for month, x in (("Apr", 250.0), ("May", 270.0), ("Jun", 290.0))]
    ticks = [word(TICK, x, top=120.0) for x in (255.0, 275.0, 295.0)]
    box = BBox(249.0, 99.0, 306.0, 130.0)
    edges = gutter_edges([[*header, *ticks]], box)
    assert edges[0] == box.x0 and edges[-1] == box.x1
    assert len(edges) == 4, edges  # three month columns
    assert 265.0 <= edges[1] <= 270.0 and 285.0 <= edges[2] <= 290.0
