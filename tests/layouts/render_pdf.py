"""Blocks as a PDF (reportlab platypus): bold larger text for headings, tables ruled, with
horizontal rules only, borderless or with shaded rows; banner rows spanning the table; prose in
two columns side by side; running header and page-number footer on every page."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, TableStyle
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Flowable

from tests.layouts.blocks import Block, Bullets, Cell, Columns, Doc, Heading, PageBreak, Para, Section, Span, Table

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12, spaceAfter=4)
SMALL_CELL = ParagraphStyle("smallcell", parent=BODY, fontSize=7, leading=8.5, spaceAfter=0)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10.5, spaceAfter=0)
STYLES = {
    "body": BODY,
    "bold": ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold"),
    "small": ParagraphStyle("small", parent=BODY, fontName="Helvetica-Oblique", fontSize=8.5),
    "org": ParagraphStyle("org", parent=BODY, fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=10),
    "title": ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=24, leading=29,
                            spaceAfter=14, textColor=colors.HexColor("#005EB8")),
}
HEADINGS = {1: ParagraphStyle("h1", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=10,
                              spaceAfter=8, textColor=colors.HexColor("#003087")),
            2: ParagraphStyle("h2", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8,
                              spaceAfter=6),
            3: ParagraphStyle("h3", parent=BODY, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6,
                              spaceAfter=4)}
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _cell(content: Cell, style: ParagraphStyle) -> list[Flowable] | Paragraph:
    if isinstance(content, list):
        return [_p(c, style) for c in content]
    return _p(content, style)


def _ruling(ruling: str, nrows: int, header: bool) -> list[tuple]:
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if ruling == "ruled":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    elif ruling == "rules_only":
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black), ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey)]
    elif ruling == "shaded_rows":
        start = 1 if header else 0
        if nrows > start:
            cmds.append(("ROWBACKGROUNDS", (0, start), (-1, -1), [colors.HexColor("#EEF2F7"), colors.white]))
    if header and ruling in ("ruled", "shaded_rows"):
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#C9D7EC")))
    return cmds


def _widths(t: Table, usable: float, style: ParagraphStyle) -> list[float]:
    """Column widths in proportion to t.widths, but none narrower than its longest word (so that
    no word is split inside a cell: a human reads the word whole, and so must the gold)."""
    rows = [r for r in ([t.header] if t.header else []) + t.rows if not isinstance(r, Span)]
    floor = []
    for i in range(len(t.widths)):
        words = [w for r in rows for c in ([r[i]] if isinstance(r[i], str) else r[i]) for w in c.split()]
        longest = max((stringWidth(w, "Helvetica-Bold", style.fontSize) for w in words), default=0.0)
        floor.append(longest + 8)
    total = sum(t.widths)
    widths = [max(usable * w / total, f) for w, f in zip(t.widths, floor, strict=True)]
    spare = [w - f for w, f in zip(widths, floor, strict=True)]
    excess = sum(widths) - usable
    if excess > 0 and sum(spare) >= excess:
        widths = [w - excess * s / sum(spare) for w, s in zip(widths, spare, strict=True)]
    elif excess > 0:  # too many columns for the page even at their floors: squeeze them all
        widths = [w * usable / sum(widths) for w in widths]
    return widths


def _table(t: Table, usable: float, ruling: str, split_rows: bool) -> RLTable:
    style = SMALL_CELL if t.small else CELL
    bold = ParagraphStyle("cellbold", parent=style, fontName="Helvetica-Bold")
    data: list[list] = []
    spans: list[tuple[int, int]] = []
    ncols = len(t.widths)
    if t.header:
        data.append([_p(h, bold) for h in t.header])
    for row in t.rows:
        if isinstance(row, Span):
            spans.append((len(data), row.level))
            data.append([_p(row.text, bold)] + [""] * (ncols - 1))
        else:
            data.append([_cell(c, style) for c in row])
    widths = _widths(t, usable, style)
    cmds = _ruling(ruling, len(data), bool(t.header))
    for r, level in spans:
        cmds += [("SPAN", (0, r), (-1, r)),
                 ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#D5DCE4" if level == 1 else "#EDF0F3"))]
    return RLTable(data, colWidths=widths, repeatRows=1 if t.header and t.repeat_header else 0,
                   style=TableStyle(cmds), splitInRow=1 if split_rows else 0)


def _flow(b: Block, usable: float, doc: Doc) -> list[Flowable]:
    if isinstance(b, Heading):
        return [_p(b.text, HEADINGS[b.level])]
    if isinstance(b, Para):
        return [_p(b.text, STYLES[b.style])]
    if isinstance(b, Bullets):
        return [Paragraph(escape(i), BULLET, bulletText="\u2022") for i in b.items]
    if isinstance(b, Table):
        return [_table(b, usable, doc.ruling, doc.split_rows), Spacer(1, 8)]
    if isinstance(b, PageBreak):
        return [RLPageBreak()]
    if isinstance(b, Columns):  # two columns side by side, the first half of the blocks on the left
        gap = 0.8 * cm
        half = (len(b.blocks) + 1) // 2
        left = [f for x in b.blocks[:half] for f in _flow(x, (usable - gap) / 2, doc)]
        right = [f for x in b.blocks[half:] for f in _flow(x, (usable - gap) / 2, doc)]
        grid = RLTable([[left, "", right]], colWidths=[(usable - gap) / 2, gap, (usable - gap) / 2],
                       style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return [grid, Spacer(1, 8)]
    if isinstance(b, Section):
        return [_p(b.summary, HEADINGS[2]), *[f for x in b.blocks for f in _flow(x, usable, doc)]]
    raise TypeError(b)


def render_pdf(doc: Doc, path: Path) -> None:
    size = landscape(A4) if doc.landscape else A4
    margin = 1.8 * cm
    width, height = size
    usable = width - 2 * margin

    def furniture(canv, tpl) -> None:  # noqa: ANN001 - reportlab callback
        canv.saveState()
        canv.setFont("Helvetica", 8)
        canv.drawString(margin, height - 1.1 * cm, doc.running_header)
        canv.drawRightString(width - margin, 0.9 * cm, doc.footer.format(n=canv.getPageNumber()))
        canv.restoreState()

    one = Frame(margin, margin, usable, height - 2 * margin, id="one")
    template = BaseDocTemplate(str(path), pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin,
                               bottomMargin=margin, title=doc.title, author=doc.org, invariant=1)
    template.addPageTemplates([PageTemplate("one", [one], onPage=furniture)])
    story = [f for b in doc.blocks for f in _flow(b, usable, doc)]
    template.build(story)
