"""Word (.docx) files into the document model, with python-docx.

Body paragraphs and tables are read in document order. Merged cells are resolved to spans
(gridSpan across columns, vMerge down rows) so each merged cell is read once; list
paragraphs inside cells stay list items; running headers and footers live in other parts of
the package and are never read.
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
from docx.oxml.ns import nsmap, qn
from docx.styles.style import BaseStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

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


# python-docx's own text rules (CT_P.text, CT_R.text), compiled once: its xpath() compiles the
# expression on every call, the most of a long table's reading time.
_PARAGRAPH_RUNS = etree.XPath("w:r | w:hyperlink/w:r", namespaces=nsmap)
_RUN_CONTENT = etree.XPath("w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab", namespaces=nsmap)


def _run_text(run: etree._Element) -> str:
    return "".join(str(piece) for piece in _RUN_CONTENT(run))


def _paragraph_text(para: Paragraph) -> str:
    return "".join(_run_text(run) for run in _PARAGRAPH_RUNS(para._p))


class _Styles:
    """Paragraph and character styles by id, each looked up once: python-docx searches every
    style of the document on each look-up, which made a long table quadratic in practice."""

    def __init__(self, word: DocxDocument) -> None:
        self._part = word.part
        self._found: dict[tuple[str | None, WD_STYLE_TYPE], BaseStyle | None] = {}
        self._bold_styles: dict[str | None, bool] = {}

    def _get(self, style_id: str | None, kind: WD_STYLE_TYPE) -> BaseStyle | None:
        key = (style_id, kind)
        if key not in self._found:
            self._found[key] = self._part.get_style(style_id, kind)
        return self._found[key]

    def of_paragraph(self, para: Paragraph) -> BaseStyle | None:
        return self._get(para._p.style, WD_STYLE_TYPE.PARAGRAPH)

    def of_run(self, run: Run) -> BaseStyle | None:
        return self._get(run._r.style, WD_STYLE_TYPE.CHARACTER)

    def _bold(self, style: BaseStyle | None) -> bool:
        if style is None:
            return False
        if style.style_id not in self._bold_styles:
            self._bold_styles[style.style_id] = bool(style.font.bold)
        return self._bold_styles[style.style_id]

    def name(self, para: Paragraph) -> str:
        style = self.of_paragraph(para)
        return (style.name if style is not None else "") or ""

    def is_bold(self, para: Paragraph, style: BaseStyle | None) -> bool:
        """True when every run with text is bold (directly, by character style or by `style`,
        the paragraph's)."""
        runs = [Run(r, para) for r in para._p.r_lst if _run_text(r).strip()]
        if not runs:
            return False
        style_bold = self._bold(style)
        for run in runs:
            bold = run.bold
            run_style = self.of_run(run) if bold is None else None
            if run_style is not None:
                bold = run_style.font.bold
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
        yield from self._container(self.word.element.body, self.word)

    def _container(self, element: etree._Element, parent) -> Iterator[Block]:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield from self._paragraph_blocks(Paragraph(child, parent))
            elif child.tag == qn("w:tbl"):
                yield Block(kind=BlockKind.TABLE, table=self._table(DocxTable(child, parent)))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._container(content, parent)

    def _paragraph_blocks(self, para: Paragraph) -> Iterator[Block]:
        for line in self._lines(para):
            style = self.styles.name(para)
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

    def _lines(self, para: Paragraph) -> list[Line]:
        """A paragraph's text as lines: soft line breaks split it; empty pieces dropped."""
        text = _paragraph_text(para)
        if not text.strip():
            return []
        style = self.styles.of_paragraph(para)
        bold = self.styles.is_bold(para, style)
        depth, marker = self.numbering.list_info(para, style)
        out = []
        for piece in text.split("\n"):
            text = _clean(piece)
            if text:
                out.append(Line(text=text, bold=bold, list_depth=depth, marker=marker))
        return out

    def _cell_lines(self, cell: _Cell) -> list[Line]:
        lines: list[Line] = []
        for child in cell._tc.iterchildren():
            if child.tag == qn("w:p"):
                lines.extend(self._lines(Paragraph(child, cell)))
            elif child.tag == qn("w:tbl"):  # a nested table: its text, row by row
                for row in DocxTable(child, cell).rows:
                    for inner in row.cells:
                        lines.extend(self._cell_lines(inner))
        return lines

    def _table(self, table: DocxTable) -> Table:
        cells: list[Cell] = []
        open_cells: dict[int, Cell] = {}  # grid column -> cell a vMerge may continue
        grid = len(table._tbl.tblGrid.gridCol_lst) if table._tbl.tblGrid is not None else 0
        n_cols = grid
        rows = table._tbl.tr_lst
        for r, tr in enumerate(rows):
            is_header = _row_is_header(tr)
            col = _grid_before(tr)
            for tc in tr.tc_lst:
                span = _span(tc.grid_span, col, grid)
                vmerge = tc.vMerge
                if vmerge == "continue" and col in open_cells:
                    owner = open_cells[col]
                    owner.row_span = r - owner.row + 1
                else:
                    cell = Cell(row=r, col=col, col_span=span, is_header=is_header,
                                lines=self._cell_lines(_Cell(tc, table)))
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


def _row_is_header(tr) -> bool:
    tr_pr = tr.trPr
    if tr_pr is None:
        return False
    header = tr_pr.find(qn("w:tblHeader"))
    return header is not None and header.get(qn("w:val"), "true") not in ("0", "false", "off")


def _grid_before(tr) -> int:
    tr_pr = tr.trPr
    if tr_pr is None:
        return 0
    before = tr_pr.find(qn("w:gridBefore"))
    return int(before.get(qn("w:val"), "0")) if before is not None else 0


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

    def list_info(self, para: Paragraph, paragraph_style: BaseStyle | None) -> tuple[int | None, str | None]:
        num_id, ilvl = _num_pr(para, paragraph_style)
        style = (paragraph_style.name if paragraph_style is not None else "") or ""
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


def _num_pr(para: Paragraph, style: BaseStyle | None) -> tuple[str | None, int | None]:
    for p_pr in (para._p.pPr, style.element.pPr if style is not None else None):
        if p_pr is None:
            continue
        num_pr = p_pr.find(qn("w:numPr"))
        if num_pr is not None:
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            return (num_id.get(qn("w:val")) if num_id is not None else None,
                    int(ilvl.get(qn("w:val"))) if ilvl is not None else None)
    return None, None
