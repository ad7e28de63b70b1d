"""Which parts of a web page are its main content: trafilatura decides, we keep the structure.

trafilatura (boilerplate removal) drops site navigation, breadcrumbs, search, cookie banners,
feedback widgets and footers well, but its output loses what the plan reader needs (table
spans, heading levels of accordion summaries). So the page is walked with lxml for structure
and each block is kept only if trafilatura kept the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import etree

from extractors.html_text import match_key

_LIST_TAGS = ("list",)
_MIN_ELEMENTS = 2  # fewer texts than this: trafilatura found no structure, only a run of text
_MIN_SHARE = 0.5  # a text is content if it makes up this much of one text trafilatura kept


@dataclass(frozen=True, slots=True)
class MainContent:
    """The texts trafilatura kept, one per element (it may join what the page splits)."""

    texts: frozenset[str]

    def keeps(self, text: str) -> bool:
        key = match_key(text)
        if not key:
            return False
        return key in self.texts or any(
            len(key) >= _MIN_SHARE * len(kept) and f" {key} " in f" {kept} " for kept in self.texts)


def _own_text(el: etree._Element) -> str:
    """An element's text without nested lists (a list item's sub-items are items of their own)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in _LIST_TAGS:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _kept_texts(page_html: str, **mode: bool) -> set[str]:
    xml = trafilatura.extract(page_html, output_format="xml", include_tables=True, include_comments=False,
                              include_formatting=False, include_links=False, **mode)
    body = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    if body is None:
        return set()
    texts = {match_key(_own_text(el)) for el in body.iter() if el.tag not in ("main", "list", "table", "row")}
    return {t for t in texts if t}


def main_content(page_html: str) -> MainContent | None:
    """The main content of a page by trafilatura, or None when it finds none.

    Its recall-minded mode first; on a short page that mode may give up and return the whole
    page as one run of text, and then its precision-minded mode is asked instead.
    """
    for mode in ({"favor_recall": True}, {"favor_precision": True}):
        texts = _kept_texts(page_html, **mode)
        if len(texts) >= _MIN_ELEMENTS:
            return MainContent(frozenset(texts))
    return None
