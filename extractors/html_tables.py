"""An HTML <table> into the table model: one Cell per <td>/<th>, rowspan and colspan kept."""

from __future__ import annotations

from lxml import html as lxml_html

from extractors.html_text import clean
from schemas.document import Cell, Line, Table

_CELL_BLOCKS = ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_MAX_SPAN = 1000  # browsers clamp rowspan to 65534; anything near that is a broken page


def _span(cell: lxml_html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(int((cell.get(name) or "1").strip()), _MAX_SPAN))
    except ValueError:
        return 1


def _own_rows(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The table's rows, not those of tables nested inside its cells."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]


def _lines(cell: lxml_html.HtmlElement) -> list[Line]:
    """Paragraphs and list items inside a cell, or its whole text as one line."""
    blocks = [el for el in cell.iter(*_CELL_BLOCKS)
              if not any(child.tag in _CELL_BLOCKS for child in el.iterdescendants())]
    if not blocks:
        text = clean(cell.text_content())
        return [Line(text=text)] if text else []
    lines = []
    for el in blocks:
        text = clean(el.text_content())
        if not text:
            continue
        depth = sum(1 for a in el.iterancestors("ul", "ol") if cell in a.iterancestors()) - 1
        lines.append(Line(text=text, list_depth=depth if el.tag == "li" else None,
                          bold=bool(el.xpath("./strong|./b")) and not (el.text or "").strip()))
    return lines


def read_table(table: lxml_html.HtmlElement) -> Table:
    """Lay the cells on a grid the way a browser does: each cell takes the first free position."""
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    rows = _own_rows(table)
    n_cols = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            row_span = min(_span(td, "rowspan"), len(rows) - r)
            col_span = _span(td, "colspan")
            in_head = any(a.tag == "thead" for a in td.iterancestors())
            cells.append(Cell(row=r, col=c, lines=_lines(td), row_span=row_span, col_span=col_span,
                              is_header=td.tag == "th" or in_head))
            taken.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span))
            c += col_span
            n_cols = max(n_cols, c)
    return Table(n_rows=len(rows), n_cols=n_cols, cells=cells)
