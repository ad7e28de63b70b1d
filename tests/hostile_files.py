"""Hostile files made on the spot (never committed binaries): hand-built PDFs and a Word zip
bomb. Used by the tests and by benchmarks/hostile.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.builders import new_docx, save

_PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def one_page_pdf(media_box: str, content: bytes | None = None, deflated: bool = False) -> bytes:
    """One page of this size; with `content`, its content stream (`deflated`: FlateDecode)."""
    page = f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}]{' /Contents 4 0 R' if content else ''} >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page.encode()]
    if content is not None:
        header = f"<< /Length {len(content)}{' /Filter /FlateDecode' if deflated else ''} >>\nstream\n".encode()
        objects.append(header + content + b"\nendstream")
    return pdf(objects)


def zip_bomb_docx(path: Path, megabytes: int) -> Path:
    """A real Word file whose document.xml inflates to `megabytes` of paragraphs."""
    plain = save(new_docx(), path.with_name(f"plain-for-{path.name}"))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
        with bomb.open("word/document.xml", "w") as body:
            body.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
                       b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = _PARAGRAPH * (1024 * 1024 // len(_PARAGRAPH))
            for _ in range(megabytes):
                body.write(chunk)
            body.write(b"</w:body></w:document>")
    plain.unlink()
    return path
