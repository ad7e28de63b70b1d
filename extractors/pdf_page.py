"""One page as positioned words, ruling lines, shaded areas and drawn bullets.

This is the boundary between a PDF library and the layout code: everything after it works on
`PageContent` only, so an OCR engine can fill the same structure from recognised words (with
`confidence` set) and reuse table detection, furniture removal and reading order unchanged.
Coordinates are PDF points from the page's top-left corner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from schemas.document import BBox

# A drawn shape this small and roughly square, at the start of a text line, is a bullet.
_DOT_MAX = 7.0
# A filled rectangle thinner than this is a ruling line, not a shaded area.
_RULE_MAX_THICKNESS = 2.0
DOT_TEXT = "•"
# A glyph the font maps to no character, alone as a word: a bullet or a tick in practice.
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")
_SOFT_HYPHEN = "\u00ad"
_OVERPRINT = 1.0  # pt: the same character this close to itself is printed twice
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    is_dot: bool = False  # a drawn bullet shape, not a glyph
    confidence: float | None = None  # OCR only

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    def __reduce__(self) -> tuple[type[Word], tuple[object, ...]]:
        """Pickled as its fields in a tuple (pages read by forked page readers come back
        pickled): several times quicker than a slotted dataclass's default."""
        return Word, (self.text, self.x0, self.top, self.x1, self.bottom, self.size, self.bold, self.is_dot,
                      self.confidence)


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal or vertical ruling segment."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    def __reduce__(self) -> tuple[type[Rule], tuple[float, float, float, float]]:
        return Rule, (self.x0, self.top, self.x1, self.bottom)  # as Word's


@dataclass(frozen=True, slots=True)
class Fill(BBox):
    """A shaded rectangle and its fill colour (as the PDF gives it; () when unknown)."""

    colour: tuple[float, ...] = ()


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)  # shaded rectangles (backgrounds, boxes)

    @property
    def has_text(self) -> bool:
        return any(not w.is_dot for w in self.words)


def is_bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return any(key in name for key in ("bold", "black", "heavy", "semibold", "demi"))


def read_page(page: Any, number: int) -> PageContent:
    """Read one pdfplumber page into a `PageContent` (the caller closes the page)."""
    width, height = float(page.width), float(page.height)
    if getattr(page, "rotation", 0) % 180 == 90:  # pdfplumber gives positions as displayed (turned)
        width, height = height, width
    content = PageContent(number=number, width=width, height=height)
    for w in _without_overprint(page).extract_words(keep_blank_chars=False, use_text_flow=False,
                                extra_attrs=["fontname", "size"]):
        add_word(content, w)
    for line in page.lines:
        content.rules.append(as_rule(line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in page.rects:
        add_rect(content, rect)
    for curve in page.curves:
        add_dot(content, curve)
    return content


def add_word(content: PageContent, word: Mapping[str, Any]) -> None:
    """A word as pdfplumber's extract_words gives it (text, x0, top, x1, bottom, size, fontname)."""
    text = DOT_TEXT if _UNMAPPED_GLYPH.match(word["text"]) else _clean(word["text"])
    off_page = word["x1"] < 0 or word["x0"] > content.width or word["bottom"] < 0 or word["top"] > content.height
    if not text or off_page:  # text placed outside the page is never seen
        return
    content.words.append(Word(text=text, x0=word["x0"], top=word["top"], x1=word["x1"], bottom=word["bottom"],
                              size=round(float(word["size"]), 1), bold=is_bold_font(word["fontname"])))


def _without_overprint(page: Any) -> Any:
    """The page without characters printed twice at (nearly) the same place (pdfplumber's own
    dedupe_chars does the same, several times slower)."""
    keep = {id(char) for char in printed_once(page.chars)}
    if len(keep) == len(page.chars):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)


def printed_once(chars: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The characters (text, x0, x1, top) less those printed twice at (nearly) the same place,
    as fake bold and some exporters do."""
    placed: dict[tuple[str, int, int], list[tuple[float, float]]] = {}  # under (text, cell across, cell down)
    kept = []
    for char in chars:
        text, x, top = char["text"], char["x0"], char["top"]
        half = 0.5 * (char["x1"] - x)
        tolerance = half if half < _OVERPRINT else _OVERPRINT  # never as far as the next letter
        column, row = int(x // _CELL), int(top // _CELL)
        near = placed.get((text, column, row))
        if near is not None and _printed_near(near, x, top, tolerance):
            continue
        across, down = x - column * _CELL, top - row * _CELL
        if ((across < _REACH or across >= _CELL - _REACH or down < _REACH or down >= _CELL - _REACH)
                and _printed_around(placed, text, x, top, tolerance, (column, row))):
            continue
        if near is None:
            placed[(text, column, row)] = [(x, top)]
        else:
            near.append((x, top))
        kept.append(char)
    return kept


_CELL = 32.0  # pt: printed_once files each place kept under its cell of this size
_REACH = _OVERPRINT + 1e-3  # how far from a character a place printed "twice" can be, to spare


def _printed_around(placed: dict[tuple[str, int, int], list[tuple[float, float]]], text: str, x: float,
                    top: float, tolerance: float, cell: tuple[int, int]) -> bool:
    """Whether `text` was placed near (x, top) in a cell next to `cell` (x or top is near its edge)."""
    for column in range(int((x - _REACH) // _CELL), int((x + _REACH) // _CELL) + 1):
        for row in range(int((top - _REACH) // _CELL), int((top + _REACH) // _CELL) + 1):
            near = placed.get((text, column, row))
            if near is not None and (column, row) != cell and _printed_near(near, x, top, tolerance):
                return True
    return False


def _printed_near(near: list[tuple[float, float]], x: float, top: float, tolerance: float) -> bool:
    """Whether a place in `near` is within `tolerance` of (x, top), in a whole point the
    tolerance reaches from it (as printed_once has always counted)."""
    for x2, top2 in near:
        if (abs(x - x2) <= tolerance and abs(top - top2) <= tolerance
                and int(x - tolerance) <= int(x2) <= int(x + tolerance)
                and int(top - tolerance) <= int(top2) <= int(top + tolerance)):
            return True
    return False


def _clean(text: str) -> str:
    """Ligatures spelled out; soft hyphens dropped except one ending the word (a line-end break)."""
    text = text.translate(_LIGATURES).strip()
    return text.replace(_SOFT_HYPHEN, "") + (_SOFT_HYPHEN if text.endswith(_SOFT_HYPHEN) else "")


def as_rule(x0: float, top: float, x1: float, bottom: float) -> Rule:
    """A thin box as the rule along its length."""
    if (x1 - x0) >= (bottom - top):
        y = (top + bottom) / 2
        return Rule(x0, y, x1, y)
    x = (x0 + x1) / 2
    return Rule(x, top, x, bottom)


def add_rect(content: PageContent, rect: Mapping[str, Any]) -> None:
    """A rectangle (x0, top, x1, bottom, stroke, fill, non_stroking_color): a rule when thin, a
    bullet when small, else its four sides when stroked and a shaded area when filled."""
    x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
    width, height = x1 - x0, bottom - top
    if min(width, height) <= _RULE_MAX_THICKNESS:
        if max(width, height) > _DOT_MAX:
            content.rules.append(as_rule(x0, top, x1, bottom))
        return
    if add_dot(content, rect):
        return
    if rect.get("stroke"):
        content.rules.extend([Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
                              Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)])
    if rect.get("fill"):
        content.fills.append(Fill(x0, top, x1, bottom, _colour(rect.get("non_stroking_color"))))


def _colour(value: Any) -> tuple[float, ...]:
    if isinstance(value, (int, float)):
        return (round(float(value), 3),)
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) for v in value):
        return tuple(round(float(v), 3) for v in value)
    return ()  # a pattern or an unknown colour space


def add_dot(content: PageContent, shape: Mapping[str, Any]) -> bool:
    """A small filled, roughly square shape as a bullet word; whether it was one."""
    width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
    if not (0.8 <= width <= _DOT_MAX and 0.8 <= height <= _DOT_MAX and 0.6 <= width / height <= 1.6):
        return False
    if not shape.get("fill"):
        return False
    content.words.append(Word(text=DOT_TEXT, x0=shape["x0"], top=shape["top"], x1=shape["x1"],
                              bottom=shape["bottom"], size=height, is_dot=True))
    return True
