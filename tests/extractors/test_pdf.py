"""extractors/pdf.py: PDFs into the document model.

Fixtures are PDFs drawn here with the reportlab canvas (exact positions, so each one exercises
one layout feature: ruled and rules-only tables over pages, merged cells, page furniture, two
columns, hyphenation, cell lists); the corpus check reads the shared UHB PDF.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from extractors.hyphenation import Vocabulary
from extractors.pdf import extract_pdf
from extractors.pdf_layout import layout_pages
from extractors.pdf_page import PageContent, Rule, Word
from extractors.pdf_text import join_lines
from schemas.document import Block, BlockKind, Cell, Document, Table
from schemas.errors import CorruptFile, EncryptedFile

SHA = "cd" * 32
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WIDTH, HEIGHT = A4
LINE = 11.0  # leading of the 9 pt text drawn in the fixtures

# --------------------------------------------------------------------------- drawing helpers


def build_pdf(path: Path, pages: Sequence[Callable[[Canvas], None]], pagesize: tuple[float, float] = A4,
              **canvas_options: object) -> Path:
    canvas = Canvas(str(path), pagesize=pagesize, **canvas_options)
    for draw in pages:
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def text(canvas: Canvas, x: float, top: float, value: str, size: float = 9, bold: bool = False) -> None:
    """Draw `value` with its top-left near (x, top), in top-left page coordinates."""
    height = canvas._pagesize[1]
    canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
    canvas.drawString(x, height - top - size, value)


def cell_lines(canvas: Canvas, x: float, top: float, lines: Sequence[str]) -> None:
    """Lines of a cell: "**" starts a bold line, "• " a bullet, "  – " a nested bullet,
    "1. " a numbered item, "+" a gap of paragraph spacing before the line."""
    y = top + 3
    for line in lines:
        if line.startswith("+"):
            y += 4
            line = line[1:]
        bold = line.startswith("**")
        line = line.removeprefix("**")
        for marker, indent in (("• ", 0.0), ("  – ", 9.0), ("1. ", 0.0), ("2. ", 0.0)):
            if line.startswith(marker):
                text(canvas, x + 3 + indent, y, marker.strip())
                text(canvas, x + 14 + indent, y, line[len(marker):], bold=bold)
                break
        else:
            indent = 14.0 if line.startswith("   ") else (23.0 if line.startswith("    ") else 0.0)
            text(canvas, x + 3 + indent, y, line.strip(), bold=bold)
        y += LINE


@dataclass
class GridCell:
    row: int
    col: int
    lines: Sequence[str]
    row_span: int = 1
    col_span: int = 1


def grid(canvas: Canvas, x: float, top: float, widths: Sequence[float], heights: Sequence[float],
         cells: Sequence[GridCell], thin_rectangles: bool = False) -> None:
    """A ruled table: every cell's border drawn (as lines, or as thin filled rectangles the way
    Word exports borders), so merged cells have no rule inside them."""
    page_height = canvas._pagesize[1]
    canvas.setLineWidth(0.5)
    for cell in cells:
        x0 = x + sum(widths[:cell.col])
        x1 = x0 + sum(widths[cell.col:cell.col + cell.col_span])
        t0 = top + sum(heights[:cell.row])
        t1 = t0 + sum(heights[cell.row:cell.row + cell.row_span])
        if thin_rectangles:
            for left, bottom, width, height in ((x0, t0, x1 - x0, 0.5), (x0, t1, x1 - x0, 0.5),
                                                (x0, t0, 0.5, t1 - t0), (x1, t0, 0.5, t1 - t0)):
                canvas.rect(left, page_height - bottom - height, width, height, stroke=0, fill=1)
        else:
            canvas.rect(x0, page_height - t1, x1 - x0, t1 - t0, stroke=1, fill=0)
        cell_lines(canvas, x0, t0, cell.lines)


def hline(canvas: Canvas, x0: float, x1: float, top: float) -> None:
    canvas.setLineWidth(0.6)
    canvas.line(x0, canvas._pagesize[1] - top, x1, canvas._pagesize[1] - top)


def band(canvas: Canvas, x0: float, x1: float, top: float, bottom: float, grey: float = 0.85) -> None:
    canvas.setFillGray(grey)
    canvas.rect(x0, canvas._pagesize[1] - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
    canvas.setFillGray(0)


def dot(canvas: Canvas, x: float, top: float, radius: float = 2.0) -> None:
    canvas.circle(x, canvas._pagesize[1] - top, radius, stroke=0, fill=1)


def extract(path: Path) -> Document:
    return extract_pdf(path, SHA)


def only_table(document: Document) -> Table:
    assert len(document.tables) == 1, [t.n_rows for t in document.tables]
    return document.tables[0]


def column_texts(table: Table, col: int) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == col and not c.is_header]


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if b.kind is not BlockKind.TABLE]


# --------------------------------------------------------------------------- ruled tables

HEADER = GridCell(0, 0, ["**No."]), GridCell(0, 1, ["**Objective"]), GridCell(0, 2, ["**Deliverable"]), \
    GridCell(0, 3, ["**Owner"]), GridCell(0, 4, ["**Ref"])
WIDTHS = (30, 110, 230, 60, 40)


def _header(row: int = 0) -> list[GridCell]:
    return [GridCell(row, c.col, c.lines) for c in HEADER]


def _deliverable(row: int, words: str, ref: str, owner: str = "COO", lines: int = 1) -> list[GridCell]:
    body = [f"{words} line {i + 1}" for i in range(lines)]
    return [GridCell(row, 2, body), GridCell(row, 3, [owner]), GridCell(row, 4, [ref])]


@pytest.fixture
def table_over_three_pages(tmp_path: Path) -> Path:
    def page1(canvas: Canvas) -> None:
        text(canvas, 40, 40, "Strategy implementation plan", size=18, bold=True)
        cells = [*_header(), GridCell(1, 0, ["**Theme 1: Safe care"], col_span=5),
                 GridCell(2, 0, ["**1"], row_span=3),
                 GridCell(2, 1, ["**Reduce harm to", "**patients"], row_span=3),
                 *_deliverable(2, "Roll out the falls", "1.1", lines=2),
                 *_deliverable(3, "Launch sepsis audit", "1.2", lines=3),
                 *_deliverable(4, "Deliver the patient safety incident", "1.3", lines=2)]
        grid(canvas, 40, 80, WIDTHS, [18, 18, 30, 41, 30], cells)

    def page2(canvas: Canvas) -> None:  # 1.3 continues at the top, under the repeated header
        cells = [*_header(), GridCell(1, 0, [], row_span=1), GridCell(1, 1, [], row_span=1),
                 GridCell(1, 2, ["response framework across all wards"]),
                 GridCell(1, 3, []), GridCell(1, 4, []), GridCell(2, 0, ["**2"], row_span=2),
                 GridCell(2, 1, ["**Recover elective", "**activity"], row_span=2),
                 *_deliverable(2, "Eliminate long waits", "2.1", owner="CFO"),
                 *_deliverable(3, "Reduce the backlog", "2.2", lines=2)]
        grid(canvas, 40, 40, WIDTHS, [18, 18, 30, 30], cells)

    def page3(canvas: Canvas) -> None:  # objective 2 continues over a new deliverable row
        cells = [*_header(), GridCell(1, 0, [], row_span=2), GridCell(1, 1, [], row_span=2),
                 *_deliverable(1, "Open the new theatre", "2.3"),
                 *_deliverable(2, "Expand day surgery", "2.4")]
        grid(canvas, 40, 40, WIDTHS, [18, 20, 20], cells)

    return build_pdf(tmp_path / "table_over_three_pages.pdf", [page1, page2, page3])


def test_table_over_three_pages_is_one_table_with_header_once(table_over_three_pages: Path) -> None:
    document = extract(table_over_three_pages)
    table = only_table(document)
    assert table.pages == [1, 2, 3] and table.joined
    assert table.header_rows() == [0]
    assert [c.text for c in table.row_cells(0)] == ["No.", "Objective", "Deliverable", "Owner", "Ref"]
    assert all(c.text != "Deliverable" for c in table.cells if not c.is_header)
    assert column_texts(table, 4) == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"]
    assert table.n_rows == 9 and table.n_cols == 5


def test_row_split_by_a_page_break_is_joined(table_over_three_pages: Path) -> None:
    table = only_table(extract(table_over_three_pages))
    ref_13 = next(c for c in table.cells if c.text == "1.3")
    deliverable = table.cell_at(ref_13.row, 2)
    assert deliverable is not None
    assert deliverable.text == ("Deliver the patient safety incident line 1 Deliver the patient safety"
                                " incident line 2 response framework across all wards")
    assert len(deliverable.lines) == 1  # the paragraph continues over the page break


def test_merged_cells_continue_over_page_breaks(table_over_three_pages: Path) -> None:
    table = only_table(extract(table_over_three_pages))
    objective_1 = next(c for c in table.cells if c.text == "Reduce harm to patients")
    assert (objective_1.col, objective_1.row_span) == (1, 3)  # 1.1, 1.2 and 1.3 (split row)
    objective_2 = next(c for c in table.cells if c.text == "Recover elective activity")
    assert objective_2.row_span == 4  # 2.1, 2.2 on page 2 and 2.3, 2.4 on page 3
    assert table.cell_at(objective_2.last_row, 4).text == "2.4"


def test_heading_above_table_comes_first(table_over_three_pages: Path) -> None:
    document = extract(table_over_three_pages)
    assert [b.kind for b in document.blocks] == [BlockKind.HEADING, BlockKind.TABLE]
    heading = document.blocks[0]
    assert heading.text == "Strategy implementation plan" and heading.level == 1 and heading.page == 1
    assert heading.bbox is not None and heading.bold


@pytest.fixture(params=[False, True], ids=["lines", "thin_rectangles"])
def merged_cells_table(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    def page(canvas: Canvas) -> None:
        widths = (30, 110, 200, 40, 130)
        cells = [GridCell(0, 0, ["**Objective"], col_span=2), GridCell(0, 2, ["**Deliverables"]),
                 GridCell(0, 3, ["**Ref"]), GridCell(0, 4, ["**Key indicators"]),
                 GridCell(1, 0, ["**Strategic theme 1: Clinical services"], col_span=5),
                 GridCell(2, 0, ["**1"], row_span=3), GridCell(2, 1, ["**Align services"], row_span=3),
                 GridCell(2, 2, ["Embed devolved authority"]), GridCell(2, 3, ["1.1"]),
                 GridCell(3, 2, ["Move to a single ERP"]), GridCell(3, 3, ["1.2"]),
                 GridCell(4, 2, ["Complete domain migration"]), GridCell(4, 3, ["1.3"]),
                 GridCell(2, 4, ["**Corporate:", "• Harmonised processes", "**Staff:",
                                 "• Staff engagement"], row_span=3)]
        grid(canvas, 40, 60, widths, [18, 18, 20, 20, 20], cells, thin_rectangles=request.param)

    return build_pdf(tmp_path / "merged_cells_table.pdf", [page], pagesize=landscape(A4))


def test_merged_cells_are_one_cell_with_spans(merged_cells_table: Path) -> None:
    table = only_table(extract(merged_cells_table))
    assert (table.n_rows, table.n_cols) == (5, 5)
    header = table.row_cells(0)
    assert [(c.text, c.col_span, c.is_header) for c in header][0] == ("Objective", 2, True)
    theme = table.cell_at(1, 3)
    assert theme is not None
    assert (theme.col, theme.col_span, theme.text) == (0, 5, "Strategic theme 1: Clinical services")
    number, title, indicators = table.cell_at(3, 0), table.cell_at(4, 1), table.cell_at(3, 4)
    assert (number.row, number.row_span, number.text) == (2, 3, "1")
    assert (title.row, title.row_span) == (2, 3)
    assert (indicators.row, indicators.row_span) == (2, 3)
    grid_cells = [c for row in table.grid() for c in row if c is not None]
    assert sum(1 for c in table.cells if "Strategic theme 1" in c.text) == 1
    assert len({id(c) for c in grid_cells}) == len(table.cells)
    assert indicators.page == 1 and indicators.bbox is not None


def test_cell_lines_keep_bold_labels_and_list_items(merged_cells_table: Path) -> None:
    table = only_table(extract(merged_cells_table))
    indicators = table.cell_at(2, 4)
    assert [(ln.text, ln.bold, ln.list_depth, ln.marker) for ln in indicators.lines] == [
        ("Corporate:", True, None, None), ("Harmonised processes", False, 0, "•"),
        ("Staff:", True, None, None), ("Staff engagement", False, 0, "•")]


@pytest.fixture
def cell_lists_table(tmp_path: Path) -> Path:
    def page(canvas: Canvas) -> None:
        cells = [GridCell(0, 0, ["**Actions"]), GridCell(0, 1, ["**Owner"]), GridCell(0, 2, ["**Measures"]),
                 GridCell(1, 0, ["Improve patient experience through:",
                                 "• Implementation of the Patient",
                                 "   Experience Strategy",
                                 "  – a nested point",
                                 "• A second point"]),
                 GridCell(1, 1, ["Chief Financial", "Officer", "+CWIO"]),
                 GridCell(1, 2, ["1. Audit compliance every month", "2. Launch a falls prevention project",
                                 "   on six wards"])]
        grid(canvas, 40, 60, (200, 90, 200), [18, 62], cells)

    return build_pdf(tmp_path / "cell_lists_table.pdf", [page])


def test_cell_lines_are_paragraphs_and_list_items(cell_lists_table: Path) -> None:
    table = only_table(extract(cell_lists_table))
    actions, owner, measures = table.row_cells(1)
    assert [(ln.text, ln.list_depth, ln.marker) for ln in actions.lines] == [
        ("Improve patient experience through:", None, None),
        ("Implementation of the Patient Experience Strategy", 0, "•"),
        ("a nested point", 1, "–"),
        ("A second point", 0, "•")]
    assert [ln.text for ln in owner.lines] == ["Chief Financial Officer", "CWIO"]  # paragraph spacing
    assert [(ln.text, ln.marker, ln.list_depth) for ln in measures.lines] == [
        ("Audit compliance every month", "1.", 0), ("Launch a falls prevention project on six wards", "2.", 0)]


# --------------------------------------------------------------------------- rules-only tables

RULE_X0, RULE_X1 = 40.0, 800.0
STREAM_COLUMNS = (46.0, 110.0, 430.0, 540.0)
STREAM_HEADER = ("Exec Lead", "Improvement priorities", "Delivery lead", "Measure of success")


def _stream_header(canvas: Canvas, top: float) -> float:
    band(canvas, RULE_X0, RULE_X1, top, top + 18)
    for x, label in zip(STREAM_COLUMNS, STREAM_HEADER, strict=True):
        text(canvas, x, top + 4, label, bold=True)
    hline(canvas, RULE_X0, RULE_X1, top + 18)
    return top + 18


def _priority_row(canvas: Canvas, top: float, lead: str, title: str) -> float:
    band(canvas, RULE_X0, RULE_X1, top, top + 18, grey=0.9)
    text(canvas, STREAM_COLUMNS[0], top + 4, lead, bold=True)
    text(canvas, STREAM_COLUMNS[1], top + 4, title, bold=True)
    hline(canvas, RULE_X0, RULE_X1, top + 18)
    return top + 18


def _sub_row(canvas: Canvas, top: float, heading: str, actions: Sequence[str], lead: str,
             measures: Sequence[str]) -> float:
    text(canvas, STREAM_COLUMNS[1], top + 4, heading, bold=True)
    for i, action in enumerate(actions, start=1):
        text(canvas, STREAM_COLUMNS[1], top + 4 + i * LINE, "•")
        text(canvas, STREAM_COLUMNS[1] + 10, top + 4 + i * LINE, action)
    if lead:
        text(canvas, STREAM_COLUMNS[2], top + 4, lead)
    for i, measure in enumerate(measures):
        text(canvas, STREAM_COLUMNS[3], top + 4 + i * LINE, "•")
        text(canvas, STREAM_COLUMNS[3] + 10, top + 4 + i * LINE, measure)
    bottom = top + 8 + LINE * (max(len(actions) + 1, len(measures)))
    hline(canvas, RULE_X0, RULE_X1, bottom)
    return bottom


@pytest.fixture
def horizontal_rules_only_table(tmp_path: Path) -> Path:
    def page1(canvas: Canvas) -> None:
        text(canvas, 46, 40, "STRATEGIC OBJECTIVE ONE: BEST SERVICES", size=12, bold=True)
        top = _stream_header(canvas, 70)
        top = _priority_row(canvas, top, "CEO", "BS1 Work with partners to deliver seamless care")
        top = _sub_row(canvas, top, "Collaborate to ensure sustainability", ["Identify collaborations",
                       "Agree memoranda of understanding"], "DSP/CMO", ["At least one shared practice",
                                                                        "2 shared roles across place"])
        top = _priority_row(canvas, top, "DS&P", "BS2: develop our role as an anchor institution")
        _sub_row(canvas, top, "Work towards the silver award",
                 ["Develop documentation", "Achieve accreditation"], "CMO/DP&C",
                 ["Silver award achieved by Mar 23"])

    def page2(canvas: Canvas) -> None:
        top = _stream_header(canvas, 40)
        top = _sub_row(canvas, top, "Promote skills and employment", ["Implement the kick start programme"],
                       "DP&C", ["10 apprentices in place by March 23"])
        _sub_row(canvas, top, "Reduce our environmental impact", ["Agree the green plan"], "DSP",
                 ["Carbon footprint reduced"])

    return build_pdf(tmp_path / "horizontal_rules_only_table.pdf", [page1, page2], pagesize=landscape(A4))


def test_horizontal_rules_only_table_columns_and_spans(horizontal_rules_only_table: Path) -> None:
    document = extract(horizontal_rules_only_table)
    assert document.blocks[0].kind is BlockKind.HEADING
    table = only_table(document)
    assert table.n_cols == 4 and table.pages == [1, 2] and table.joined
    assert [c.text for c in table.row_cells(0)] == list(STREAM_HEADER)
    assert all(c.is_header for c in table.row_cells(0)) and table.header_rows() == [0]
    priority = table.row_cells(1)
    assert [(c.col, c.col_span, c.text) for c in priority] == [
        (0, 1, "CEO"), (1, 3, "BS1 Work with partners to deliver seamless care")]
    sub = {c.col: c for c in table.row_cells(2)}
    assert [(ln.text, ln.bold, ln.marker) for ln in sub[1].lines] == [
        ("Collaborate to ensure sustainability", True, None), ("Identify collaborations", False, "•"),
        ("Agree memoranda of understanding", False, "•")]
    assert sub[2].text == "DSP/CMO"
    assert [ln.text for ln in sub[3].lines] == ["At least one shared practice", "2 shared roles across place"]
    assert column_texts(table, 2)[-2:] == ["DP&C", "DSP"]  # page 2 rows follow, header dropped
    assert sum(1 for c in table.cells if c.text == "Measure of success") == 1


CONTINUATION_COLUMNS = (46.0, 150.0, 400.0, 520.0, 610.0)


def _rules_only_rows(canvas: Canvas, top: float, rows: Sequence[Sequence[Sequence[str]]]) -> None:
    """Rows drawn one under another at `top`, each given as its cells' lines (see `cell_lines`)."""
    for cells in rows:
        for x, lines in zip(CONTINUATION_COLUMNS, cells, strict=True):
            cell_lines(canvas, x, top, lines)
        top += 9 + max(LINE * len(lines) + 4 * sum(ln.startswith("+") for ln in lines) for lines in cells)


@pytest.fixture
def continuation_rows_without_rules(tmp_path: Path) -> Path:
    """Rules only: a rule under the header and under each workstream, none between a workstream's
    rows; the second row of a workstream has its own owner and date and an empty first column."""
    def page(canvas: Canvas) -> None:
        hline(canvas, RULE_X0, RULE_X1, 70)
        for x, label in zip(CONTINUATION_COLUMNS, ("Workstream", "Key milestones", "Owner", "Completion date",
                                                    "KPIs"), strict=True):
            text(canvas, x + 3, 74, label, bold=True)
        hline(canvas, RULE_X0, RULE_X1, 88)
        _rules_only_rows(canvas, 88, [  # the second bullets of two columns start at one height: one row
            [["**Community services"], ["• Recruit twelve community nurses", "+• Open a single front door"],
             ["Director of Operations"], ["March 2025"],
             ["• Waits over 18 weeks halved", "+• 90% of referrals triaged in 72 hours"]],
            [[], ["• Co-produce a care planning standard"], ["Director of Nursing"], ["December 2024"], []]])
        hline(canvas, RULE_X0, RULE_X1, 142)
        _rules_only_rows(canvas, 142, [  # owner and date start again where the milestone wraps: one row
            [["**Inpatient flow"], ["• Introduce twice-daily board rounds on",
                                    "   all adult acute wards and in the new",
                                    "   assessment unit, with a named", "   consultant every day"],
             ["Director of Nursing", "", "Director of Finance"], ["March 2025", "", "September 2024"],
             ["• Out of area placements reduced to zero"]]])
        hline(canvas, RULE_X0, RULE_X1, 197)
        _rules_only_rows(canvas, 197, [  # cells wrapped onto a new line at one height: one row
            [["**Workforce"], ["• Run quarterly open days"], ["Director of Nursing", "and Quality"],
             ["by end of", "December 2024"], ["• Vacancy rate below 10%"]]])
        hline(canvas, RULE_X0, RULE_X1, 230)

    return build_pdf(tmp_path / "continuation_rows_without_rules.pdf", [page], pagesize=landscape(A4))


def test_continuation_row_without_a_rule_is_its_own_row(continuation_rows_without_rules: Path) -> None:
    table = only_table(extract(continuation_rows_without_rules))
    assert table.n_cols == 5 and table.n_rows == 5 and table.header_rows() == [0]
    workstream = table.cell_at(1, 0)
    assert workstream is not None and workstream.text == "Community services" and workstream.row_span == 2
    assert table.cell_at(2, 0) is workstream
    assert [c.text for c in table.row_cells(1)[1:4]] == [
        "Recruit twelve community nurses Open a single front door", "Director of Operations", "March 2025"]
    assert [ln.text for ln in table.row_cells(1)[4].lines] == [
        "Waits over 18 weeks halved", "90% of referrals triaged in 72 hours"]
    assert [c.text for c in table.row_cells(2)] == [
        "Co-produce a care planning standard", "Director of Nursing", "December 2024", ""]
    inpatient = table.row_cells(3)
    assert [c.text for c in inpatient] == [
        "Inpatient flow", "Introduce twice-daily board rounds on all adult acute wards and in the new assessment "
        "unit, with a named consultant every day", "Director of Nursing Director of Finance",
        "March 2025 September 2024", "Out of area placements reduced to zero"]
    assert [ln.text for ln in inpatient[2].lines] == ["Director of Nursing", "Director of Finance"]
    assert [c.text for c in table.row_cells(4)] == [
        "Workforce", "Run quarterly open days", "Director of Nursing and Quality", "by end of December 2024",
        "Vacancy rate below 10%"]


# --------------------------------------------------------------------------- page furniture


@pytest.fixture
def running_header_footer(tmp_path: Path) -> Path:
    def page(number: int) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            band(canvas, 480, 545, 20, 42, grey=0.3)
            text(canvas, 495, 26, "NHS", size=12, bold=True)
            text(canvas, 420, 48, "Kingsbridge Hospitals NHS Trust", size=8)
            text(canvas, 50, 100, f"Section {number}", size=16, bold=True)
            for i in range(4):
                line = f"Body text of section {number}, line {i + 1} of the paragraph."
                text(canvas, 50, 130 + i * 13, line, size=10)
            text(canvas, 50, 800, "Kingsbridge Hospitals NHS Trust | Operational plan 2023/24", size=7)
            text(canvas, 500, 800, f"Page {number} of 3", size=7)
        return draw

    return build_pdf(tmp_path / "running_header_footer.pdf", [page(n) for n in (1, 2, 3)])


def test_running_header_footer_and_logo_are_removed(running_header_footer: Path) -> None:
    document = extract(running_header_footer)
    joined = " ".join(texts(document))
    for furniture in ("NHS Trust", "Page", "Operational plan", "NHS"):
        assert furniture not in joined
    headings = [b.text for b in document.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Section 1", "Section 2", "Section 3"]
    assert document.furniture == ["NHS", "Kingsbridge Hospitals NHS Trust",
                                  "Kingsbridge Hospitals NHS Trust | Operational plan 2023/24"]
    paragraphs = [b for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 3 and paragraphs[1].text.startswith("Body text of section 2, line 1")
    assert paragraphs[1].page == 2 and paragraphs[1].font_size == 10


def test_page_number_alone_is_removed_on_a_one_page_document(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        text(canvas, 50, 100, "A single page of text.", size=10)
        text(canvas, 290, 800, "Page 1", size=8)

    document = extract(build_pdf(tmp_path / "single_page_number.pdf", [page]))
    assert texts(document) == ["A single page of text."]


def test_same_line_on_two_of_four_pages_is_not_furniture(tmp_path: Path) -> None:
    def page(number: int) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            label = "FPC" if number in (2, 3) else f"Q{number}"
            text(canvas, 50, 60, f"Assuring committee: {label}")
            text(canvas, 50, 200, f"Content of page {number}.", size=10)
        return draw

    document = extract(build_pdf(tmp_path / "repeated_twice.pdf", [page(n) for n in range(1, 5)]))
    assert texts(document).count("Assuring committee: FPC") == 2


# --------------------------------------------------------------------------- reading order and text


@pytest.fixture
def two_column_page(tmp_path: Path) -> Path:
    bullets = [("Put the incident framework in place across", "all services by the end of Q2"),
               ("Reduce restrictive practice on our wards", "through the Safewards model"),
               ("Recruit 20 more peer support workers", "with lived experience")]
    measures = [("Use of prone restraint reduced by", "50%"),
                ("At least 75% of people with SMI", "receive a check"),
                ("Every ward achieves", "accreditation")]

    def page(canvas: Canvas) -> None:
        text(canvas, 50, 60, "Safe and personal care", size=22, bold=True)
        text(canvas, 50, 100, "Why this matters", size=10, bold=True)
        text(canvas, 50, 114, "Service users want to feel safe on our wards.", size=10)
        text(canvas, 50, 150, "In 2024/25 we will:", size=13, bold=True)
        band(canvas, 340, 545, 146, 290, grey=0.93)
        text(canvas, 352, 156, "Measures", size=12, bold=True)
        for i, (first, second) in enumerate(bullets):
            top = 172 + i * 33
            text(canvas, 52, top, "•", size=10)
            text(canvas, 64, top, first, size=10)
            text(canvas, 64, top + 13, second, size=10)
        for i, (first, second) in enumerate(measures):
            top = 178 + i * 33
            dot(canvas, 356, top + 4)
            text(canvas, 364, top, first, size=9.5)
            text(canvas, 364, top + 12.5, second, size=9.5)

    return build_pdf(tmp_path / "two_column_page.pdf", [page])


def test_two_column_page_reads_each_column_as_a_block(two_column_page: Path) -> None:
    blocks = extract(two_column_page).blocks
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("heading", "Safe and personal care"),
        ("heading", "Why this matters"),
        ("paragraph", "Service users want to feel safe on our wards."),
        ("heading", "In 2024/25 we will:"),
        ("list_item", "Put the incident framework in place across all services by the end of Q2"),
        ("list_item", "Reduce restrictive practice on our wards through the Safewards model"),
        ("list_item", "Recruit 20 more peer support workers with lived experience"),
        ("heading", "Measures"),
        ("list_item", "Use of prone restraint reduced by 50%"),
        ("list_item", "At least 75% of people with SMI receive a check"),
        ("list_item", "Every ward achieves accreditation"),
    ]
    first: Block = blocks[0]
    assert first.level == 1 and first.font_size == 22 and first.bold and first.page == 1
    assert blocks[4].list_depth == 0 and blocks[4].marker == "•" and blocks[8].marker == "•"
    assert blocks[3].level < blocks[1].level  # 13 pt heading above the body-size bold heading


@pytest.fixture
def hyphenated_line_ends(tmp_path: Path) -> Path:
    lines = ["We will recruit peer support workers with lived experi-",
             "ence, take a zero-",
             "tolerance approach to abuse, review community case-",
             "loads, open a red-",
             "flag pathway and reduce out-of-",
             "area placements to zero."]

    def page(canvas: Canvas) -> None:
        for i, line in enumerate(lines):
            text(canvas, 50, 100 + i * 13, line, size=10)

    return build_pdf(tmp_path / "hyphenated_line_ends.pdf", [page])


def test_hyphenated_line_ends_are_joined_by_rule(hyphenated_line_ends: Path) -> None:
    assert texts(extract(hyphenated_line_ends)) == [
        "We will recruit peer support workers with lived experience, take a zero-tolerance approach to abuse,"
        " review community caseloads, open a red-flag pathway and reduce out-of-area placements to zero."]


def test_words_in_a_table_of_terms_without_rules_stay_in_rows(tmp_path: Path) -> None:
    terms = [("AHP", "Allied health professional"), ("ICB", "Integrated care board, the NHS body"),
             ("PCN", "Primary care network"), ("SMI", "Severe mental illness")]

    def page(canvas: Canvas) -> None:
        text(canvas, 62, 200, "Jargon buster", size=13, bold=True)
        for i, (term, meaning) in enumerate(terms):
            text(canvas, 62, 225 + i * 18, term, size=9.5, bold=True)
            text(canvas, 130, 225 + i * 18, meaning, size=9.5)

    document = extract(build_pdf(tmp_path / "table_without_rules.pdf", [page]))
    assert document.blocks[0].text == "Jargon buster"
    table = only_table(document)
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [list(t) for t in terms]


# --------------------------------------------------------------------------- bad input


def test_encrypted_pdf_raises_encrypted_file(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "encrypted.pdf", [lambda c: text(c, 50, 50, "secret plan")],
                     encrypt=pdfencrypt.StandardEncryption("user-password", ownerPassword="owner"))
    with pytest.raises(EncryptedFile) as caught:
        extract(path)
    assert str(path) in str(caught.value) and "encrypted" in str(caught.value)


def test_truncated_pdf_raises_corrupt_file(table_over_three_pages: Path, tmp_path: Path) -> None:
    data = table_over_three_pages.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFile) as caught:
        extract(path)
    assert str(path) in str(caught.value) and "damaged or truncated" in str(caught.value)


def test_pdf_without_text_layer_is_left_for_ocr(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        band(canvas, 50, 500, 100, 400, grey=0.5)

    document = extract(build_pdf(tmp_path / "no_text_layer.pdf", [page, page]))
    assert document.format == "scanned-pdf" and document.blocks == [] and document.page_count == 2


# --------------------------------------------------------------------------- corpus


UHB = CORPUS / "uhb-2021-22-plan-pdf"


@pytest.mark.skipif(not UHB.exists(), reason="shared corpus not present")
def test_uhb_plan_table_is_joined_with_every_reference() -> None:
    document = extract(UHB / "uhb-2021-22-plan.pdf")
    gold = json.loads((UHB / "gold.json").read_text(encoding="utf-8"))
    expected = [c["ref"] for c in gold["commitments"]]
    plan = max(document.tables, key=lambda t: t.n_rows)
    assert plan.joined and plan.pages == list(range(1, 9))
    header = [c.text for c in plan.row_cells(0)]
    ref_col = next(c.col for c in plan.row_cells(0) if c.text == "Reference")
    refs = [c.text for c in sorted(plan.cells, key=lambda c: c.row) if c.col == ref_col and not c.is_header
            and c.col_span == 1]
    assert refs == expected and len(refs) == 63 and refs[0] == "1.1" and refs[-1] == "20.2"
    assert header[0] == "Strategic objective" and plan.header_rows() == [0]
    themes: list[Cell] = [c for c in plan.cells if c.text.startswith("Strategic theme")]
    assert len(themes) == 9 and all(c.col_span == plan.n_cols for c in themes)
    deliverable_42 = plan.cell_at(next(c.row for c in plan.cells if c.text == "4.1"), 2)
    assert deliverable_42.text.endswith("in line with national guidance and clinical prioritisation")
    furniture = [b for b in document.blocks if "Foundation Trust" in b.text or "Page" in b.text]
    assert furniture == []


# --------------------------------------------------------------------------- more layouts


def test_table_of_shaded_cells_without_rules(tmp_path: Path) -> None:
    rows = [("Theme", "Lead", "Target"), ("Quality", "Chief Nurse", "Zero never events"),
            ("People", "Director of People", "Turnover below 11%")]

    def page(canvas: Canvas) -> None:
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                x, top = 50 + c * 150, 100 + r * 24
                band(canvas, x, x + 148, top, top + 22, grey=0.6 if r == 0 else 0.92)  # 2 pt white gaps
                text(canvas, x + 4, top + 6, value, bold=r == 0)

    table = only_table(extract(build_pdf(tmp_path / "shaded_cells_table.pdf", [page])))
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [list(r) for r in rows]
    assert table.header_rows() == [0]


def test_framed_box_is_text_not_a_table(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        canvas.rect(50, HEIGHT - 200, 400, 100, stroke=1, fill=0)
        text(canvas, 60, 110, "Our vision", size=14, bold=True)
        text(canvas, 60, 140, "Care that is close to home.", size=10)

    document = extract(build_pdf(tmp_path / "framed_box.pdf", [page]))
    assert document.tables == [] and texts(document) == ["Our vision", "Care that is close to home."]


def test_paragraph_broken_by_a_page_break_is_one_block(tmp_path: Path) -> None:
    def page1(canvas: Canvas) -> None:
        text(canvas, 50, 700, "The board will receive a report on the first year of the", size=10)

    def page2(canvas: Canvas) -> None:
        text(canvas, 50, 60, "strategy every quarter.", size=10)
        text(canvas, 50, 90, "A new paragraph.", size=10)

    document = extract(build_pdf(tmp_path / "paragraph_over_page_break.pdf", [page1, page2]))
    assert texts(document) == ["The board will receive a report on the first year of the strategy every"
                               " quarter.", "A new paragraph."]
    assert document.blocks[0].page == 1 and document.page_count == 2


def test_booktabs_table_rows_come_from_text_lines(tmp_path: Path) -> None:
    rows = [("Ref", "Action", "Due"), ("1.1", "Open the crisis café", "Q2"), ("1.2", "Recruit peer workers", "Q3"),
            ("1.3", "Launch the charter", "Q4")]

    def page(canvas: Canvas) -> None:
        hline(canvas, 50, 450, 96)
        for r, row in enumerate(rows):
            for x, value in zip((54, 120, 380), row, strict=True):
                text(canvas, x, 100 + r * 16 + (4 if r else 0), value, bold=r == 0)
        hline(canvas, 50, 450, 114)
        hline(canvas, 50, 450, 170)

    table = only_table(extract(build_pdf(tmp_path / "booktabs_table.pdf", [page])))
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [list(r) for r in rows]


# --------------------------------------------------------------------------- reusable pieces


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("lived experi-", "ence of", "lived experience of"),
    ("a zero-", "tolerance approach", "a zero-tolerance approach"),
    ("community case-", "loads", "community caseloads"),
    ("a new waiting-", "list offer", "a new waiting-list offer"),
    ("reduce out-of-", "area placements", "reduce out-of-area placements"),
    ("the NEWS2 e-", "observations module", "the NEWS2 e-observations module"),
    ("post-", "COVID recovery", "post-COVID recovery"),
    ("the trans-", "formation of", "the transformation of"),
])
def test_line_end_hyphenation_rule(left: str, right: str, joined: str) -> None:
    assert join_lines(left, right, Vocabulary()) == joined


def test_document_evidence_decides_hyphenation_first() -> None:
    assert join_lines("our case-", "loads", Vocabulary(["case-loads are high"])) == "our case-loads"
    assert join_lines("a well-", "being hub", Vocabulary(["staff wellbeing"])) == "a wellbeing hub"


def test_layout_is_reusable_on_positioned_words_without_fonts() -> None:
    """What an OCR engine gives: words with positions and confidences, detected rules, no fonts."""
    def word(value: str, x0: float, top: float) -> Word:
        return Word(text=value, x0=x0, top=top, x1=x0 + 6 * len(value), bottom=top + 10, size=10, confidence=90)

    rules = [Rule(50, 100, 350, 100), Rule(50, 130, 350, 130), Rule(50, 160, 350, 160),
             Rule(50, 100, 50, 160), Rule(200, 100, 200, 160), Rule(350, 100, 350, 160)]
    words = [word("Action", 55, 105), word("Lead", 205, 105), word("Open", 55, 135), word("hubs", 85, 135),
             word("COO", 205, 135), word("Actions", 55, 60)]
    blocks = layout_pages([PageContent(number=1, width=595, height=842, words=words, rules=rules)])
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE]
    table = blocks[1].table
    assert [[c.text for c in table.row_cells(r)] for r in range(2)] == [["Action", "Lead"], ["Open hubs", "COO"]]
    assert blocks[0].confidence == 90 and table.cell_at(1, 0).lines[0].confidence == 90


def test_hard_line_breaks_in_a_cell_start_new_lines(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        grid(canvas, 40, 60, (60, 170), [18, 48], [
            GridCell(0, 0, ["**Ref"]), GridCell(0, 1, ["**Owners"]), GridCell(1, 0, ["2.1"]),
            GridCell(1, 1, ["Chief Nurse", "Medical Director", "Director of Strategy and Partnerships"])])

    table = only_table(extract(build_pdf(tmp_path / "hard_breaks_in_cell.pdf", [page])))
    assert [ln.text for ln in table.cell_at(1, 1).lines] == [  # each next word would have fitted
        "Chief Nurse", "Medical Director", "Director of Strategy and Partnerships"]


def test_zebra_striped_table_rows_come_from_the_stripes(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        band(canvas, 50, 500, 100, 118, grey=0.3)
        for x, label in ((54, "Ref"), (120, "Action"), (400, "Due")):
            text(canvas, x, 104, label, bold=True)
        for r, (ref, lines, due) in enumerate([("1.1", ["Open the crisis café"], "Q2"),
                                               ("1.2", ["Recruit peer support workers", "in every locality"], "Q3"),
                                               ("1.3", ["Launch the charter"], "Q4")]):
            top = 118 + r * 30
            band(canvas, 50, 500, top, top + 30, grey=0.95 if r % 2 else 0.85)
            for i, line in enumerate(lines):
                text(canvas, 120, top + 4 + i * LINE, line)
            bottom_line = top + 4 + (len(lines) - 1) * LINE  # short cells sit at the bottom of the row
            text(canvas, 54, bottom_line, ref)
            text(canvas, 400, bottom_line, due)

    table = only_table(extract(build_pdf(tmp_path / "zebra_striped_table.pdf", [page])))
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [
        ["Ref", "Action", "Due"], ["1.1", "Open the crisis café", "Q2"],
        ["1.2", "Recruit peer support workers in every locality", "Q3"], ["1.3", "Launch the charter", "Q4"]]


def test_overprinted_fake_bold_text_is_read_once(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        for offset in (0.0, 0.3):
            text(canvas, 50 + offset, 100, "Strategic priorities", size=12)
        text(canvas, 50, 130, "Body text.", size=10)

    assert texts(extract(build_pdf(tmp_path / "overprinted_text.pdf", [page]))) == [
        "Strategic priorities", "Body text."]


def test_shaded_first_row_in_regular_type_is_the_header(tmp_path: Path) -> None:
    def page(canvas: Canvas) -> None:
        band(canvas, 40, 270, 60, 78, grey=0.4)
        grid(canvas, 40, 60, (60, 170), [18, 18, 18], [
            GridCell(0, 0, ["Ref"]), GridCell(0, 1, ["Action"]), GridCell(1, 0, ["1.1"]),
            GridCell(1, 1, ["Open hubs"]), GridCell(2, 0, ["1.2"]), GridCell(2, 1, ["Recruit staff"])])

    table = only_table(extract(build_pdf(tmp_path / "shaded_header_row.pdf", [page])))
    assert table.header_rows() == [0] and [c.text for c in table.row_cells(0)] == ["Ref", "Action"]


@pytest.mark.parametrize("style", ["grid", "lines_below", "zebra"])
def test_table_laid_out_by_a_layout_engine_over_two_pages(tmp_path: Path, style: str) -> None:
    """reportlab's own table layout (platypus, header repeated), ruled three ways."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as PlatypusTable

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2)
    rows: list[list[object]] = [[Paragraph(h, bold) for h in ("Ref", "Action", "Lead", "Due")]]
    for i in range(1, 41):
        action: object = Paragraph(f"Action number {i} to improve services", body)
        if i % 3 == 0:
            action = [action, Paragraph("Reduce waits", bullet, bulletText="•"),
                      Paragraph("Improve flow", bullet, bulletText="•")]
        rows.append([Paragraph(f"{i}.1", body), action, Paragraph("COO", body), Paragraph("Q2 2023/24", body)])
    styles = {"grid": [("GRID", (0, 0), (-1, -1), 0.5, colors.black)],
              "lines_below": [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black)],
              "zebra": [("BACKGROUND", (0, 0), (-1, 0), colors.darkblue), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.whitesmoke, colors.lightblue])]}
    path = tmp_path / f"platypus_{style}_table.pdf"
    table = PlatypusTable(rows, colWidths=[40, 300, 80, 80], repeatRows=1, style=styles[style])
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Operational plan", bold), table])

    extracted = only_table(extract(path))
    assert extracted.pages == [1, 2] and extracted.header_rows() == [0] and extracted.n_cols == 4
    assert column_texts(extracted, 0) == [f"{i}.1" for i in range(1, 41)]
    assert [(ln.text, ln.marker) for ln in extracted.cell_at(3, 1).lines] == [
        ("Action number 3 to improve services", None), ("Reduce waits", "•"), ("Improve flow", "•")]


def test_alternating_running_heads_are_furniture_but_numbered_headings_are_not(tmp_path: Path) -> None:
    def page(number: int) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            if number > 1:  # left- and right-hand running heads, none on the cover
                text(canvas, 50 if number % 2 == 0 else 400, 30, "Annual plan" if number % 2 == 0 else "Kingsbridge",
                     size=8)
            text(canvas, 50, 60, f"Theme {number}", size=16, bold=True)
            text(canvas, 50, 200, f"Content of page {number}.", size=10)
        return draw

    document = extract(build_pdf(tmp_path / "alternating_heads.pdf", [page(n) for n in range(1, 6)]))
    assert texts(document) == [t for n in range(1, 6) for t in (f"Theme {n}", f"Content of page {n}.")]
    assert document.furniture == ["Annual plan", "Kingsbridge"]


def test_pdf_with_no_pages_raises_corrupt_file(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "no_pages.pdf"
    empty = pdfium.PdfDocument.new()
    empty.save(str(path))
    empty.close()
    with pytest.raises(CorruptFile) as caught:
        extract(path)
    assert str(path) in str(caught.value)


def test_continued_note_above_the_next_piece_does_not_stop_the_join(tmp_path: Path) -> None:
    def page(first: int, note: bool) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            if note:
                text(canvas, 40, 40, "Table 1 (continued)", size=9, bold=True)
            rows = [GridCell(0, 0, ["**Ref"]), GridCell(0, 1, ["**Action"])]
            for r in range(1, 4):
                rows += [GridCell(r, 0, [f"{first + r - 1}.1"]), GridCell(r, 1, [f"Action {first + r - 1}"])]
            grid(canvas, 40, 60, (60, 200), [18, 18, 18, 18], rows)
        return draw

    document = extract(build_pdf(tmp_path / "continued_note.pdf", [page(1, False), page(4, True)]))
    table = only_table(document)
    assert table.pages == [1, 2] and column_texts(table, 0) == [f"{i}.1" for i in range(1, 7)]
    assert texts(document) == ["Table 1 (continued)"]
