"""PDF in the formats table (schemas/formats.py): how a PDF is recognised, and its reader.

Pages with a text layer are read by the configured PDF reader (extractors/pdf.py), pages
without one by OCR (extractors/scanned.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from extractors.options import DEFAULT, ReadOptions
from schemas.document import Document

# PDFium (pypdfium2, under the PDF checks and OCR) is not thread-safe: two threads using it at
# once crash the process. One PDF at a time per process; processes (Dask workers) run in parallel.
_PDFIUM = threading.Lock()


def sniff(head: bytes, path: Path) -> bool:
    return head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]


def extract(path: Path, sha256: str, options: ReadOptions = DEFAULT) -> Document:
    from extractors.scanned import extract_pdf_or_scan

    with _PDFIUM:
        return extract_pdf_or_scan(path, sha256, options)
