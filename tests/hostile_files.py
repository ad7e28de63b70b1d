"""Hostile files made on the spot (never committed binaries): hand-built PDFs (looping page
trees and cross-references, a deflate bomb) and a Word zip bomb. Used by the tests and by
benchmarks/hostile.py."""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

from docx.oxml.ns import qn

from pipeline import config
from pipeline.files import printable
from tests.builders import add_grid_table, new_docx, save

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


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_LETTER_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"

# PDFs whose object graph loops, by the place of the loop: each must end, read or refused.
LOOPING_PDFS: dict[str, list[bytes]] = {
    "pages node among its own kids": [_CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", _LETTER_PAGE],
    "kids in a cycle of two nodes": [_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Kids [4 0 R] >>",
                                     b"<< /Kids [3 0 R 5 0 R] >>", b"<< /Type /Page /MediaBox [0 0 612 792] >>"],
    "pages node under its own page": [_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                      b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"],
    "parents in a cycle, nothing inherited": [_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
                                              b"<< /Type /Page /Parent 2 0 R >>"],
    "untyped node that is its own kid": [_CATALOG, b"<< /Kids [2 0 R] >>"],
    "form that draws itself": [
        _CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 4 0 R >> >> "
        b"/Length 8 >>\nstream\n/X1 Do  \nendstream",
        b"<< /Length 30 >>\nstream\nBT /F1 12 Tf (Hi) Tj ET /X1 Do\nendstream"],
}


# pdfminer refuses a trailer naming its own table as the previous one; PDFium mends the table
# and reads the page once (a greeting, no plan)
XREF_LOOP_OUTCOME = {"pdfplumber": "CorruptFile", "pdfium": "NoPlanFound"}


def cross_reference_loop_pdf() -> bytes:
    """One page whose trailer names its own cross-reference table as the previous one (/Prev)."""
    made = one_page_pdf("0 0 612 792", b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    xref = int(made[made.rindex(b"startxref\n") + 10:].split(b"\n")[0])
    return made.replace(b"/Root 1 0 R >>", f"/Root 1 0 R /Prev {xref} >>".encode())


def deflate_bomb(megabytes: int) -> bytes:
    """Deflated spaces that inflate to `megabytes` (about 1/1000 of that on disk)."""
    deflater, chunk = zlib.compressobj(9), b" " * (1024 * 1024)
    return b"".join(deflater.compress(chunk) for _ in range(megabytes)) + deflater.flush()


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


def grid_span_docx(path: Path, grid_span: int) -> Path:
    """A small plan table one cell of which claims `grid_span` columns of its 4-column grid."""
    word = new_docx()
    table = add_grid_table(word, [["Objective", "Action", "Lead", "Due"],
                                  ["Improve flow", "Open a discharge lounge", "Chief Operating Officer", "Q3 2024/25"]])
    properties = table.rows[1].cells[0]._tc.get_or_add_tcPr()
    properties.append(properties.makeelement(qn("w:gridSpan"), {qn("w:val"): str(grid_span)}))
    return save(word, path)


_WEB_PAGE = "<!DOCTYPE html><html><body><main><h1>Opening times</h1><p>The shop opens at nine.</p></main></body></html>"


def hostile_folder(folder: Path, good_pdf: Path, bomb_mb: int = 300) -> dict[str, str]:
    """Every kind of bad file made in `folder`, with the outcome each must end in: an error
    type, or "new" for a bad part read safely (a cell spanning past its grid). A pipe and a link
    to /dev/zero are made beside the folder (a folder scan reads regular files only): pass
    their paths on their own. `good_pdf` is cut short for the truncated one."""
    folder.mkdir(parents=True, exist_ok=True)
    outcome: dict[str, str] = {}

    def made(name: str, data: bytes, result: str) -> None:
        (folder / name).write_bytes(data)
        outcome[name] = result

    os.mkfifo(folder.parent / "pipe.pdf")
    (folder.parent / "zero.docx").symlink_to("/dev/zero")
    outcome.update({"pipe.pdf": "UnsupportedFormat", "zero.docx": "UnsupportedFormat"})
    with (folder / "sparse-3gib.pdf").open("wb") as handle:
        handle.truncate(3 * 1024**3)  # past the input limit, instant to make
    outcome["sparse-3gib.pdf"] = "LimitExceeded"
    made("empty.docx", b"", "CorruptFile")
    made("image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(512), "UnsupportedFormat")
    made("truncated.pdf", good_pdf.read_bytes()[:5000], "CorruptFile")
    made("page-tree-loop.pdf", pdf(LOOPING_PDFS["pages node under its own page"]), "CorruptFile")
    made("xref-loop.pdf", cross_reference_loop_pdf(), XREF_LOOP_OUTCOME[config.PDF_READER])
    made("stream-bomb.pdf", one_page_pdf("0 0 612 792", deflate_bomb(bomb_mb), deflated=True), "LimitExceeded")
    made("huge-page.pdf", one_page_pdf("0 0 200000 200000"), "NoPlanFound")
    zip_bomb_docx(folder / "zip-bomb.docx", bomb_mb)
    outcome["zip-bomb.docx"] = "LimitExceeded"
    grid_span_docx(folder / "grid-span.docx", 5000)
    outcome["grid-span.docx"] = "new"
    made("utf16.html", b"\xff\xfe" + _WEB_PAGE.encode("utf-16-le"), "NoPlanFound")
    made(os.fsdecode(b"name-\xff\xfe.html"), _WEB_PAGE.encode(), "NoPlanFound")
    return {printable(name): result for name, result in outcome.items()}  # as names are shown and stored
