"""The second PDF reader: every page read by pdfplumber (pdfminer) into `PageContent`
(extractors/pdf_page.read_page), with pdfminer's failures as the project's errors. Imported
only when TRUSTPLANS_PDF_READER=pdfplumber asks for it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extractors.pdf_check import ENCRYPTED
from extractors.pdf_page import PageContent, read_page
from schemas.errors import CorruptFile, EncryptedFile


def read_document(path: Path) -> tuple[list[PageContent], str | None]:
    """Every page of the PDF and its Title."""
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
