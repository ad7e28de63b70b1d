"""Web pages (saved or fetched HTML) into the document model: the main content only.

Headings keep their level; an accordion's <summary> (or its disclosure button: a <button>
with aria-expanded or aria-controls, the WAI-ARIA accordion pattern) and a tab panel's tab label
become headings one level below the section they sit in, with the hidden panel content after them;
list items keep their depth; tables keep row and column spans. Boilerplate (navigation,
breadcrumbs, search, cookie banners, feedback widgets, footers) is left out by trafilatura's
judgement (extractors/html_content.py), within the page's <main> where it marks one, and
leaving out the site's own <header>/<footer> landmarks. Pages have no page numbers or positions.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from extractors.html_content import MainContent, main_content
from extractors.html_tables import read_table
from extractors.html_text import clean, decode_html, parse_html
from schemas.document import Block, BlockKind, Document
from schemas.errors import CorruptFile

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset((*_HEADINGS, "p", "div", "section", "article", "main", "aside", "header", "footer",
                         "nav", "ul", "ol", "li", "table", "details", "summary", "blockquote", "dl", "dt",
                         "dd", "figure", "figcaption", "form", "fieldset", "hr", "pre", "address", "body",
                         "menu", "center"))
# Interactive furniture: never plan text (structural HTML semantics, not guesses about wording)
_SKIP_TAGS = frozenset(("nav", "form", "button", "select", "input", "textarea", "label", "dialog"))
_SKIP_ROLES = frozenset(("navigation", "search", "banner", "contentinfo", "tab", "tablist", "dialog",
                         "alertdialog"))
_MIN_KEPT_CELLS = 0.5  # share of a table's cells trafilatura must keep for the table to be content


def _is_element(el: object) -> bool:
    return isinstance(el, lxml_html.HtmlElement) and isinstance(el.tag, str)


def _is_site_chrome(el: lxml_html.HtmlElement) -> bool:
    """A <header> or <footer> of the site, not of an article or section (HTML landmark rules)."""
    return el.tag in ("header", "footer") and not any(
        a.tag in ("main", "article", "section") or a.get("role") == "main" for a in el.iterancestors())


def _is_disclosure(el: lxml_html.HtmlElement) -> bool:
    """An accordion's header button: it shows or hides a panel (aria-expanded / aria-controls)."""
    return el.tag == "button" and (el.get("aria-expanded") is not None or el.get("aria-controls") is not None) \
        and not any(a.tag in ("nav", "form", "header", "footer") for a in el.iterancestors())


def _text_without_lists(el: lxml_html.HtmlElement) -> str:
    parts = [el.text or ""]
    for child in el:
        if _is_element(child) and child.tag not in ("ul", "ol", "table"):
            parts.append(_text_without_lists(child) if child.tag != "br" else " ")
        parts.append(child.tail or "")
    return "".join(parts)


def _all_bold(el: lxml_html.HtmlElement) -> bool:
    """Whether every word of a paragraph is inside <strong>/<b>."""
    bold = "".join("".join(b.itertext()) for b in el.iter("strong", "b") if b is not el)
    return bool(clean(bold)) and clean(bold) == clean(el.text_content())


class _Walker:
    def __init__(self, content: MainContent | None, labels: dict[str, str]) -> None:
        self.content = content
        self.labels = labels  # tab panel id -> its tab's label
        self.blocks: list[Block] = []
        self.section_level = 1  # level of the last real heading (h1-h6)

    def keeps(self, text: str) -> bool:
        return self.content is None or self.content.keeps(text)

    def emit(self, block: Block) -> None:
        if block.kind is BlockKind.TABLE or self.keeps(block.text):
            self.blocks.append(block)

    def walk(self, el: lxml_html.HtmlElement, list_depth: int = 0) -> None:
        if not _is_element(el):
            return
        if _is_disclosure(el):  # kept whatever trafilatura thinks of buttons: its panel decides
            text = clean(el.text_content())
            if text:
                self.blocks.append(Block(kind=BlockKind.HEADING, text=text, level=min(self.section_level + 1, 6),
                                         bold=True))
            return
        if el.tag in _SKIP_TAGS or el.get("role") in _SKIP_ROLES or _is_site_chrome(el):
            return
        tag = el.tag
        if tag in _HEADINGS:
            self.section_level = int(tag[1])
            self.heading(el, self.section_level)
        elif tag == "summary":
            self.heading(el, min(self.section_level + 1, 6))
        elif tag in ("ul", "ol", "menu"):
            self.list(el, list_depth)
        elif tag == "table":
            self.table(el)
        else:
            if el.get("role") == "tabpanel":
                self.tab_label(el)
            self.runs(el, list_depth)

    def heading(self, el: lxml_html.HtmlElement, level: int) -> None:
        text = clean(el.text_content())
        if text:
            self.emit(Block(kind=BlockKind.HEADING, text=text, level=level, bold=True))

    def tab_label(self, panel: lxml_html.HtmlElement) -> None:
        """A tab panel without a heading of its own is headed by its tab's label."""
        first = next((d for d in panel.iterdescendants() if _is_element(d) and clean(d.text_content())), None)
        label = self.labels.get(panel.get("id") or "")
        if label and (first is None or first.tag not in _HEADINGS):
            self.blocks.append(Block(kind=BlockKind.HEADING, text=label, level=min(self.section_level + 1, 6),
                                     bold=True))

    def runs(self, el: lxml_html.HtmlElement, list_depth: int) -> None:
        """Paragraphs: runs of inline content between block-level children."""
        parts = [el.text or ""]
        inline: list[lxml_html.HtmlElement] = []
        for child in el:
            if _is_element(child) and (child.tag in _BLOCK_TAGS or _is_disclosure(child)):
                self.paragraph("".join(parts), inline)
                parts, inline = [], []
                self.walk(child, list_depth)
            elif _is_element(child) and child.tag not in _SKIP_TAGS:
                parts.append(" " if child.tag == "br" else child.text_content())
                inline.append(child)
            parts.append(child.tail or "")
        self.paragraph("".join(parts), inline)

    def paragraph(self, raw: str, inline: list[lxml_html.HtmlElement]) -> None:
        text = clean(raw)
        if not text:
            return
        bold = bool(inline) and all(_all_bold(i) or i.tag in ("strong", "b") for i in inline) \
            and clean("".join(i.text_content() for i in inline)) == text
        self.emit(Block(kind=BlockKind.PARAGRAPH, text=text, bold=bold))

    def list(self, el: lxml_html.HtmlElement, depth: int) -> None:
        number = int(el.get("start", "1")) if (el.get("start") or "1").isdigit() else 1
        for li in el:
            if not _is_element(li) or li.tag != "li":
                continue
            text = clean(_text_without_lists(li))
            if text:
                marker = f"{number}." if el.tag == "ol" else None
                self.emit(Block(kind=BlockKind.LIST_ITEM, text=text, list_depth=depth, marker=marker))
            number += 1
            for sub in li.iterdescendants("ul", "ol"):
                if next(sub.iterancestors("li")) is li:
                    self.list(sub, depth + 1)

    def table(self, el: lxml_html.HtmlElement) -> None:
        table = read_table(el)
        texts = [c.text for c in table.cells if c.text]
        if not texts:
            return
        if self.content is not None and sum(map(self.content.keeps, texts)) < _MIN_KEPT_CELLS * len(texts):
            return
        self.blocks.append(Block(kind=BlockKind.TABLE, text=" ".join(texts), table=table))


def _tab_labels(root: lxml_html.HtmlElement) -> dict[str, str]:
    labels = {}
    for tab in root.xpath("//*[@role='tab']"):
        text = clean(tab.text_content())
        for panel_id in (tab.get("aria-controls") or "").split():
            labels[panel_id] = text
    for panel in root.xpath("//*[@role='tabpanel'][@aria-labelledby]"):
        tab = root.get_element_by_id(panel.get("aria-labelledby").split()[0], None)
        if tab is not None and panel.get("id"):
            labels[panel.get("id")] = clean(tab.text_content())
    return labels


def _start(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Where the content is: the page's one <main> (or role="main") if it marks it, else <body>."""
    mains = root.xpath("//main|//*[@role='main']")
    if len(mains) == 1:
        return mains[0]
    body = root.find("body")
    return body if body is not None else root


def _page_title(root: lxml_html.HtmlElement) -> str | None:
    og = root.xpath("//meta[@property='og:title']/@content")
    title = og[0] if og else root.findtext(".//title")
    return clean(title) if title and clean(title) else None


def extract_html(path: Path, sha256: str) -> Document:
    """Read a saved or fetched web page into the document model (format "html")."""
    page = decode_html(path.read_bytes())
    try:
        root = parse_html(page)
    except Exception as exc:  # lxml raises several types for unparsable input
        raise CorruptFile(str(path), f"cannot be read as HTML ({exc})") from exc
    walker = _Walker(main_content(page), _tab_labels(root))
    walker.walk(_start(root))
    return Document(source=path.name, sha256=sha256, format="html", blocks=walker.blocks,
                    title=_page_title(root))
