"""Words -> visual lines -> logical lines (paragraphs and list items).

A visual line is what the page shows on one baseline; a logical line is one paragraph or list
item of the source. Visual lines are joined into a logical line unless one of these starts a
new one: a list marker at the line start (bullet glyph, drawn dot, "1." / "a)" numbering), a
change of boldness or font size, a vertical gap larger than the document's normal line pitch
for that font size (paragraph spacing), a line that starts left of a list item's text, or (in
table cells) a hard break: the line's first word would have fitted at the end of the line before.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from extractors.hyphenation import Vocabulary, ends_with_break, join_broken
from extractors.pdf_page import DOT_TEXT, Word
from schemas.document import BBox, Line

BULLET_GLYPHS = frozenset("•●○◦▪■□▫◆◇❖►▸▹‣⁃∙·⦁◼◾–—-*✓✔✗➢➤➔→o"
                          "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf071\uf0a8\uf09f\uf0e0")
_GLUED_BULLETS = frozenset("•●◦▪■▸►‣\uf0b7\uf0a7")
_NUMBER_MARKER = re.compile(r"^\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)]$")
_LIST_INDENT = 4.0  # markers further right than this (pt) are a level deeper
_SIZE_CHANGE = 0.6  # pt
_SHORT_LINE = 0.5  # of the text's width: a line of free text ending before this ended on purpose
_AROUND = 3  # lines above and below that show the width of the text
_LEAD_IN_WORDS = 8  # words of a line ending in a colon over a list: the list's lead-in


@dataclass(slots=True)
class VisualLine:
    words: list[Word]
    marker: str | None = None  # the list marker at the start of the line, stripped from `words`
    marker_x: float | None = None

    @property
    def x0(self) -> float:
        return self.marker_x if self.marker_x is not None else self.words[0].x0

    @property
    def text_x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median_high(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox(self.x0, self.top, self.x1, self.bottom)

    @property
    def confidence(self) -> float | None:
        scores = [w.confidence for w in self.words if w.confidence is not None]
        return sum(scores) / len(scores) if scores else None


@dataclass(slots=True)
class Paragraph:
    """A logical line with its geometry, before it becomes a `Line` or a `Block`."""

    lines: list[VisualLine]
    text: str
    marker: str | None = None
    depth: int | None = None
    bold: bool = False
    size: float = 0.0
    bbox: BBox | None = None
    confidences: list[float] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        return sum(self.confidences) / len(self.confidences) if self.confidences else None

    def to_line(self) -> Line:
        return Line(text=self.text, bold=self.bold, list_depth=self.depth, marker=self.marker,
                    confidence=self.confidence)


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Cluster words into rows by vertical overlap, top to bottom, each left to right.

    Drawn bullets (dots) join the row of the text that starts just right of them.
    """
    words = list(words)
    rows: list[_Row] = []
    for word in sorted((w for w in words if not w.is_dot), key=lambda w: (w.mid_y, w.x0)):
        if rows and rows[-1].takes(word):
            rows[-1].add(word)
        else:
            rows.append(_Row(word))
    grouped = [row.words for row in rows]
    for dot in (w for w in words if w.is_dot):
        _attach_dot(grouped, dot)
    for row in grouped:
        row.sort(key=lambda w: w.x0)
    grouped.sort(key=lambda row: _median([w.mid_y for w in row]))
    return grouped


class _Row:
    """A row being gathered, with its words' tops and bottoms kept sorted for their medians."""

    __slots__ = ("bottoms", "tops", "words")

    def __init__(self, word: Word) -> None:
        self.words = [word]
        self.tops = [word.top]
        self.bottoms = [word.bottom]

    def add(self, word: Word) -> None:
        self.words.append(word)
        bisect.insort(self.tops, word.top)
        bisect.insort(self.bottoms, word.bottom)

    def takes(self, word: Word) -> bool:
        """The word's middle lies within 0.45 of the lower height (its own or the row's) of the
        row's median middle."""
        top, bottom = _sorted_median(self.tops), _sorted_median(self.bottoms)
        height = min(bottom - top, word.bottom - word.top)
        return abs(word.mid_y - (top + bottom) / 2) <= 0.45 * max(height, 1.0)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality (it is called for every row of every page)."""
    return _sorted_median(sorted(values))


def _sorted_median(ordered: list[float]) -> float:
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _attach_dot(rows: list[list[Word]], dot: Word) -> None:
    best: tuple[float, list[Word]] | None = None
    for row in rows:
        for word in row:
            gap = word.x0 - dot.x1
            beside = 0 <= gap <= 2 * word.size and word.top <= dot.mid_y <= word.bottom
            if beside and (best is None or gap < best[0]):
                best = (gap, row)
    if best is None:
        rows.append([dot])
    else:
        best[1].append(dot)


def group_visual_lines(words: Iterable[Word]) -> list[VisualLine]:
    return [to_visual_line(row) for row in group_rows(words)]


def split_row(row: list[Word], min_gap: float) -> list[list[Word]]:
    """Split a row where the horizontal gap between words is at least `min_gap` (not after a marker)."""
    groups: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        group = groups[-1]
        after_marker = len(group) == 1 and marker_of(group[0]) is not None
        if word.x0 - group[-1].x1 >= min_gap and not after_marker:
            groups.append([word])
        else:
            group.append(word)
    return groups


def marker_of(word: Word) -> str | None:
    """The list marker this word is, if it is one on its own."""
    if word.is_dot:
        return DOT_TEXT
    if len(word.text) == 1 and word.text in BULLET_GLYPHS:
        return word.text
    if _NUMBER_MARKER.match(word.text):
        return word.text
    return None


def to_visual_line(words: list[Word]) -> VisualLine:
    """A row of words as a visual line, with a leading list marker split off."""
    first = words[0]
    if len(words) > 1 and (marker := marker_of(first)) is not None:
        return VisualLine(words=words[1:], marker=marker, marker_x=first.x0)
    glyph = first.text[:1]
    if len(first.text) > 1 and glyph in _GLUED_BULLETS:  # "•Text": bullet and text in one word
        step = (first.x1 - first.x0) / len(first.text)
        rest = replace(first, text=first.text[1:].lstrip(), x0=first.x0 + step)
        return VisualLine(words=[rest, *words[1:]], marker=glyph, marker_x=first.x0)
    return VisualLine(words=words)


class PitchModel:
    """The normal distance between the tops of consecutive lines of one paragraph, by font size."""

    def __init__(self, groups: Iterable[Sequence[VisualLine]]) -> None:
        samples: dict[float, list[float]] = defaultdict(list)
        for lines in groups:
            for above, below in zip(lines, lines[1:], strict=False):
                size = above.size
                if abs(below.size - size) >= _SIZE_CHANGE:
                    continue
                pitch = below.top - above.top
                if 0.9 * size <= pitch <= 2.2 * size:
                    samples[round(size * 2) / 2].append(pitch)
        self._pitch = {size: statistics.quantiles(values, n=4)[0] if len(values) >= 4 else min(values)
                       for size, values in samples.items()}

    def pitch(self, size: float) -> float:
        key = round(size * 2) / 2
        return self._pitch.get(key, 1.2 * size)


def build_paragraphs(lines: Sequence[VisualLine], pitches: PitchModel, vocabulary: Vocabulary,
                     *, hard_breaks: bool = False) -> list[Paragraph]:
    """Join visual lines (of one cell or one text column) into logical lines.

    With `hard_breaks` (a table cell, whose widest line shows how far text can run) a line
    whose first word would have fitted at the end of the line before starts a new one too; in
    free text, so does a bold line after a bold line that ended short (two labels, not one
    heading wrapped), any line after one that ended before half the text's width
    ("Assuring committee: QC" over "What we will do:"), and a short line ending in a colon right
    over a list item.
    """
    if not lines:
        return []
    depths = _marker_depths([ln.marker_x for ln in lines if ln.marker_x is not None])
    widest = max(ln.x1 for ln in lines)
    right = widest if hard_breaks else float("-inf")
    paragraphs: list[Paragraph] = []
    previous: VisualLine | None = None
    lead_ins = {id(line) for line, after in zip(lines, lines[1:], strict=False) if _leads_list(line, after)}
    for line in lines:
        current = paragraphs[-1] if paragraphs else None
        if current is None or previous is None or _starts_new(current, previous, line, pitches, right) \
                or id(line) in lead_ins \
                or (previous.bold and line.bold and _hard_break(previous, line, widest)) \
                or _ended_short(previous, line, lines):
            depth = depths.get(round(line.marker_x)) if line.marker_x is not None else None
            paragraphs.append(Paragraph(lines=[line], text=line.text, marker=line.marker, depth=depth,
                                        bold=line.bold, size=line.size, bbox=line.bbox))
        else:
            current.lines.append(line)
            current.text = join_lines(current.text, line.text, vocabulary)
            current.bbox = line.bbox.union(current.bbox)
        paragraphs[-1].confidences.extend(w.confidence for w in line.words if w.confidence is not None)
        previous = line
    return paragraphs


def _starts_new(current: Paragraph, previous: VisualLine, line: VisualLine, pitches: PitchModel,
                right: float) -> bool:
    if line.marker is not None or _hard_break(previous, line, right):
        return True
    if line.bold != current.bold or abs(line.size - previous.size) >= _SIZE_CHANGE:
        return True
    expected = pitches.pitch(previous.size)
    if line.top - previous.top > max(expected * 1.12, expected + 1.0):
        return True
    return current.marker is not None and line.text_x0 < current.lines[0].text_x0 - 3.0


def _leads_list(line: VisualLine, after: VisualLine) -> bool:
    """A short line ending in a colon right over a list item ("What we will do:"): a lead-in of
    its own, not the end of the paragraph above it."""
    return after.marker is not None and line.marker is None and line.text.rstrip().endswith(":") \
        and len(line.text.split()) <= _LEAD_IN_WORDS


def _ended_short(previous: VisualLine, line: VisualLine, lines: Sequence[VisualLine]) -> bool:
    """In free text, the previous line ended before half the width of the text around it (the
    few lines above and below it that overlap it) and the line's first word would have fitted
    after it; not when the sentence plainly runs on (a word broken at a hyphen, or the line
    starting in lower case)."""
    if previous.text.endswith(("-", "\u00ad")) or line.text[:1].islower():
        return False
    at = next(i for i, ln in enumerate(lines) if ln is previous)
    around = [ln for ln in lines[max(0, at - _AROUND):at + _AROUND + 1] if ln.x0 < previous.x1 and ln.x1 > previous.x0]
    left, right = min(ln.x0 for ln in around), max(ln.x1 for ln in around)
    return previous.x1 - left < _SHORT_LINE * (right - left) and _hard_break(previous, line, right)


def _hard_break(previous: VisualLine, line: VisualLine, right: float) -> bool:
    """The line's first word would have fitted at the end of the previous line (as far right as
    the widest line of the region reaches): the previous line ended on purpose."""
    first = line.words[0]
    space = 0.25 * first.size
    return line.top > previous.top and previous.x1 + space + (first.x1 - first.x0) < right - 1.0


def _marker_depths(xs: list[float]) -> dict[int, int]:
    """Map each marker x (rounded) to a nesting depth: 0 for the leftmost, 1 for the next..."""
    levels: list[float] = []
    for x in sorted(set(xs)):
        if not levels or x - levels[-1] > _LIST_INDENT:
            levels.append(x)
    depths: dict[int, int] = {}
    for x in xs:
        depth = max(i for i, level in enumerate(levels) if x >= level - 0.01)
        depths[round(x)] = depth
    return depths


def join_lines(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join two wrapped lines of one paragraph: a space, or line-end hyphenation undone."""
    if left.endswith("\u00ad"):  # a soft hyphen: the line breaker's own
        return left[:-1] + right
    if ends_with_break(left) and right[:1].isalnum():
        return join_broken(left, right, vocabulary)
    return f"{left} {right}"
