"""Dispatch a file to the extractor for its real format."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from extractors.detect import sniff_format
from schemas.document import Document

Extractor = Callable[[Path, str], Document]


def _docx(path: Path, sha256: str) -> Document:
    from extractors.docx import extract_docx

    return extract_docx(path, sha256)


# PDFium (pypdfium2, under the PDF checks and OCR) is not thread-safe: two threads using it at
# once crash the process. One PDF at a time per process; processes (Dask workers) run in parallel.
_PDFIUM = threading.Lock()


def _pdf(path: Path, sha256: str) -> Document:
    from extractors.scanned import extract_pdf_or_scan  # pages without a text layer are OCR'd

    with _PDFIUM:
        return extract_pdf_or_scan(path, sha256)


def _html(path: Path, sha256: str) -> Document:
    from extractors.html import extract_html

    return extract_html(path, sha256)


EXTRACTORS: dict[str, Extractor] = {"docx": _docx, "pdf": _pdf, "html": _html}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path) -> Document:
    """Read any supported file into the document model."""
    fmt = sniff_format(path)
    return EXTRACTORS[fmt](path, file_sha256(path))
