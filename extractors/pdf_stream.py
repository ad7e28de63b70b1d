"""Rules-only tables: a stack of three or more horizontal rules of the same width and no vertical
rules.

Rows are the bands between rules (the shaded bands stacked on the first rule, typically the
header and a shaded first row, are included, and so is a header band above the first rule with
rows but no rule between, as a scan shows a rule drawn along a band's edge: not at all; a
shaded band inside the stack is a row of its own; a band whose every line starts in the first
column holds one row per line; a band where several columns start new text at one height is
cut there into rows, its first-column cell spanning them, see `_sub_row_cuts`). Columns
are the vertical white-space gutters that run through the words of the whole table, over all
its pages. Text that crosses a gutter, or a shaded row whose text stops short of the last
columns, makes a cell span those columns.

A stack whose first row hangs from the bottom rule of a grid as wide (a header drawn as a grid,
body rows with a rule under each only) opens on that rule; the layout makes it the grid's body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from extractors.pdf_page import Fill, PageContent, Rule, Word
from extractors.pdf_tables import (
    MIN_CELL,
    SNAP,
    TOUCH,
    PieceCell,
    TablePiece,
    column_index,
    inside,
    merge_rules,
    rule_positions,
    split_bands,
)
from extractors.pdf_text import group_rows, marker_of
from schemas.document import BBox

_STACK_WIDTH = 0.25  # rules at least this share of the page width
_STACK_ALIGN = 6.0  # pt: rules of one stack start and end this close
_MIN_GUTTER = 4.0  # pt of white space between columns
_NEW_TEXT_GAP = 0.5  # a gap above a cell's line of more than this share of a line's height: new text
_SAME_TOP = 2.0  # pt: lines of different columns starting this close start at one height
_BANNER_GAP = 10.0  # pt: a bold line with no wider gap is one run of words
_HEADING_STEP = 2.0  # pt larger than a table's text, in bold: a heading between tables
_MARKER_GAP = 2.0  # font sizes: a list marker sits at most this far from its text
_HEADER_CELLS = 3  # runs of bold words in a line: a header row (two may be an owner and a banner)
_ROW_PAD_SLACK = 0.5  # font sizes: a row's white space under and over its rules varies this much


def find_rule_stacks(page: PageContent, taken: Sequence[BBox]) -> list[tuple[BBox, list[float]]]:
    """Stacks of >= 3 equally wide horizontal rules outside ruled grids: (region, rule ys).

    Rows shaded in turn with no rules at all (zebra stripes) count as rules at their edges; a
    stack of them is split where the header's colour comes back after a gap (the next table)."""
    drawn = [r for r in merge_rules(r for r in page.rules if r.horizontal) if r.x1 - r.x0 >= _STACK_WIDTH * page.width]
    stripes, starts = _stripes(page, drawn)
    vertical = [r for r in page.rules if not r.horizontal and r.bottom - r.top > MIN_CELL]
    out = []
    for stack in _stacks(_outside(merge_rules([*drawn, *stripes]), taken), page.height):
        x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
        whole = rule_positions(r.top for r in stack)
        for ys in (part for table in _split_at(whole, starts) for part in _split_at_headings(page, x0, x1, table)):
            grid_bottom = _grid_bottom_above(page.words, taken, x0, x1, ys)
            if len(ys) + (grid_bottom is not None) < 3 and (len(whole) < 3 or len(ys) < 2):
                continue  # one row between two rules is a table only as part of a larger stack
            box = BBox(x0, ys[0], x1, ys[-1])
            inner = {round(v.x0) for v in vertical if box.x0 + MIN_CELL < v.x0 < box.x1 - MIN_CELL
                     and v.top < box.bottom and v.bottom > box.top}
            if len(inner) > 1:
                continue  # a grid; one inner rule only is a column edge the gutters find too
            box, ys = _with_bands(box, ys, page.fills)
            header = _header_band_above(page, box, ys)
            if header is not None:
                ys = [header.top, header.bottom, *ys]
                box = BBox(x0, header.top, x1, ys[-1])
            if grid_bottom is not None and ys[0] > grid_bottom + SNAP:
                ys = [grid_bottom, *ys]
                box = BBox(x0, grid_bottom, x1, ys[-1])
            out.append((box, ys))
    return out


def _grid_bottom_above(words: Sequence[Word], grids: Sequence[BBox], x0: float, x1: float,
                       ys: Sequence[float]) -> float | None:
    """The bottom rule of a grid as wide as the stack when the stack's first row lies between it
    and the stack's first rule (a header drawn as a grid, body rows with a rule under each only):
    that band holds text set as close under the grid as the stack's rows under their rules, and
    as close above the stack's first rule as they above theirs (not a paragraph between two
    tables, set apart by white space), and the stack does not open with a header of its own."""
    above = [g.bottom for g in grids if abs(g.x0 - x0) <= _STACK_ALIGN and abs(g.x1 - x1) <= _STACK_ALIGN
             and g.bottom < ys[0] - MIN_CELL]
    if not above or len(ys) < 2:
        return None
    bottom = max(above)
    first = _band(words, x0, x1, bottom, ys[0])
    pads = _paddings(words, x0, x1, ys)
    if not first or not pads or _is_header(_band(words, x0, x1, ys[0], ys[1])):
        return None
    under, over = _padding(first, bottom, ys[0])
    slack = _ROW_PAD_SLACK * min(w.size for w in first)
    fits = under <= max(p[0] for p in pads) + slack and over <= max(p[1] for p in pads) + slack
    return bottom if fits else None


def _band(words: Sequence[Word], x0: float, x1: float, top: float, bottom: float) -> list[Word]:
    return [w for w in words if x0 <= w.x0 and w.x1 <= x1 and top <= w.mid_y <= bottom]


def _padding(band: Sequence[Word], top: float, bottom: float) -> tuple[float, float]:
    """The white space above and below the text of a band between two rules."""
    return min(w.top for w in band) - top, bottom - max(w.bottom for w in band)


def _paddings(words: Sequence[Word], x0: float, x1: float, ys: Sequence[float]) -> list[tuple[float, float]]:
    """`_padding` of each band with text between the rules `ys`, in one pass over the words (a
    stack may have thousands of rows)."""
    tops: dict[int, float] = {}
    bottoms: dict[int, float] = {}
    for w in _band(words, x0, x1, ys[0], ys[-1]):
        i = min(max(0, bisect_left(ys, w.mid_y) - 1), len(ys) - 2)
        tops[i] = min(tops.get(i, w.top), w.top)
        bottoms[i] = max(bottoms.get(i, w.bottom), w.bottom)
    return [(tops[i] - ys[i], ys[i + 1] - bottoms[i]) for i in tops]


def _is_header(band: Sequence[Word]) -> bool:
    """A band all in bold with a line of three runs of words or more: a header row."""
    lines = group_rows(band)
    return bool(lines) and all(w.bold for w in band) and max(map(_runs, lines)) >= _HEADER_CELLS


def _split_at(ys: list[float], starts: Sequence[float]) -> list[list[float]]:
    """Rule positions cut where a new table starts; the band before the start belongs to neither."""
    parts: list[list[float]] = [[ys[0]]]
    for y in ys[1:]:
        if any(abs(y - s) <= SNAP for s in starts):
            parts.append([y])
        else:
            parts[-1].append(y)
    return parts


def _outside(rules: Sequence[Rule], taken: Sequence[BBox]) -> list[Rule]:
    return [r for r in rules if not any(b.x0 - TOUCH <= r.x0 and r.x1 <= b.x1 + TOUCH
                                        and b.top - TOUCH <= r.top <= b.bottom + TOUCH for b in taken)]


def _stacks(rules: Sequence[Rule], page_height: float) -> list[list[Rule]]:
    """Rules grouped by their common start and end, down the page."""
    stacks: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r.top):
        for stack in stacks:
            last = stack[-1]
            if abs(last.x0 - rule.x0) <= _STACK_ALIGN and abs(last.x1 - rule.x1) <= _STACK_ALIGN \
                    and rule.top - last.top <= 0.5 * page_height:
                stack.append(rule)
                break
        else:
            stacks.append([rule])
    return stacks


def _split_at_headings(page: PageContent, x0: float, x1: float, ys: list[float]) -> list[list[float]]:
    """A stack of rules split between two tables ruled alike: where a band holds a line of bold
    text larger than the table's (a heading: its band belongs to neither table), and where a
    band of three or more bold cells (a header row) follows bands of body text (a lone line in
    the band just above it, "Key measures", belongs to neither)."""
    bands = [[w for w in page.words if x0 <= w.x0 and w.x1 <= x1 and top <= w.mid_y <= bottom]
             for top, bottom in zip(ys, ys[1:], strict=False)]
    sizes = sorted(w.size for band in bands for w in band)
    if not sizes:
        return [ys]
    body = sizes[len(sizes) // 2]
    parts: list[list[float]] = [[ys[0]]]
    seen_body = False
    for i, (band, bottom) in enumerate(zip(bands, ys[1:], strict=False)):
        lines = group_rows(band)
        if any(all(w.bold and w.size >= body + _HEADING_STEP for w in line) for line in lines):
            parts.append([bottom])  # the heading's band belongs to neither table
            seen_body = False
            continue
        if seen_body and _is_header(band):
            if len(parts[-1]) >= 2 and _is_label(bands[i - 1]):
                parts[-1].pop()  # the label's band belongs to neither table
            parts.append([ys[i]])
        seen_body = seen_body or any(not w.bold for w in band)
        parts[-1].append(bottom)
    return parts


def _runs(line: Sequence[Word]) -> int:
    """How many runs of words a line holds, apart by more than a space."""
    return 1 + sum(b.x0 - a.x1 >= _BANNER_GAP for a, b in zip(line, line[1:], strict=False))


def _is_label(band: Sequence[Word]) -> bool:
    """A band holding one line of one run of words."""
    lines = group_rows(band)
    return len(lines) == 1 and _runs(lines[0]) == 1


def _stripes(page: PageContent, drawn: Sequence[Rule]) -> tuple[list[Rule], list[float]]:
    """The edges of each run of three or more equally wide shaded rows (each next one starting
    within a row's height of the one before), where no drawn rule of that width runs; and the
    tops of the bands that start a new table: a run's first band when its colour is a header's
    (unlike the band below), and that colour again after a gap."""
    runs: list[list[Fill]] = []
    for fill in sorted((f for f in page.fills if f.x1 - f.x0 >= _STACK_WIDTH * page.width), key=lambda f: f.top):
        run = next((r for r in runs if abs(r[-1].x0 - fill.x0) <= _STACK_ALIGN
                    and abs(r[-1].x1 - fill.x1) <= _STACK_ALIGN
                    and 0 <= fill.top - r[-1].bottom + SNAP <= r[-1].bottom - r[-1].top + SNAP), None)
        if run is None:
            runs.append([fill])
        else:
            run.append(fill)
    rules: list[Rule] = []
    starts: list[float] = []
    for run in runs:
        x0, x1 = run[0].x0, run[0].x1
        if len(run) < 3 or any(abs(r.x0 - x0) <= _STACK_ALIGN and abs(r.x1 - x1) <= _STACK_ALIGN for r in drawn):
            continue
        rules.extend(Rule(x0, y, x1, y) for f in run for y in (f.top, f.bottom))
        header = run[0].colour
        if header and run[1].colour != header:  # a run under its own header band is a table
            starts.append(run[0].top)
            starts.extend(f.top for f, above in zip(run[1:], run, strict=False)
                          if f.colour == header and f.top - above.bottom > SNAP)
    return rules, starts


def _with_bands(box: BBox, ys: list[float], fills: Sequence[BBox]) -> tuple[BBox, list[float]]:
    """Extend the stack over the shaded bands stacked on its first rule (a header band, and a
    shaded first row between it and the rule) or hanging from its last, each starting where the
    one before ends; and cut it at the edges of a band as wide inside it (a shaded row with no
    rule drawn along its edge)."""
    bands = [f for f in fills if abs(f.x0 - box.x0) <= _STACK_ALIGN and abs(f.x1 - box.x1) <= _STACK_ALIGN]
    while (above := next((f for f in bands if abs(f.bottom - ys[0]) <= SNAP and f.top < ys[0] - MIN_CELL),
                         None)) is not None:
        ys = [above.top, *ys]
    while (below := next((f for f in bands if abs(f.top - ys[-1]) <= SNAP and f.bottom > ys[-1] + MIN_CELL),
                         None)) is not None:
        ys = [*ys, below.bottom]
    inner = rule_positions(y for f in bands for y in (f.top, f.bottom)
                           if all(abs(y - v) > max(SNAP, MIN_CELL) for v in ys) and ys[0] < y < ys[-1])
    return BBox(box.x0, ys[0], box.x1, ys[-1]), sorted([*ys, *inner])


def _header_band_above(page: PageContent, box: BBox, ys: Sequence[float]) -> Fill | None:
    """A header band as wide as the stack above its first rule, with rows of the table between
    and no rule under the band: the rule hidden along the band's edge (a scan cannot show it).
    The band's print is a header's (bold, three runs of words or more), and the text between
    sits in the stack's columns (no word across a gutter) with no rule among it (not another
    table's rows): rows, not a paragraph."""
    above = [f for f in page.fills if abs(f.x0 - box.x0) <= _STACK_ALIGN and abs(f.x1 - box.x1) <= _STACK_ALIGN
             and f.bottom < ys[0] - MIN_CELL]
    if not above:
        return None
    band = max(above, key=lambda f: f.bottom)
    if any(r.horizontal and band.bottom + SNAP < r.top < ys[0] - SNAP and r.x0 < box.x1 and box.x0 < r.x1
           for r in page.rules):
        return None
    between = _band(page.words, box.x0, box.x1, band.bottom, ys[0])
    if not between or not _is_header(_band(page.words, box.x0, box.x1, band.top, band.bottom)):
        return None
    edges = gutter_edges([_band(page.words, box.x0, box.x1, ys[0], ys[-1])], box)
    crossing = any(column_index(edges, w.x0 + 0.5) != column_index(edges, w.x1 - 0.5) for w in between)
    return band if len(edges) >= 3 and not crossing else None


def stream_table(page: PageContent, box: BBox, ys: list[float], words: Sequence[Word],
                 edges: Sequence[float] | None = None) -> TablePiece | None:
    """A rules-only table: rows between the rules, columns at `edges` (default: its own gutters)."""
    words = [w for w in words if inside(w, box)]
    edges = list(edges) if edges is not None else gutter_edges([words], box)
    if len(edges) < 3:
        return None
    ys = _join_run_ons(split_bands(ys, words, edges), words, edges)
    cells: list[PieceCell] = []
    n_rows = 0
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = [w for w in words if top <= w.mid_y <= bottom]
        cuts = [top, *_sub_row_cuts(band, edges), bottom]
        sub_rows = [_band_cells(n_rows + k, [w for w in band if a <= w.mid_y <= b], edges, a, b, page)
                    for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False))]
        cells.extend(_span_first_column(sub_rows))
        n_rows += len(sub_rows)
    for cell in cells:
        cell.pages = [page.number]
    return TablePiece(page=page.number, bbox=box, col_edges=edges, n_rows=n_rows,
                      cells=sorted(cells, key=lambda c: (c.row, c.col)))


def _join_run_ons(ys: list[float], words: Sequence[Word], edges: Sequence[float]) -> list[float]:
    """Rows cut where a band carries on the row above, a row with something in its first
    column: every column with text in the band carries on its text above, starting in lower case
    or after a word that cannot end a phrase ("Director of" / "Transformation"), and the first
    column is empty or carries on too. A band all in bold (a header, a banner) starts anew."""
    keep = [ys[0]]
    above_first = False
    last: dict[int, Word] = {}  # each column's last word in the row above
    for top, bottom in zip(ys, ys[1:], strict=False):
        band = sorted((w for w in words if top <= w.mid_y <= bottom), key=lambda w: (w.top, w.x0))
        first: dict[int, Word] = {}
        ends: dict[int, Word] = {}
        for word in band:
            column = column_index(edges, (word.x0 + word.x1) / 2)
            first.setdefault(column, word)
            ends[column] = word
        runs_on = above_first and bool(first) and not all(w.bold for w in band) and all(
            w.text[:1].islower() or (c in last and _OPEN_END.search(last[c].text)) for c, w in first.items())
        if runs_on:
            keep[-1] = bottom  # the cut above this band goes
            last.update(ends)
        else:
            keep.append(bottom)
            above_first, last = 0 in first, ends
    return keep


_OPEN_END = re.compile(r"(?:^(?:of|and|for|the|to|in|with|on|at|by|a|an)|[&,/\-–])$", re.IGNORECASE)


def _sub_row_cuts(band: Sequence[Word], edges: Sequence[float]) -> list[float]:
    """Where a band between two rules holds rows of its own with no rule between them (a
    continuation row: its own owner and date, often an empty first column): heights at which
    two or more columns after the first each start new text after a gap (a new value, not the
    next item of a list already running in that column) while no column's text runs on across
    that height at its normal line spacing (a wrapped cell). Cut halfway into the gap."""
    columns: dict[int, list[list[Word]]] = {}
    for word in band:
        columns.setdefault(column_index(edges, (word.x0 + word.x1) / 2), []).append(word)
    lines = {c: group_rows(ws) for c, ws in columns.items()}
    heights = sorted(max(w.bottom for w in line) - min(w.top for w in line)
                     for col_lines in lines.values() for line in col_lines)
    if not heights:
        return []
    min_gap = _NEW_TEXT_GAP * heights[len(heights) // 2]
    starts: list[tuple[float, int]] = []  # (top, column) of new text after a gap
    for c, col_lines in lines.items():
        for above, line in zip(col_lines, col_lines[1:], strict=False):
            gap = min(w.top for w in line) - max(w.bottom for w in above)
            next_item = marker_of(line[0]) is not None and _in_list(col_lines, above)
            if c > 0 and gap > min_gap and not next_item:
                starts.append((min(w.top for w in line), c))
    cuts: list[float] = []
    tried: list[float] = []
    for y, _ in sorted(starts):
        at = {c for t, c in starts if abs(t - y) <= _SAME_TOP}
        if len(at) < 2 or any(abs(t - y) <= _SAME_TOP for t in tried):
            continue
        tried.append(y)
        above = [w for w in band if w.mid_y < y - _SAME_TOP / 2]
        below = [w for w in band if w.mid_y >= y - _SAME_TOP / 2]
        if not above or min(w.top for w in below) < y - _SAME_TOP:
            continue  # text of some column crosses this height
        if all(_clear_gap(col_lines, y, min_gap) for col_lines in lines.values()):
            cuts.append((max(w.bottom for w in above) + y) / 2)
    return cuts


def _in_list(col_lines: Sequence[Sequence[Word]], line: Sequence[Word]) -> bool:
    """Whether `line` belongs to a list item: it or a line above it in its column starts with a marker."""
    index = next(i for i, ln in enumerate(col_lines) if ln is line)
    return any(marker_of(ln[0]) is not None for ln in col_lines[:index + 1])


def _clear_gap(col_lines: Sequence[Sequence[Word]], y: float, min_gap: float) -> bool:
    """Whether a column's text leaves a gap at height y (no line wrapped across it)."""
    above = [ln for ln in col_lines if min(w.top for w in ln) < y - _SAME_TOP]
    below = [ln for ln in col_lines if min(w.top for w in ln) >= y - _SAME_TOP]
    if not above or not below:
        return True
    return min(w.top for w in below[0]) - max(w.bottom for w in above[-1]) > min_gap


def _span_first_column(sub_rows: list[list[PieceCell]]) -> list[PieceCell]:
    """The cells of a band's rows; a first-column cell with text in the top row only spans them all."""
    first = [next((c for c in cells if c.col == 0), None) for cells in sub_rows]
    cells = [c for row in sub_rows for c in row]
    top = first[0]
    if len(sub_rows) < 2 or top is None or top.empty or any(
            c is None or not c.empty or c.col_span != top.col_span for c in first[1:]):
        return cells
    below = first[-1]
    top.row_span = len(sub_rows)
    if top.bbox is not None and below is not None and below.bbox is not None:
        top.bbox = BBox(top.bbox.x0, top.bbox.top, top.bbox.x1, below.bbox.bottom)
    dropped = {id(c) for c in first[1:]}
    return [c for c in cells if id(c) not in dropped]


def gutter_edges(word_sets: Sequence[Sequence[Word]], box: BBox) -> list[float]:
    """Column edges: box sides plus the start of the text after each x-interval no text row crosses.

    `word_sets` are the words of the pieces of one table (one set per page), so that the
    columns are those of the whole table. A gap narrower than a gutter, and the gap between a
    list marker and its text, count as text.
    """
    width = int(box.x1 - box.x0) + 1
    cover = [0] * width
    n_rows = 0
    for words in word_sets:
        for row in group_rows(words):
            if _is_banner_line(row):
                continue  # a bold title across the table ("Keep our systems safe") is a row of its own
            n_rows += 1
            for word in row:
                _cover(cover, word.x0 - box.x0, word.x1 - box.x0)
            for a, b in zip(row, row[1:], strict=False):
                if b.x0 - a.x1 < _MIN_GUTTER or _marks_item(a, b):
                    _cover(cover, a.x1 - box.x0, b.x0 - box.x0)
    all_words = [w for words in word_sets for w in words]
    if not all_words:
        return []
    allowed = n_rows // 25
    first = max(0, min(int(w.x0 - box.x0) for w in all_words))
    last = min(width - 1, max(int(w.x1 - box.x0) for w in all_words))
    edges = [box.x0]
    run_start: int | None = None
    for x in range(first, last + 1):
        if cover[x] <= allowed:
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            if x - run_start >= _MIN_GUTTER:
                edges.append(box.x0 + x - 1.0)  # a column starts just left of its text
            run_start = None
    edges.append(box.x1)
    return edges


def _marks_item(a: Word, b: Word) -> bool:
    """`a` is the list marker of the text `b` starts: not a mark of its own (a tick in a
    period column) nor one far from the next text."""
    return marker_of(a) is not None and marker_of(b) is None and b.x0 - a.x1 <= _MARKER_GAP * b.size


def _is_banner_line(row: Sequence[Word]) -> bool:
    """A line in bold with no gutter-wide gap: a banner across columns, not a row of cells."""
    return len(row) > 1 and all(w.bold for w in row) and all(
        b.x0 - a.x1 < _BANNER_GAP for a, b in zip(row, row[1:], strict=False))


def _cover(cover: list[int], start: float, end: float) -> None:
    for x in range(max(0, int(start)), min(len(cover), int(end) + 1)):
        cover[x] += 1


def _band_cells(row: int, band: Sequence[Word], edges: Sequence[float], top: float, bottom: float,
                page: PageContent) -> list[PieceCell]:
    n_cols = len(edges) - 1
    spans = list(range(n_cols))  # spans[c] = the column whose cell covers column c
    for word in band:
        c0 = column_index(edges, word.x0 + 0.5)
        c1 = column_index(edges, word.x1 - 0.5)
        for c in range(c0 + 1, c1 + 1):
            spans[c] = spans[c0]
    for line in group_rows(band):  # words a space apart on either side of an edge: one cell across it
        for a, b in zip(line, line[1:], strict=False):
            ca, cb = column_index(edges, (a.x0 + a.x1) / 2), column_index(edges, (b.x0 + b.x1) / 2)
            if cb > ca and b.x0 - a.x1 < _MIN_GUTTER and marker_of(a) is None:
                for c in range(ca + 1, cb + 1):
                    spans[c] = spans[ca]
    filled = {column_index(edges, (w.x0 + w.x1) / 2) for w in band}
    width = edges[-1] - edges[0]
    shaded = any(f.top <= top + SNAP and f.bottom >= bottom - SNAP and f.x1 - f.x0 >= 0.9 * width
                 for f in page.fills)
    lone = filled and spans[max(filled)] == spans[min(filled)] != max(filled)  # one run of text across edges
    if (shaded or lone) and filled and max(filled) < n_cols - 1:  # a banner: across the whole table
        for c in range(max(filled) + 1, n_cols):
            spans[c] = spans[max(filled)]
    cells: list[PieceCell] = []
    for c in range(n_cols):
        if spans[c] != c:
            continue
        last = max(k for k in range(n_cols) if spans[k] == c)
        box = BBox(edges[c], top, edges[last + 1], bottom)
        cell_words = [w for w in band if c <= column_index(edges, (w.x0 + w.x1) / 2) <= last]
        cells.append(PieceCell(row=row, col=c, col_span=last - c + 1, bbox=box, parts=[cell_words]))
    return cells
