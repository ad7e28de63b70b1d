"""Web page bytes to text, and the text of one HTML element as a reader sees it."""

from __future__ import annotations

import codecs
import re
import unicodedata

from lxml import html as lxml_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# UTF-32 first: its little-endian mark begins with UTF-16's.
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_FALLBACK = "cp1252"  # what browsers assume for a legacy page that declares nothing

# Elements whose content never reaches the reader as text
INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas")
_SPACE = re.compile(r"\s+")


def decode_html(raw: bytes) -> str:
    """Decode as a browser would: byte-order mark, then <meta charset>, then UTF-8, then Windows-1252.

    (A page fetched over HTTP with a charset header is re-encoded as UTF-8 with a BOM by
    pipeline/fetch/fetcher.py, so the header wins over the <meta>, as the HTML standard says.)
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return raw.decode(codecs.lookup(name).name, errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(_FALLBACK, errors="replace")


def parse_html(text: str) -> lxml_html.HtmlElement:
    root = lxml_html.document_fromstring(text)
    for el in root.iter(*INVISIBLE):
        el.drop_tree()
    for comment in root.xpath("//comment()"):
        if comment.getparent() is not None:  # a comment after </html> has no parent to leave
            comment.drop_tree()
    return root


def clean(text: str) -> str:
    """Unicode NFC with white space collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def match_key(text: str) -> str:
    """A loose form of a text for comparing what two parsers read: case and spacing ignored."""
    return clean(text).casefold()
