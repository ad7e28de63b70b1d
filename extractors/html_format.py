"""Web pages in the formats table (schemas/formats.py): how one is recognised, and its reader
(extractors/html.py)."""

from __future__ import annotations

import codecs
from pathlib import Path

from schemas.document import Document

_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<table")


def sniff(head: bytes, path: Path) -> bool:
    lowered = head.lower().removeprefix(codecs.BOM_UTF8)
    return any(marker in lowered for marker in _MARKERS)


def extract(path: Path, sha256: str) -> Document:
    from extractors.html import extract_html

    return extract_html(path, sha256)
