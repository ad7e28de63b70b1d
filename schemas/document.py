"""The intermediate document model that every extractor fills.

One model for every format (Word, PDF, HTML, scans), in the spirit of Docling's single
document: blocks in reading order, each with its page and position; tables as cells with row
and column spans, header flags and the lines (paragraphs, list items) inside each cell.
A cell that the source shows as merged is one `Cell` with spans, never repeated copies.

Coordinates are PDF points from the page's top-left corner (x grows right, y grows down).
Formats without pages (Word, HTML) leave `page` and `bbox` as None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox | None) -> BBox:
        if other is None:
            return self
        return BBox(min(self.x0, other.x0), min(self.top, other.top),
                    max(self.x1, other.x1), max(self.bottom, other.bottom))


@dataclass(slots=True)
class Line:
    """One paragraph or list item as laid out inside a table cell."""

    text: str
    bold: bool = False
    list_depth: int | None = None  # None: not a list item; 0: top-level item
    marker: str | None = None  # the bullet or number that was stripped, if any
    confidence: float | None = None  # OCR word confidence (0-100), mean over the line

    @property
    def is_list_item(self) -> bool:
        return self.list_depth is not None


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    lines: list[Line] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False
    page: int | None = None
    bbox: BBox | None = None

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines if line.text).strip()

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(slots=True)
class Table:
    n_rows: int
    n_cols: int
    cells: list[Cell] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    joined: bool = False  # True when joined from pieces on several pages

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), spans included."""
        for cell in self.cells:
            if cell.row <= row <= cell.last_row and cell.col <= col <= cell.last_col:
                return cell
        return None

    def row_cells(self, row: int) -> list[Cell]:
        """Cells that start in `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def cells_by_row(self) -> list[list[Cell]]:
        """For each row, the cells that start in it, left to right (row_cells of every row in one
        pass over the cells)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: c.col):
            if 0 <= cell.row < self.n_rows:
                out[cell.row].append(cell)
        return out

    def header_rows(self) -> list[int]:
        return sorted({c.row for c in self.cells if c.is_header})

    def grid(self) -> list[list[Cell | None]]:
        """Every grid position mapped to the cell covering it."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.last_row, self.n_rows - 1) + 1):
                for c in range(cell.col, min(cell.last_col, self.n_cols - 1) + 1):
                    out[r][c] = cell
        return out


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str = ""
    level: int | None = None  # heading level (1 = top)
    list_depth: int | None = None  # list items: 0 = top level
    marker: str | None = None  # list items: the bullet or number stripped
    bold: bool = False
    font_size: float | None = None
    page: int | None = None
    bbox: BBox | None = None
    table: Table | None = None
    confidence: float | None = None  # OCR: mean word confidence (0-100)


@dataclass(slots=True)
class Document:
    source: str
    sha256: str
    format: str  # one of schemas.formats.DOCUMENT_FORMATS
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    title: str | None = None  # from the file's own properties, if any
    furniture: list[str] = field(default_factory=list)  # running headers/footers removed from the blocks

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.kind is BlockKind.TABLE and b.table is not None]
