"""PDFs with and without a text layer: pages with no text are read by OCR (extractors/ocr.py)
and laid out by the PDF reader's own `layout_pages`. A document mostly made of such pages has
the format "scanned-pdf"; every block read by OCR keeps its mean word confidence. OCR (OpenCV,
Tesseract) is imported only when a page needs it."""

from __future__ import annotations

from pathlib import Path

from extractors.options import DEFAULT, ReadOptions
from extractors.pdf import SCANNED_FORMAT, pdf_document, read_pdf
from extractors.pdf_layout import layout_pages
from schemas.document import Block, Document


def ocr_blocks(path: Path, numbers: list[int]) -> list[Block]:
    """The blocks of the given pages (1-based), read by OCR."""
    from extractors.ocr import ocr_pages  # OpenCV and Tesseract: for scans only

    return layout_pages([page.content for page in ocr_pages(path, numbers)])


def extract_pdf_or_scan(path: Path, sha256: str, options: ReadOptions = DEFAULT) -> Document:
    """Any PDF: its text layer where it has one, OCR on the pages that have none."""
    pages, title = read_pdf(path, options=options)
    blank = [page.number for page in pages if not page.has_text]
    document = pdf_document(path, sha256, pages, title)
    if not blank:
        return document
    ocr = ocr_blocks(path, blank)
    if len(blank) == len(pages):
        document.blocks = ocr
    else:
        document.blocks = sorted(document.blocks + ocr, key=lambda b: b.page or 0)
    if 2 * len(blank) > len(pages):
        document.format = SCANNED_FORMAT
    return document
