"""Scanned pages: rasterised with pypdfium2, read by Tesseract (pytesseract), and turned into
the same `PageContent` the PDF reader fills (extractors/pdf_page.py), each word with its
confidence, so that layout (tables, furniture, reading order, paragraphs, headings) is the PDF
reader's own `layout_pages`.

Tesseract gives no font sizes: each word's box height is read against the letters it holds
(capitals and ascenders rise 0.72 em, other lower case 0.52 em, descenders fall 0.21 em), the
median over a run of words is its size, and sizes are clustered so that lines of one style
share one size. Tesseract may join two columns into one line, so a line is cut where words
stand far apart, each part sized on its own. Specks and box edges read as capitals with low
confidence are dropped. Table borders are found in the image (long thin runs of ink) and
become the page's ruling lines, so ruled tables are found as in a text PDF. A scan turned by a
degree or so is levelled from the slope of Tesseract's baselines, words and rules alike.

Tesseract's reading is checked against the print where its language model misleads it: a
doubtful word alone in its column (a code, an abbreviation in a narrow cell) is read again on
its own in black and white; a word's capitals are set by its letters' heights ("clo" is "CIO"
when c and o stand as tall as the l); a comparison sign is told from its shape ("≥" read as
"=" has a chevron, not two bars).
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
from lxml import etree
from PIL import Image, ImageFilter

from extractors.forked_pages import read_pages
from extractors.ocr_image import bridge_frames, dots, prepare, rules_through_fills, stroke_width
from extractors.pdf_page import DOT_TEXT, Fill, PageContent, Rule, Word
from extractors.pdf_tables import merge_rules
from schemas.errors import CorruptFile, UnsupportedFormat

OCR_DPI = 300  # render resolution for recognition: small print in tables reads far better than at 200
MAX_OCR_PIXELS = 80_000_000  # a page larger than this at OCR_DPI (A1 and up) is rendered coarser
LANGUAGE = "eng"
_CAP_HEIGHT = 0.72  # per em, in common fonts: capitals and ascenders
_X_HEIGHT = 0.52  # lower-case letters without ascenders
_DESCENDER = 0.21  # below the baseline
_ASCENDERS = frozenset("bdfhkltij()[]{}/|?!%&#$")  # i and j: their dots rise as high; these marks as capitals
_DESCENDERS = frozenset("gjpqy()[]{}|")
_UNSURE = 50.0  # word confidence below which a word of capitals or symbols only is noise
_COLUMN_GAP = 1.5  # ems of white space that separate two columns within one OCR line
# Tesseract's own threads fight over cores when pages or documents run in parallel (workers):
# one thread each is faster overall. Set OMP_THREAD_LIMIT to override.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
_LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
_DESPECKLE = 3  # median filter window, pixels
_BOLD = 1.25  # stroke width per em, against the document's usual, from which a word is bold
_FEW_WORDS = 20  # a page reading fewer words than this, or
_UNSURE_PAGE = 70.0  # most of them less sure than this, may be on its side: its orientation is checked
_OSD_PIXELS = 2_500_000  # orientation is detected on a copy no larger than this (about 150 dpi for A4)
_OSD_SURE = 2.0  # Tesseract's orientation confidence below which the page is left as it is
_BULLET_GAP = 4.0  # ems: the widest hanging indent between a bullet and its text
_DOT_EM = (0.2, 0.6)  # a bullet's width, in ems of its item's text (a full stop is narrower)
_DOT_RISE = (0.1, 0.6)  # ems from the baseline to a bullet's middle (in the x-height)
_SIZE_CLUSTER = 0.10  # a size this close to a more used one is that style
# What Tesseract reads for a round bullet glyph when it stands alone at a line start
_BULLET_READINGS = frozenset("•●◦▪■e«»©@°*+¢o")
# Letters whose capital is the lower-case shape enlarged: only their height tells which it is
_CASE_BY_HEIGHT = frozenset("cosuvwxz")
_TALL = frozenset("bdhkl")  # lower-case letters as tall as a capital
_CAP_SHARE = 0.85  # of the tallest letter's height, from which a letter is as tall as a capital
_MARK_SHARE = 0.4  # of the tallest letter's height, below which a mark is punctuation, not a letter
_SURE = 90.0  # word confidence below which a word alone in its column is read again on its own
_REREAD_PAD = 0.25  # ems of margin around a word read again
_SPECK = 0.4  # ems: a word lower than this is a speck, not read again
_WORD_SPACE = 0.4  # ems: ink this close to a word read again is part of it
_SPACE = 0.2  # ems: a blank this wide inside a word is a space (letters stand under 0.12 em apart)
# Enlargements a word is read again at: Tesseract's reading of a short word swings with its
# size, and the surest reading is kept
_REREAD_SCALES = (1, 2)
# Characters printed as more than one mark; a reading is not taken for one with fewer or more
# characters than the print has marks ("1.1" read again as "11")
_GLYPH_PARTS = {"i": 2, "j": 2, ":": 2, ";": 2, "=": 2, "!": 2, "?": 2, '"': 2, "%": 3}
_THIN = frozenset("iIl1")  # one upright stroke: a stroke may be read as two of these
_SIGN_READINGS = frozenset("<>=≤≥")  # what Tesseract reads for a comparison sign
_PRINTED_SIGNS = frozenset("≤≥")  # signs only the print can tell: kept, however unsure Tesseract was
_BAR_SPAN = 0.8  # share of a sign's width a bar spans
_SIGN_PX = 5  # pixels: a mark smaller than this each way is a speck, not a sign


@dataclass(slots=True)
class OcrPage:
    """One recognised page, and how long recognition took."""

    content: PageContent
    seconds: float = 0.0
    strokes: dict[int, float | None] = field(default_factory=dict)  # id(word) -> stroke width, points

    def __reduce__(self) -> tuple[Callable[..., OcrPage], tuple[object, ...]]:
        """Pickled (by forked page readers) with its strokes by word position: ids are a process's own."""
        at = {id(word): position for position, word in enumerate(self.content.words)}
        return _ocr_page, (self.content, self.seconds, {at[key]: width for key, width in self.strokes.items()
                                                        if key in at})


def _ocr_page(content: PageContent, seconds: float, strokes: dict[int, float | None]) -> OcrPage:
    """An OcrPage from its pickle: strokes by word position keyed by the words' ids again."""
    return OcrPage(content, seconds, {id(content.words[position]): width for position, width in strokes.items()})


def render_page(pdf: pdfium.PdfDocument, index: int, dpi: float = OCR_DPI) -> Image.Image:
    """The page as a grey image, speckle noise taken out by a median filter."""
    image = pdf[index].render(scale=dpi / 72).to_pil().convert("L")
    return image.filter(ImageFilter.MedianFilter(_DESPECKLE))


def _properties(element: etree._Element) -> dict[str, list[str]]:
    """hOCR's title="bbox 1 2 3 4; x_wconf 96" as {"bbox": ["1", "2", "3", "4"], "x_wconf": ["96"]}."""
    out = {}
    for part in (element.get("title") or "").split(";"):
        if part.strip():
            name, *values = part.split()
            out[name] = values
    return out


def _is_bullet(segment: list[Word]) -> bool:
    """A lone glyph (perhaps with a stray mark: "©:") before a capital or a number."""
    first = segment[0].text
    return (len(segment) > 1 and first[:1] in _BULLET_READINGS and not any(c.isalnum() for c in first[1:])
            and len(first) <= 2 and (segment[1].text[:1].isupper() or segment[1].text[:1].isdigit()))


def _is_noise(text: str, confidence: float) -> bool:
    """Specks and box edges read as letters: unsure, and no lower-case letter or digit in them."""
    return (confidence < _UNSURE and not any(c.islower() or c.isdigit() for c in text)
            and not (len(text) <= 2 and text[:1] in _BULLET_READINGS))


def _em(word: Word) -> float | None:
    """The font size a word's box implies, from which of its letters rise and which descend."""
    if not any(c.isalnum() for c in word.text):
        return None
    rise = _CAP_HEIGHT if any(c.isupper() or c.isdigit() or c in _ASCENDERS for c in word.text) else _X_HEIGHT
    fall = _DESCENDER if any(c in _DESCENDERS for c in word.text) else 0.0
    return (word.bottom - word.top) / (rise + fall)


def _segments(words: list[Word], gap: float) -> list[list[Word]]:
    """Tesseract may join two columns into one line: split it where words stand `gap` apart."""
    segments = [[words[0]]]
    for word in words[1:]:
        if word.x0 - segments[-1][-1].x1 > gap:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _line_words(line: etree._Element, scale: float, ink: np.ndarray | None = None,
                strokes: dict[int, float | None] | None = None) -> list[Word]:
    """A line's words in points, each part of the line (a column) with its own size estimate,
    boxed as a text PDF boxes them (from the baseline, one em high: see `_font_box`). With `ink`,
    each word's stroke width (points) goes into `strokes`, measured on its letters' own box."""
    props = _properties(line)
    _, top, _, bottom = (int(v) for v in props["bbox"])
    line_em = (float(props.get("x_size", [bottom - top])[0]) - float(props.get("x_descenders", ["0"])[0])) \
        / _CAP_HEIGHT * scale
    words = []
    for span in line.iter("{*}span"):
        if span.get("class") != "ocrx_word":
            continue
        text, confidence = _word_text(span)
        if not text:
            continue
        x0, top_px, x1, bottom_px = (int(v) for v in _properties(span)["bbox"])
        pieces = [(text, x0, x1)] if ink is None else _spaced(span, ink[top_px:bottom_px + 1], line_em / scale)
        words.extend(Word(text=piece, x0=start * scale, top=top_px * scale, x1=end * scale, bottom=bottom_px * scale,
                          size=line_em, confidence=confidence) for piece, start, end in pieces)
    if words and ink is not None:
        # a reading of no ink at all is of the faint trace a rule leaves where it was taken out
        words = [w for w in words if ink[_pixels(w, scale, 0.0)].any()]
        _read_lone_words(words, ink, scale, line_em)
        _read_signs(words, ink[top:bottom + 1], scale)
    words = [w for w in words if w.text in _PRINTED_SIGNS or not _is_noise(w.text, w.confidence or 0.0)]
    if not words:
        return []
    if ink is not None:
        for word in words:
            word.text = _capitals(word.text, ink[_pixels(word, scale, 0.0)], _CAP_HEIGHT * line_em / scale)
    if ink is not None and strokes is not None:
        for word in words:
            strokes[id(word)] = _stroke(ink, word, scale)
    for segment in _segments(words, _COLUMN_GAP * line_em):
        size = _segment_size(segment, line_em)
        on_line = [w.bottom for w in segment if any(c.isalnum() for c in w.text)
                   and not any(c in _DESCENDERS for c in w.text)]
        baseline = statistics.median(on_line) if on_line else max(w.bottom for w in segment) - _DESCENDER * size
        for word in segment:
            word.size = size
            _font_box(word, baseline, size)
        if _is_bullet(segment):
            segment[0].text = DOT_TEXT
    _lone_bullets(words)
    return words


def _read_signs(words: list[Word], ink: np.ndarray, scale: float) -> None:
    """Words read as comparison signs set to the sign their print shows (`_sign`). Tesseract may
    box a sign it misreads off its print: the sign is all the ink between the words either side
    (`ink`: the line's rows)."""
    for i, word in enumerate(words):
        if set(word.text) <= _SIGN_READINGS:
            x0 = words[i - 1].x1 / scale + 1 if i else word.x0 / scale
            x1 = words[i + 1].x0 / scale - 1 if i + 1 < len(words) else word.x1 / scale
            word.text = _sign(ink[:, max(0, int(x0)):int(math.ceil(x1)) + 1]) or word.text


def _sign(ink: np.ndarray) -> str | None:
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


def _read_lone_words(words: list[Word], ink: np.ndarray, scale: float, em: float) -> None:
    """Each doubtful word of a line alone in its column read again on its own (`_read_again`),
    before unsure words are dropped as specks: a short code may be read poorly, not be a speck."""
    for segment in _segments(words, _COLUMN_GAP * em):
        if len(segment) == 1:
            _read_again(segment[0], ink, scale, em)


def _word_text(span: etree._Element) -> tuple[str, float]:
    """An hOCR word's text (from its letters when they are listed) and confidence."""
    letters = _letters(span)
    text = "".join(t for t, _, _ in letters) if letters else "".join(span.itertext())
    return text.strip(), float(_properties(span).get("x_wconf", ["0"])[0])


def _letters(span: etree._Element) -> list[tuple[str, int, int]]:
    """An hOCR word's letters with their left and right edges (pixels), if listed."""
    return [(c.text or "", int(_properties(c)["x_bboxes"][0]), int(_properties(c)["x_bboxes"][2]))
            for c in span.iter("{*}span") if c.get("class") == "ocrx_cinfo"]


def _spaced(span: etree._Element, ink: np.ndarray, em: float) -> list[tuple[str, int, int]]:
    """An hOCR word as one or more words (text, left, right in pixels; `ink`: the word's rows,
    `em` in pixels): Tesseract runs words together when it misses the space between them, in
    bold print most ("Reduceavoidable"). A gap in the print as wide as a word space, much wider
    than letters stand apart, parts the word between the letters Tesseract placed either side of
    it."""
    text, _ = _word_text(span)
    x0, _, x1, _ = (int(v) for v in _properties(span)["bbox"])
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


def _capitals(text: str, ink: np.ndarray, cap: float) -> str:
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


def _pixels(word: Word, scale: float, pad: float) -> tuple[slice, slice]:
    """The image rows and columns of a word's box (in points) with `pad` points around it."""
    top, x0 = max(0, int((word.top - pad) / scale)), max(0, int((word.x0 - pad) / scale))
    return slice(top, int(math.ceil((word.bottom + pad) / scale))), slice(x0, int(math.ceil((word.x1 + pad) / scale)))


def _read_again(word: Word, ink: np.ndarray, scale: float, em: float) -> None:
    """A doubtful word alone in its column (a code or an abbreviation in a narrow cell) read
    again on its own, as one line of black and white: Tesseract reads short words in a page's
    grey print poorly ("2.2" as "2:2", "13.1" as "131"). It is read at its size and enlarged;
    a new reading is kept when Tesseract is surer of it than of the reading so far and it counts
    no further from the marks in the print."""
    if ((word.confidence or 0.0) >= _SURE or not any(c.isalnum() for c in word.text)
            or word.bottom - word.top < _SPECK * em):
        return
    printed = _whole_print(word, ink, scale, em)
    alone = Image.fromarray(255 - ink[_pixels(printed, scale, _REREAD_PAD * em)])
    marks = _marks(ink[_pixels(printed, scale, 0.0)])
    for enlarged in _REREAD_SCALES:
        image = alone.resize((alone.width * enlarged, alone.height * enlarged), Image.NEAREST)
        hocr = pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, config="--psm 7", extension="hocr")
        spans = [s for s in etree.fromstring(hocr).iter("{*}span") if s.get("class") == "ocrx_word"]
        if len(spans) != 1:
            continue
        text, confidence = _word_text(spans[0])
        if (text and confidence > (word.confidence or 0.0)
                and abs(_parts(text) - marks) <= abs(_parts(word.text) - marks)):
            word.text, word.confidence, word.x0, word.x1 = text, confidence, printed.x0, printed.x1


def _whole_print(word: Word, ink: np.ndarray, scale: float, em: float) -> Word:
    """The word's box widened to the print it stands in: Tesseract may box and read part of a
    word only ("a" for "11.1"). Ink on the word's rows no further than a word space apart
    belongs to it."""
    rows, columns = _pixels(word, scale, 0.0)
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


def _segment_size(segment: list[Word], line_em: float) -> float:
    """The font size of a run of words: the median of its words' estimates (`_em`), from the
    words with a capital, digit or ascender when it has any: the height of those is much the
    same share of the em in every font, an x-height is not (0.45-0.55 em), and a line of
    x-height words otherwise reads a size larger than its neighbours'."""
    tall = [_em(w) for w in segment if any(c.isupper() or c.isdigit() or c in _ASCENDERS for c in w.text)]
    ems = [em for em in tall if em is not None] or [em for em in map(_em, segment) if em is not None]
    return statistics.median(ems) if ems else line_em


def _lone_bullets(words: list[Word]) -> None:
    """A bullet set well apart from its item's text (a hanging indent wider than the column gap)
    stands alone in its segment: a lone glyph read as a bullet, with a capital or a number
    after it within a few ems on the line, is one too."""
    for i, (glyph, after) in enumerate(zip(words, words[1:], strict=False)):
        text = glyph.text
        if (len(text) <= 2 and text[:1] in _BULLET_READINGS and not any(c.isalnum() for c in text[1:])
                and after.x0 - glyph.x1 <= _BULLET_GAP * after.size
                and (after.text[:1].isupper() or after.text[:1].isdigit())
                and (i == 0 or glyph.x0 - words[i - 1].x1 > _COLUMN_GAP * after.size)):
            glyph.text = DOT_TEXT


def _missed_bullets(words: list[Word], ink: np.ndarray, scale: float) -> list[Word]:
    """Bullets Tesseract left out or read as a letter (it often drops a small dot set apart
    from its item's text, or reads it "e" on a line of its own): a solid dot of ink, covered by
    no word but such a reading, in the x-height of a line and just left of a word that starts
    with a capital or a digit, with no word close before it on the line (it starts the line or
    a column's part of it). A reading is made the bullet; the new bullets are returned."""
    if not words:
        return []
    least = max(2, int(_DOT_EM[0] * min(w.size for w in words) / scale))
    most = int(_DOT_EM[1] * max(w.size for w in words) / scale) + 1
    out = []
    for box in dots(ink, least, most):
        x0, top, x1, bottom = (v * scale for v in box)
        middle = (top + bottom) / 2
        covering = [w for w in words if w.x0 < x1 and x0 < w.x1 and w.top < bottom and top < w.bottom]
        if covering and not (len(covering) == 1 and _bullet_reading(covering[0].text)):
            continue  # part of a word: a letter, a full stop
        level = [w for w in words if w.top <= middle <= w.bottom and w not in covering]
        after = min((w for w in level if w.x0 >= x1), key=lambda w: w.x0, default=None)
        if after is None or not (after.text[:1].isupper() or after.text[:1].isdigit()):
            continue
        size, baseline = after.size, after.bottom - _DESCENDER * after.size
        if (after.x0 - x1 <= _BULLET_GAP * size and _DOT_EM[0] <= (x1 - x0) / size <= _DOT_EM[1]
                and _DOT_RISE[0] <= (baseline - middle) / size <= _DOT_RISE[1]
                and not any(w.x1 <= x0 and x0 - w.x1 < _COLUMN_GAP * size for w in level)):
            bullet = Word(text=DOT_TEXT, x0=x0, top=after.top, x1=x1, bottom=after.bottom, size=size,
                          confidence=after.confidence)
            if covering:
                words[words.index(covering[0])] = bullet
            else:
                out.append(bullet)
    return out


def _bullet_reading(text: str) -> bool:
    """One or two glyphs of those Tesseract reads for a round bullet ("e", "oe", "©")."""
    return len(text) <= 2 and all(c in _BULLET_READINGS for c in text)


def _font_box(word: Word, baseline: float, size: float) -> None:
    """Box a word as a text PDF does: one em high, its bottom a descender below the baseline."""
    word.bottom = baseline + _DESCENDER * size
    word.top = word.bottom - size


def _level_rules(rules: list[Rule], slope: float, width: float, height: float) -> list[Rule]:
    """Rules turned about the page centre like the words (`_level`)."""
    cx, cy = width / 2, height / 2

    def turn(x: float, y: float) -> tuple[float, float]:
        return x + (y - cy) * slope, y - (x - cx) * slope

    out = []
    for rule in rules:
        (x0, top), (x1, bottom) = turn(rule.x0, rule.top), turn(rule.x1, rule.bottom)
        if rule.horizontal:
            y = (top + bottom) / 2
            out.append(Rule(x0, y, x1, y))
        else:
            x = (x0 + x1) / 2
            out.append(Rule(x, top, x, bottom))
    return out


def _level_fill(fill: Fill, slope: float, width: float, height: float) -> Fill:
    """A shaded area moved like the words (`_level`): its centre turned, its size kept."""
    cx, cy = width / 2, height / 2
    mx, my = (fill.x0 + fill.x1) / 2, (fill.top + fill.bottom) / 2
    dx, dy = (my - cy) * slope, -(mx - cx) * slope
    return Fill(fill.x0 + dx, fill.top + dy, fill.x1 + dx, fill.bottom + dy, fill.colour)


def _stroke(ink: np.ndarray, word: Word, scale: float) -> float | None:
    """The stroke width of a word's letters, in points."""
    px = stroke_width(ink, (int(word.x0 / scale), int(word.top / scale), int(math.ceil(word.x1 / scale)),
                            int(math.ceil(word.bottom / scale))))
    return None if px is None else px * scale


def _skew(lines: list[etree._Element]) -> float:
    """The page's slope (dy/dx of the text baselines, image y downwards): median over its lines."""
    slopes = [float(_properties(line)["baseline"][0]) for line in lines if "baseline" in _properties(line)]
    return statistics.median(slopes) if slopes else 0.0


def _level(words: list[Word], slope: float, width: float, height: float) -> None:
    """Undo a slight rotation of the scan: turn each word's box about the page centre, in place."""
    cx, cy = width / 2, height / 2
    for word in words:
        mx, my = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        dx, dy = mx - cx, my - cy
        shift_x, shift_y = dy * slope, -dx * slope
        word.x0, word.x1 = word.x0 + shift_x, word.x1 + shift_x
        word.top, word.bottom = word.top + shift_y, word.bottom + shift_y


def _read_lines(image: Image.Image) -> list[etree._Element]:
    # each letter's box: where to part words Tesseract ran together (`_spaced`)
    hocr = pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, config="--psm 3 -c hocr_char_boxes=1",
                                            extension="hocr")
    return [line for line in etree.fromstring(hocr).iter("{*}span") if line.get("class") in _LINE_CLASSES]


def recognise(image: Image.Image, number: int, width: float, height: float, dpi: float) -> OcrPage:
    """Words of one page image as PDF points, with Tesseract's confidence (0-100) per word, and
    the page's ruling lines and shaded areas. Tesseract reads the image with its shaded areas
    flattened to paper (light text on a dark band turned dark) and its rules whitened."""
    scale = 72.0 / dpi
    prepared = prepare(np.asarray(image), scale)
    lines = _read_lines(Image.fromarray(prepared.clean))
    strokes: dict[int, float | None] = {}
    words = [w for line in lines for w in _line_words(line, scale, prepared.ink, strokes)]
    words += _missed_bullets(words, prepared.ink, scale)
    slope = _skew(lines)
    _level(words, slope, width, height)
    levelled = {id(f): _level_fill(f, slope, width, height) for f in prepared.fills}
    fills = list(levelled.values())
    dark = [levelled[id(f)] for f in prepared.dark_fills]
    rules = _level_rules(prepared.rules, slope, width, height)
    rules = merge_rules(bridge_frames(rules_through_fills(rules, fills, dark, words), fills))
    return OcrPage(PageContent(number=number, width=width, height=height, words=words, rules=rules, fills=fills),
                   strokes=strokes)


def _upright(image: Image.Image, number: int, width: float, height: float, dpi: float) -> OcrPage:
    """The page recognised as it stands, or, when that reads poorly (few words, or most of them
    unsure: print on its side or upside down), turned upright as Tesseract's orientation
    detection says and read again, whichever reads better."""
    page = recognise(image, number, width, height, dpi)
    if not _doubtful(page):
        return page
    turn = orientation(image)
    if not turn:
        return page
    turned_width, turned_height = (height, width) if turn % 180 else (width, height)
    again = recognise(image.rotate(-turn, expand=True), number, turned_width, turned_height, dpi)
    return again if _legibility(again) > _legibility(page) else page


def _doubtful(page: OcrPage) -> bool:
    words = page.content.words
    return len(words) < _FEW_WORDS or statistics.median(w.confidence or 0.0 for w in words) < _UNSURE_PAGE


def _legibility(page: OcrPage) -> float:
    return sum(w.confidence or 0.0 for w in page.content.words if (w.confidence or 0.0) >= _UNSURE)


def orientation(image: Image.Image) -> int:
    """How far (degrees clockwise: 0, 90, 180, 270) the page must turn to stand upright, by
    Tesseract's orientation detection on a smaller copy; 0 when it is unsure or finds too
    little text."""
    factor = min(1.0, _OSD_PIXELS / max(1, image.width * image.height)) ** 0.5
    small = image.resize((max(1, int(image.width * factor)), max(1, int(image.height * factor))))
    try:
        found = pytesseract.image_to_osd(small, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0
    if float(found.get("orientation_conf", 0.0)) < _OSD_SURE:
        return 0
    return int(found.get("rotate", 0)) % 360


def _harmonise_sizes(pages: list[OcrPage]) -> None:
    """Give lines of one style one size. The most used sizes become styles first; a size within
    10% of a style already found is that style (so a heading's wrapped line keeps its size)."""
    counts = Counter(w.size for p in pages for w in p.content.words)
    styles: list[float] = []
    to_size: dict[float, float] = {}
    for size, _ in counts.most_common():
        style = next((s for s in styles if abs(size - s) <= _SIZE_CLUSTER * s), None)
        if style is None:
            styles.append(size)
            style = size
        to_size[size] = round(style * 2) / 2
    for page in pages:
        for word in page.content.words:
            size = to_size[word.size]
            _font_box(word, word.bottom - _DESCENDER * word.size, size)
            word.size = size


def _mark_bold(pages: list[OcrPage]) -> None:
    """Bold words: strokes markedly heavier, for their size, than the document's usual print
    (the median over its letters)."""
    weights = [(page.strokes.get(id(w)), w) for page in pages for w in page.content.words]
    ratios = [(stroke / w.size, len(w.text)) for stroke, w in weights if stroke and w.size > 0]
    if not ratios:
        return
    ratios.sort()
    half, seen = sum(n for _, n in ratios) / 2, 0
    usual = ratios[-1][0]
    for ratio, n in ratios:
        seen += n
        if seen >= half:
            usual = ratio
            break
    for stroke, word in weights:
        word.bold = bool(stroke and word.size > 0 and stroke / word.size >= _BOLD * usual)


def page_resolution(width: float, height: float, dpi: float = OCR_DPI) -> float:
    """`dpi`, or less for a page so large that its image would pass MAX_OCR_PIXELS (a blank
    page 200,000 points square would need terabytes)."""
    area = max(width, 1.0) * max(height, 1.0) / 72**2  # square inches
    return min(dpi, math.sqrt(MAX_OCR_PIXELS / area))


def ocr_pages(path: Path, numbers: list[int], dpi: float = OCR_DPI, processes: int = 1) -> list[OcrPage]:
    """Recognise the given pages (1-based) of a PDF, by up to `processes` processes
    (extractors/forked_pages.py); then sizes and bold are set across them."""
    pages = read_pages(len(numbers), partial(_opened, path, numbers, dpi), processes, min_pages=2)  # seconds a page
    _harmonise_sizes(pages)
    _mark_bold(pages)
    return pages


@contextmanager
def _opened(path: Path, numbers: list[int], dpi: float) -> Iterator[Callable[[int], OcrPage]]:
    """The PDF opened in this process: the index of a page in `numbers` -> the page recognised."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(str(path), f"cannot be opened for OCR ({exc})") from exc

    def read(index: int) -> OcrPage:
        number = numbers[index]
        width, height = pdf[number - 1].get_size()
        page_dpi = page_resolution(width, height, dpi)
        started = time.perf_counter()
        try:
            page = _upright(render_page(pdf, number - 1, page_dpi), number, width, height, page_dpi)
        except pytesseract.TesseractNotFoundError as exc:
            raise UnsupportedFormat(str(path), "a scanned PDF needs Tesseract OCR, which is not installed "
                                               "(apt-get install tesseract-ocr tesseract-ocr-eng)") from exc
        page.seconds = time.perf_counter() - started
        return page

    try:
        yield read
    finally:
        pdf.close()
