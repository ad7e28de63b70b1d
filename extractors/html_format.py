"""Web pages in the formats table (schemas/formats.py): how one is recognised, and its reader
(extractors/html.py)."""

from __future__ import annotations

from pathlib import Path

from extractors.html_text import BOMS
from extractors.options import DEFAULT, ReadOptions
from schemas.document import Document

_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<table")


def sniff(head: bytes, path: Path) -> bool:
    """HTML markers in the first bytes, in UTF-8 (or a single-byte charset), or in the UTF-16
    or UTF-32 its byte-order mark names."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            text = head.decode(encoding, errors="ignore").lower()
            return any(marker.decode("ascii") in text for marker in _MARKERS)
    lowered = head.lower()
    return any(marker in lowered for marker in _MARKERS)


def extract(path: Path, sha256: str, options: ReadOptions = DEFAULT) -> Document:
    from extractors.html import extract_html

    options.do_meanwhile()  # one process reads the whole file
    return extract_html(path, sha256)
