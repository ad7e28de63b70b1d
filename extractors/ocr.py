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

Tesseract's reading is checked against the print where its language model misleads it
(extractors/ocr_proof.py), and words it ran together are parted where the print shows a space
(extractors/hocr.py).
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

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from lxml import etree
from PIL import Image, ImageFilter

from extractors.forked_pages import read_pages
from extractors.hocr import properties, read_hocr, spaced, word_text
from extractors.ocr_image import bridge_frames, dots, prepare, rules_through_fills, skew, stroke_width, turned
from extractors.ocr_proof import PRINTED_SIGNS, capitals, pixels, read_again, read_signs
from extractors.pdf_page import DOT_TEXT, Fill, PageContent, Rule, Word
from extractors.pdf_tables import merge_rules
from schemas.errors import CorruptFile, UnsupportedFormat

OCR_DPI = 300  # render resolution for recognition: small print in tables reads far better than at 200
MAX_OCR_PIXELS = 80_000_000  # a page larger than this at OCR_DPI (A1 and up) is rendered coarser
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
_LEVEL_FIRST = 0.15  # degrees: a page turned this much or more is levelled before its image is read
_SIZE_CLUSTER = 0.10  # a size this close to a more used one is that style
# What Tesseract reads for a round bullet glyph when it stands alone at a line start
_BULLET_READINGS = frozenset("•●◦▪■e«»©@°*+¢o")


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
    props = properties(line)
    _, top, _, bottom = (int(v) for v in props["bbox"])
    line_em = (float(props.get("x_size", [bottom - top])[0]) - float(props.get("x_descenders", ["0"])[0])) \
        / _CAP_HEIGHT * scale
    words = []
    for span in line.iter("{*}span"):
        if span.get("class") != "ocrx_word":
            continue
        text, confidence = word_text(span)
        if not text:
            continue
        x0, top_px, x1, bottom_px = (int(v) for v in properties(span)["bbox"])
        pieces = [(text, x0, x1)] if ink is None else spaced(span, ink[top_px:bottom_px + 1], line_em / scale)
        words.extend(Word(text=piece, x0=start * scale, top=top_px * scale, x1=end * scale, bottom=bottom_px * scale,
                          size=line_em, confidence=confidence) for piece, start, end in pieces)
    if words and ink is not None:
        # a reading of no ink at all is of the faint trace a rule leaves where it was taken out
        words = [w for w in words if ink[pixels(w, scale, 0.0)].any()]
        _read_lone_words(words, ink, scale, line_em)
        read_signs(words, ink[top:bottom + 1], scale)
    words = [w for w in words if w.text in PRINTED_SIGNS or not _is_noise(w.text, w.confidence or 0.0)]
    if not words:
        return []
    if ink is not None:
        for word in words:
            word.text = capitals(word.text, ink[pixels(word, scale, 0.0)], _CAP_HEIGHT * line_em / scale)
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


def _read_lone_words(words: list[Word], ink: np.ndarray, scale: float, em: float) -> None:
    """Each doubtful word of a line alone in its column read again on its own (`read_again`),
    before unsure words are dropped as specks: a short code may be read poorly, not be a speck."""
    for segment in _segments(words, _COLUMN_GAP * em):
        if len(segment) == 1:
            read_again(segment[0], ink, scale, em)


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
    rows, columns = pixels(word, scale, 0.0)
    px = stroke_width(ink, (columns.start, rows.start, columns.stop, rows.stop))
    return None if px is None else px * scale


def _skew(lines: list[etree._Element]) -> float:
    """The page's slope (dy/dx of the text baselines, image y downwards): median over its lines."""
    slopes = [float(properties(line)["baseline"][0]) for line in lines if "baseline" in properties(line)]
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
    # each letter's box: where to part words Tesseract ran together (`spaced`)
    page = read_hocr(image, "--psm 3 -c hocr_char_boxes=1")
    return [line for line in page.iter("{*}span") if line.get("class") in _LINE_CLASSES]


def recognise(image: Image.Image, number: int, width: float, height: float, dpi: float) -> OcrPage:
    """Words of one page image as PDF points, with Tesseract's confidence (0-100) per word, and
    the page's ruling lines and shaded areas. Tesseract reads the image with its shaded areas
    flattened to paper (light text on a dark band turned dark) and its rules whitened."""
    scale = 72.0 / dpi
    pixels = np.asarray(image)
    angle = skew(pixels)
    if abs(angle) >= _LEVEL_FIRST:  # rules and bands are found in the image: level it first
        pixels = turned(pixels, angle)
    prepared = prepare(pixels, scale)
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
