"""Builders for the tests' fixture documents.

Word files are made with python-docx (plus the few raw XML touches python-docx has no API
for: w:num list instances, w:tblHeader); in-memory documents are made from the dataclasses
of schemas/document.py. Imported as `tests.builders` (the repository root is on pytest's pythonpath).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from schemas.document import Block, BlockKind, Cell, Document, Line, Table

# --------------------------------------------------------------------------- Word (.docx)


def new_docx() -> DocxDocument:
    return docx.Document()


def save(word: DocxDocument, path: Path) -> Path:
    word.save(str(path))
    return path


def add_numbering(word: DocxDocument, formats: Sequence[str] = ("decimal",)) -> str:
    """A new list instance (w:num) over a new abstract list whose level i has number format
    formats[i] ("decimal", "bullet", ...), restarting at 1. Returns its numId."""
    numbering = word.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = str(max(abstract_ids, default=-1) + 1)
    num_id = str(max(num_ids, default=0) + 1)

    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for ilvl, fmt in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        start = OxmlElement("w:start")
        start.set(qn("w:val"), "1")
        num_fmt = OxmlElement("w:numFmt")
        num_fmt.set(qn("w:val"), fmt)
        text = OxmlElement("w:lvlText")
        text.set(qn("w:val"), "\u2022" if fmt == "bullet" else f"%{ilvl + 1}.")
        lvl.extend([start, num_fmt, text])
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # abstract lists come before list instances in the schema
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(_num_element(num_id, abstract_id))
    return num_id


def restart_style_list(word: DocxDocument, style: str = "List Number") -> str:
    """A new list instance of the list a style numbers with, restarted at 1 (what Word writes
    for "Restart numbering"). Returns its numId."""
    style_num = word.styles[style].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = word.part.numbering_part.element
    abstract_id = next(n.find(qn("w:abstractNumId")).get(qn("w:val"))
                       for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == style_num)
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1)
    numbering.append(_num_element(num_id, abstract_id, restart=True))
    return num_id


def _num_element(num_id: str, abstract_id: str, restart: bool = False):
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    if restart:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
    return num


def set_num_pr(paragraph: Paragraph, num_id: str, ilvl: int = 0) -> Paragraph:
    """Give a paragraph direct numbering (w:numPr), as Word does for list paragraphs."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), num_id)
    num_pr.extend([level, ident])
    p_pr.append(num_pr)
    return paragraph


def first_paragraph(cell: _Cell, text: str = "", style: str | None = None,
                    bold: bool | None = None) -> Paragraph:
    """Write into a new cell's empty first paragraph (so no blank line stays behind)."""
    paragraph = cell.paragraphs[0]
    if text:
        paragraph.add_run(text).bold = bold
    if style:
        paragraph.style = style
    return paragraph


def cell_paragraph(cell: _Cell, text: str, style: str | None = None, bold: bool | None = None) -> Paragraph:
    """Add a paragraph to a cell, reusing the cell's first paragraph while it is empty."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.text and not first.runs:
        return first_paragraph(cell, text, style, bold)
    paragraph = cell.add_paragraph(style=style)
    paragraph.add_run(text).bold = bold
    return paragraph


def add_broken_paragraph(container, pieces: Sequence[str]) -> Paragraph:
    """A paragraph whose pieces are separated by soft line breaks (w:br)."""
    paragraph = container.add_paragraph()
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        if i < len(pieces) - 1:
            run.add_break()
    return paragraph


def mark_header_row(row: _Row, value: str | None = None) -> _Row:
    """Mark a row to repeat as a header row (w:tblHeader), optionally with an explicit w:val."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    if value is not None:
        header.set(qn("w:val"), value)
    tr_pr.append(header)
    return row


def fill_row(table: DocxTable, row: int, texts: Sequence[str | None]) -> None:
    """Plain one-paragraph text in each cell of a row (None leaves the cell alone)."""
    for col, text in enumerate(texts):
        if text is not None:
            first_paragraph(table.cell(row, col), text)


def add_grid_table(word: DocxDocument, rows: Sequence[Sequence[str]]) -> DocxTable:
    """A table with one plain paragraph per cell; the first row marked as a header row."""
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, texts in enumerate(rows):
        fill_row(table, r, texts)
    mark_header_row(table.rows[0])
    return table


def plan_table_docx(path: Path, rows: Sequence[Sequence[str]], title: str = "Annual Plan 2024/25") -> Path:
    """A Word plan: its title, one numbered objective heading and a table of `rows` (the first
    the header)."""
    word = new_docx()
    word.add_heading(title, 0)
    word.add_heading("1 Timely care", 1)
    add_grid_table(word, rows)
    return save(word, path)


def add_numbered_items(word: DocxDocument, cell: _Cell, items: Sequence[str]) -> None:
    """A "List Number" list restarted at 1 in this cell (its own w:num), as Word writes it."""
    num_id = restart_style_list(word, "List Number")
    for item in items:
        set_num_pr(cell_paragraph(cell, item, style="List Number"), num_id)


# --------------------------------------------------------------------------- document model


def ln(text: str, bold: bool = False, depth: int | None = None, marker: str | None = None) -> Line:
    """A Line; list items get a bullet marker unless one is given."""
    if depth is not None and marker is None:
        marker = "\u2022"
    return Line(text=text, bold=bold, list_depth=depth, marker=marker)


def item(text: str, depth: int = 0, marker: str | None = None) -> Line:
    return ln(text, depth=depth, marker=marker)


def cell(row: int, col: int, *lines: str | Line, rows: int = 1, cols: int = 1, header: bool = False) -> Cell:
    """A Cell at (row, col) spanning `rows` x `cols`; str lines become plain Lines."""
    return Cell(row=row, col=col, row_span=rows, col_span=cols, is_header=header,
                lines=[line if isinstance(line, Line) else Line(text=line) for line in lines])


def header_cells(texts: Sequence[str], row: int = 0) -> list[Cell]:
    return [cell(row, col, text, header=True) for col, text in enumerate(texts)]


def plain_row(row: int, texts: Sequence[str | None]) -> list[Cell]:
    """One single-line cell per non-None text, at its column."""
    return [cell(row, col, text) for col, text in enumerate(texts) if text is not None]


def table(cells: Iterable[Cell], n_cols: int | None = None) -> Table:
    cells = list(cells)
    n_rows = max(c.last_row for c in cells) + 1
    width = n_cols if n_cols is not None else max(c.last_col for c in cells) + 1
    return Table(n_rows=n_rows, n_cols=width, cells=cells)


def table_block(tbl: Table) -> Block:
    return Block(kind=BlockKind.TABLE, table=tbl)


def heading(text: str, level: int = 1) -> Block:
    return Block(kind=BlockKind.HEADING, text=text, level=level)


def para(text: str, bold: bool = False) -> Block:
    return Block(kind=BlockKind.PARAGRAPH, text=text, bold=bold)


def list_block(text: str, depth: int = 0) -> Block:
    return Block(kind=BlockKind.LIST_ITEM, text=text, list_depth=depth, marker="\u2022")


def document(*blocks: Block | Table, source: str = "fixture.docx") -> Document:
    """A Document of these blocks (Tables wrapped as table blocks)."""
    wrapped = [table_block(b) if isinstance(b, Table) else b for b in blocks]
    return Document(source=source, sha256="0" * 64, format="docx", blocks=wrapped)

