"""Table pieces (the part of a table on one page) and ruled grids.

A ruled grid is a connected set of horizontal and vertical rules (pdfplumber's lines and thin
rectangles, or an OCR engine's detected rules), or of the edges of shaded cells drawn without
rules. The distinct rule positions give a fine grid; two neighbouring grid positions belong to
one merged cell when no rule separates them, so a merged cell comes out once, with its row and
column spans. Rules-only tables are in `pdf_stream`, tables without rules in `pdf_aligned`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from extractors.pdf_page import PageContent, Rule, Word
from extractors.pdf_text import group_rows
from schemas.document import BBox

SNAP = 2.0  # rule positions closer than this are one line
TOUCH = 3.0  # a rule ends this close to another still meets it
MIN_CELL = 3.0  # grid bands thinner than this are double lines, not rows or columns
_UNRULED_ROWS = 3  # lines and columns of one band of a ruled grid that make it rows drawn with no rules between
_GUTTER_SIZES = 1.5  # font sizes of white space between the texts of two cells on one line
_MAX_FILL_SHARE = 0.4  # a shaded area this large is a page background, not a cell
_FILL_GAP = 2.0


@dataclass(slots=True)
class PieceCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    parts: list[list[Word]] = field(default_factory=list)  # words, one list per page it spans
    pages: list[int] = field(default_factory=list)
    shaded: bool = False  # a background fill covers it

    @property
    def words(self) -> list[Word]:
        return [w for part in self.parts for w in part]

    @property
    def empty(self) -> bool:
        return not any(self.parts)

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(slots=True)
class TablePiece:
    """The part of a table that lies on one page."""

    page: int
    bbox: BBox
    col_edges: list[float]
    n_rows: int
    cells: list[PieceCell]

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1


def find_grid_regions(page: PageContent, rules: Sequence[Rule] | None = None,
                      ) -> list[tuple[BBox, list[Rule], list[Rule]]]:
    """Connected sets of horizontal and vertical rules (default: the page's) that enclose a cell."""
    rules = page.rules if rules is None else rules
    horizontal = merge_rules(r for r in rules if r.horizontal and r.x1 - r.x0 > MIN_CELL)
    vertical = merge_rules(r for r in rules if not r.horizontal and r.bottom - r.top > MIN_CELL)
    rules = horizontal + vertical
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical, start=len(horizontal)):
            if (h.x0 - TOUCH <= v.x0 <= h.x1 + TOUCH) and (v.top - TOUCH <= h.top <= v.bottom + TOUCH):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    regions = []
    for group in groups.values():
        hs = [r for r in group if r.horizontal]
        vs = [r for r in group if not r.horizontal]
        if len(hs) < 2 or len(vs) < 2:
            continue
        box = BBox(min(r.x0 for r in group), min(r.top for r in group),
                   max(r.x1 for r in group), max(r.bottom for r in group))
        if box.x1 - box.x0 > 2 * MIN_CELL and box.bottom - box.top > 2 * MIN_CELL:
            regions.append((box, hs, vs))
    return sorted(regions, key=lambda r: (r[0].top, r[0].x0))


def find_fill_grids(page: PageContent, taken: Sequence[BBox]) -> list[tuple[BBox, list[Rule], list[Rule]]]:
    """Tables drawn as shaded cells without rules: the edges of the shaded rectangles act as
    rules (each widened by half a typical white gap, so that cells separated by a thin white
    line share an edge). Kept when they form at least two rows and two columns away from the
    ruled tables in `taken`."""
    page_area = page.width * page.height
    edges: list[Rule] = []
    for f in page.fills:
        if (f.x1 - f.x0) * (f.bottom - f.top) >= _MAX_FILL_SHARE * page_area or _overlaps_any(f, taken):
            continue
        x0, top, x1, bottom = f.x0 - _FILL_GAP, f.top - _FILL_GAP, f.x1 + _FILL_GAP, f.bottom + _FILL_GAP
        edges.extend([Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
                      Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)])
    return [(box, hs, vs) for box, hs, vs in find_grid_regions(page, edges)
            if len(rule_positions(h.top for h in hs)) >= 3 and len(rule_positions(v.x0 for v in vs)) >= 3]


def _overlaps_any(box: BBox, others: Sequence[BBox]) -> bool:
    return any(box.x0 < o.x1 and o.x0 < box.x1 and box.top < o.bottom and o.top < box.bottom for o in others)


def merge_rules(rules: Iterable[Rule]) -> list[Rule]:
    """Join collinear, overlapping or touching segments; snap near-equal positions. Segments on
    one line (positions within SNAP) are joined in order along it, whatever their order of input."""
    rules = list(rules)
    out: list[Rule] = []
    for horizontal in (True, False):
        lines: list[list[Rule]] = []
        for rule in sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: _position(r)):
            if lines and _position(rule) - _position(lines[-1][0]) <= SNAP:
                lines[-1].append(rule)
            else:
                lines.append([rule])
        for line in lines:
            first = line[0]
            joined: list[Rule] = []
            for rule in sorted(line, key=_start):
                last = joined[-1] if joined else None
                if last is not None and _start(rule) <= _end(last) + TOUCH:
                    joined[-1] = Rule(last.x0, last.top, max(last.x1, rule.x1), last.bottom) if horizontal \
                        else Rule(last.x0, last.top, last.x1, max(last.bottom, rule.bottom))
                else:
                    joined.append(Rule(rule.x0, first.top, rule.x1, first.top) if horizontal
                                  else Rule(first.x0, rule.top, first.x0, rule.bottom))
            out.extend(joined)
    return out


def _position(rule: Rule) -> float:
    return rule.top if rule.horizontal else rule.x0


def _start(rule: Rule) -> float:
    return rule.x0 if rule.horizontal else rule.top


def _end(rule: Rule) -> float:
    return rule.x1 if rule.horizontal else rule.bottom


def rule_positions(values: Iterable[float]) -> list[float]:
    """Distinct positions, values closer than SNAP (or forming a band thinner than MIN_CELL) merged."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= max(SNAP, MIN_CELL):
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def ruled_table(page: PageContent, box: BBox, hs: Sequence[Rule], vs: Sequence[Rule],
                words: Sequence[Word]) -> TablePiece | None:
    xs = rule_positions([v.x0 for v in vs] + [box.x0, box.x1])
    ruled = rule_positions([h.top for h in hs] + [box.top, box.bottom])
    ys = split_bands(ruled, words, xs, full=True)
    hs = [*hs, *(Rule(xs[0], y, xs[-1], y) for y in ys if all(abs(y - r) > SNAP for r in ruled))]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_cols < 2:  # a framed box or a one-column frame is text, not a table
        return None
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _has_rule(vs, xs[c + 1], ys[r], ys[r + 1], vertical=True):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not _has_rule(hs, ys[r + 1], xs[c], xs[c + 1], vertical=False):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            regions.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in regions.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        cells.append(PieceCell(row=r0, col=c0, row_span=r1 - r0 + 1, col_span=c1 - c0 + 1,
                               bbox=BBox(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]), pages=[page.number]))
    cells = [part for cell in _drop_overlaps(cells) for part in _unspanned(cell, xs, words)]
    _fill_cells(cells, words)
    return TablePiece(page=page.number, bbox=BBox(xs[0], ys[0], xs[-1], ys[-1]), col_edges=xs,
                      n_rows=n_rows, cells=sorted(cells, key=lambda c: (c.row, c.col)))


def split_bands(ys: list[float], words: Sequence[Word], edges: Sequence[float], *, full: bool = False) -> list[float]:
    """Bands between rules that hold several rows of their own (booktabs style: rules only above
    and below the header and at the end) split into those rows: when every line of the band
    starts in the first column and has text in another column too (a wrapped cell would leave
    the first column empty on its continuation lines), and none carries on, in lower case, the
    first column's sentence above it. With `full` (a ruled grid with no rules between its body
    rows), only a band of three lines or more in three columns or more, each of which holds a
    line at all of them but one: rows of values, not cells wrapped side by side."""
    out = [ys[0]]
    for top, bottom in zip(ys, ys[1:], strict=False):
        rows = group_rows(w for w in words if top <= w.mid_y <= bottom)
        columns = [{column_index(edges, (w.x0 + w.x1) / 2) for w in row} for row in rows]
        filled = Counter(c for cols in columns for c in cols)
        if full and (len(rows) < _UNRULED_ROWS or len(filled) < _UNRULED_ROWS
                     or min(filled.values(), default=0) < len(rows) - 1):
            out.append(bottom)
            continue
        if len(rows) >= 2 and all(0 in cols and len(cols) >= 2 for cols in columns) \
                and not any(_runs_on(row, edges) for row in rows[1:]):
            out.extend((max(w.bottom for w in above) + min(w.top for w in below)) / 2
                       for above, below in zip(rows, rows[1:], strict=False))
        out.append(bottom)
    return out


def _runs_on(row: Sequence[Word], edges: Sequence[float]) -> bool:
    """A line whose first-column text starts in lower case carries on the sentence above it."""
    first = next((w for w in row if column_index(edges, (w.x0 + w.x1) / 2) == 0), None)
    return first is not None and first.text[:1].islower()


def _unspanned(cell: PieceCell, xs: Sequence[float], words: Sequence[Word]) -> list[PieceCell]:
    """A one-row cell across several columns whose words sit in two or more of them, none across
    a column edge and a gutter apart from their neighbours in other columns, is that row's cells
    with their rules left undrawn (rules only under each row, or white ones): one per column."""
    box = cell.bbox
    if cell.col_span < 2 or cell.row_span > 1 or box is None:
        return [cell]
    inside_words = [w for w in words if box.x0 <= (w.x0 + w.x1) / 2 <= box.x1 and box.top <= w.mid_y <= box.bottom]
    edges = xs[cell.col + 1:cell.col + cell.col_span]
    if any(w.x0 < x - TOUCH < w.x1 for w in inside_words for x in edges):
        return [cell]
    column = {id(w): column_index(xs, (w.x0 + w.x1) / 2) for w in inside_words}
    if len(set(column.values())) < 2:
        return [cell]
    lines: dict[int, list[Word]] = {}
    for w in inside_words:
        lines.setdefault(round(w.mid_y), []).append(w)
    for line in lines.values():  # words of one line in two columns stand a gutter apart, not a space
        line.sort(key=lambda w: w.x0)
        pairs = zip(line, line[1:], strict=False)
        if any(column[id(a)] != column[id(b)] and b.x0 - a.x1 < _GUTTER_SIZES * b.size for a, b in pairs):
            return [cell]
    return [PieceCell(row=cell.row, col=c, bbox=BBox(xs[c], box.top, xs[c + 1], box.bottom), pages=list(cell.pages))
            for c in range(cell.col, cell.col + cell.col_span)]


def _has_rule(rules: Sequence[Rule], at: float, start: float, end: float, *, vertical: bool) -> bool:
    """Whether a rule at `at` covers most of the span start..end."""
    need = (end - start) * 0.6
    for rule in rules:
        pos, lo, hi = (rule.x0, rule.top, rule.bottom) if vertical else (rule.top, rule.x0, rule.x1)
        if abs(pos - at) <= max(SNAP, MIN_CELL) and min(hi, end) - max(lo, start) >= need:
            return True
    return False


def _drop_overlaps(cells: list[PieceCell]) -> list[PieceCell]:
    """Non-rectangular merges (broken rules) can overlap: keep the first cell covering each position."""
    taken: set[tuple[int, int]] = set()
    kept = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        spots = {(r, c) for r in range(cell.row, cell.last_row + 1)
                 for c in range(cell.col, cell.last_col + 1)}
        if spots & taken:
            free = [s for s in spots if s not in taken]
            for r, c in free:
                kept.append(PieceCell(row=r, col=c, bbox=cell.bbox, pages=list(cell.pages)))
                taken.add((r, c))
            continue
        taken |= spots
        kept.append(cell)
    return kept


def _fill_cells(cells: Sequence[PieceCell], words: Sequence[Word]) -> None:
    for cell in cells:
        cell.parts = [[]]
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, word.mid_y
        for cell in cells:
            box = cell.bbox
            if box is not None and box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom:
                cell.parts[0].append(word)
                break


def shade_cells(cells: Sequence[PieceCell], fills: Sequence[BBox]) -> None:
    """Mark the cells that a shaded rectangle covers (most of their area)."""
    for cell in cells:
        box = cell.bbox
        if box is None:
            continue
        area = max((box.x1 - box.x0) * (box.bottom - box.top), 1e-6)
        cell.shaded = any(max(0.0, min(f.x1, box.x1) - max(f.x0, box.x0))
                          * max(0.0, min(f.bottom, box.bottom) - max(f.top, box.top)) >= 0.8 * area for f in fills)


def inside(word: Word, box: BBox, margin: float = 1.0) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, word.mid_y
    return box.x0 - margin <= cx <= box.x1 + margin and box.top - margin <= cy <= box.bottom + margin


def column_index(edges: Sequence[float], x: float) -> int:
    """The column (0-based) whose edges hold x; the last one past the right edge."""
    for c in range(len(edges) - 1):
        if x < edges[c + 1]:
            return c
    return len(edges) - 2
