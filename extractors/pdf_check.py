"""Refuse damaged, truncated and password-protected PDFs up front, with the project's errors."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from schemas.errors import CorruptFile, EncryptedFile

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
ENCRYPTED = "the PDF is encrypted and cannot be opened without a password"


def check_pdf(path: Path) -> None:
    source = str(path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == _PASSWORD_ERROR:
            raise EncryptedFile(source, ENCRYPTED) from exc
        raise CorruptFile(source, f"the PDF is damaged or truncated ({exc})") from exc
    document.close()
