"""Blocks as a Word document (python-docx): Heading styles, List Bullet items, Table Grid tables
with merged banner rows and a repeating header row, running header and page-number footer.
Saved with fixed dates and zip timestamps so that a seed always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from tests.layouts.blocks import Block, Bullets, Cell, Columns, Doc, Heading, PageBreak, Para, Section, Span, Table

FIXED = dt.datetime(2024, 3, 28, 9, 0, 0)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _set(cell: _Cell, content: Cell, bold: bool = False, size: float | None = None) -> None:
    paras = content if isinstance(content, list) else [content]
    for i, text in enumerate(paras):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if text:
            run = para.add_run(text)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)


def _table(word: DocxDocument, t: Table, usable_cm: float) -> None:
    ncols = len(t.widths)
    table = word.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    total = sum(t.widths)
    widths = [Cm(usable_cm * w / total) for w in t.widths]
    size = 7.0 if t.small else None
    if t.header:
        row = table.add_row()
        for cell, text, width in zip(row.cells, t.header, widths, strict=True):
            _set(cell, text, bold=True, size=size)
            cell.width = width
            _shade(cell, "D9E2F3")
        if t.repeat_header:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(flag)
    for data in t.rows:
        row = table.add_row()
        if isinstance(data, Span):
            merged = row.cells[0].merge(row.cells[-1]) if ncols > 1 else row.cells[0]
            _set(merged, data.text, bold=True)
            _shade(merged, "1F3864" if data.level == 1 else "E7E6E6")
            if data.level == 1:
                for run in merged.paragraphs[0].runs:
                    run.font.color.rgb = docx.shared.RGBColor(0xFF, 0xFF, 0xFF)
            continue
        for cell, content, width in zip(row.cells, data, widths, strict=True):
            _set(cell, content, size=size)
            cell.width = width
    word.add_paragraph()


def _block(word: DocxDocument, b: Block, usable_cm: float) -> None:
    if isinstance(b, Heading):
        word.add_heading(b.text, level=b.level)
    elif isinstance(b, Para):
        if b.style == "title":
            word.add_paragraph(b.text, style="Title")
            return
        para = word.add_paragraph()
        run = para.add_run(b.text)
        if b.style in ("bold", "org"):
            run.bold = True
        if b.style == "org":
            run.font.size = Pt(14)
        if b.style == "small":
            run.italic = True
            run.font.size = Pt(9)
    elif isinstance(b, Bullets):
        for item in b.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(b, Table):
        _table(word, b, usable_cm)
    elif isinstance(b, PageBreak):
        word.add_page_break()
    elif isinstance(b, Columns):
        for x in b.blocks:
            _block(word, x, usable_cm)
    elif isinstance(b, Section):
        word.add_heading(b.summary, level=2)
        for x in b.blocks:
            _block(word, x, usable_cm)
    else:
        raise TypeError(b)


def _page_field(para) -> None:  # noqa: ANN001 - a python-docx paragraph
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    para._p.append(fld)


def render_docx(doc: Doc, path: Path) -> None:
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2.0)
    usable = (29.7 if doc.landscape else 21.0) - 4.0
    section.header.paragraphs[0].text = doc.running_header
    footer = section.footer.paragraphs[0]
    before, _, after = doc.footer.partition("{n}")
    footer.add_run(before)
    _page_field(footer)
    footer.add_run(after)
    for b in doc.blocks:
        _block(word, b, usable)
    props = word.core_properties
    props.created = props.modified = props.last_printed = FIXED
    props.title = doc.title
    props.author = doc.org
    buf = io.BytesIO()
    word.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 3, 28, 9, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
