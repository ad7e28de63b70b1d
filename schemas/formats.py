"""The input formats trustplans reads: one entry each. Detection, the extractors, folder
scans and plan JSON's `document.format` all read this table, so a new format is its
extractor module plus one entry here.

An entry's `extractor` module defines `sniff(head: bytes, path: Path) -> bool` (whether the
file's first bytes are this format; it may raise UnsupportedFormat or CorruptFile for a
file it recognises but cannot read) and `extract(path: Path, sha256: str) -> Document`. It
is imported only when a file is sniffed for it, so reading a PDF never loads the Word reader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceFormat:
    name: str  # as `document.format` names it in plan JSON
    label: str  # as a user knows it, in messages
    suffixes: tuple[str, ...]  # the files a folder scan reads (a file named on its own is always read)
    extractor: str  # module with sniff() and extract()
    variants: tuple[str, ...] = ()  # other `document.format` values its extractor may give


FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat("pdf", "PDF", (".pdf",), "extractors.pdf_format", variants=("scanned-pdf",)),
    SourceFormat("docx", "Word .docx", (".docx",), "extractors.docx_format"),
    SourceFormat("html", "HTML", (".html", ".htm"), "extractors.html_format"),
)

# Every value of plan JSON's document.format.
DOCUMENT_FORMATS: tuple[str, ...] = tuple(name for f in FORMATS for name in (f.name, *f.variants))
# File name endings a folder scan reads, lower case.
PLAN_SUFFIXES: frozenset[str] = frozenset(suffix for f in FORMATS for suffix in f.suffixes)
