"""PDFs with and without a text layer: pages with no text are read by OCR (extractors/ocr.py)
and laid out by the PDF reader's own `layout_document`, their running headers and footers
joining the document's furniture (they name the trust). A document mostly made of such pages has
the format "scanned-pdf"; every block read by OCR keeps its mean word confidence. OCR (OpenCV,
Tesseract) is imported only when a page needs it."""

from __future__ import annotations

from pathlib import Path

from extractors.options import DEFAULT, ReadOptions
from extractors.pdf import SCANNED_FORMAT, pdf_document, read_pdf
from extractors.pdf_layout import Layout, layout_document
from schemas.document import Document


def ocr_layout(path: Path, numbers: list[int], processes: int = 1) -> Layout:
    """The blocks and page furniture of the given pages (1-based), read by OCR, by up to
    `processes` processes."""
    from extractors.ocr import ocr_pages  # OpenCV and Tesseract: for scans only

    return layout_document([page.content for page in ocr_pages(path, numbers, processes=processes)])


def extract_pdf_or_scan(path: Path, sha256: str, options: ReadOptions = DEFAULT) -> Document:
    """Any PDF: its text layer where it has one, OCR on the pages that have none."""
    pages, title = read_pdf(path, options=options)
    blank = [page.number for page in pages if not page.has_text]
    document = pdf_document(path, sha256, pages, title)
    if not blank:
        return document
    ocr = ocr_layout(path, blank, options.page_processes)
    if len(blank) == len(pages):
        document.blocks = ocr.blocks
    else:
        document.blocks = sorted(document.blocks + ocr.blocks, key=lambda b: b.page or 0)
    document.furniture = [*document.furniture, *(t for t in ocr.furniture if t not in document.furniture)]
    if 2 * len(blank) > len(pages):
        document.format = SCANNED_FORMAT
    return document
