"""A bold header over a single body row, with no rules (extractors/pdf_borderless.py
`_headed`): too few lines to show gutters of their own, they are a table when the header has
three cells or more and every cell of the row starts where a header cell does; a row whose
cells start elsewhere, a bold row, or a sentence under the header is no table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from schemas.document import BlockKind, Document
from tests.extractors.test_pdf import LINE, build_pdf, extract, only_table, text, texts

HEADER_XS = (57.0, 250.0, 400.0)
HEADER = ("Metric", "Baseline (2023)", "Ambition")
INTRO = "We will return to financial balance over the next two years."
AFTER = "Progress is reported to the Finance Committee every month."

Run = Sequence[tuple[float, str]]  # (x, text) of each run of one line


def headed_page(body: Run, bold_body: bool = False) -> Callable[[Canvas], None]:
    """A title, a line of text, the bold header, the body line and a line of text after it."""

    def page(canvas: Canvas) -> None:
        text(canvas, 57, 60, "Financial sustainability", size=16, bold=True)
        text(canvas, 57, 90, INTRO)
        for x, label in zip(HEADER_XS, HEADER, strict=True):
            text(canvas, x, 120, label, bold=True)
        for x, value in body:
            text(canvas, x, 120 + 1.5 * LINE, value, bold=bold_body)
        text(canvas, 57, 180, AFTER)
    return page


def read(tmp_path: Path, body: Run, bold_body: bool = False) -> Document:
    return extract(build_pdf(tmp_path / "headed.pdf", [headed_page(body, bold_body)]))


@pytest.mark.parametrize("baseline", [None, "£12m"])
def test_bold_header_over_one_aligned_row_is_a_table(tmp_path: Path, baseline: str | None) -> None:
    body = [(HEADER_XS[0], "Underlying deficit"), (HEADER_XS[2], "reduce by 20%")]
    if baseline is not None:
        body.insert(1, (HEADER_XS[1], baseline))
    document = read(tmp_path, body)
    table = only_table(document)
    assert table.n_cols == 3 and table.n_rows == 2
    assert table.header_rows() == [0]
    assert [c.text for c in table.row_cells(0)] == list(HEADER)
    assert {c.col: c.text for c in table.row_cells(1)} == {0: "Underlying deficit", 1: baseline or "",
                                                            2: "reduce by 20%"}
    # the text around the table stays outside it, in reading order
    assert texts(document)[1] == INTRO and texts(document)[-1] == AFTER
    kinds = [b.kind for b in document.blocks]
    assert kinds.index(BlockKind.TABLE) == 2


@pytest.mark.parametrize(("body", "bold_body"), [
    ([(57.0, "Underlying deficit"), (330.0, "reduce by 20%")], False),  # second cell starts under no header cell
    ([(62.0, "Underlying deficit"), (255.0, "£12m"), (405.0, "reduce by 20%")], False),  # every cell 5 pt off
    ([(57.0, "Underlying deficit"), (250.0, "£12m"), (400.0, "reduce by 20%")], True),  # a bold line: no body
    ([(57.0, "Our underlying deficit will fall by a fifth over the next two years")], False),  # a sentence
])
def test_bold_line_over_a_line_not_aligned_with_it_is_no_table(tmp_path: Path, body: Run, bold_body: bool) -> None:
    document = read(tmp_path, body, bold_body)
    assert document.tables == []
    assert all(value in " ".join(texts(document)) for _, value in body)


def test_two_bold_cells_over_an_aligned_row_are_no_table(tmp_path: Path) -> None:
    """Two columns are left to the reading order: the header needs three cells."""
    def page(canvas: Canvas) -> None:
        text(canvas, 57, 60, "Financial sustainability", size=16, bold=True)
        text(canvas, 57, 120, "Metric", bold=True)
        text(canvas, 250, 120, "Ambition", bold=True)
        text(canvas, 57, 120 + 1.5 * LINE, "Underlying deficit")
        text(canvas, 250, 120 + 1.5 * LINE, "reduce by 20%")

    assert extract(build_pdf(tmp_path / "two_cells.pdf", [page])).tables == []
