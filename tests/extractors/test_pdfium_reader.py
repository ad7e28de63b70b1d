"""extractors/pdfium_page.py: PDFium (TRUSTPLANS_PDF_READER=pdfium) reads a PDF into the same
document model as pdfplumber. Every dev corpus PDF (../shared/corpus) is read by both readers:
the same blocks, texts and table cells, and the same plan score. The boxes agree across; up and
down a box may move by up to half its height, where a font's descriptor gives its
descent as 0 (pdfminer takes that; PDFium measures the font's own glyphs). Fixtures drawn here
cover a turned page, a bullet drawn as a filled circle, a table drawn with rules and a Form
XObject drawn twice, compared page by page (words, rules, shaded areas)."""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

from extractors.pdf import extract_pdf
from extractors.pdf_page import DOT_TEXT, PageContent, read_page
from extractors.pdfium_page import read_document
from pipeline.interpret.interpreter import interpret
from schemas.document import BlockKind, Document
from schemas.errors import CorruptFile, EncryptedFile
from tests.extractors.test_pdf import GridCell, build_pdf, dot, grid, text

SHA = "ef" * 32
SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS_PDFS = sorted((SHARED / "corpus").glob("*/*.pdf"))
ACROSS_TOLERANCE = 0.5  # pt: x0 and x1 of a block or a cell
DESCENT_SHARE = 0.5  # of a box's height: how far its top and bottom may move (see above)
WORD_TOLERANCE = 0.1  # pt: on the fixtures drawn here (standard fonts) the boxes agree


def _model(document: Document) -> list[tuple[object, ...]]:
    """The blocks as the interpreter sees them: kind, text, level, list marks, bold, page; a
    table as its cells (place, spans, header, text, page)."""
    model: list[tuple[object, ...]] = []
    for block in document.blocks:
        if block.kind is BlockKind.TABLE and block.table is not None:
            model.append(("table", tuple((c.row, c.col, c.row_span, c.col_span, c.is_header, c.text, c.page)
                                         for c in block.table.cells)))
        else:
            model.append((block.kind, block.text, block.level, block.list_depth, block.marker, block.bold,
                          block.page))
    return model


def _boxes(document: Document) -> list[tuple[float, float, float, float]]:
    found = []
    for block in document.blocks:
        boxes = [c.bbox for c in block.table.cells] if block.table is not None else [block.bbox]
        found.extend((b.x0, b.top, b.x1, b.bottom) for b in boxes if b is not None)
    return found


@functools.cache
def _read_both_ways(path: Path) -> tuple[Document, Document]:
    return extract_pdf(path, SHA, "pdfplumber"), extract_pdf(path, SHA, "pdfium")


def _assert_same_document(path: Path) -> None:
    plumbed, pdfium = _read_both_ways(path)
    assert _model(pdfium) == _model(plumbed)
    assert (pdfium.title, pdfium.page_count, pdfium.furniture) == (plumbed.title, plumbed.page_count,
                                                                   plumbed.furniture)
    for a, b in zip(_boxes(plumbed), _boxes(pdfium), strict=True):
        up_down = max(ACROSS_TOLERANCE, DESCENT_SHARE * (a[3] - a[1]))
        assert (b[0], b[2]) == pytest.approx((a[0], a[2]), abs=ACROSS_TOLERANCE), (a, b)
        assert (b[1], b[3]) == pytest.approx((a[1], a[3]), abs=up_down), (a, b)


def _pages_both_ways(path: Path) -> list[tuple[PageContent, PageContent]]:
    with pdfplumber.open(path) as pdf:
        plumbed = [read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    return list(zip(plumbed, read_document(path)[0], strict=True))


def _assert_same_pages(path: Path) -> None:
    for plumbed, pdfium in _pages_both_ways(path):
        assert (pdfium.width, pdfium.height) == pytest.approx((plumbed.width, plumbed.height))
        assert len(pdfium.words) == len(plumbed.words)
        for a, b in zip(sorted(plumbed.words, key=_word_key), sorted(pdfium.words, key=_word_key), strict=True):
            assert (b.text, b.bold, b.is_dot, b.size) == (a.text, a.bold, a.is_dot, a.size)
            if not a.is_dot:  # pdfminer gives a bullet glyph of a standard font no width
                assert _box(b) == pytest.approx(_box(a), abs=WORD_TOLERANCE)
        assert len(pdfium.rules) == len(plumbed.rules)
        for a, b in zip(sorted(map(_box, plumbed.rules)), sorted(map(_box, pdfium.rules)), strict=True):
            assert b == pytest.approx(a, abs=WORD_TOLERANCE)
        assert len(pdfium.fills) == len(plumbed.fills)
        for a, b in zip(plumbed.fills, pdfium.fills, strict=True):
            assert _box(b) == pytest.approx(_box(a), abs=WORD_TOLERANCE)
            assert b.colour == pytest.approx(a.colour * (3 if len(a.colour) == 1 else 1), abs=0.01)  # grey: r = g = b


def _word_key(word: object) -> tuple[str, int, int]:
    return word.text, round(word.x0), round(word.top)  # type: ignore[attr-defined]


def _box(shape: object) -> tuple[float, float, float, float]:
    return shape.x0, shape.top, shape.x1, shape.bottom  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- the dev corpus


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_a_corpus_pdf_reads_into_the_same_document_with_pdfium(path: Path) -> None:
    _assert_same_document(path)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pdfium_reader_score", SHARED / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_a_corpus_pdf_scores_the_same_with_pdfium(path: Path) -> None:
    score, gold = _scorer(), json.loads((path.parent / "gold.json").read_text(encoding="utf-8"))

    def f1(document: Document) -> float:
        plan = json.loads(interpret(document).to_json())
        return score.prf(*score.score(gold, plan).totals())[2]

    plumbed, pdfium = _read_both_ways(path)
    assert f1(pdfium) == f1(plumbed)


def test_the_corpus_is_there_or_its_tests_are_skipped() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED / 'corpus'}")
    assert CORPUS_PDFS, "no PDF in the shared corpus"


# --------------------------------------------------------------------------- drawn fixtures


def _bullets_and_a_ruled_table(canvas: Canvas) -> None:
    text(canvas, 50, 50, "Our priorities for 2024/25", size=14, bold=True)
    for number, item in enumerate(["Cut waiting times", "Improve staff wellbeing", "Open the new ward"]):
        top = 90 + 14 * number
        dot(canvas, 54, top + 5)
        text(canvas, 62, top, item)
    cells = [GridCell(0, 0, ["**Ref"]), GridCell(0, 1, ["**Action"]), GridCell(0, 2, ["**Owner"]),
             GridCell(1, 0, ["1.1"]), GridCell(1, 1, ["Cut the waiting list"]), GridCell(1, 2, ["COO"]),
             GridCell(2, 0, ["1.2"]), GridCell(2, 1, ["Recruit nurses"]), GridCell(2, 2, ["CNO"])]
    grid(canvas, 50, 160, (40, 250, 80), (20, 20, 20), cells)


def _turned(canvas: Canvas) -> None:
    """A page shown turned (/Rotate 90): one line drawn upright for the turned page, one not."""
    canvas.setPageRotation(90)
    text(canvas, 60, 120, "Sideways on the page")
    canvas.saveState()
    canvas.translate(canvas._pagesize[0], 0)
    canvas.rotate(90)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, 500, "Upright when the page is turned")
    canvas.line(50, 490, 300, 490)
    canvas.restoreState()


def _form_twice(canvas: Canvas) -> None:
    canvas.beginForm("box")
    canvas.setFont("Helvetica", 9)
    canvas.drawString(0, 0, "Inside a form")
    canvas.rect(0, -20, 150, 15, stroke=1, fill=0)
    canvas.endForm()
    for x, y, scale in ((100, 600, 1.0), (100, 400, 1.5)):
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        canvas.doForm("box")
        canvas.restoreState()


def test_bullets_drawn_as_circles_and_a_ruled_table_read_the_same(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "bullets-and-table.pdf", [_bullets_and_a_ruled_table])
    _assert_same_pages(path)
    _assert_same_document(path)
    document = extract_pdf(path, SHA, "pdfium")
    assert [b.text for b in document.blocks if b.kind is BlockKind.LIST_ITEM] == [
        "Cut waiting times", "Improve staff wellbeing", "Open the new ward"]
    assert [c.text for c in document.tables[0].cells] == ["Ref", "Action", "Owner", "1.1", "Cut the waiting list",
                                                          "COO", "1.2", "Recruit nurses", "CNO"]


def test_a_bullet_drawn_as_a_filled_circle_is_a_dot_word(tmp_path: Path) -> None:
    page = read_document(build_pdf(tmp_path / "bullets.pdf", [_bullets_and_a_ruled_table]))[0][0]
    dots = [w for w in page.words if w.is_dot]
    assert [(w.text, round(w.x0), round(w.top)) for w in dots] == [(DOT_TEXT, 52, 93), (DOT_TEXT, 52, 107),
                                                                  (DOT_TEXT, 52, 121)]


def test_a_turned_page_reads_the_same(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "turned.pdf", [_turned])
    _assert_same_pages(path)
    _assert_same_document(path)
    assert "Upright when the page is turned" in [b.text for b in extract_pdf(path, SHA, "pdfium").blocks]


def test_a_form_drawn_twice_is_read_twice_where_it_is_drawn(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "form.pdf", [_form_twice])
    _assert_same_pages(path)
    page = read_document(path)[0][0]
    assert sorted((w.text, round(w.top), w.size) for w in page.words if w.text == "Inside") == [
        ("Inside", 235, 9.0), ("Inside", 431, 13.5)]


# --------------------------------------------------------------------------- bad files


def test_an_encrypted_pdf_is_refused_as_encrypted_with_pdfium(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "encrypted.pdf", [lambda c: text(c, 50, 50, "secret plan")],
                     encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner"))
    with pytest.raises(EncryptedFile, match="encrypted"):
        extract_pdf(path, SHA, "pdfium")


def test_a_truncated_pdf_is_refused_as_damaged_with_pdfium(tmp_path: Path) -> None:
    data = build_pdf(tmp_path / "whole.pdf", [_bullets_and_a_ruled_table] * 3).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFile, match="damaged or truncated") as caught:
        extract_pdf(path, SHA, "pdfium")
    assert str(path) in str(caught.value)


def _lines_printed_twice(canvas: Canvas) -> None:
    """Twelve lines, each printed a second time 0.6 pt right and down (fake bold): their tops
    step 11 pt, so some fall within a point of a multiple of 32 and their copies across it."""
    for number, line in enumerate(OVERPRINTED):
        for offset in (0.0, 0.6):
            text(canvas, 50 + offset, 100 + 11 * number + offset, line, size=8)


OVERPRINTED = [f"Priority {number} of the year ahead, printed twice" for number in range(12)]


def test_text_printed_twice_is_read_once_wherever_it_falls(tmp_path: Path) -> None:
    """pdf_page.printed_once finds the first print in a grid of 32 pt cells: a copy across a
    cell's edge from it is found as well as one in the same cell. (pdfplumber gives both prints
    to printed_once; PDFium drops a text object repeating the one before it itself.)"""
    path = build_pdf(tmp_path / "printed-twice.pdf", [_lines_printed_twice])
    _assert_same_pages(path)
    words = sorted(word for line in OVERPRINTED for word in line.split())
    with pdfplumber.open(path) as pdf:
        assert sorted(w.text for w in read_page(pdf.pages[0], 1).words) == words
    assert sorted(w.text for w in read_document(path)[0][0].words) == words
