"""Where an item was read, as plan JSON records it: the page, the box, the table cell, and the
OCR confidence of the words."""

from __future__ import annotations

from schemas.document import BBox, Block, Cell
from schemas.plan import Provenance


def block_provenance(block: Block) -> Provenance:
    """An item read from a heading, paragraph or list item."""
    return Provenance(page=block.page, bbox=_bbox(block.bbox), confidence=block.confidence)


def cell_provenance(cell: Cell, table_index: int, block: Block | None = None) -> Provenance:
    """An item read from a table cell (the table's block, where given, fills in what the cell
    lacks). The confidence is that of the cell's least certain line."""
    confidences = [line.confidence for line in cell.lines if line.confidence is not None]
    confidence = min(confidences) if confidences else (block.confidence if block else None)
    return Provenance(page=cell.page or (block.page if block else None),
                      bbox=_bbox(cell.bbox or (block.bbox if block else None)),
                      table=table_index, row=cell.row, col=cell.col, confidence=confidence)


def _bbox(box: BBox | None) -> list[float] | None:
    return [round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1)] if box else None
