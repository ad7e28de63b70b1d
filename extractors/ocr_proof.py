"""Tesseract's reading checked against the print, where its language model misleads it: a
doubtful word alone in its column (a code, an abbreviation in a narrow cell) is read again on
its own in black and white (`read_again`); a word's capitals are set by its letters' heights
("clo" is "CIO" when c and o stand as tall as the l: `capitals`); a comparison sign is told
from its shape ("≥" read as "=" has a chevron, not two bars: `read_signs`)."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image

from extractors.hocr import read_hocr, word_text
from extractors.pdf_page import Word

# Letters whose capital is the lower-case shape enlarged: only their height tells which it is
_CASE_BY_HEIGHT = frozenset("cosuvwxz")
_TALL = frozenset("bdhkl")  # lower-case letters as tall as a capital
_CAP_SHARE = 0.85  # of the tallest letter's height, from which a letter is as tall as a capital
_MARK_SHARE = 0.4  # of the tallest letter's height, below which a mark is punctuation, not a letter
_SURE = 90.0  # word confidence below which a word alone in its column is read again on its own
_REREAD_PAD = 0.25  # ems of margin around a word read again
_SPECK = 0.4  # ems: a word lower than this is a speck, not read again
_WORD_SPACE = 0.4  # ems: ink this close to a word read again is part of it
# Characters printed as more than one mark; a reading is not taken for one with fewer or more
# characters than the print has marks ("1.1" read again as "11")
_GLYPH_PARTS = {"i": 2, "j": 2, ":": 2, ";": 2, "=": 2, "!": 2, "?": 2, '"': 2, "%": 3}
# Enlargements a word is read again at: Tesseract's reading of a short word swings with its
# size, and the surest reading is kept
_REREAD_SCALES = (1, 2)
_THIN = frozenset("iIl1")  # one upright stroke: a stroke may be read as two of these
PRINTED_SIGNS = frozenset("≤≥")  # signs only the print can tell: kept, however unsure Tesseract was
_SIGN_READINGS = frozenset("<>=≤≥")  # what Tesseract reads for a comparison sign
_BAR_SPAN = 0.8  # share of a sign's width a bar spans
_SIGN_PX = 5  # pixels: a mark smaller than this each way is a speck, not a sign


def read_signs(words: list[Word], ink: np.ndarray, scale: float) -> None:
    """Words read as comparison signs set to the sign their print shows (`sign`). Tesseract may
    box a sign it misreads off its print: the sign is all the ink between the words either side
    (`ink`: the line's rows)."""
    for i, word in enumerate(words):
        if set(word.text) <= _SIGN_READINGS:
            x0 = words[i - 1].x1 / scale + 1 if i else word.x0 / scale
            x1 = words[i + 1].x0 / scale - 1 if i + 1 < len(words) else word.x1 / scale
            word.text = sign(ink[:, max(0, int(x0)):int(math.ceil(x1)) + 1]) or word.text


def sign(ink: np.ndarray) -> str | None:
    """The comparison sign a glyph's print (`ink`: its box) shows, if it is one glyph: Tesseract
    reads "≥" as "=", "=>" or ">", and "≤" as "<". The two bars of "=" leave a gap across its
    middle, where a chevron's arms meet; a sign with a bar under it spans its width along its
    foot, a chevron only at one end. A chevron opening to the left (">") starts its upper arm
    at the left."""
    if ink.size == 0:
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = stats[1:count]
    if marks.size == 0:
        return None
    largest = marks[np.argmax(marks[:, cv2.CC_STAT_AREA])]
    left, right = largest[cv2.CC_STAT_LEFT], largest[cv2.CC_STAT_LEFT] + largest[cv2.CC_STAT_WIDTH]
    if any(m[cv2.CC_STAT_LEFT] >= right or m[cv2.CC_STAT_LEFT] + m[cv2.CC_STAT_WIDTH] <= left for m in marks):
        return None  # marks side by side: more than one glyph
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    glyph = ink[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1] > 0
    height, width = glyph.shape
    if height < _SIGN_PX or width < _SIGN_PX:
        return None
    band = max(1, height // 8)
    head, foot = (np.flatnonzero(part.any(axis=0)) for part in (glyph[:band], glyph[-band:]))
    head_bar, foot_bar = (np.ptp(part) + 1 >= _BAR_SPAN * width for part in (head, foot))
    if not glyph[int(0.3 * height):int(0.7 * height) + 1].any(axis=1).all():
        return "=" if head_bar and foot_bar else None
    opens_left = head.mean() < width / 2
    if foot_bar:
        return "≥" if opens_left else "≤"
    return ">" if opens_left else "<"


def capitals(text: str, ink: np.ndarray, cap: float) -> str:
    """A word read with lower-case letters that its print (`ink`: the word's box) shows as an
    abbreviation in capitals. Some letters (c, o, w ...) differ from their capitals in height
    only, and in sans-serif print capital I is lower-case l (or i, in bold): Tesseract's
    language model often reads "CIO" as "clo" or "clio". When the word's letters are capitals,
    l, i and letters of that kind only, and the print shows each letter apart, all as tall as
    the word's tallest letter that is a capital, a digit or an ascender (without one, as the
    line's capital height `cap`, pixels), the word is in capitals. A reading with one letter
    more than the print, two upright strokes side by side where it has one, loses one of them."""
    letters = [c for c in text if c.isalnum()]
    if (not any(c.islower() for c in letters)
            or not all(c.isdigit() or c.isupper() or c in "il" or c in _CASE_BY_HEIGHT for c in letters)):
        return text
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    if heights.size == 0:
        return text
    glyphs = heights[heights >= _MARK_SHARE * heights.max()]  # not full stops, hyphens and i-dots
    tall = any(c.isdigit() or (c.isupper() and c.lower() not in _CASE_BY_HEIGHT) or c in _TALL for c in letters)
    if glyphs.min() < _CAP_SHARE * (glyphs.max() if tall else cap):
        return text
    read = _one_stroke(text) if len(glyphs) == len(letters) - 1 else text
    if len(glyphs) != sum(c.isalnum() for c in read):
        return text
    return read.replace("l", "I").replace("i", "I").upper()


def _one_stroke(text: str) -> str:
    """The text with the second of its first two upright strokes side by side left out."""
    for i, (first, second) in enumerate(zip(text, text[1:], strict=False)):
        if first in _THIN and second in _THIN:
            return text[:i + 1] + text[i + 2:]
    return text


def pixels(word: Word, scale: float, pad: float) -> tuple[slice, slice]:
    """The image rows and columns of a word's box (in points) with `pad` points around it."""
    top, x0 = max(0, int((word.top - pad) / scale)), max(0, int((word.x0 - pad) / scale))
    return slice(top, int(math.ceil((word.bottom + pad) / scale))), slice(x0, int(math.ceil((word.x1 + pad) / scale)))


def read_again(word: Word, ink: np.ndarray, scale: float, em: float) -> None:
    """A doubtful word alone in its column (a code or an abbreviation in a narrow cell) read
    again on its own, as one line of black and white: Tesseract reads short words in a page's
    grey print poorly ("2.2" as "2:2", "13.1" as "131"). It is read at its size and enlarged;
    a new reading is kept when Tesseract is surer of it than of the reading so far and it counts
    no further from the marks in the print."""
    if ((word.confidence or 0.0) >= _SURE or not any(c.isalnum() for c in word.text)
            or word.bottom - word.top < _SPECK * em):
        return
    printed = whole_print(word, ink, scale, em)
    alone = Image.fromarray(255 - ink[pixels(printed, scale, _REREAD_PAD * em)])
    marks = _marks(ink[pixels(printed, scale, 0.0)])
    for enlarged in _REREAD_SCALES:
        image = alone.resize((alone.width * enlarged, alone.height * enlarged), Image.NEAREST)
        spans = [s for s in read_hocr(image, "--psm 7").iter("{*}span") if s.get("class") == "ocrx_word"]
        if len(spans) != 1:
            continue
        text, confidence = word_text(spans[0])
        if (text and confidence > (word.confidence or 0.0)
                and abs(_parts(text) - marks) <= abs(_parts(word.text) - marks)):
            word.text, word.confidence, word.x0, word.x1 = text, confidence, printed.x0, printed.x1


def whole_print(word: Word, ink: np.ndarray, scale: float, em: float) -> Word:
    """The word's box widened to the print it stands in: Tesseract may box and read part of a
    word only ("a" for "11.1"). Ink on the word's rows no further than a word space apart
    belongs to it."""
    rows, columns = pixels(word, scale, 0.0)
    inked = ink[rows].any(axis=0)
    gap = int(_WORD_SPACE * em / scale)
    x0, x1 = columns.start, min(columns.stop, inked.size) - 1
    while (start := max(0, x0 - gap)) < x0 and inked[start:x0].any():
        x0 = start + int(np.argmax(inked[start:x0]))  # the furthest ink within a word space
    while inked[x1 + 1:x1 + 1 + gap].any():
        x1 += 1 + int(np.flatnonzero(inked[x1 + 1:x1 + 1 + gap])[-1])
    return Word(text=word.text, x0=x0 * scale, top=word.top, x1=(x1 + 1) * scale, bottom=word.bottom, size=word.size)


def _marks(ink: np.ndarray) -> int:
    """How many separate marks of ink a word's box holds."""
    return cv2.connectedComponents(ink, connectivity=8)[0] - 1


def _parts(text: str) -> int:
    """How many separate marks the characters of a text are printed with."""
    return sum(_GLYPH_PARTS.get(c, 1) for c in text if not c.isspace())
