"""Join the pieces of one logical table that runs over several pages.

Two consecutive pieces are one table when the first ends its page and the second starts the
next one (nothing but furniture between them) and they have the same columns, or the second
repeats the first's header rows. Then:

* header rows repeated at the top of the later piece are dropped (kept once, as header);
* the later piece's first row may continue cells cut by the page break. Cells are taken in
  groups of equal row span (a row's own cells; cells merged over several rows). A group
  continues the cell above it when it is empty in a "key" column: a column whose cells are
  nearly always filled elsewhere in the table (a reference, a number, an owner), since a row
  cut by a page break prints those short values on the first page only. When the row's own
  cells continue, the whole first row is the continuation of the last row; otherwise the first
  row is a new row and only the merged cells that continue grow their row span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.pdf_tables import PieceCell, TablePiece

_EDGE_TOLERANCE = 8.0
_KEY_SHARE = 0.9
_KEY_MIN_CELLS = 2
_MAX_HEADER_ROWS = 3


@dataclass(slots=True)
class JoinedTable:
    n_rows: int
    n_cols: int
    cells: list[PieceCell]
    pages: list[int]
    header_rows: int = 0
    col_edges: list[float] = field(default_factory=list)

    @property
    def joined(self) -> bool:
        return len(self.pages) > 1

    def cell_at(self, row: int, col: int) -> PieceCell | None:
        for cell in self.cells:
            if cell.row <= row <= cell.last_row and cell.col <= col <= cell.last_col:
                return cell
        return None


def cell_text(cell: PieceCell) -> str:
    return " ".join(w.text for w in cell.words)


def row_signature(cells: Sequence[PieceCell], row: int) -> tuple[tuple[int, int, str], ...]:
    """A row's cells as (column, span, words): the words' letters and digits only, in one case,
    so that a repeated header read by OCR with a stray mark ("assurance’") is the same row."""
    in_row = sorted((c for c in cells if c.row == row), key=lambda c: c.col)
    return tuple((c.col, c.col_span, "".join(ch for ch in cell_text(c).casefold() if ch.isalnum())) for c in in_row)


def start_table(piece: TablePiece) -> JoinedTable:
    return JoinedTable(n_rows=piece.n_rows, n_cols=piece.n_cols, cells=list(piece.cells),
                       pages=[piece.page], col_edges=list(piece.col_edges))


def repeated_header_rows(table: JoinedTable, piece: TablePiece) -> int:
    """How many of `piece`'s first rows repeat the table's first rows."""
    count = 0
    for row in range(min(_MAX_HEADER_ROWS, piece.n_rows - 1, table.n_rows - 1)):
        if any(c.row_span > 1 for c in piece.cells if c.row == row):
            break
        signature = row_signature(piece.cells, row)
        if signature != row_signature(table.cells, row) or not any(text for _, _, text in signature):
            break
        count += 1
    return count


def compatible(table: JoinedTable, piece: TablePiece) -> bool:
    if repeated_header_rows(table, piece):
        return True
    if piece.n_cols != table.n_cols:
        return False
    return all(abs(a - b) <= _EDGE_TOLERANCE for a, b in zip(table.col_edges, piece.col_edges, strict=True))


def append_piece(table: JoinedTable, piece: TablePiece) -> None:
    """Add the next page's piece to `table`, in place."""
    repeated = repeated_header_rows(table, piece)
    if repeated:
        table.header_rows = max(table.header_rows, repeated)
    body = [c for c in piece.cells if c.row >= repeated]
    if not body:
        return
    first = repeated
    last = table.n_rows - 1
    keys = _key_columns(table, [c for c in body if c.row > first])
    groups: dict[int, list[PieceCell]] = {}
    for cell in body:
        if cell.row == first:
            groups.setdefault(cell.row_span, []).append(cell)
    row_span = min(groups)
    continues = {span: _continues(table, cells, last, keys) for span, cells in groups.items()}
    row_continues = continues[row_span]
    offset = last - first if row_continues else last + 1 - first
    merged: set[int] = set()
    for span, cells in groups.items():
        if not (row_continues or continues[span]):
            continue
        for cell in cells:
            above = table.cell_at(last, cell.col)
            if above is None:
                continue
            above.parts.extend(cell.parts)
            above.pages.extend(cell.pages)
            above.row_span += cell.row_span - 1 if row_continues else cell.row_span
            merged.add(id(cell))
    for cell in body:
        if id(cell) in merged:
            continue
        cell.row += offset
        table.cells.append(cell)
    table.n_rows = max(c.last_row for c in table.cells) + 1
    table.pages.append(piece.page)


def _continues(table: JoinedTable, cells: Sequence[PieceCell], last: int, keys: set[int]) -> bool:
    """Whether these first-row cells are the rest of the cells above them, cut by the page break."""
    for cell in cells:
        above = table.cell_at(last, cell.col)
        if above is None or above.col != cell.col or above.col_span != cell.col_span \
                or above.last_row != last or above.empty:
            return False
    if any(cell.col == 0 and not cell.empty and 0 in keys for cell in cells):
        return False  # a new value in a first column that is always filled (a ref): a new row
    return any(cell.empty and any(c in keys for c in range(cell.col, cell.last_col + 1)) for cell in cells)


def _key_columns(table: JoinedTable, more: Sequence[PieceCell]) -> set[int]:
    """Columns whose cells (not spanning the whole width) are nearly always filled."""
    counts: dict[int, list[int]] = {}
    for cell in [*table.cells, *more]:
        if cell.row < table.header_rows or cell.col_span >= table.n_cols:
            continue
        filled, total = counts.setdefault(cell.col, [0, 0])
        counts[cell.col] = [filled + (not cell.empty), total + 1]
    return {col for col, (filled, total) in counts.items()
            if total >= _KEY_MIN_CELLS and filled >= _KEY_SHARE * total}
