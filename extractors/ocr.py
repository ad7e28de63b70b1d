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
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
from lxml import etree
from PIL import Image, ImageFilter

from extractors.pdf_page import DOT_TEXT, PageContent, Rule, Word
from extractors.pdf_tables import merge_rules
from schemas.errors import CorruptFile, UnsupportedFormat

OCR_DPI = 300  # render resolution for recognition: small print in tables reads far better than at 200
MAX_OCR_PIXELS = 80_000_000  # a page larger than this at OCR_DPI (A1 and up) is rendered coarser
LANGUAGE = "eng"
_CAP_HEIGHT = 0.72  # per em, in common fonts: capitals and ascenders
_X_HEIGHT = 0.52  # lower-case letters without ascenders
_DESCENDER = 0.21  # below the baseline
_ASCENDERS = frozenset("bdfhkltij()[]{}/|")  # i and j: their dots rise as high
_DESCENDERS = frozenset("gjpqy()[]{}|")
_UNSURE = 50.0  # word confidence below which a word of capitals or symbols only is noise
_INK_WINDOW, _INK_OFFSET = 25, 15  # adaptive threshold: neighbourhood (px) and margin below its mean
_MIN_RULE_PT, _MIN_RULE_PX = 40.0, 30  # shortest run of ink taken as a ruling line: longer than any letter
_FEW_WORDS = 20  # a page with ruling lines and fewer words than this is read again without them
_COLUMN_GAP = 1.5  # ems of white space that separate two columns within one OCR line
# Tesseract's own threads fight over cores when pages or documents run in parallel (workers):
# one thread each is faster overall. Set OMP_THREAD_LIMIT to override.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
_LINE_CLASSES = ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat")
_DESPECKLE = 3  # median filter window, pixels
_SIZE_CLUSTER = 0.10  # a size this close to a more used one is that style
# What Tesseract reads for a round bullet glyph when it stands alone at a line start
_BULLET_READINGS = frozenset("•●◦▪■e«»©@°*+¢o")


@dataclass(slots=True)
class OcrPage:
    """One recognised page, and how long recognition took."""

    content: PageContent
    seconds: float = 0.0


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


def _line_words(line: etree._Element, scale: float) -> list[Word]:
    """A line's words in points, each part of the line (a column) with its own size estimate."""
    props = _properties(line)
    _, top, _, bottom = (int(v) for v in props["bbox"])
    line_em = (float(props.get("x_size", [bottom - top])[0]) - float(props.get("x_descenders", ["0"])[0])) \
        / _CAP_HEIGHT * scale
    words = []
    for span in line.iter("{*}span"):
        if span.get("class") != "ocrx_word":
            continue
        text = "".join(span.itertext()).strip()
        word_props = _properties(span)
        confidence = float(word_props.get("x_wconf", ["0"])[0])
        if not text or _is_noise(text, confidence):
            continue
        x0, top_pt, x1, bottom_pt = (int(v) * scale for v in word_props["bbox"])
        words.append(Word(text=text, x0=x0, top=top_pt, x1=x1, bottom=bottom_pt, size=line_em,
                          confidence=confidence))
    if not words:
        return []
    for segment in _segments(words, _COLUMN_GAP * line_em):
        ems = [em for em in map(_em, segment) if em is not None]
        size = statistics.median(ems) if ems else line_em
        for word in segment:
            word.size = size
        if _is_bullet(segment):
            segment[0].text = DOT_TEXT
    return words


def _ruling_lines(image: Image.Image, scale: float) -> tuple[list[Rule], Image.Image]:
    """Table borders in the image (long thin runs of ink, by morphological opening), and the
    image with them whitened: Tesseract reads no text in cells it sees boxed in."""
    pixels = np.asarray(image)
    ink = cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                _INK_WINDOW, _INK_OFFSET)
    run = max(_MIN_RULE_PX, int(_MIN_RULE_PT / scale))
    rules = []
    found = np.zeros_like(ink)
    for kernel in ((run, 1), (1, run)):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        found |= lines
        contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if kernel[0] > 1:
                rules.append(Rule(x * scale, (y + h / 2) * scale, (x + w) * scale, (y + h / 2) * scale))
            else:
                rules.append(Rule((x + w / 2) * scale, y * scale, (x + w / 2) * scale, (y + h) * scale))
    cleaned = np.where(cv2.dilate(found, np.ones((3, 3), np.uint8)) > 0, 255, pixels).astype(np.uint8)
    return rules, Image.fromarray(cleaned)


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
    hocr = pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, config="--psm 3", extension="hocr")
    return [line for line in etree.fromstring(hocr).iter("{*}span") if line.get("class") in _LINE_CLASSES]


def recognise(image: Image.Image, number: int, width: float, height: float, dpi: float) -> OcrPage:
    """Words of one page image as PDF points, with Tesseract's confidence (0-100) per word, and
    the page's ruling lines. A page where Tesseract reads (almost) nothing but which has ruling
    lines is read again with the lines whitened: it may see a boxed-in table as a picture."""
    scale = 72.0 / dpi
    rules, unruled = _ruling_lines(image, scale)
    lines = _read_lines(image)
    words = [w for line in lines for w in _line_words(line, scale)]
    if rules and len(words) < _FEW_WORDS:
        again = _read_lines(unruled)
        words_again = [w for line in again for w in _line_words(line, scale)]
        if len(words_again) > len(words):
            lines, words = again, words_again
    page = OcrPage(PageContent(number=number, width=width, height=height, words=words))
    slope = _skew(lines)
    _level(page.content.words, slope, width, height)
    page.content.rules = merge_rules(_level_rules(rules, slope, width, height))
    return page


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
            word.size = to_size[word.size]


def page_resolution(width: float, height: float, dpi: float = OCR_DPI) -> float:
    """`dpi`, or less for a page so large that its image would pass MAX_OCR_PIXELS (a blank
    page 200,000 points square would need terabytes)."""
    area = max(width, 1.0) * max(height, 1.0) / 72**2  # square inches
    return min(dpi, math.sqrt(MAX_OCR_PIXELS / area))


def ocr_pages(path: Path, numbers: list[int], dpi: float = OCR_DPI) -> list[OcrPage]:
    """Recognise the given pages (1-based) of a PDF."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(str(path), f"cannot be opened for OCR ({exc})") from exc
    try:
        pages = []
        for number in numbers:
            width, height = pdf[number - 1].get_size()
            page_dpi = page_resolution(width, height, dpi)
            started = time.perf_counter()
            try:
                page = recognise(render_page(pdf, number - 1, page_dpi), number, width, height, page_dpi)
            except pytesseract.TesseractNotFoundError as exc:
                raise UnsupportedFormat(str(path), "a scanned PDF needs Tesseract OCR, which is not installed "
                                                   "(apt-get install tesseract-ocr tesseract-ocr-eng)") from exc
            page.seconds = time.perf_counter() - started
            pages.append(page)
    finally:
        pdf.close()
    _harmonise_sizes(pages)
    return pages


def pages_without_text(path: Path) -> tuple[int, list[int]]:
    """The page count, and the pages (1-based) that have no text layer to read."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        blank = []
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            if not textpage.get_text_range().strip():
                blank.append(index + 1)
        return len(pdf), blank
    finally:
        pdf.close()
