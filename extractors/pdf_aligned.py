"""Tables drawn without any rules, found from text alignment."""

from __future__ import annotations

from collections.abc import Sequence

from extractors.pdf_page import PageContent, Word
from extractors.pdf_tables import PieceCell, TablePiece, column_index
from schemas.document import BBox

_ALIGN = 4.0  # pt: fragments starting this close are in one column
_MIN_ALIGNED_ROWS = 3
_SHORT_CELL = 0.75  # a table column's text is shorter than this share of the column's pitch


def aligned_tables(page: PageContent, rows: Sequence[Sequence[Sequence[Word]]]) -> list[TablePiece]:
    """Tables drawn with no rules at all, from text alignment.

    `rows` are the page's free text rows (top to bottom), each split into fragments at gutters.
    A run of at least three rows whose fragments start at the same x positions (two or more
    columns), with only continuation lines of one column between them, is a table when its
    columns other than the last hold short text (a key, a term list): columns of prose fill
    their width, or run on from line to line in lower case, and are left to the reading order.
    """
    pieces: list[TablePiece] = []
    run: list[Sequence[Sequence[Word]]] = []
    columns: list[float] = []
    for row in [*rows, []]:
        starts = [min(w.x0 for w in frag) for frag in row]
        if run and row and _fits(starts, columns, run[-1], row):
            run.append(row)
            continue
        piece = _aligned_piece(page, run, columns)
        if piece is not None:
            pieces.append(piece)
        run, columns = ([row], starts) if len(row) >= 2 else ([], [])
    return pieces


def _fits(starts: list[float], columns: list[float], above: Sequence[Sequence[Word]],
          row: Sequence[Sequence[Word]]) -> bool:
    gap = min(w.top for frag in row for w in frag) - max(w.bottom for frag in above for w in frag)
    height = max(w.bottom - w.top for frag in row for w in frag)
    if gap > 1.5 * height:
        return False
    return all(any(abs(x - c) <= _ALIGN for c in columns) for x in starts) and \
        (len(starts) >= 2 or abs(starts[0] - columns[0]) > _ALIGN)


def _runs_on(starting: Sequence[Sequence[Sequence[Word]]], columns: Sequence[float]) -> bool:
    """Most lines of some column start in lower case: a sentence running on from the line above,
    columns of prose side by side, not rows of a table."""
    for column in columns:
        firsts = [frag[0].text for row in starting[1:] for frag in row if abs(frag[0].x0 - column) <= _ALIGN]
        if firsts and 2 * sum(text[:1].islower() for text in firsts) >= len(firsts):
            return True
    return False


def _aligned_piece(page: PageContent, run: Sequence[Sequence[Sequence[Word]]],
                   columns: Sequence[float]) -> TablePiece | None:
    starting = [row for row in run if len(row) >= 2]
    if len(starting) < _MIN_ALIGNED_ROWS or len(columns) < 2:
        return None
    if _runs_on(starting, columns):
        return None
    for c in range(len(columns) - 1):
        pitch = columns[c + 1] - columns[c]
        widths = [max(w.x1 for w in frag) - columns[c] for row in starting for frag in row
                  if abs(min(w.x0 for w in frag) - columns[c]) <= _ALIGN]
        if not widths or sorted(widths)[len(widths) // 2] > _SHORT_CELL * pitch:
            return None
    right = max(w.x1 for row in run for frag in row for w in frag)
    edges = [c - 1.0 for c in columns] + [right + 1.0]
    by_position: dict[tuple[int, int], PieceCell] = {}
    row_index = -1
    for row in run:
        row_index += len(row) >= 2  # a continuation line stays in the row above
        for frag in row:
            key = (row_index, column_index(edges, min(w.x0 for w in frag) + 0.5))
            if key not in by_position:
                by_position[key] = PieceCell(row=key[0], col=key[1], parts=[[]], pages=[page.number])
            by_position[key].parts[0].extend(frag)
    n_rows = row_index + 1
    for r in range(n_rows):
        for c in range(len(columns)):
            by_position.setdefault((r, c), PieceCell(row=r, col=c, parts=[[]], pages=[page.number]))
    cells = list(by_position.values())
    for r in range(n_rows):
        words = [w for c in cells if c.row == r for w in c.words]
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        for cell in cells:
            if cell.row == r:
                cell.bbox = BBox(edges[cell.col], top, edges[cell.col + 1], bottom)
    top = min(w.top for row in run for frag in row for w in frag)
    bottom = max(w.bottom for row in run for frag in row for w in frag)
    return TablePiece(page=page.number, bbox=BBox(edges[0], top, edges[-1], bottom), col_edges=edges,
                      n_rows=n_rows, cells=sorted(cells, key=lambda c: (c.row, c.col)))
