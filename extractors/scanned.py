"""PDFs with and without a text layer: pages with no text are read by OCR (extractors/ocr.py)
and laid out by the PDF reader's own `layout_pages`. A document mostly made of such pages has
the format "scanned-pdf"; every block read by OCR keeps its mean word confidence."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extractors.inflation import check_pdf_streams
from extractors.ocr import ocr_pages, pages_without_text
from extractors.pdf import SCANNED_FORMAT, extract_pdf
from extractors.pdf_layout import layout_pages
from schemas.document import Block, Document


def ocr_blocks(path: Path, numbers: list[int]) -> list[Block]:
    """The blocks of the given pages (1-based), read by OCR."""
    return layout_pages([page.content for page in ocr_pages(path, numbers)])


def extract_pdf_or_scan(path: Path, sha256: str) -> Document:
    """Any PDF: its text layer where it has one, OCR on the pages that have none."""
    check_pdf_streams(path)  # before PDFium looks for text, which inflates every page's content
    try:
        page_count, blank = pages_without_text(path)
    except pdfium.PdfiumError:
        return extract_pdf(path, sha256)  # it names what is wrong with the file
    document = extract_pdf(path, sha256)
    if not blank:
        return document
    ocr = ocr_blocks(path, blank)
    if len(blank) == page_count:
        document.blocks = ocr
    else:
        document.blocks = sorted(document.blocks + ocr, key=lambda b: b.page or 0)
    if 2 * len(blank) > page_count:
        document.format = SCANNED_FORMAT
    return document
