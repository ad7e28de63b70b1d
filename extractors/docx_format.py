"""Word .docx in the formats table (schemas/formats.py): how one is recognised, and its reader
(extractors/docx.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractors.options import DEFAULT, ReadOptions
from schemas.document import Document
from schemas.errors import CorruptFile, UnsupportedFormat

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old binary Office files


def sniff(head: bytes, path: Path) -> bool:
    if head[:8] == _OLE:
        raise UnsupportedFormat(str(path), "an old binary Word/Office file (.doc); save it as .docx")
    if head[:4] != _ZIP:
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise CorruptFile(str(path), f"looks like a Word file but the zip is damaged ({exc})") from exc
    if "word/document.xml" in names:
        return True
    raise UnsupportedFormat(str(path), "a zip archive but not a Word .docx (no word/document.xml)")


def extract(path: Path, sha256: str, options: ReadOptions = DEFAULT) -> Document:
    from extractors.docx import extract_docx

    options.do_meanwhile()  # one process reads the whole file
    return extract_docx(path, sha256)
