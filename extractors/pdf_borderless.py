"""Tables drawn with no rules at all, found from the white space in their text.

A run of text lines in one font size and close spacing is a table when its lines that hold
several fragments leave at least two vertical gutters (three columns) that no fragment crosses,
or when a bold header line of three cells or more stands over fewer rows whose cells start
where header cells do; a run too short for either is a table when it fits the columns of a
table on the same page. Two columns (prose set in columns, lists side by side, a key) are left
to the reading order and the aligned-key reader (extractors/pdf_aligned.py).

A table starts at its first line of several fragments (a label above it is not part of it), a
new one where a bold header line follows body lines, and it ends before a line that crosses
its gutters (a bold label line at its end introduces what follows); a lone line across the
gutters between rows is a banner row of its own. Rows are cut under a bold header line, and
where the white space between lines is clearly wider than between the wrapped lines of one
cell; with even spacing the rules-only reader's own row cuts decide (extractors/pdf_stream.py),
as they do for the cells.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from extractors.pdf_page import PageContent, Word
from extractors.pdf_stream import gutter_edges, stream_table
from extractors.pdf_tables import TablePiece, column_index
from schemas.document import BBox

Fragment = Sequence[Word]
Row = Sequence[Fragment]

_MIN_TABLE_ROWS = 3  # lines with several fragments
_SIZE_TOLERANCE = 1.0  # pt: lines of one table share a font size
_MAX_GAP = 2.5  # line heights of white space between two lines of one table
_MIN_EDGES = 4  # three columns at least
_ROW_GAP_JUMP = 1.6  # a gap this much wider than the wrapped-line gaps separates rows
_MARGIN = 1.0  # pt around the table's text
_ALIGN = 2.0  # pt: cells of one column start this close
_EDGE_MATCH = 8.0  # pt: column edges of two pieces of one table lie this close


def borderless_tables(page: PageContent, rows: Sequence[Row], columns: Sequence[Sequence[float]] = ()
                      ) -> list[TablePiece]:
    """Tables with no rules among the page's free text rows (top to bottom, each split into
    fragments at gutters). A run too short to show its own gutters (a table of one or two rows)
    is a table when its fragments fall into three or more columns of a table on the page."""
    pieces = []
    short = []
    for part in (part for run in _runs(rows) for part in _at_new_headers(run)):
        piece = _table(page, part)
        if piece is not None:  # a known table with more columns where these are: its columns
            finer = (_fitted(page, part, edges) for edges in columns if _refines(edges, piece.col_edges))
            pieces.append(next((p for p in finer if p is not None), piece))
        else:
            short.append(part)
    found = [*columns, *(p.col_edges for p in pieces)]
    for part in short:
        piece = next((p for edges in found if (p := _fitted(page, part, edges)) is not None), None)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _top(row: Row) -> float:
    return min(w.top for frag in row for w in frag)


def _bottom(row: Row) -> float:
    return max(w.bottom for frag in row for w in frag)


def _size(row: Row) -> float:
    return statistics.median(w.size for frag in row for w in frag)


def _runs(rows: Sequence[Row]) -> list[list[Row]]:
    """Consecutive lines in one font size with no wide white space between them."""
    runs: list[list[Row]] = []
    for row in rows:
        if not row:
            continue
        run = runs[-1] if runs else None
        if run is not None and abs(_size(row) - _size(run[-1])) <= _SIZE_TOLERANCE \
                and _top(row) - _bottom(run[-1]) <= _MAX_GAP * (_bottom(row) - _top(row)):
            run.append(row)
        else:
            runs.append([row])
    return runs


def _at_new_headers(run: list[Row]) -> list[list[Row]]:
    """A run split where a bold line of several fragments (a header) follows body lines: a second
    table starts there; the bold label lines just above it ("What success looks like") belong to
    neither table."""
    parts: list[list[Row]] = [[]]
    for row in run:
        header = len(row) >= 2 and _bold(row)
        if header and any(len(r) >= 2 and not _bold(r) for r in parts[-1]):
            labels = 0
            while labels < len(parts[-1]) and len(parts[-1][-1 - labels]) == 1 and _bold(parts[-1][-1 - labels]):
                labels += 1
            if labels:
                parts[-1] = parts[-1][:-labels]
            parts.append([])
        parts[-1].append(row)
    return [part for part in parts if part]


def _crosses(row: Row, edges: Sequence[float]) -> bool:
    """A fragment of the row runs over an inner column edge."""
    return any(min(w.x0 for w in frag) < edge - _MARGIN < max(w.x1 for w in frag)
               for frag in row for edge in edges[1:-1])


def _table(page: PageContent, run: list[Row]) -> TablePiece | None:
    multi = [row for row in run if len(row) >= 2]
    if len(multi) < _MIN_TABLE_ROWS and not _headed(multi):
        return None
    words = [w for row in multi for frag in row for w in frag]
    box = BBox(min(w.x0 for w in words) - _MARGIN, _top(multi[0]), max(w.x1 for w in words) + _MARGIN,
               _bottom(multi[-1]))
    edges = gutter_edges([words], box)
    if len(edges) < _MIN_EDGES:  # two columns: text set in columns, or lists side by side, as often
        return None
    return _piece(page, run, edges)


def _refines(known: Sequence[float], own: Sequence[float]) -> bool:
    """`known` has more columns than `own`, and an edge wherever `own` has an inner one."""
    return len(known) > len(own) and all(any(abs(x - k) <= _EDGE_MATCH for k in known) for x in own[1:-1])


def _headed(multi: Sequence[Row]) -> bool:
    """A bold line of three cells or more over lines of body text, each of whose cells starts
    where a header cell does: a short table under its header."""
    if len(multi) < 2 or len(multi[0]) < _MIN_EDGES - 1 or not _bold(multi[0]):
        return False
    starts = [min(w.x0 for w in frag) for frag in multi[0]]
    return all(not _bold(row) and all(any(abs(min(w.x0 for w in frag) - x) <= _ALIGN for x in starts) for frag in row)
               for row in multi[1:])


def _fitted(page: PageContent, run: list[Row], edges: Sequence[float]) -> TablePiece | None:
    """The run as a table in the given columns, when its lines of several fragments sit inside
    them, no word across a column edge, and fill three columns at least."""
    multi = [row for row in run if len(row) >= 2]
    if not multi or any(_crosses([[w] for frag in row for w in frag], edges) for row in multi):
        return None
    words = [w for row in multi for frag in row for w in frag]
    if min(w.x0 for w in words) < edges[0] - _MARGIN or max(w.x1 for w in words) > edges[-1] + _MARGIN:
        return None
    filled = {column_index(edges, (w.x0 + w.x1) / 2) for w in words}
    return _piece(page, run, edges) if len(filled) >= _MIN_EDGES - 1 else None


def _piece(page: PageContent, run: list[Row], edges: Sequence[float]) -> TablePiece | None:
    first = next(i for i, row in enumerate(run) if len(row) >= 2)
    last = max(i for i, row in enumerate(run) if len(row) >= 2)
    while last + 1 < len(run) and not _crosses(run[last + 1], edges):
        last += 1
    while len(run[last]) == 1 and _bold(run[last]):
        last -= 1  # a bold label after the table ("Key measures") introduces what follows it
    lines = run[first:last + 1]
    table_words = [w for row in lines for frag in row for w in frag]
    box = BBox(edges[0], _top(lines[0]) - _MARGIN, edges[-1], _bottom(lines[-1]) + _MARGIN)
    return stream_table(page, box, _row_cuts(lines, edges, box), table_words, edges)


def _row_cuts(lines: Sequence[Row], edges: Sequence[float], box: BBox) -> list[float]:
    """Heights between rows: around each banner line (one fragment across the gutters), and in
    the white space between lines where it is clearly wider than inside a cell."""
    cuts = [box.top, box.bottom]
    gaps = [_top(b) - _bottom(a) for a, b in zip(lines, lines[1:], strict=False)]
    threshold = _gap_threshold(gaps)
    for i, (above, below) in enumerate(zip(lines, lines[1:], strict=False)):
        middle = (_bottom(above) + _top(below)) / 2
        banner = (len(below) == 1 and _crosses(below, edges)) or (len(above) == 1 and _crosses(above, edges))
        header_ends = _bold(above) and not _bold(below)  # a bold header row over the body
        if banner or header_ends or (threshold is not None and gaps[i] > threshold):
            cuts.append(middle)
    return sorted(set(cuts))


def _bold(row: Row) -> bool:
    return all(w.bold for frag in row for w in frag)


def _gap_threshold(gaps: Sequence[float]) -> float | None:
    """The white space above which two lines are in different rows: the middle of the widest
    jump between the sorted gaps, when the wide gaps are clearly wider."""
    if len(gaps) < 2:
        return None
    ordered = sorted(gaps)
    jump, at = max((b - a, i) for i, (a, b) in enumerate(zip(ordered, ordered[1:], strict=False)))
    low, high = ordered[at], ordered[at + 1]
    if high <= max(_ROW_GAP_JUMP * max(low, 0.5), low + 1.5):
        return None
    return (low + high) / 2
