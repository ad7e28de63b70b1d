"""A document's tables as plain records: cells with their grid place and spans (the ICDAR 2013
prediction layout that ../shared/tools/table_score.py reads), or rows of text for a CSV file.
The tables are the ones the extractor found for the plan reader, in document order."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from schemas.document import BBox, Document, Table


def parse_pages(spec: str) -> set[int]:
    """"1,3-5" -> {1, 3, 4, 5}; raises ValueError naming the part that is not a page or a range."""
    pages: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        first, sep, last = part.partition("-")
        if not first.strip().isdigit() or (sep and not last.strip().isdigit()):
            raise ValueError(f"{part!r} is not a page number or a range such as 3-5")
        start, end = int(first), int(last) if sep else int(first)
        if start < 1 or end < start:
            raise ValueError(f"{part!r} is not a range of pages from 1 up")
        pages.update(range(start, end + 1))
    return pages


def table_page(table: Table) -> int:
    """The page a table starts on (1 for formats without pages)."""
    return min(table.pages) if table.pages else 1


def tables_on(document: Document, pages: Collection[int] | None = None) -> list[Table]:
    """The document's tables, those starting on one of `pages` when given."""
    return [t for t in document.tables if pages is None or table_page(t) in pages]


def _bbox(table: Table) -> list[float] | None:
    page = table_page(table)
    box: BBox | None = None
    for cell in table.cells:
        if cell.bbox is not None and (cell.page is None or cell.page == page):
            box = cell.bbox.union(box)
    return None if box is None else [round(v, 2) for v in (box.x0, box.top, box.x1, box.bottom)]


def table_record(table: Table) -> dict[str, Any]:
    """One table as {"page", "bbox", "cells": [{"row", "col", "row_span", "col_span", "text",
    "header"}]} with 0-based rows and columns."""
    return {
        "page": table_page(table),
        "bbox": _bbox(table),
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "pages": sorted(table.pages),
        "cells": [{"row": c.row, "col": c.col, "row_span": c.row_span, "col_span": c.col_span, "text": c.text,
                   "header": c.is_header} for c in sorted(table.cells, key=lambda c: (c.row, c.col))],
    }


def table_rows(table: Table) -> list[list[str]]:
    """The table as rows of cell texts, a spanning cell's text in its first row and column and
    blanks in the rest of its span (as a spreadsheet shows merged cells)."""
    rows = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        if cell.row < table.n_rows and cell.col < table.n_cols:
            rows[cell.row][cell.col] = cell.text
    return rows
