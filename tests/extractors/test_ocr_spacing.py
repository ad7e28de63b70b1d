"""Words Tesseract runs together ("Reduceavoidable", in bold print most) are parted where the
print shows a gap as wide as a word space between two letters; tabular digits, which stand
wide apart, are not."""

from __future__ import annotations

import numpy as np
from lxml import etree

from extractors.hocr import spaced

EM = 36.0  # pixels


def _word(text: str, gaps: dict[int, int]) -> tuple[etree._Element, np.ndarray]:
    """An hOCR word of 14-pixel letters 3 pixels apart, or `gaps[i]` pixels before letter i,
    and its print."""
    ink = np.zeros((30, 400), np.uint8)
    letters, x = [], 10
    for i, letter in enumerate(text):
        x += gaps.get(i, 3) if i else 0
        ink[3:27, x:x + 14] = 255
        letters.append(f"<span class='ocrx_cinfo' title='x_bboxes {x} 3 {x + 14} 27; x_conf 99'>{letter}</span>")
        x += 14
    span = etree.fromstring(f"<span class='ocrx_word' title='bbox 10 3 {x} 27; x_wconf 91'>{''.join(letters)}</span>")
    return span, ink


def test_a_word_space_in_the_print_parts_a_run_together_word() -> None:
    span, ink = _word("Reduceavoidable", {6: 11})
    assert [text for text, _, _ in spaced(span, ink, EM)] == ["Reduce", "avoidable"]


def test_each_space_parts_it() -> None:
    span, ink = _word("MaintainourCQC", {8: 12, 11: 11})
    parts = spaced(span, ink, EM)
    assert [text for text, _, _ in parts] == ["Maintain", "our", "CQC"]
    assert parts[0][2] < parts[1][1] and parts[1][2] < parts[2][1]  # each part boxed apart


def test_letters_closer_than_a_word_space_and_wide_digits_stay_one_word() -> None:
    assert [t for t, _, _ in spaced(*_word("harm", {2: 5}), EM)] == ["harm"]
    assert [t for t, _, _ in spaced(*_word("2021", {3: 12}), EM)] == ["2021"]
