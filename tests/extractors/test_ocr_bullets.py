"""Bullets Tesseract passes over: a solid dot of a bullet's size standing clear before a line
that starts with a capital is put back as a bullet; a letter's ink, a ring or a full stop is
not."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.ocr import _missed_bullets
from extractors.pdf_page import DOT_TEXT, Word

EM = 36.0  # pixels; the tests work at scale 1 (a point is a pixel)


def _line(mark: str, text: str = "Improved") -> tuple[list[Word], np.ndarray]:
    """A line of one word at x 100-220 and its print, with `mark` drawn 40 pixels before it:
    "dot" (a solid round bullet), "ring" (an "o"), "stop" (a full stop), "letter" (a dot right
    after the end of a bold word read before it) or "none"."""
    image = Image.new("L", (260, 40), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 8, 219, 33), fill=255)
    if mark in ("dot", "letter"):
        draw.ellipse((54, 15, 67, 28), fill=255)  # 13 pixels across, as a scanned bullet at 300 dpi
    if mark == "letter":
        draw.rectangle((40, 12, 51, 29), fill=255)
    if mark == "ring":
        draw.ellipse((52, 13, 69, 30), outline=255, width=3)
    if mark == "stop":
        draw.ellipse((58, 28, 62, 32), fill=255)
    ink = np.asarray(image).copy()
    words = [Word(text=text, x0=100.0, top=8.0, x1=220.0, bottom=34.0, size=EM, confidence=96.0)]
    if mark == "letter":  # the word the letter ends, as Tesseract read it
        words.insert(0, Word(text="Reduce", x0=0.0, top=8.0, x1=52.0, bottom=34.0, size=EM, confidence=96.0))
    return words, ink


def test_a_dot_before_a_line_is_put_back_as_a_bullet() -> None:
    words, ink = _line("dot")
    found = _missed_bullets(words, ink, 1.0)
    assert [w.text for w in found] == [DOT_TEXT] and [w.text for w in words] == ["Improved"]
    assert 50 <= found[0].x0 < found[0].x1 <= 70


@pytest.mark.parametrize("mark", ["ring", "stop", "letter", "none"])
def test_other_marks_are_no_bullets(mark: str) -> None:
    words, ink = _line(mark)
    before = [w.text for w in words]
    assert _missed_bullets(words, ink, 1.0) == [] and [w.text for w in words] == before


def test_no_bullet_before_a_line_in_lower_case() -> None:
    words, ink = _line("dot", "and")
    assert _missed_bullets(words, ink, 1.0) == [] and [w.text for w in words] == ["and"]
