"""Scanned tables: a table drawn with reportlab (dark header band with white bold print, a
shaded row, a ruled grid with a narrow first column of bold codes) scanned clean at 200 dpi as
an image-only PDF and read through real Tesseract; and a page scanned on its side, which must
be turned upright before it is read. The image analysis (shaded areas, rules) is also tested
on a drawn image without Tesseract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from extractors.ocr import OCR_DPI, _em, _missed_bullets, render_page
from extractors.ocr_image import find_fills, find_rules, prepare, skew
from extractors.pdf_page import DOT_TEXT, Word
from extractors.pdf_tables import merge_rules
from extractors.registry import read_document
from schemas.document import BlockKind, Document

HEADER = ["No.", "Objective", "Lead", "Due"]
ROWS = [
    ["1.1", "Open the new discharge lounge", "Chief Operating Officer", "Q2 2024/25"],
    ["1.2", "Recruit forty international nurses", "Chief Nurse", "Q3 2024/25"],
    ["1.3", "Replace the pathology system", "Chief Digital Officer", "Q4 2024/25"],
]


def scan(source: Path, target: Path, dpi: int = 200, turn: float = 0) -> Path:
    """A clean image-only greyscale copy of `source`, each page turned `turn` degrees
    (anticlockwise; the corners a slight turn uncovers are paper)."""
    pdf = pdfium.PdfDocument(str(source))
    images = []
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        images.append(image.rotate(turn, expand=True, fillcolor=255, resample=Image.BILINEAR) if turn else image)
    pdf.close()
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return target


def read_scan(draw: Callable[[Path], Path], folder: Path, turn: float = 0) -> Document:
    """The document read from a scan (`scan`) of the PDF `draw` draws in `folder`; a scan is
    read as one."""
    document = read_document(scan(draw(folder / "drawn.pdf"), folder / "scanned.pdf", turn=turn))
    assert document.format == "scanned-pdf"
    return document


def draw_table(path: Path) -> Path:
    grid = PdfTable([HEADER, *ROWS], colWidths=[40, 220, 150, 80])
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("FONT", (0, 1), (0, -1), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.15, 0.2, 0.35)),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 2), (-1, 2), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    SimpleDocTemplate(str(path), pagesize=A4).build([grid])
    return path


@pytest.fixture(scope="module")
def scanned_table(tmp_path_factory: pytest.TempPathFactory):
    return read_scan(draw_table, tmp_path_factory.mktemp("ocr-table"))


def test_scanned_table_keeps_its_grid_header_band_and_narrow_column(scanned_table) -> None:
    tables = scanned_table.tables
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (4, 4)
    header = table.row_cells(0)
    assert [c.text for c in header] == HEADER  # white on a dark band: read after turning it dark on white
    assert all(c.is_header for c in header)
    for index, row in enumerate(ROWS, start=1):
        assert [c.text for c in table.row_cells(index)] == row
    codes = [table.row_cells(i)[0] for i in range(1, 4)]
    assert all(line.bold for c in codes for line in c.lines)  # bold from stroke width
    assert not any(line.bold for line in table.row_cells(1)[1].lines)


@pytest.mark.parametrize("turn", [1.2, -0.7])
def test_a_table_scanned_slightly_turned_reads_as_the_level_one(scanned_table, tmp_path: Path, turn: float) -> None:
    """Rules and bands are found in the image, so the page is levelled before it is read: a
    slant would break each rule into pieces that do not meet."""
    copy = read_scan(draw_table, tmp_path, turn=turn)
    level = scanned_table.tables[0]
    assert len(copy.tables) == 1
    table = copy.tables[0]
    assert (table.n_rows, table.n_cols) == (level.n_rows, level.n_cols)
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [HEADER, *ROWS]


@pytest.mark.parametrize("turn", [0.0, 0.8, -1.5, 2.6])
def test_the_turn_of_a_page_is_found_in_its_image(turn: float) -> None:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for row in range(40):  # lines of print and a rule under every fifth
        top = 120 + row * 38
        for x in range(100, 1100, 60):
            draw.rectangle((x, top, x + 45, top + 14), fill=30)
        if row % 5 == 4:
            draw.line((100, top + 26, 1140, top + 26), fill=0, width=2)
    pixels = np.asarray(page.rotate(turn, fillcolor=255, resample=Image.BILINEAR))
    assert abs(skew(pixels) + turn) <= 0.1  # the turn that levels it undoes the page's


def draw_page(path: Path) -> Path:
    styles = getSampleStyleSheet()
    story = [Paragraph("Improving patient flow", styles["Heading1"]), Spacer(1, 8)]
    story += [Paragraph(text, styles["BodyText"]) for text in (
        "We will open a discharge lounge at the General Hospital so that patients who are ready to go home "
        "can wait in comfort while their medicines and transport are arranged.",
        "We will expand the virtual ward to forty beds for frailty and respiratory patients, with a team "
        "of nurses and therapists who visit patients at home every day.",
        "We will agree a discharge-to-assess pathway with the county council by the end of September.")]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize("turn", [90, 180])
def test_page_scanned_on_its_side_is_turned_upright(tmp_path: Path, turn: int) -> None:
    copy = scan(draw_page(tmp_path / "page.pdf"), tmp_path / "page-turned.pdf", turn=turn)
    document = read_document(copy)
    headings = [b.text for b in document.blocks if b.kind is BlockKind.HEADING]
    assert "Improving patient flow" in headings
    text = " ".join(b.text for b in document.blocks)
    assert "discharge-to-assess pathway with the county council" in text


def drawn_page() -> np.ndarray:
    """A 300-dpi image: a dark band with white print, a light band with black print under it, a
    ruled row under them, and a paragraph of black print on the paper."""
    image = Image.new("L", (2000, 1200), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1900, 180), fill=60)
    draw.text((130, 120), "HEADER ON A DARK BAND", fill=255, font_size=40)
    draw.rectangle((100, 180, 1900, 300), fill=225)
    draw.text((130, 220), "a light row with black print", fill=0, font_size=40)
    for y in (100, 180, 300, 420):
        draw.line((100, y, 1900, y), fill=0, width=3)
    for x in (100, 600, 1900):
        draw.line((x, 300, x, 420), fill=0, width=3)
    draw.text((130, 600), "Plain print on the paper, with no shade under it at all.", fill=0, font_size=40)
    return np.asarray(image)


def test_shaded_bands_are_fills_and_light_print_is_turned_dark() -> None:
    pixels = drawn_page()
    scale = 72 / 300
    rules, mask = find_rules(pixels, scale)
    fills, shaded, dark = find_fills(pixels, scale, mask)
    assert len(fills) == 2 and len(dark) == 1
    band, row = sorted(fills, key=lambda f: f.top)
    assert abs(band.top - 100 * scale) < 2 and abs(band.bottom - 180 * scale) < 2
    assert abs(row.bottom - 300 * scale) < 2 and abs(row.x1 - 1900 * scale) < 2
    assert dark == [band]
    assert band.colour[0] < 0.4 < 0.8 < row.colour[0]
    rules = merge_rules(rules)  # a rule is found in pieces between the rules that cross it
    horizontal = sorted(round(r.top / scale) for r in rules if r.horizontal)
    vertical = sorted(round(r.x0 / scale) for r in rules if not r.horizontal)
    assert [abs(a - b) <= 3 for a, b in zip(horizontal, (100, 180, 300, 420), strict=True)] == [True] * 4
    assert [abs(a - b) <= 3 for a, b in zip(vertical, (100, 600, 1900), strict=True)] == [True] * 3
    clean = prepare(pixels, scale).clean
    assert clean[140, 1000] > 200 and clean[240, 1000] > 200  # both bands are paper now
    assert clean[110:170, 130:700].min() < 80  # the white print is dark
    assert clean[600:650, 130:900].min() < 80  # print on the paper untouched


def test_a_band_side_is_no_column_rule_but_a_narrow_bar_keeps_its_sides() -> None:
    """A flattened band's sides may leave a thin dark seam as long as the band is high: no rule
    (it would box the band in); an accent bar too narrow to hold print is a thick line itself."""
    image = Image.new("L", (2000, 700), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1900, 200), fill=90)  # a dark banner on the paper, no rules
    draw.text((130, 120), "A BANNER OF WHITE PRINT", fill=255, font_size=40)
    draw.rectangle((100, 300, 130, 650), fill=90)  # an accent bar, 7 pt wide at 300 dpi
    scale = 72 / 300
    found = prepare(np.asarray(image), scale).rules
    sides = [r for r in found if not r.horizontal and r.top < 210 * scale]
    assert sides == []
    bar = [r for r in found if not r.horizontal and r.top > 290 * scale]
    assert bar and all(min(abs(r.x0 / scale - 100), abs(r.x0 / scale - 131)) <= 5 for r in bar)


BANDED_HEADER = ["Lead", "Priority", "Delivery lead", "Measure"]
BANDED_ROWS = [
    ["CEO", "Work with partners on seamless care", "", ""],
    ["", "Open the discharge lounge", "COO", "Lounge open by June"],
    ["", "Expand the virtual ward", "CNO", "Forty beds by March"],
    ["CFO", "Drive for financial stability", "", ""],
    ["", "Reduce agency spending", "CFO", "Spend down by a quarter"],
]


def draw_banded_table(path: Path) -> Path:
    """A WAH-like page: a dark banner and a light outcome band stacked on it, a gap, then a
    rules-only table whose dark header band sits straight on a light priority row (no rule
    between them: stacked bands), rules under each row, and a second light priority row inside
    the table with no rule along its top."""
    body = colors.Color(0.5, 0.2, 0.5)
    tint = colors.Color(0.9, 0.85, 0.9)
    banner = PdfTable([["STRATEGIC AIM ONE: SAFE CARE"], ["Outcome: care is safe and kind"]], colWidths=[600])
    banner.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 11),
        ("BACKGROUND", (0, 0), (-1, 0), body), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 1), (-1, 1), tint),
    ]))
    table = PdfTable([BANDED_HEADER, *BANDED_ROWS], colWidths=[60, 260, 120, 160])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), body), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 1), (-1, 1), tint), ("BACKGROUND", (0, 4), (-1, 4), tint),
        ("FONT", (0, 1), (-1, 1), "Helvetica-Bold", 9), ("FONT", (0, 4), (-1, 4), "Helvetica-Bold", 9),
        ("LINEBELOW", (0, 1), (-1, 3), 0.5, colors.grey), ("LINEBELOW", (0, 4), (-1, -1), 0.5, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([banner, Spacer(1, 6), table])
    return path


def _banded_table_rows(document) -> list[list[str]]:
    tables = document.tables
    assert len(tables) == 1
    table = tables[0]
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def test_table_under_stacked_bands_text_layer(tmp_path: Path) -> None:
    """The header band and the shaded row under it are both the table's, though only the row's
    bottom has a rule; the band inside the table is a row of its own without a rule on top."""
    rows = _banded_table_rows(read_document(draw_banded_table(tmp_path / "banded.pdf")))
    assert rows[0] == BANDED_HEADER
    assert len(rows) == 1 + len(BANDED_ROWS)
    assert rows[1][:2] == BANDED_ROWS[0][:2] and rows[4][:2] == BANDED_ROWS[3][:2]


def test_band_edges_in_a_scan_are_no_rules(tmp_path: Path) -> None:
    """The blurred edges of shaded bands, flattened, leave thin dark lines: not rules, so the
    banner stays out of the table and the table opens on its header band."""
    copy = scan(draw_banded_table(tmp_path / "banded.pdf"), tmp_path / "banded-scanned.pdf")
    pdf = pdfium.PdfDocument(str(copy))
    image = np.asarray(render_page(pdf, 0))
    pdf.close()
    scale = 72 / OCR_DPI
    page = prepare(image, scale)
    bands = sorted((f for f in page.fills if f.x1 - f.x0 > 500), key=lambda f: f.top)
    assert len(bands) == 5  # banner, outcome, header, two priority rows
    levels = [r.top for r in page.rules if r.horizontal]
    for band in bands[:3]:  # banner's, outcome's and header's edges
        assert not any(abs(y - band.top) <= 3 or abs(y - band.bottom) <= 3 for y in levels if y < bands[3].top - 3)
    rows = _banded_table_rows(read_document(copy))
    assert rows[0] == BANDED_HEADER
    assert len(rows) == 1 + len(BANDED_ROWS)
    assert not any("SAFE CARE" in text for row in rows for text in row)


def test_a_piece_of_a_band_parted_by_print_is_no_fill_of_its_own() -> None:
    """Print that encloses part of a light band (here a white frame) parts it from the band:
    the piece, of the band's shade and inside it, is not a shaded cell of its own."""
    image = Image.new("L", (2000, 600), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1900, 300), fill=225)
    draw.rectangle((600, 150, 800, 250), outline=255, width=4)
    scale = 72 / 300
    fills, _, _ = find_fills(np.asarray(image), scale)
    assert len(fills) == 1
    assert abs(fills[0].x0 - 100 * scale) < 2 and abs(fills[0].bottom - 300 * scale) < 2


def draw_header_band_without_rule(path: Path, header: list[str]) -> Path:
    """A rules-only table whose header band has no rule along its bottom (as a scan shows a rule
    drawn along a band's edge: not at all): the first body row lies between the band and the
    first rule."""
    table = PdfTable([header, *BANDED_ROWS[1:3], *BANDED_ROWS[4:]], colWidths=[60, 260, 120, 160])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.5, 0.2, 0.5)), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    return path


def test_a_header_band_above_the_first_rule_heads_the_table(tmp_path: Path) -> None:
    rows = _banded_table_rows(read_document(draw_header_band_without_rule(tmp_path / "t.pdf", BANDED_HEADER)))
    assert rows[0] == BANDED_HEADER
    assert rows[1] == BANDED_ROWS[1]
    assert len(rows) == 4


def test_a_banner_above_the_first_rule_stays_out_of_the_table(tmp_path: Path) -> None:
    """A band of one run of print (a title) is no header: it and the row under it stay out."""
    banner = ["STRATEGIC AIM ONE: SAFE CARE", "", "", ""]
    document = read_document(draw_header_band_without_rule(tmp_path / "t.pdf", banner))
    assert not any("SAFE CARE" in c.text for t in document.tables for c in t.cells)


MEASURES = ["Eliminate waits over 104 weeks", "Reduce 52 week waits", "Accreditation achieved by March",
            "Increase in advice and guidance"]


def draw_bullets(path: Path) -> Path:
    """Rows of a rules-only table whose last column lists measures in small print, each after
    a bullet set apart from it (Tesseract leaves such bullets out)."""
    item = ParagraphStyle("item", fontName="Helvetica", fontSize=7, leading=9, leftIndent=10, bulletIndent=0,
                          bulletFontSize=7)
    plain = ParagraphStyle("plain", fontName="Helvetica", fontSize=7, leading=9)
    row = [Paragraph("Improve access to care for everyone in the county", plain), "COO/DDs",
           [Paragraph(text, item, bulletText="\u2022") for text in MEASURES]]
    table = PdfTable([row] * 3, colWidths=[250, 80, 250])
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    return path


def test_bullets_left_out_by_tesseract_are_found_in_the_image(tmp_path: Path) -> None:
    copy = scan(draw_bullets(tmp_path / "bullets.pdf"), tmp_path / "bullets-scanned.pdf")
    cells = [c for t in read_document(copy).tables for c in t.cells if "waits" in c.text]
    assert len(cells) == 3
    for cell in cells:
        assert [(line.marker, line.text) for line in cell.lines] == [("\u2022", text) for text in MEASURES]


def test_a_bullet_read_as_a_letter_is_a_bullet_but_a_dot_in_a_line_is_not() -> None:
    """Over a drawn disc, a lone "e" (Tesseract's reading of a bullet on a line of its own)
    becomes the bullet; a disc between two words of a line is no bullet."""
    scale = 72 / 300
    ink = np.zeros((400, 2000), np.uint8)
    cv2.circle(ink, (110, 100), 7, 255, -1)  # left of "Implement"
    cv2.circle(ink, (1010, 300), 7, 255, -1)  # between "waits" and "Reduce"

    def word(text: str, x0: float, x1: float, y: float) -> Word:
        return Word(text=text, x0=x0 * scale, top=(y - 35) * scale, x1=x1 * scale, bottom=(y + 20) * scale,
                    size=55 * scale)  # one em high, the baseline 8 px under the discs' middle

    words = [word("e", 100, 120, 100), word("Implement", 140, 400, 100),
             word("waits", 800, 990, 300), word("Reduce", 1030, 1300, 300)]
    assert _missed_bullets(words, ink, scale) == []
    assert [w.text for w in words] == [DOT_TEXT, "Implement", "waits", "Reduce"]


def test_question_and_exclamation_marks_rise_as_capitals() -> None:
    """A word box is read against the letters it holds: "?" rises to a capital's height, so
    "many???" is no larger print than "Many"."""
    def em(text: str) -> float | None:
        return _em(Word(text=text, x0=0, top=0, x1=30, bottom=9.3, size=0))

    assert em("many???") == em("Many") == em("Hurray!")


def test_a_scan_keeps_its_running_header_as_furniture(tmp_path: Path) -> None:
    """The trust's name printed on every page of a scan is furniture, as in a text PDF: it
    names the organisation."""
    def header(canvas, _doc) -> None:
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawRightString(550, 800, "Northshire Hospitals NHS Trust")

    styles = getSampleStyleSheet()
    story = []
    for n in range(3):
        story += [Paragraph(f"Section {n + 1}: improving patient flow", styles["Heading1"]),
                  Paragraph("We will open a discharge lounge so that patients who are ready to go home can wait "
                            "in comfort while their medicines and transport are arranged.", styles["BodyText"]),
                  PageBreak()]
    SimpleDocTemplate(str(tmp_path / "doc.pdf"), pagesize=A4).build(story, onFirstPage=header, onLaterPages=header)
    document = read_document(scan(tmp_path / "doc.pdf", tmp_path / "doc-scanned.pdf"))
    assert "Northshire Hospitals NHS Trust" in document.furniture
    assert not any("Northshire" in b.text for b in document.blocks)


def test_band_seams_are_no_rules_but_a_heavy_rule_along_a_band_is() -> None:
    """A banner's edges, flattened, leave no rules; a 2 pt rule drawn along a header band's
    bottom stands out in the image before flattening (darker than both sides) and stays."""
    image = Image.new("L", (2000, 900), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1900, 200), fill=90)  # a banner on the paper, no rules
    draw.rectangle((100, 300, 1900, 400), fill=90)  # a header band
    draw.rectangle((100, 400, 1900, 408), fill=0)  # a heavy rule along its bottom
    for y in (550, 700, 850):
        draw.line((100, y, 1900, y), fill=0, width=3)
    scale = 72 / 300
    levels = sorted(round(r.top / scale) for r in prepare(np.asarray(image), scale).rules if r.horizontal)
    assert not any(y < 250 for y in levels)
    assert any(395 <= y <= 412 for y in levels)


def test_a_header_band_over_another_table_is_not_taken(tmp_path: Path) -> None:
    """Two tables ruled alike under one another, a heading between: the second, with no header
    band of its own, does not reach up over the first's rows to the first's header band."""
    def rows_table(rows: list[list[str]], header: bool) -> PdfTable:
        table = PdfTable(rows, colWidths=[60, 260, 120, 160])
        style = [("FONT", (0, 0), (-1, -1), "Helvetica", 9), ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
                 ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
        if header:
            style += [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                      ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.5, 0.2, 0.5))]
        else:
            style += [("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey)]
        table.setStyle(TableStyle(style))
        return table

    path = tmp_path / "two.pdf"
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=10,
                             leftIndent=60)  # over the tables
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([
        rows_table([BANDED_HEADER, BANDED_ROWS[1], BANDED_ROWS[2]], header=True),
        Paragraph("Targets", heading),
        rows_table([BANDED_ROWS[4], ["", "Cut agency spending", "CFO", "By a tenth"]], header=False)])
    first, second = read_document(path).tables
    assert [c.text for c in first.row_cells(0)] == BANDED_HEADER
    assert second.n_rows == 2 and "Reduce agency spending" in [c.text for c in second.row_cells(0)]
    assert not any("Lead" in c.text for c in second.cells)
