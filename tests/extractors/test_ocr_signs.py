"""Comparison signs in a scan: Tesseract reads "≥" as "=", "=>" or ">" and "≤" as "<"; the sign
is told from its print. Targets drawn with reportlab in a font that has the signs, scanned clean
at 200 dpi and read through real Tesseract, must keep their signs; and the shape rule itself on
drawn glyphs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors.ocr import _line_words
from extractors.ocr_proof import sign
from tests.extractors.test_ocr_tables import read_scan

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TARGETS = [
    "Staff turnover ≤ 12%",
    "Training compliance ≥ 90%",
    "Antibiotics within 1 hour for ≥ 90% of patients",
    "Patients waiting over 6 weeks < 5%",
    "Sickness absence ≤ 4.5%",
    "Theatre utilisation ≥ 85%",
]


def draw_targets(path: Path) -> Path:
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 90
    for target in TARGETS:
        pdf.setFont("DejaVuSans", 10)
        pdf.drawString(70, y, target)
        y -= 22
    pdf.save()
    return path


@pytest.mark.skipif(not FONT.is_file(), reason="needs the DejaVu Sans font for the signs")
def test_signs_of_targets_in_a_scan_are_read_from_their_print(tmp_path: Path) -> None:
    document = read_scan(draw_targets, tmp_path)
    assert " ".join(block.text for block in document.blocks).split() == " ".join(TARGETS).split()


def _glyph(*strokes: tuple[tuple[int, int], ...], width: int = 4) -> np.ndarray:
    """A 40 x 40 ink image (255 ink) with the given polylines drawn."""
    image = Image.new("L", (40, 40), 0)
    draw = ImageDraw.Draw(image)
    for points in strokes:
        draw.line(points, fill=255, width=width)
    return np.asarray(image)


@pytest.mark.parametrize(("strokes", "meant"), [
    ((((8, 6), (32, 16), (8, 26)), ((8, 33), (32, 33))), "≥"),  # a chevron with a bar apart under it
    ((((8, 6), (32, 16), (8, 26), (8, 33), (32, 33)),), "≥"),  # the bar joined to the lower arm
    ((((32, 6), (8, 16), (32, 26)), ((8, 33), (32, 33))), "≤"),
    ((((8, 6), (32, 18), (8, 30)),), ">"),
    ((((32, 6), (8, 18), (32, 30)),), "<"),
    ((((8, 12), (32, 12)), ((8, 26), (32, 26))), "="),
    ((((2, 12), (14, 12)), ((2, 26), (14, 26)), ((22, 6), (36, 18), (22, 30))), None),  # "=>": two glyphs
])
def test_sign_is_told_from_its_shape(strokes: tuple, meant: str | None) -> None:
    assert sign(_glyph(*strokes)) == meant


def test_a_reading_of_no_ink_is_dropped() -> None:
    """Tesseract reads "=" in the faint trace of a column rule taken out of the image; the
    black-and-white print has no ink there."""
    line = etree.fromstring(
        "<span class='ocr_line' title='bbox 10 5 110 35; baseline 0 0; x_size 30; x_descenders 6; x_ascenders 7'>"
        "<span class='ocrx_word' title='bbox 10 5 60 35; x_wconf 95'>Chief</span>"
        "<span class='ocrx_word' title='bbox 100 5 110 35; x_wconf 62'>=</span></span>")
    ink = np.zeros((60, 200), np.uint8)
    ink[8:33, 12:58] = 255
    assert [w.text for w in _line_words(line, 1.0, ink, {})] == ["Chief"]
