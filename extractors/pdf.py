"""PDF -> Document: the text layer read with PDFium (extractors/pdfium_page.py) or pdfplumber
(extractors/pdf_page.py), as `pipeline.config.PDF_READER` says, laid out by `extractors.pdf_layout`.

Bad input raises the project's errors, naming the file: a damaged or truncated file
`CorruptFile`, a password-protected one `EncryptedFile`. A PDF without a text layer on any
page (a scan) comes back with format "scanned-pdf", no blocks and `page_count` set: the hook
for OCR, which can build `PageContent` from recognised words and call `layout_pages`.
The running headers and footers taken out go to `Document.furniture` (they name the trust).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extractors.inflation import check_pdf_streams
from extractors.pdf_check import ENCRYPTED, check_pdf
from extractors.pdf_layout import layout_document
from extractors.pdf_page import PageContent, read_page
from extractors.pdfium_page import read_document
from pipeline.config import PDF_READER
from schemas.document import Document
from schemas.errors import CorruptFile, EncryptedFile

SCANNED_FORMAT = "scanned-pdf"


def extract_pdf(path: Path, sha256: str, reader: str | None = None) -> Document:
    """`reader`: "pdfplumber" or "pdfium"; None: the configured one (PDF_READER)."""
    source = str(path)
    check_pdf(path)
    check_pdf_streams(path)
    pages, title = _read_pdfium(path) if (reader or PDF_READER) == "pdfium" else _read(path)
    if not pages:
        raise CorruptFile(source, "the PDF has no pages")
    if not any(page.has_text for page in pages):
        return Document(source=path.name, sha256=sha256, format=SCANNED_FORMAT, page_count=len(pages),
                        title=title)
    layout = layout_document(pages)
    return Document(source=path.name, sha256=sha256, format="pdf", blocks=layout.blocks, page_count=len(pages),
                    title=title, furniture=layout.furniture)


def _read(path: Path) -> tuple[list[PageContent], str | None]:
    source = str(path)
    try:
        with pdfplumber.open(path) as pdf:
            title = pdf.metadata.get("Title")
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(read_page(page, number))
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFile(source, ENCRYPTED) from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedFile(source, ENCRYPTED) from exc
        raise CorruptFile(source, f"the PDF is damaged or truncated ({cause})") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise CorruptFile(source, f"the PDF is damaged or truncated ({exc})") from exc
    return pages, title if isinstance(title, str) and title.strip() else None


def _read_pdfium(path: Path) -> tuple[list[PageContent], str | None]:
    """PDFium's reading (a password-protected file was refused by check_pdf already)."""
    try:
        return read_document(path)
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load
        raise CorruptFile(str(path), f"the PDF is damaged or truncated ({exc})") from exc
