"""Tesseract's hOCR: a page image read (`read_hocr`), an element's properties, a word's text
and confidence, and a word Tesseract ran together parted where its print shows a word space
(from the letter boxes `hocr_char_boxes` adds)."""

from __future__ import annotations

import numpy as np
import pytesseract
from lxml import etree
from PIL import Image

LANGUAGE = "eng"
_SPACE = 0.2  # ems: a blank this wide inside a word is a space (letters stand under 0.12 em apart)


def properties(element: etree._Element) -> dict[str, list[str]]:
    """hOCR's title="bbox 1 2 3 4; x_wconf 96" as {"bbox": ["1", "2", "3", "4"], "x_wconf": ["96"]}."""
    out = {}
    for part in (element.get("title") or "").split(";"):
        if part.strip():
            name, *values = part.split()
            out[name] = values
    return out


def word_text(span: etree._Element) -> tuple[str, float]:
    """An hOCR word's text (from its letters when they are listed) and confidence."""
    letters = _letters(span)
    text = "".join(t for t, _, _ in letters) if letters else "".join(span.itertext())
    return text.strip(), float(properties(span).get("x_wconf", ["0"])[0])


def _letters(span: etree._Element) -> list[tuple[str, int, int]]:
    """An hOCR word's letters with their left and right edges (pixels), if listed."""
    return [(c.text or "", int(properties(c)["x_bboxes"][0]), int(properties(c)["x_bboxes"][2]))
            for c in span.iter("{*}span") if c.get("class") == "ocrx_cinfo"]


def spaced(span: etree._Element, ink: np.ndarray, em: float) -> list[tuple[str, int, int]]:
    """An hOCR word as one or more words (text, left, right in pixels; `ink`: the word's rows,
    `em` in pixels): Tesseract runs words together when it misses the space between them, in
    bold print most ("Reduceavoidable"). A gap in the print as wide as a word space, much wider
    than letters stand apart, parts the word between the letters Tesseract placed either side of
    it."""
    text, _ = word_text(span)
    x0, _, x1, _ = (int(v) for v in properties(span)["bbox"])
    letters = _letters(span)
    if len(letters) < 2:
        return [(text, x0, x1)]
    inked = ink[:, x0:x1 + 1].any(axis=0)
    pieces, start, at = [], x0, 0
    for gap0, gap1 in _gaps(inked, _SPACE * em):
        middle = x0 + (gap0 + gap1) / 2
        cut = min(range(at + 1, len(letters)), key=lambda i: abs((letters[i - 1][2] + letters[i][1]) / 2 - middle),
                  default=None)
        if cut is None or abs((letters[cut - 1][2] + letters[cut][1]) / 2 - middle) > (gap1 - gap0) / 2 + _SPACE * em:
            continue  # no letters either side of the gap where Tesseract placed them
        if not (letters[cut - 1][0].isalpha() and letters[cut][0].isalpha()):
            continue  # digits stand wide apart in tabular figures ("2021"), punctuation varies
        left = "".join(t for t, _, _ in letters[at:cut])
        pieces.append((left, start, x0 + gap0 - 1))
        start, at = x0 + gap1, cut
    pieces.append(("".join(t for t, _, _ in letters[at:]), start, x1))
    return pieces


def _gaps(inked: np.ndarray, least: float) -> list[tuple[int, int]]:
    """Runs of blank columns at least `least` wide between inked ones: (first, past last)."""
    columns = np.flatnonzero(inked)
    if columns.size < 2:
        return []
    breaks = np.flatnonzero(np.diff(columns) - 1 >= least)
    return [(int(columns[i]) + 1, int(columns[i + 1])) for i in breaks]


def read_hocr(image: Image.Image, config: str) -> etree._Element:
    """The image read by Tesseract (with `config`: page segmentation mode, variables), as hOCR."""
    return etree.fromstring(pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, config=config, extension="hocr"))
