"""PDF -> Document: the text layer read with PDFium (extractors/pdfium_page.py) or pdfplumber
(extractors/pdfplumber_document.py), as `pipeline.config.PDF_READER` says, laid out by `extractors.pdf_layout`.

Bad input raises the project's errors, naming the file: a damaged or truncated file
`CorruptFile`, a password-protected one `EncryptedFile`. A PDF without a text layer on any
page (a scan) comes back with format "scanned-pdf", no blocks and `page_count` set: the hook
for OCR, which can build `PageContent` from recognised words and call `layout_document`.
The running headers and footers taken out go to `Document.furniture` (they name the trust).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extractors.forked_pages import PageReaderDied
from extractors.inflation import check_pdf_streams
from extractors.options import DEFAULT, ReadOptions
from extractors.pdf_check import check_pdf
from extractors.pdf_layout import layout_document
from extractors.pdf_page import PageContent
from extractors.pdfium_page import read_document
from pipeline.config import PDF_READER
from schemas.document import Document
from schemas.errors import CorruptFile

SCANNED_FORMAT = "scanned-pdf"


def extract_pdf(path: Path, sha256: str, reader: str | None = None) -> Document:
    """`reader`: "pdfplumber" or "pdfium"; None: the configured one (PDF_READER)."""
    pages, title = read_pdf(path, reader)
    return pdf_document(path, sha256, pages, title)


def read_pdf(path: Path, reader: str | None = None,
             options: ReadOptions = DEFAULT) -> tuple[list[PageContent], str | None]:
    """Every page's text layer, and the Title, once the file has passed its checks. PDFium's
    pages are read by up to `options.page_processes` processes; pdfplumber's by this one."""
    check_pdf(path)
    check_pdf_streams(path)
    if (reader or PDF_READER) == "pdfium":
        pages, title = _read_pdfium(path, options)
    else:
        from extractors import pdfplumber_document  # pdfminer: only for the reader that needs it

        options.do_meanwhile()
        pages, title = pdfplumber_document.read_document(path)
    if not pages:
        raise CorruptFile(str(path), "the PDF has no pages")
    return pages, title


def pdf_document(path: Path, sha256: str, pages: list[PageContent], title: str | None) -> Document:
    """The pages laid out; a document without text on any page is a scan, without blocks."""
    if not any(page.has_text for page in pages):
        return Document(source=path.name, sha256=sha256, format=SCANNED_FORMAT, page_count=len(pages),
                        title=title)
    layout = layout_document(pages)
    return Document(source=path.name, sha256=sha256, format="pdf", blocks=layout.blocks, page_count=len(pages),
                    title=title, furniture=layout.furniture)


def _read_pdfium(path: Path, options: ReadOptions) -> tuple[list[PageContent], str | None]:
    """PDFium's reading (a password-protected file was refused by check_pdf already)."""
    try:
        return read_document(path, options.page_processes, options.meanwhile)
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load
        raise CorruptFile(str(path), f"the PDF is damaged or truncated ({exc})") from exc
    except PageReaderDied as exc:  # a page crashed PDFium in a forked reader
        raise CorruptFile(str(path), f"the PDF could not be read: {exc}") from exc
