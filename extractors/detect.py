"""What a file really is, from its bytes, whatever its extension says."""

from __future__ import annotations

import zipfile
from pathlib import Path

from schemas.errors import CorruptFile, SourceNotFound, UnsupportedFormat

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<table")


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx" or "html" for the file at `path`, or raise a specific error."""
    source = str(path)
    if not path.exists():
        raise SourceNotFound(source, "no such file")
    if path.is_dir():
        raise UnsupportedFormat(source, "is a folder, not a document")
    with path.open("rb") as fh:
        head = fh.read(2048)
    if not head:
        raise CorruptFile(source, "the file is empty")
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise CorruptFile(source, f"looks like a Word file but the zip is damaged ({exc})") from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormat(source, "a zip archive but not a Word .docx (no word/document.xml)")
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedFormat(source, "an old binary Word/Office file (.doc); save it as .docx")
    lowered = head.lower()
    if lowered.startswith(b"\xef\xbb\xbf"):
        lowered = lowered[3:]
    if any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    raise UnsupportedFormat(source, "not a PDF, Word .docx or HTML document")
