"""Short words in narrow table columns of a scan: reference codes ("2.2", "13.1") and owner
abbreviations ("CIO", "CWIO") in a grid drawn with reportlab, scanned clean at 200 dpi and read
through real Tesseract, must read as printed; and the letter-height rule that sets an
abbreviation's capitals, on letter boxes alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as PdfTable

from extractors.ocr_proof import capitals, whole_print
from extractors.pdf_page import Word
from tests.extractors.test_ocr_tables import read_scan

HEADER = ["Deliverable", "Owner", "Reference"]
ROWS = [
    ["Implement a complete redesign of the emergency pathway", "COO", "2.2"],
    ["Roll out ward based quality indicators on the dashboard", "CIO", "3.2"],
    ["Deliver the research strategy with university partners", "CWIO", "4.3"],
    ["Open the new education centre for nursing students", "CIO", "12.1"],
    ["Refresh the innovation pipeline and its funding", "CWIO", "13.1"],
    ["Expand the clinical trials unit to a second site", "CIO", "15.2"],
]


def draw_codes(path: Path) -> Path:
    """A landscape ruled grid: a wide text column and two narrow ones of codes."""
    grid = PdfTable([HEADER, *ROWS], colWidths=[300, 45, 60])
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


@pytest.fixture(scope="module")
def codes_table(tmp_path_factory: pytest.TempPathFactory):
    document = read_scan(draw_codes, tmp_path_factory.mktemp("ocr-codes"))
    assert len(document.tables) == 1
    return document.tables[0]


def test_codes_in_a_narrow_column_read_as_printed(codes_table) -> None:
    assert [codes_table.row_cells(i)[2].text for i in range(1, len(ROWS) + 1)] == [row[2] for row in ROWS]


def test_abbreviations_in_a_narrow_column_read_in_capitals(codes_table) -> None:
    assert [codes_table.row_cells(i)[1].text for i in range(1, len(ROWS) + 1)] == [row[1] for row in ROWS]


def _print(heights: list[int]) -> np.ndarray:
    """A word's ink: one blob per letter side by side on one baseline, each as high as given."""
    ink = np.zeros((40, 12 * len(heights) + 4), np.uint8)
    for i, height in enumerate(heights):
        ink[32 - height:32, 12 * i + 2:12 * i + 10] = 255
    return ink


@pytest.mark.parametrize(("read", "heights", "meant"), [
    ("clo", [26, 25, 27], "CIO"),  # c and o as tall as the l: capitals, and the l a capital I
    ("Cwlo", [26, 25, 25, 27], "CWIO"),
    ("CLo", [26, 26, 26], "CLO"),  # a capital L stays an L
    ("Roll", [26, 18, 26, 26], "Roll"),  # an x-height o: a word in lower case
    ("close", [18, 26, 18, 18, 18], "close"),
    ("Clerk", [26, 26, 18, 18, 26], "Clerk"),  # e, r, k are lower case whatever their height
    ("coo", [18, 18, 18], "coo"),  # no tall letter: measured against the line's capitals
    ("coo", [26, 26, 25], "COO"),
    ("cio", [26, 26, 27], "CIO"),  # bold capital I read as i: no dot in the print
    ("Cwlo", [26, 40], "Cwlo"),  # letters run together: their heights cannot be told apart
    ("clio", [26, 25, 27], "CIO"),  # bold capital I read as "li": one stroke in the print
    ("CWIlO", [26, 26, 25, 27], "CWIO"),
    ("cio", [26, 18, 27], "cio"),  # an x-height i: lower case
    ("Cwo", [26, 26], "Cwo"),  # one letter more than the print, but no two strokes to merge
])
def test_capitals_are_set_by_letter_height(read: str, heights: list[int], meant: str) -> None:
    assert capitals(read, _print(heights), cap=26.0) == meant


def test_a_word_boxed_in_part_is_widened_to_its_print() -> None:
    """Tesseract boxed the last glyph of "11.1" only; the print runs on to the left with gaps
    narrower than a word space, and another column's ink stands well apart."""
    ink = np.zeros((30, 200), np.uint8)
    for x in (20, 32, 44, 52):  # four glyphs, 4-8 px apart
        ink[5:25, x:x + 6] = 255
    ink[5:25, 120:130] = 255  # the next column, 62 px on
    em = 30.0  # pixels, at scale 1: a word space is 12 px
    part = Word(text="a", x0=52, top=5, x1=58, bottom=25, size=em)
    whole = whole_print(part, ink, 1.0, em)
    assert (whole.x0, whole.x1) == (20, 58)
