"""The font size of a run of OCR words is measured on its words with capitals, digits or
ascenders when it has any: an x-height is a different share of the em in each font."""

from __future__ import annotations

import pytest

from extractors.ocr import _segment_size
from extractors.pdf_page import Word


def _word(text: str, height: float) -> Word:
    return Word(text=text, x0=0.0, top=100.0 - height, x1=10.0, bottom=100.0, size=0.0)


def test_a_line_of_x_height_words_takes_its_size_from_its_ascenders() -> None:
    """A font whose x-height is 0.55 em at 8.5 pt: "or" and "severe" alone would read 9 pt."""
    segment = [_word("or", 0.55 * 8.5), _word("severe", 0.55 * 8.5), _word("harm", 0.72 * 8.5)]
    assert _segment_size(segment, 10.0) == pytest.approx(8.5)


def test_a_run_of_x_height_words_only_is_measured_on_them() -> None:
    assert _segment_size([_word("or", 0.52 * 9.0), _word("saw", 0.52 * 9.0)], 10.0) == pytest.approx(9.0)
