"""One page read with PDFium (pypdfium2) into the `PageContent` that `pdf_page.read_page` fills
from pdfplumber, the same way: the characters pdfminer would see (its boxes: the advance width
across, the font size from the font's descent up), overprints dropped, grouped into words as
pdfplumber's `extract_words` groups them, and the drawn paths as pdfminer classifies them (one
segment a line, four axis-aligned sides a rectangle, else a curve) handed to the same rules for
rules, shaded areas and bullets. Coordinates are pdfplumber's: the MediaBox turned by /Rotate,
from its top-left corner.

PDFium is not thread-safe: the caller holds `pdf_format._PDFIUM` (as `extract` does).
"""

from __future__ import annotations

import ctypes
import itertools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.fontmetrics import FONT_METRICS

from extractors.forked_pages import read_pages
from extractors.pdf_page import PageContent, add_dot, add_rect, add_word, as_rule, printed_once

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in a PDF's cm
Char = dict[str, Any]  # text, x0, top, x1, bottom, size, fontname, upright: a pdfplumber char
_TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
_NAME_BUFFER = 256
_LINE_END_HYPHEN = 0x2


def read_document(path: Path, processes: int = 1,
                  meanwhile: Callable[[], object] | None = None) -> tuple[list[PageContent], str | None]:
    """Every page of the PDF and its Title, the pages read by up to `processes` processes
    (extractors/forked_pages.py; `meanwhile` is done here while they read); raises
    pdfium.PdfiumError for a file PDFium refuses."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        count, title = len(pdf), pdf.get_metadata_value("Title")
    finally:
        pdf.close()
    return read_pages(count, partial(_opened, path), processes, meanwhile), title.strip() or None


@contextmanager
def _opened(path: Path) -> Iterator[Callable[[int], PageContent]]:
    """The file opened in this process: page index -> its page read."""
    pdf = pdfium.PdfDocument(str(path))

    def read(index: int) -> PageContent:
        page = pdf[index]
        try:
            return read_pdfium_page(page, index + 1)
        finally:
            page.close()

    try:
        yield read
    finally:
        pdf.close()


def read_pdfium_page(page: pdfium.PdfPage, number: int) -> PageContent:
    x0, y0, x1, y1 = _mediabox(page)
    rotation = page.get_rotation() % 360
    content = PageContent(number=number, width=x1 - x0, height=y1 - y0)  # unturned, as read_page gives them
    turn = _TURNS[rotation](x0, y0, x1, y1)  # pdfminer's page matrix: the MediaBox turned, at 0, 0
    left, bottom = (y0, x0) if rotation in (90, 270) else (x0, y0)
    height = (x1 - x0) if rotation in (90, 270) else (y1 - y0)
    to_page = _multiply(turn, (1, 0, 0, -1, left, height - bottom))  # pdfplumber: y down, x from the box
    text_page = page.get_textpage()
    try:
        chars = printed_once(_chars(text_page.raw, to_page))
    finally:
        text_page.close()
    for word in _words(chars):
        add_word(content, word)
    lines, rects, curves = _shapes(page, to_page)
    content.rules.extend(as_rule(s["x0"], s["top"], s["x1"], s["bottom"]) for s in lines)
    for rect in rects:
        add_rect(content, rect)
    for curve in curves:
        add_dot(content, curve)
    return content


def _mediabox(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The page's MediaBox, normalised; where the page inherits it, the box PDFium shows."""
    box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
    return min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])


_TURNS = {  # pdfminer's PDFPageInterpreter.process_page
    0: lambda x0, y0, x1, y1: (1, 0, 0, 1, -x0, -y0),
    90: lambda x0, y0, x1, y1: (0, -1, 1, 0, -y0, x1),
    180: lambda x0, y0, x1, y1: (-1, 0, 0, -1, x1, y1),
    270: lambda x0, y0, x1, y1: (0, 1, -1, 0, y1, -x0),
}


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """`first` followed by `then`."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


# --------------------------------------------------------------------------- characters


def _prototype(function: Any, restype: Any, *argtypes: Any) -> Any:
    """`function` (a pypdfium2.raw function) called with plain addresses and ints: half the time
    a call takes with pypdfium2's typed pointers, without changing them for others."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


def _unchecked(function: Any, restype: Any) -> Any:
    """`function` called with ctypes values as they are, unconverted (a third of the time again):
    for the calls made once a character. Pass a c_void_p for a handle (a bare int would go as a
    C int), ints for C ints and byref() for pointers."""
    bare = _prototype(function, restype)
    bare.argtypes = None
    return bare


_P, _I = ctypes.c_void_p, ctypes.c_int
_text_object = _unchecked(raw.FPDFText_GetTextObject, _P)  # an int, or None for PDFium's own
_unicode = _unchecked(raw.FPDFText_GetUnicode, ctypes.c_uint)
_unmapped = _unchecked(raw.FPDFText_HasUnicodeMapError, _I)
_origin = _unchecked(raw.FPDFText_GetCharOrigin, _I)
_char_matrix = _prototype(raw.FPDFText_GetMatrix, _I, _P, _I, _P)
_object_font = _prototype(raw.FPDFTextObj_GetFont, _P, _P)
_font_size = _prototype(raw.FPDFTextObj_GetFontSize, _I, _P, _P)
_base_name = _prototype(raw.FPDFFont_GetBaseFontName, ctypes.c_ulong, _P, _P, ctypes.c_ulong)
_descent = _prototype(raw.FPDFFont_GetDescent, _I, _P, ctypes.c_float, _P)
_glyph_width = _prototype(raw.FPDFFont_GetGlyphWidth, _I, _P, ctypes.c_uint, ctypes.c_float, _P)


class _Font:
    """A font: its name, its descent as pdfminer takes it (the FontDescriptor's; the standard
    14's own metrics by name) and its advance widths at size 1 (its /Widths entries)."""

    def __init__(self, handle: int) -> None:
        self.handle = handle
        buffer = ctypes.create_string_buffer(_NAME_BUFFER)
        _base_name(handle, ctypes.addressof(buffer), _NAME_BUFFER)
        self.name = buffer.value.decode("utf-8", "replace")
        descent = ctypes.c_float()
        _descent(handle, 1000.0, ctypes.addressof(descent))
        standard = FONT_METRICS.get(self.name)
        self.descent = -abs(float(standard[0].get("Descent", 0) if standard else descent.value)) / 1000
        self.widths: dict[int, float] = {}

    def width(self, code: int) -> float:
        """The advance of the character at font size 1, kept in `widths`."""
        width = ctypes.c_float()
        _glyph_width(self.handle, code, 1.0, ctypes.addressof(width))
        self.widths[code] = width.value
        return width.value


class _Placing:
    """What every character of one text object shares: its font and size, and its matrix (PDFium
    gives each character its object's) followed by the page's, as products ready to use."""

    __slots__ = ("ga", "gb", "low_x", "low_y", "high_x", "high_y", "size", "font", "name", "upright")

    def __init__(self, text_page: int, index: int, text_object: int, fonts: dict[int, _Font], to_page: Matrix) -> None:
        size = ctypes.c_float()
        _font_size(text_object, ctypes.addressof(size))
        handle = _object_font(text_object) or 0
        self.font = fonts.get(handle) or fonts.setdefault(handle, _Font(handle))
        self.name, self.size = self.font.name, size.value
        matrix = raw.FS_MATRIX()
        _char_matrix(text_page, index, ctypes.addressof(matrix))
        pa, pb, pc, pd, _, _ = to_page
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        ga, gb, gc, gd = a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd
        low, high = self.font.descent * self.size, (self.font.descent + 1) * self.size
        self.ga, self.gb = ga, gb
        self.low_x, self.low_y, self.high_x, self.high_y = gc * low, gd * low, gc * high, gd * high
        self.upright = ga * gd < 0 and gb * gc >= 0


def _chars(text_page: Any, to_page: Matrix) -> list[Char]:
    """The page's characters in content order, as pdfplumber's page.chars gives them: four PDFium
    calls a character (its object, its code, whether the font maps it, its origin), the rest
    read once a text object or once a font."""
    page = ctypes.cast(text_page, ctypes.c_void_p)
    fonts: dict[int, _Font] = {}
    placings: dict[int, _Placing] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    pa, pb, pc, pd, pe, pf = to_page
    chars: list[Char] = []
    last = None
    for index in range(raw.FPDFText_CountChars(text_page)):
        text_object = _text_object(page, index)
        if not text_object:
            continue  # a space or line break PDFium put in (FPDFText_IsGenerated), not drawn
        if text_object != last:  # what the object's characters share, in locals
            placing = placings.get(text_object)
            if placing is None:
                placing = placings[text_object] = _Placing(page.value, index, text_object, fonts, to_page)
            ga, gb, low_x, low_y, high_x, high_y = (placing.ga, placing.gb, placing.low_x, placing.low_y,
                                                    placing.high_x, placing.high_y)
            size, name, upright, font = placing.size, placing.name, placing.upright, placing.font
            widths, last = font.widths, text_object
        code = _unicode(page, index)
        if code == _LINE_END_HYPHEN:  # PDFium's mark for a hyphen that ends a line
            code = ord("-")
        text = f"(cid:{code})" if _unmapped(page, index) else chr(code)
        _origin(page, index, at_x, at_y)
        # the character's matrix (at its origin) then the page's: pdfminer's box, turned and flipped
        across, down = x.value, y.value
        ge, gf = across * pa + down * pc + pe, across * pb + down * pd + pf
        advance = (widths[code] if code in widths else font.width(code)) * size
        u0, v0 = low_x + ge, low_y + gf
        u1, v1 = ga * advance + high_x + ge, gb * advance + high_y + gf
        top, bottom = v1 if v1 < v0 else v0, v1 if v1 > v0 else v0  # min() and max(), without their calls
        chars.append({"text": text, "x0": u1 if u1 < u0 else u0, "x1": u1 if u1 > u0 else u0, "top": top,
                      "bottom": bottom, "size": bottom - top, "fontname": name, "upright": upright})
    return chars


def _words(chars: Sequence[Mapping[str, Any]]) -> Iterator[Char]:
    """pdfplumber's extract_words with its defaults: runs of one font and size, each in lines
    (tops within 3 pt; x0 for turned text), each line in words split at spaces, at gaps over
    3 pt and where a character starts before the one it follows."""
    for (upright, _, _), run in itertools.groupby(chars, key=_RUN):
        across, along, end = ("x0", "top", "x1") if upright else ("top", "x0", "bottom")
        for line in _lines(list(run), along):
            word: list[Mapping[str, Any]] = []
            last_across = last_end = last_along = 0.0  # of the word's last character
            for char in sorted(line, key=operator.itemgetter(across)):
                if char["text"].isspace():
                    if word:
                        yield _merged(word)
                    word = []
                    continue
                at, on = char[across], char[along]
                if word and (at < last_across or at > last_end + _TOLERANCE or abs(on - last_along) > _TOLERANCE):
                    yield _merged(word)
                    word = []
                word.append(char)
                last_across, last_end, last_along = at, char[end], on
            if word:
                yield _merged(word)


_RUN = operator.itemgetter("upright", "fontname", "size")


def _lines(chars: list[Mapping[str, Any]], key: str) -> list[list[Mapping[str, Any]]]:
    """pdfplumber's cluster_objects: the distinct values chained while each is within the
    tolerance of the one before; the characters of each cluster in their order."""
    cluster: dict[float, int] = {}
    number, last = -1, float("-inf")
    for value in sorted({c[key] for c in chars}):
        number += value > last + _TOLERANCE
        cluster[value], last = number, value
    lines: list[list[Mapping[str, Any]]] = [[] for _ in range(number + 1)]
    for char in chars:
        lines[cluster[char[key]]].append(char)
    return lines


def _merged(chars: list[Mapping[str, Any]]) -> Char:
    """One word from its characters (min() and max() of their boxes, as one loop)."""
    first = chars[0]
    x0, top, x1, bottom = first["x0"], first["top"], first["x1"], first["bottom"]
    for char in chars[1:]:
        if char["x0"] < x0:
            x0 = char["x0"]
        if char["top"] < top:
            top = char["top"]
        if char["x1"] > x1:
            x1 = char["x1"]
        if char["bottom"] > bottom:
            bottom = char["bottom"]
    return {"text": "".join([c["text"] for c in chars]), "x0": x0, "top": top, "x1": x1, "bottom": bottom,
            "size": first["size"], "fontname": first["fontname"]}


# --------------------------------------------------------------------------- drawn paths

Shape = dict[str, Any]  # x0, top, x1, bottom, stroke, fill, non_stroking_color


def _shapes(page: pdfium.PdfPage, to_page: Matrix) -> tuple[list[Shape], list[Shape], list[Shape]]:
    """The page's lines, rectangles and curves, Form XObjects' included, in drawing order."""
    found: tuple[list[Shape], list[Shape], list[Shape]] = ([], [], [])
    objects = [raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))]
    _collect(objects, to_page, found)
    return found


def _collect(objects: Sequence[Any], outer: Matrix, found: tuple[list[Shape], list[Shape], list[Shape]]) -> None:
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        m = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        matrix = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            _collect([raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))],
                     matrix, found)
            continue
        paint = _paint(obj)
        for operators, points in _subpaths(obj, matrix):
            kind_index, box = _classify(operators, points)
            found[kind_index].append({**box, **paint})


def _paint(path: Any) -> dict[str, Any]:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(path, ctypes.byref(fill_mode), ctypes.byref(stroke))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw.FPDFPageObj_GetFillColor(path, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    return {"fill": fill_mode.value != raw.FPDF_FILLMODE_NONE, "stroke": bool(stroke.value),
            "non_stroking_color": tuple(v.value / 255 for v in (r, g, b))}


def _subpaths(path: Any, matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer's paint_path sees it: its operators (m, l, c, h) and the point
    each one ends at (h: the subpath's start), on the page."""
    operators, points = "", []
    x, y = ctypes.c_float(), ctypes.c_float()
    beziers = 0
    for index in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, index)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO and operators:
            yield operators, points
            operators, points = "", []
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            beziers += 1
            if beziers % 3:
                continue  # a control point: pdfminer keeps only where the curve ends
        operators += {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_BEZIERTO: "c"}.get(kind, "l")
        points.append(_apply(matrix, x.value, y.value))
        if raw.FPDFPathSegment_GetClose(segment):
            operators += "h"
            points.append(points[0])
    if operators:
        yield operators, points


def _classify(operators: str, points: list[tuple[float, float]]) -> tuple[int, dict[str, float]]:
    """0 a line, 1 a rectangle, 2 a curve (pdfminer's rules), with its box."""
    if len(operators) > 3 and operators.endswith("lh") and points[-2] == points[0]:
        operators, points = operators[:-2] + "h", points[:-2] + points[-1:]
    kind = 2
    if operators in ("mlh", "ml"):
        kind, points = 0, points[:2]
    elif operators in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            kind = 1
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return kind, {"x0": min(xs), "top": min(ys), "x1": max(xs), "bottom": max(ys)}
