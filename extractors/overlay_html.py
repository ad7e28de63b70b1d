"""Pictures of what was read from a web page or a Word file (`trustplans extract FILE --overlay
DIR`): an annotated HTML copy, opened in any browser. A web page is its own copy with nothing of
it run (scripts, handlers and frames removed); a Word file, which has no pages to draw, is shown
as the document model read from it. In the copy, every block read (heading, paragraph, list item,
table) is outlined in grey, and every record (theme, objective, commitment with owners and due,
indicator) is outlined in its colour and labelled, on the smallest element holding its text.
Records whose text is nowhere in the copy are listed at its top."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from lxml import html as lxml_html
from lxml_html_clean import Cleaner

from extractors.html_text import clean, decode_html
from extractors.overlay import COLOURS, Record, records
from schemas.document import Block, BlockKind, Document, Table
from schemas.plan import Plan

_CLEANER = Cleaner(scripts=True, javascript=True, embedded=True, frames=True, forms=False, meta=True,
                   page_structure=False, style=False, links=True, safe_attrs_only=False)
_BLOCK_TAGS = {BlockKind.HEADING: ("h1", "h2", "h3", "h4", "h5", "h6", "summary", "button", "dt", "strong"),
               BlockKind.PARAGRAPH: ("p", "div", "td", "th", "dd", "span", "blockquote", "section"),
               BlockKind.LIST_ITEM: ("li", "p", "div", "td"), BlockKind.TABLE: ("table",)}
_PREFIX_WORDS = 8  # a record found by its first words where its whole text was joined from several elements


def annotated_copy(source: Path, document: Document, plan: Plan) -> str:
    """The annotated HTML copy of `source` (a web page, else the document model as HTML)."""
    if document.format == "html":
        root = _CLEANER.clean_html(lxml_html.document_fromstring(decode_html(source.read_bytes())))
    else:
        root = lxml_html.document_fromstring(document_as_html(document))
    missing = _annotate(root, document.blocks, records(plan))
    head = root.find("head")
    if head is None:
        head = lxml_html.Element("head")
        root.insert(0, head)
    head.insert(0, lxml_html.fragment_fromstring(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">"))
    head.append(lxml_html.fragment_fromstring(f"<style>{_STYLE}</style>"))
    body = root.find("body")
    if body is not None:
        body.insert(0, lxml_html.fragment_fromstring(_summary(plan, missing)))
    return lxml_html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode")


def document_as_html(document: Document) -> str:
    """The document model as a plain HTML page: headings, paragraphs, list items, tables with spans."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(document.source)}</title>"
             "</head><body>"]
    for block in document.blocks:
        text = html.escape(block.text)
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level or 1, 1), 6)
            parts.append(f"<h{level}>{text}</h{level}>")
        elif block.kind is BlockKind.LIST_ITEM:
            marker = html.escape(block.marker or "•")
            parts.append(f"<p style='margin-left:{1.5 * ((block.list_depth or 0) + 1)}em'>{marker} {text}</p>")
        elif block.kind is BlockKind.TABLE and block.table is not None:
            parts.append(_table_html(block.table))
        else:
            parts.append(f"<p>{'<strong>' + text + '</strong>' if block.bold else text}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _table_html(table: Table) -> str:
    rows = []
    for cells in table.cells_by_row():
        rendered = []
        for cell in cells:
            tag = "th" if cell.is_header else "td"
            spans = (f" rowspan='{cell.row_span}'" if cell.row_span > 1 else "") + \
                    (f" colspan='{cell.col_span}'" if cell.col_span > 1 else "")
            lines = "\n".join(f"<div>{html.escape(line.text)}</div>" for line in cell.lines)
            rendered.append(f"<{tag}{spans}>{lines}</{tag}>")
        rows.append(f"<tr>{''.join(rendered)}</tr>")
    return f"<table>{''.join(rows)}</table>"


def _key(text: str) -> str:
    return clean(text).casefold()


class _Finder:
    """The smallest element whose text holds a given text."""

    def __init__(self, root: lxml_html.HtmlElement) -> None:
        body = root.find("body")
        scope = body if body is not None else root
        elements = [el for el in scope.iter() if isinstance(el.tag, str)]
        keyed = ((_key(el.text_content()), el) for el in elements)
        self.by_size = sorted(((key, el) for key, el in keyed if key), key=lambda pair: len(pair[0]))

    def find(self, text: str, tags: Iterable[str] = ()) -> lxml_html.HtmlElement | None:
        key = _key(text)
        if not key:
            return None
        wanted = tuple(tags)
        prefix = " ".join(key.split()[:_PREFIX_WORDS])
        for needle in (key, prefix):
            for element_key, element in self.by_size:
                if len(element_key) >= len(needle) and needle in element_key \
                        and (not wanted or element.tag in wanted):
                    return element
        return None


def _annotate(root: lxml_html.HtmlElement, blocks: list[Block], found: list[Record]) -> list[Record]:
    """Mark the blocks and records on their elements; the records not found."""
    finder = _Finder(root)
    for block in blocks:
        element = finder.find(_first_cell(block) if block.kind is BlockKind.TABLE else block.text,
                              _BLOCK_TAGS[block.kind])
        if element is not None:
            element.set("data-tp-block", block.kind.value)
    missing = []
    for record in found:
        element = finder.find(record.text)
        if element is None:
            missing.append(record)
            continue
        labels = [label for label in (element.get("data-tp-label"), record.label) if label]
        element.set("data-tp-label", " | ".join(labels))
        element.set("data-tp", record.kind)
    return missing


def _first_cell(block: Block) -> str:
    """A table is found by the text of its first cell that has any."""
    if block.table is None:
        return block.text
    for cell in block.table.cells:
        text = " ".join(line.text for line in cell.lines)
        if text.strip():
            return text
    return ""


def _summary(plan: Plan, missing: list[Record]) -> str:
    counts = (f"{len(plan.themes)} themes, {len(plan.objectives)} objectives, {len(plan.commitments)} commitments, "
              f"{len(plan.indicators)} indicators")
    listed = "".join(f"<li>{html.escape(record.kind)}: {html.escape(record.text[:120])}</li>" for record in missing)
    lost = f"<p>Not placed on this copy ({len(missing)}):</p><ul>{listed}</ul>" if missing else ""
    keys = " ".join(f"<span data-tp='{kind}' data-tp-label='{kind}'></span>" for kind in
                    ("theme", "objective", "commitment", "indicator"))
    return (f"<div class='tp-summary'><strong>trustplans overlay: {html.escape(plan.document.source)}</strong>"
            f"<p>{counts}. Blocks read are outlined in grey; records in colour: {keys}</p>{lost}</div>")


_STYLE = "\n".join([
    "[data-tp-block] { outline: 1px dashed #aeb7bd; outline-offset: 1px; }",
    *(f"[data-tp='{kind}'] {{ outline: 2px solid {COLOURS[kind]}; outline-offset: 2px; }}\n"
      f"[data-tp='{kind}']::before {{ content: attr(data-tp-label); display: inline-block; margin-right: 0.4em;"
      f" padding: 0 0.3em; font: 11px/1.4 sans-serif; color: #fff; background: {COLOURS[kind]}; }}"
      for kind in ("theme", "objective", "commitment", "indicator")),
    ".tp-summary { font: 13px/1.5 sans-serif; border: 2px solid #005eb8; padding: 0.5em 1em; margin: 0.5em; }",
])
