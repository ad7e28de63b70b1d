"""Scanned PDFs: the tests draw a plan with reportlab, make their own scan of it (rasterised at
170 dpi, turned by 0.7 degrees, grey noise and specks added, saved as an image-only PDF), and
read both through real Tesseract. The scan must score at least 0.85 of the original's score
against the same gold with the corpus scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as PdfTable

from extractors.options import ReadOptions
from extractors.pdf import read_pdf
from extractors.registry import file_sha256, read_document
from pipeline.interpret.context import Context
from pipeline.interpret.prose import interpret_prose
from schemas.document import BlockKind, Document
from schemas.plan import DocumentInfo, Organisation, Plan

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score.py"
PRIORITIES = [
    ("Better access to care", "Director of Operations", "operations", [
        ("Open a new urgent treatment centre at the General Hospital by March 2025", None, "2025-03-31"),
        ("Cut waits for a first outpatient appointment, with a new booking service from Q2", "2024-07-01", None),
        ("Introduce a single point of access for urgent referrals during Q1", "2024-04-01", "2024-06-30"),
        ("Make sure everyone leaving hospital has a follow-up call within two days", None, None),
    ], [("90% of patients seen within 18 weeks", "=", 90, "%"),
        ("Waiting list reduced by 20%", "reduce_by", 20, "%")]),
    ("A great place to work", "Director of People and Culture", "workforce", [
        ("Launch a leadership programme for ward managers by the end of Q3", None, "2024-12-31"),
        ("Open staff wellbeing hubs at both of our hospital sites", None, None),
        ("Offer every member of staff a flexible working conversation", None, None),
    ], [("Staff turnover below 10%", "<", 10, "%"),
        ("At least 75% of staff recommend us as a place to work", ">=", 75, "%")]),
]


def draw_plan(path: Path) -> Path:
    """One priority per page: heading, lead line, "In 2024/25 we will:" bullets, measures, footer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for number, (title, lead, _, commitments, measures) in enumerate(PRIORITIES, start=1):
        y = height - 80

        def write(text: str, size: float, font: str = "Helvetica", x: float = 60, gap: float = 1.5) -> None:
            nonlocal y
            pdf.setFont(font, size)
            pdf.drawString(x, y, text)
            y -= size * gap

        write(title, 22, "Helvetica-Bold", gap=1.8)
        write(f"Priority lead: {lead}", 10.5, "Helvetica-Bold", gap=2.2)
        write("In 2024/25 we will:", 14, "Helvetica-Bold", gap=1.8)
        for text, _, _ in commitments:
            pdf.setFont("Helvetica", 10.5)
            pdf.drawString(64, y, "\u2022")
            write(text, 10.5, x=78, gap=1.9)
        y -= 10
        write("Measures", 14, "Helvetica-Bold", gap=1.8)
        for text, *_ in measures:
            pdf.setFont("Helvetica", 10.5)
            pdf.drawString(64, y, "\u2022")
            write(text, 10.5, x=78, gap=1.9)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 40, f"Example NHS Foundation Trust | Our plan 2024/25 | page {number}")
        pdf.showPage()
    pdf.save()
    return path


def scan(source: Path, target: Path, dpi: int = 170, angle: float = 0.7, seed: int = 7) -> Path:
    """An image-only copy of `source`, as a scanner would make it."""
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(source))
    images = []
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, 12, (image.height, image.width))
        pixels[rng.random(pixels.shape) < 0.0005] = 0
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    pdf.close()
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return target


def gold() -> dict:
    objectives, commitments, indicators = [], [], []
    for ref, (title, lead, portfolio, items, measures) in enumerate(PRIORITIES, start=1):
        objectives.append({"ref": str(ref), "ref_printed": False, "theme_ref": None, "title": title,
                           "outcome": None})
        for text, start, end in items:
            due = {"raw": text, "start": start, "end": end} if start or end else None
            commitments.append({"ref": None, "objective_ref": str(ref), "text": text, "assurance": [], "due": due,
                                "owners": [{"raw": lead, "title": lead, "portfolio": portfolio}]})
        for text, comparator, value, unit in measures:
            indicators.append({"objective_ref": str(ref), "commitment_ref": None, "audience": None, "text": text,
                               "target": {"comparator": comparator, "value": value, "unit": unit},
                               "baseline": None, "due": None})
    return {"schema_version": "1", "document": {"organisation": {"name": "Example NHS Foundation Trust"}},
            "themes": [], "objectives": objectives, "commitments": commitments, "indicators": indicators,
            "glossary": []}


def plan_of(document: Document) -> dict:
    parts = interpret_prose(document, Context(source=document.source, year_start=2024))
    info = DocumentInfo(source=document.source, sha256=document.sha256, format=document.format,
                        organisation=Organisation(name="Example NHS Foundation Trust"))
    plan = Plan(document=info, themes=parts.themes, objectives=parts.objectives,
                commitments=parts.commitments, indicators=parts.indicators)
    return json.loads(plan.to_json())


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    assert spec is not None and spec.loader is not None, f"the corpus scorer is missing: {SCORER}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1(score: ModuleType, prediction: dict) -> float:
    return score.prf(*score.score(gold(), prediction).totals())[2]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("ocr")
    original = draw_plan(folder / "plan.pdf")
    return original, scan(original, folder / "plan-scanned.pdf")


@pytest.fixture(scope="module")
def scanned(files: tuple[Path, Path]) -> Document:
    return read_document(files[1])


def test_scan_has_no_text_layer_and_is_read_as_scanned_pdf(files: tuple[Path, Path], scanned: Document) -> None:
    original, copy = files
    assert [page.has_text for page in read_pdf(original)[0]] == [True, True]
    assert [page.has_text for page in read_pdf(copy)[0]] == [False, False]
    assert scanned.format == "scanned-pdf"
    headings = [b.text for b in scanned.blocks if b.kind is BlockKind.HEADING]
    assert "Better access to care" in headings and "A great place to work" in headings
    assert not any("page 1" in b.text for b in scanned.blocks)  # the running footer is furniture
    assert all(b.confidence is not None and 0 <= b.confidence <= 100 for b in scanned.blocks)
    assert {b.page for b in scanned.blocks} == {1, 2}


def test_scan_scores_at_least_085_of_the_text_layer_original(files: tuple[Path, Path], scanned: Document) -> None:
    score = scorer()
    original = f1(score, plan_of(read_document(files[0])))
    copy = f1(score, plan_of(scanned))
    assert original >= 0.9
    print(f"scorer F1: text layer {original:.3f}, scanned copy {copy:.3f}")
    assert copy >= 0.85 * original, (copy, original)


def test_a_scan_read_by_two_processes_is_the_same_document(files: tuple[Path, Path], scanned: Document) -> None:
    """A scan's pages are recognised by forked page readers (`page_processes`), with the same blocks."""
    shared = read_document(files[1], options=ReadOptions(page_processes=2))
    assert [(b.kind, b.text, b.page, b.confidence) for b in shared.blocks] == \
        [(b.kind, b.text, b.page, b.confidence) for b in scanned.blocks]
    assert shared.furniture == scanned.furniture and shared.format == "scanned-pdf"


def test_word_confidence_reaches_the_plan_items(files: tuple[Path, Path], scanned: Document) -> None:
    plan = plan_of(scanned)
    confidences = [c["provenance"]["confidence"] for c in plan["commitments"]]
    assert confidences and all(c is not None and c > 50 for c in confidences)
    text_layer = plan_of(read_document(files[0]))
    assert all(c["provenance"]["confidence"] is None for c in text_layer["commitments"])


def test_page_without_text_in_a_text_pdf_is_read_by_ocr(files: tuple[Path, Path], tmp_path: Path) -> None:
    original, copy = files
    mixed = pdfium.PdfDocument(str(original))
    mixed.del_page(1)
    scanned_pages = pdfium.PdfDocument(str(copy))
    mixed.import_pages(scanned_pages, pages=[1])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    mixed.close()
    scanned_pages.close()
    document = read_document(path)
    assert document.format == "pdf"  # one page in two was scanned: still a text PDF
    assert document.sha256 == file_sha256(path)
    headings = [b for b in document.blocks if b.kind is BlockKind.HEADING]
    by_page = {page: next(b for b in headings if b.page == page) for page in (1, 2)}
    assert [b.page for b in document.blocks] == sorted(b.page for b in document.blocks)
    assert by_page[1].text == "Better access to care" and by_page[1].confidence is None
    assert by_page[2].text == "A great place to work" and by_page[2].confidence is not None


TABLE_ROWS = [
    ["Deliverable", "Lead", "Due"],
    ["Open the new discharge lounge", "Chief Operating Officer", "Q2"],
    ["Recruit forty international nurses", "Chief Nurse", "Q3"],
    ["Replace the pathology system", "Chief Digital Officer", "Q4"],
]


def test_ruled_table_in_a_scan_is_read_as_a_table(tmp_path: Path) -> None:
    original = tmp_path / "table.pdf"
    grid = PdfTable(TABLE_ROWS, colWidths=[230, 150, 60])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                              ("FONT", (0, 0), (-1, -1), "Helvetica", 10.5),
                              ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    SimpleDocTemplate(str(original), pagesize=A4).build([grid])
    document = read_document(scan(original, tmp_path / "table-scanned.pdf"))
    assert document.format == "scanned-pdf"
    assert len(document.tables) == 1
    table = document.tables[0]
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert [c.text for c in table.row_cells(0)] == TABLE_ROWS[0]
    assert [c.text for c in table.row_cells(2)] == TABLE_ROWS[2]
    assert all(line.confidence is not None for c in table.cells for line in c.lines)
