"""Word (.docx) files into the document model, with python-docx.

Body paragraphs and tables are read in document order. Merged cells are resolved to spans
(gridSpan across columns, vMerge down rows) so each merged cell is read once; list
paragraphs inside cells stay list items; running headers and footers live in other parts of
the package and are never read. python-docx opens the package and resolves styles; paragraphs,
runs, rows and cells are read from their XML elements (extractors/docx_xml.py).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table as DocxTable
from lxml import etree

from extractors import docx_xml as xml
from extractors.inflation import check_zip
from schemas.document import Block, BlockKind, Cell, Document, Line, Table
from schemas.errors import CorruptFile

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s*(bullet|number|paragraph|continue)?\s*(\d)?$", re.IGNORECASE)
_BULLET_FORMATS = {"bullet", "none"}
_MAX_COLUMNS = 64  # of a table whose grid is not declared


def extract_docx(path: Path, sha256: str) -> Document:
    check_zip(path)
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise CorruptFile(str(path), f"the Word file is damaged and cannot be opened ({exc})") from exc
    reader = _Reader(word)
    blocks = list(reader.blocks())
    title = (word.core_properties.title or "").strip() or None
    return Document(source=path.name, sha256=sha256, format="docx", blocks=blocks, title=title)


def _clean(text: str) -> str:
    return " ".join(text.split())


class _Styles:
    """Paragraph and character styles by id, each looked up once (python-docx searches every
    style of the document on each look-up, which made a long table quadratic in practice), and
    what is read from a style (its name, whether it is bold) worked out once per id."""

    def __init__(self, word: DocxDocument) -> None:
        self._part = word.part
        self._found: dict[tuple[str | None, WD_STYLE_TYPE], BaseStyle | None] = {}
        self._names: dict[str | None, str] = {}
        self._paragraph_bold: dict[str | None, bool] = {}  # by the id a paragraph names
        self._run_bold: dict[str | None, bool | None] = {}  # by the id a run names
        self._num_prs: dict[str | None, etree._Element | None] = {}  # by the id a paragraph names

    def _get(self, style_id: str | None, kind: WD_STYLE_TYPE) -> BaseStyle | None:
        key = (style_id, kind)
        if key not in self._found:
            self._found[key] = self._part.get_style(style_id, kind)
        return self._found[key]

    def paragraph(self, style_id: str | None) -> BaseStyle | None:
        """The paragraph style a paragraph's pStyle names (the default one for None)."""
        return self._get(style_id, WD_STYLE_TYPE.PARAGRAPH)

    def name(self, style_id: str | None) -> str:
        if style_id not in self._names:
            style = self.paragraph(style_id)
            self._names[style_id] = (style.name if style is not None else "") or ""
        return self._names[style_id]

    def num_pr(self, style_id: str | None) -> etree._Element | None:
        """The w:numPr of the paragraph style a paragraph names."""
        if style_id not in self._num_prs:
            style = self.paragraph(style_id)
            p_pr = xml.child(style.element, xml.P_PR) if style is not None else None
            self._num_prs[style_id] = xml.child(p_pr, xml.NUM_PR) if p_pr is not None else None
        return self._num_prs[style_id]

    def _bold(self, style_id: str | None) -> bool:
        """Whether the paragraph style a paragraph names is bold."""
        if style_id not in self._paragraph_bold:
            style = self.paragraph(style_id)
            self._paragraph_bold[style_id] = style is not None and bool(style.font.bold)
        return self._paragraph_bold[style_id]

    def _character_bold(self, style_id: str | None) -> bool | None:
        """The bold setting of the character style a run names; None when it has none (or the
        document has no such style)."""
        if style_id not in self._run_bold:
            style = self._get(style_id, WD_STYLE_TYPE.CHARACTER)
            self._run_bold[style_id] = style.font.bold if style is not None else None
        return self._run_bold[style_id]

    def is_bold(self, runs: list[etree._Element], style_id: str | None) -> bool:
        """True when every one of `runs` (a paragraph's own runs with text) is bold: directly,
        by character style or by the paragraph's style, named by `style_id`."""
        if not runs:
            return False
        style_bold = self._bold(style_id)
        for run in runs:
            properties = xml.run_properties(run)
            bold = xml.run_bold(properties)
            if bold is None:
                bold = self._character_bold(xml.run_style_id(properties))
            if bold is None:
                bold = style_bold
            if not bold:
                return False
        return True


class _Reader:
    def __init__(self, word: DocxDocument) -> None:
        self.word = word
        self.styles = _Styles(word)
        self.numbering = _Numbering(word, self.styles)

    def blocks(self) -> Iterator[Block]:
        yield from self._container(self.word.element.body)

    def _container(self, element: etree._Element) -> Iterator[Block]:
        for child in element.iterchildren():
            if child.tag == xml.P:
                yield from self._paragraph_blocks(child)
            elif child.tag == xml.TBL:
                yield Block(kind=BlockKind.TABLE, table=self._table(child))
            elif child.tag == xml.SDT:
                content = xml.child(child, xml.SDT_CONTENT)
                if content is not None:
                    yield from self._container(content)

    def _paragraph_blocks(self, p: etree._Element) -> Iterator[Block]:
        lines = self._lines(p)
        style = self.styles.name(xml.paragraph_properties(p)[0]) if lines else ""
        for line in lines:
            heading = _HEADING_STYLE.match(style)
            if style.lower() == "title":
                yield Block(kind=BlockKind.HEADING, text=line.text, level=0, bold=line.bold)
            elif heading:
                yield Block(kind=BlockKind.HEADING, text=line.text, level=int(heading.group(1)), bold=line.bold)
            elif line.is_list_item:
                yield Block(kind=BlockKind.LIST_ITEM, text=line.text, list_depth=line.list_depth,
                            marker=line.marker, bold=line.bold)
            else:
                yield Block(kind=BlockKind.PARAGRAPH, text=line.text, bold=line.bold)

    def _lines(self, p: etree._Element) -> list[Line]:
        """A paragraph's text as lines: soft line breaks split it; empty pieces dropped."""
        runs = xml.paragraph_runs(p)
        text = "".join([run_text for _, run_text in runs])
        if not text.strip():
            return []
        style_id, num_pr = xml.paragraph_properties(p)
        own_runs = [run for run, run_text in runs if run_text.strip() and run.getparent() is p]
        bold = self.styles.is_bold(own_runs, style_id)
        depth, marker = self.numbering.list_info(num_pr, style_id)
        out = []
        for piece in text.split("\n"):
            text = _clean(piece)
            if text:
                out.append(Line(text=text, bold=bold, list_depth=depth, marker=marker))
        return out

    def _cell_lines(self, tc: etree._Element) -> list[Line]:
        lines: list[Line] = []
        for child in tc.iterchildren():
            if child.tag == xml.P:
                lines.extend(self._lines(child))
            elif child.tag == xml.TBL:  # a nested table: its text, row by row
                # python-docx's rows and cells: a merged cell read once per grid position
                for row in DocxTable(child, self.word).rows:
                    for inner in row.cells:
                        lines.extend(self._cell_lines(inner._tc))
        return lines

    def _table(self, tbl: etree._Element) -> Table:
        cells: list[Cell] = []
        open_cells: dict[int, Cell] = {}  # grid column -> cell a vMerge may continue
        grid = len(tbl.tblGrid.gridCol_lst) if tbl.tblGrid is not None else 0
        n_cols = grid
        rows = xml.children(tbl, xml.TR)
        for r, tr in enumerate(rows):
            is_header = xml.row_is_header(tr)
            col = xml.grid_before(tr)
            for tc in tr.iterchildren(xml.TC):
                declared, vmerge = xml.cell_merge(tc)
                span = _span(declared, col, grid)
                if vmerge == "continue" and col in open_cells:
                    owner = open_cells[col]
                    owner.row_span = r - owner.row + 1
                else:
                    cell = Cell(row=r, col=col, col_span=span, is_header=is_header, lines=self._cell_lines(tc))
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_cells[c] = cell
                col += span
            n_cols = max(n_cols, col)
        return Table(n_rows=len(rows), n_cols=n_cols, cells=cells)


def _span(declared: int, col: int, grid: int) -> int:
    """A cell's columns: as declared, but never past the table's own grid (or, for a table
    that declares no grid, past _MAX_COLUMNS)."""
    last = grid if grid else _MAX_COLUMNS
    return max(1, min(declared, last - col))


class _Numbering:
    """List depth and marker of a paragraph, from its numPr or its style's."""

    def __init__(self, word: DocxDocument, styles: _Styles) -> None:
        self._styles = styles
        self._formats: dict[tuple[str, int], str] = {}
        self._counters: dict[tuple[str, int], int] = {}
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for an in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = fmt.get(qn("w:val")) if fmt is not None else "bullet"
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = abstract.get(ref.get(qn("w:val")) if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                self._formats[(num.get(qn("w:numId")), ilvl)] = fmt

    def list_info(self, num_pr: etree._Element | None, style_id: str | None) -> tuple[int | None, str | None]:
        """`num_pr`: the paragraph's own w:numPr; `style_id`: the paragraph style it names."""
        num_id, ilvl = _numbering_level(num_pr if num_pr is not None else self._styles.num_pr(style_id))
        style = self._styles.name(style_id)
        style_match = _LIST_STYLE.match(style)
        if num_id is None and style_match is None:
            return None, None
        if num_id == "0":  # numbering explicitly removed
            return None, None
        if ilvl is None:
            ilvl = int(style_match.group(2)) - 1 if style_match and style_match.group(2) else 0
        fmt = self._formats.get((num_id, ilvl)) if num_id else None
        if fmt is None:
            fmt = "decimal" if style_match and (style_match.group(1) or "").lower() == "number" else "bullet"
        if fmt in _BULLET_FORMATS:
            return ilvl, "•"
        key = (num_id or style, ilvl)
        self._counters[key] = self._counters.get(key, 0) + 1
        for deeper in [k for k in self._counters if k[0] == key[0] and k[1] > ilvl]:
            del self._counters[deeper]  # a new item restarts the levels below it
        return ilvl, f"{self._counters[key]}."


def _numbering_level(num_pr: etree._Element | None) -> tuple[str | None, int | None]:
    """numId and ilvl of a w:numPr (the paragraph's own, else its style's)."""
    if num_pr is None:
        return None, None
    num_id = xml.child(num_pr, xml.NUM_ID)
    ilvl = xml.child(num_pr, xml.ILVL)
    return (num_id.get(xml.VAL) if num_id is not None else None,
            int(ilvl.get(xml.VAL)) if ilvl is not None else None)
