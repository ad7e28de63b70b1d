"""A header row repeated on the next page is known by its letters and digits: an OCR reading
with a stray mark ("assurance’") or in another case is the same header; other words are not."""

from __future__ import annotations

import pytest

from extractors.pdf_join import repeated_header_rows, start_table
from extractors.pdf_page import Word
from extractors.pdf_tables import PieceCell, TablePiece
from schemas.document import BBox


def _piece(page: int, rows: list[list[str]]) -> TablePiece:
    cells = [PieceCell(row=r, col=c, parts=[[Word(text=t, x0=0, top=0, x1=1, bottom=1, size=9) for t in text.split()]],
                       pages=[page]) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return TablePiece(page=page, bbox=BBox(0, 0, 500, 500), col_edges=[0, 100, 200, 300], n_rows=len(rows),
                      cells=cells)


FIRST = [["Deliverables", "Main assurance group", "Reference"], ["Roll out PICS", "DHG", "6.1"]]


@pytest.mark.parametrize(("header", "repeated"), [
    (["Deliverables", "Main assurance group", "Reference"], 1),
    (["Deliverables", "Main assurance’ group", "Reference"], 1),  # a stray mark read by OCR
    (["DELIVERABLES", "Main assurance group", "Reference"], 1),
    (["Deliverables", "Main assurance groups", "Reference"], 0),  # another word
])
def test_a_repeated_header_is_known_by_its_letters_and_digits(header: list[str], repeated: int) -> None:
    table = start_table(_piece(1, FIRST))
    assert repeated_header_rows(table, _piece(2, [header, ["Complete roll out", "DHG", "6.5"]])) == repeated
