"""clean_text and repair_ocr."""

from __future__ import annotations

import pytest

from normalisers.text import clean_text, repair_ocr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Chief\u00a0Operating \n Officer ", "Chief Operating Officer"),
        ("Cafe\u0301", "Café"),  # NFC
        ("soft\u00adhyphen", "softhyphen"),
        ("\ufeffQ1-4\t", "Q1-4"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("соо", "COO"),  # Cyrillic look-alikes forming a known abbreviation
        ("СFО", "CFO"),
        ("NHS Irust", "NHS Trust"),
        ("INTO ITUST", "INTO TRUST"),
        ("Chief Operating Officer", "Chief Operating Officer"),
        ("Москва", "Москва"),  # a real Cyrillic word is left alone
        ("ΑΒΓ", "ΑΒΓ"),
    ],
)
def test_repair_ocr(raw: str, expected: str) -> None:
    assert repair_ocr(raw) == expected
