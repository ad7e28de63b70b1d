"""extractors/docx.py: Word files into the document model (fixtures built with python-docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extractors.docx import extract_docx
from schemas.document import BlockKind, Document, Table
from schemas.errors import CorruptFile
from tests.builders import (
    add_broken_paragraph,
    add_numbered_items,
    add_numbering,
    cell_paragraph,
    fill_row,
    first_paragraph,
    mark_header_row,
    new_docx,
    save,
    set_num_pr,
)

SHA = "ab" * 32


def _extract(word, path: Path) -> Document:
    return extract_docx(save(word, path), SHA)


def _only_table(document: Document) -> Table:
    assert len(document.tables) == 1
    return document.tables[0]


def _lines(cell) -> list[tuple[str, int | None, str | None]]:
    return [(line.text, line.list_depth, line.marker) for line in cell.lines]


# --------------------------------------------------------------------------- merged cells


@pytest.fixture
def merged_cells(tmp_path: Path) -> Table:
    """Row 0: one cell merged across all three columns (gridSpan=3). Column 0 of rows 1-3:
    one cell merged down three rows (vMerge). Rows 4-5, columns 1-2: a 2x2 block."""
    word = new_docx()
    t = word.add_table(rows=6, cols=3)
    first_paragraph(t.cell(0, 0), "Plan 2021/22")
    t.cell(0, 0).merge(t.cell(0, 2))
    first_paragraph(t.cell(1, 0), "Objective 1")
    t.cell(1, 0).merge(t.cell(3, 0))
    for r in range(1, 4):
        fill_row(t, r, [None, f"Action {r}", f"Lead {r}"])
    fill_row(t, 4, ["Objective 2", "Block text", None])
    t.cell(4, 1).merge(t.cell(5, 2))
    fill_row(t, 5, ["Objective 3"])
    return _only_table(_extract(word, tmp_path / "merged_cells.docx"))


def test_grid_span_is_one_cell_across_the_columns(merged_cells: Table) -> None:
    top = merged_cells.row_cells(0)
    assert len(top) == 1
    assert (top[0].col, top[0].col_span, top[0].row_span) == (0, 3, 1)
    assert top[0].text == "Plan 2021/22"
    assert merged_cells.n_cols == 3


def test_vertical_merge_is_one_cell_with_row_span(merged_cells: Table) -> None:
    objective = [c for c in merged_cells.cells if c.text == "Objective 1"]
    assert len(objective) == 1  # read once, not once per row
    cell = objective[0]
    assert (cell.row, cell.col, cell.row_span, cell.col_span) == (1, 0, 3, 1)
    assert merged_cells.cell_at(3, 0) is cell
    assert merged_cells.cell_at(4, 0) is not cell


def test_rows_under_a_vertical_merge_start_after_it(merged_cells: Table) -> None:
    for r in (2, 3):
        assert [(c.col, c.text) for c in merged_cells.row_cells(r)] == [(1, f"Action {r}"), (2, f"Lead {r}")]


def test_block_merge_spans_rows_and_columns(merged_cells: Table) -> None:
    block = merged_cells.cell_at(5, 2)
    assert block is not None
    assert (block.row, block.col, block.row_span, block.col_span) == (4, 1, 2, 2)
    assert block.text == "Block text"
    assert [c.text for c in merged_cells.row_cells(5)] == ["Objective 3"]


def test_no_grid_position_left_uncovered_or_covered_twice(merged_cells: Table) -> None:
    assert merged_cells.n_rows == 6
    covered = [(r, c) for cell in merged_cells.cells for r in range(cell.row, cell.last_row + 1)
               for c in range(cell.col, cell.last_col + 1)]
    assert sorted(covered) == [(r, c) for r in range(6) for c in range(3)]
    assert len(merged_cells.cells) == 1 + 1 + 3 * 2 + 1 + 1 + 1


# --------------------------------------------------------------------------- lists in cells


@pytest.fixture
def list_paragraphs_in_cells(tmp_path: Path) -> Table:
    word = new_docx()
    t = word.add_table(rows=1, cols=4)
    bullets = t.cell(0, 0)
    cell_paragraph(bullets, "We will:")
    cell_paragraph(bullets, "Open the new ward", style="List Bullet")
    cell_paragraph(bullets, "Recruit nurses", style="List Bullet")
    cell_paragraph(bullets, "from overseas", style="List Bullet 2")
    cell_paragraph(bullets, "Review in March")
    add_numbered_items(word, t.cell(0, 1), ["Agree the model", "Pilot it", "Roll it out"])
    add_numbered_items(word, t.cell(0, 2), ["Second list first", "Second list second"])
    direct = t.cell(0, 3)
    num_id = add_numbering(word, ("decimal", "bullet"))
    set_num_pr(cell_paragraph(direct, "Top one"), num_id, 0)
    set_num_pr(cell_paragraph(direct, "Sub point"), num_id, 1)
    set_num_pr(cell_paragraph(direct, "Top two"), num_id, 0)
    return _only_table(_extract(word, tmp_path / "list_paragraphs_in_cells.docx"))


def test_bullets_and_nested_bullets_keep_depth_and_marker(list_paragraphs_in_cells: Table) -> None:
    cell = list_paragraphs_in_cells.cell_at(0, 0)
    assert _lines(cell) == [
        ("We will:", None, None),
        ("Open the new ward", 0, "•"),
        ("Recruit nurses", 0, "•"),
        ("from overseas", 1, "•"),
        ("Review in March", None, None),
    ]
    assert [line.is_list_item for line in cell.lines] == [False, True, True, True, False]


def test_numbered_list_markers_count_up(list_paragraphs_in_cells: Table) -> None:
    assert _lines(list_paragraphs_in_cells.cell_at(0, 1)) == [
        ("Agree the model", 0, "1."), ("Pilot it", 0, "2."), ("Roll it out", 0, "3.")]


def test_numbered_list_restarted_in_next_cell_starts_at_one(list_paragraphs_in_cells: Table) -> None:
    assert _lines(list_paragraphs_in_cells.cell_at(0, 2)) == [
        ("Second list first", 0, "1."), ("Second list second", 0, "2.")]


def test_direct_numbering_levels_from_num_pr(list_paragraphs_in_cells: Table) -> None:
    assert _lines(list_paragraphs_in_cells.cell_at(0, 3)) == [
        ("Top one", 0, "1."), ("Sub point", 1, "•"), ("Top two", 0, "2.")]


def test_nested_numbering_restarts_under_each_parent(tmp_path: Path) -> None:
    word = new_docx()
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    num_id = add_numbering(word, ("decimal", "decimal"))
    for text, level in [("A", 0), ("A one", 1), ("A two", 1), ("B", 0), ("B one", 1)]:
        set_num_pr(cell_paragraph(cell, text), num_id, level)
    lines = _lines(_only_table(_extract(word, tmp_path / "nested_numbering.docx")).cell_at(0, 0))
    assert lines == [("A", 0, "1."), ("A one", 1, "1."), ("A two", 1, "2."),
                     ("B", 0, "2."), ("B one", 1, "1.")]


def test_numbering_removed_with_num_id_zero_is_not_a_list(tmp_path: Path) -> None:
    word = new_docx()
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    set_num_pr(cell_paragraph(cell, "Not a list any more", style="List Bullet"), "0")
    line = _only_table(_extract(word, tmp_path / "numbering_removed.docx")).cell_at(0, 0).lines[0]
    assert (line.text, line.list_depth, line.marker) == ("Not a list any more", None, None)


def test_body_list_paragraphs_are_list_item_blocks(tmp_path: Path) -> None:
    word = new_docx()
    word.add_paragraph("Our priorities:")
    word.add_paragraph("First priority", style="List Number")
    word.add_paragraph("A detail", style="List Bullet 2")
    blocks = _extract(word, tmp_path / "body_lists.docx").blocks
    assert [(b.kind, b.text, b.list_depth, b.marker) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Our priorities:", None, None),
        (BlockKind.LIST_ITEM, "First priority", 0, "1."),
        (BlockKind.LIST_ITEM, "A detail", 1, "•"),
    ]


# --------------------------------------------------------------------------- bold


def test_bold_lines_flagged_in_cells_and_body(tmp_path: Path) -> None:
    word = new_docx()
    label_style = word.styles.add_style("Audience label", WD_STYLE_TYPE.PARAGRAPH)
    label_style.font.bold = True
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    cell_paragraph(cell, "Corporate:", bold=True)
    cell_paragraph(cell, "Sickness absence below 4%")
    mixed = cell_paragraph(cell, "Staff", bold=True)
    mixed.add_run(" survey results")
    cell_paragraph(cell, "Patients:", style="Audience label")
    overridden = cell_paragraph(cell, "Plain in a bold style", style="Audience label", bold=False)
    assert overridden.runs[0].bold is False
    word.add_paragraph().add_run("Assuring committee:").bold = True
    word.add_paragraph("Not bold")

    document = _extract(word, tmp_path / "bold_lines.docx")
    lines = document.tables[0].cell_at(0, 0).lines
    assert [(line.text, line.bold) for line in lines] == [
        ("Corporate:", True),
        ("Sickness absence below 4%", False),
        ("Staff survey results", False),  # only partly bold
        ("Patients:", True),  # bold by paragraph style
        ("Plain in a bold style", False),  # run turns the style's bold off
    ]
    body = [(b.text, b.bold) for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert body == [("Assuring committee:", True), ("Not bold", False)]


# --------------------------------------------------------------------------- order, headings


@pytest.fixture
def headings_and_tables(tmp_path: Path) -> Document:
    word = new_docx()
    word.add_paragraph("Operational Plan 2023/24", style="Title")
    word.add_heading("1. Quality and safety", level=1)
    word.add_paragraph("Assuring committee: QSC")
    fill_row(word.add_table(rows=1, cols=2), 0, ["First table", "A"])
    word.add_paragraph("")  # empty paragraphs are not blocks
    word.add_heading("Between the tables", level=2)
    word.add_paragraph("Text between the tables")
    fill_row(word.add_table(rows=1, cols=2), 0, ["Second table", "B"])
    word.add_paragraph("After the tables")
    word.core_properties.title = "Property title"
    return _extract(word, tmp_path / "headings_and_tables.docx")


def test_blocks_in_document_order(headings_and_tables: Document) -> None:
    summary = [(b.kind, b.table.cells[0].text if b.table else b.text) for b in headings_and_tables.blocks]
    assert summary == [
        (BlockKind.HEADING, "Operational Plan 2023/24"),
        (BlockKind.HEADING, "1. Quality and safety"),
        (BlockKind.PARAGRAPH, "Assuring committee: QSC"),
        (BlockKind.TABLE, "First table"),
        (BlockKind.HEADING, "Between the tables"),
        (BlockKind.PARAGRAPH, "Text between the tables"),
        (BlockKind.TABLE, "Second table"),
        (BlockKind.PARAGRAPH, "After the tables"),
    ]


def test_heading_levels_title_zero_heading_n(headings_and_tables: Document) -> None:
    levels = [(b.text, b.level) for b in headings_and_tables.blocks if b.kind is BlockKind.HEADING]
    assert levels == [("Operational Plan 2023/24", 0), ("1. Quality and safety", 1),
                      ("Between the tables", 2)]


def test_document_fields(headings_and_tables: Document) -> None:
    assert headings_and_tables.format == "docx"
    assert headings_and_tables.sha256 == SHA
    assert headings_and_tables.source == "headings_and_tables.docx"
    assert headings_and_tables.title == "Property title"
    assert all(b.page is None and b.bbox is None for b in headings_and_tables.blocks)


def test_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    word = new_docx()
    word.add_paragraph("Before")
    inside = word.add_paragraph("Inside a content control")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    inside._p.addprevious(sdt)
    content.append(inside._p)
    word.add_paragraph("After")
    texts = [b.text for b in _extract(word, tmp_path / "content_control.docx").blocks]
    assert texts == ["Before", "Inside a content control", "After"]


# --------------------------------------------------------------------------- header rows


def test_tbl_header_rows_flagged(tmp_path: Path) -> None:
    word = new_docx()
    t = word.add_table(rows=4, cols=2)
    for r in range(4):
        fill_row(t, r, [f"r{r}c0", f"r{r}c1"])
    mark_header_row(t.rows[0])
    mark_header_row(t.rows[1], "1")
    mark_header_row(t.rows[3], "0")  # explicitly not a header row
    table = _only_table(_extract(word, tmp_path / "tbl_header_rows.docx"))
    assert table.header_rows() == [0, 1]
    assert [c.is_header for c in table.cells] == [True, True, True, True, False, False, False, False]


@pytest.mark.parametrize("value", ["0", "false", "off"])
def test_tbl_header_switched_off_is_not_a_header(tmp_path: Path, value: str) -> None:
    word = new_docx()
    t = word.add_table(rows=2, cols=1)
    fill_row(t, 0, ["Objective"])
    mark_header_row(t.rows[0], value)
    assert _only_table(_extract(word, tmp_path / "tbl_header_off.docx")).header_rows() == []


def test_no_header_rows_without_tbl_header(tmp_path: Path) -> None:
    word = new_docx()
    fill_row(word.add_table(rows=2, cols=2), 0, ["Objective", "Lead"])
    assert _only_table(_extract(word, tmp_path / "no_header_rows.docx")).header_rows() == []


# --------------------------------------------------------------------------- line breaks


def test_soft_line_breaks_split_into_lines(tmp_path: Path) -> None:
    word = new_docx()
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    add_broken_paragraph(cell, ["CFO", "CWIO"])
    add_broken_paragraph(word, ["First line", "Second line"])
    document = _extract(word, tmp_path / "soft_line_breaks.docx")
    lines = [line.text for line in document.tables[0].cell_at(0, 0).lines]
    assert lines == ["CFO", "CWIO"]
    assert [(b.kind, b.text) for b in document.blocks[1:]] == [
        (BlockKind.PARAGRAPH, "First line"), (BlockKind.PARAGRAPH, "Second line")]


def test_white_space_collapsed_and_blank_paragraphs_dropped(tmp_path: Path) -> None:
    word = new_docx()
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    cell_paragraph(cell, "  Reduce   waiting\ttimes  ")
    cell.add_paragraph("   ")
    cell_paragraph(cell, "Second")
    lines = _only_table(_extract(word, tmp_path / "white_space.docx")).cell_at(0, 0).lines
    assert [line.text for line in lines] == ["Reduce waiting times", "Second"]


# --------------------------------------------------------------------------- furniture


def test_running_header_and_footer_not_read(tmp_path: Path) -> None:
    word = new_docx()
    section = word.sections[0]
    section.header.paragraphs[0].text = "RUNNING HEADER TEXT"
    section.footer.paragraphs[0].text = "Page footer text"
    section.footer.add_table(rows=1, cols=1, width=section.page_width).cell(0, 0).text = "Footer table"
    word.add_paragraph("Body text")
    fill_row(word.add_table(rows=1, cols=1), 0, ["Body table"])
    document = _extract(word, tmp_path / "header_footer.docx")
    texts = [b.text for b in document.blocks] + [c.text for t in document.tables for c in t.cells]
    assert "Body text" in texts and "Body table" in texts
    joined = " ".join(texts)
    for furniture in ("RUNNING HEADER", "Page footer", "Footer table"):
        assert furniture not in joined


# --------------------------------------------------------------------------- nested tables


def test_nested_table_text_read_into_outer_cell(tmp_path: Path) -> None:
    word = new_docx()
    outer = word.add_table(rows=1, cols=2)
    first_paragraph(outer.cell(0, 0), "Outer")
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    fill_row(inner, 0, ["Inner left", "Inner right"])
    table = _only_table(_extract(word, tmp_path / "nested_table.docx"))
    assert [line.text for line in table.cell_at(0, 1).lines] == ["Inner left", "Inner right"]
    assert len(table.cells) == 2


def test_grid_before_shifts_the_row(tmp_path: Path) -> None:
    word = new_docx()
    t = word.add_table(rows=2, cols=3)
    fill_row(t, 0, ["A", "B", "C"])
    fill_row(t, 1, ["x", "Shifted", "Last"])
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    table = _only_table(_extract(word, tmp_path / "grid_before.docx"))
    assert [(c.col, c.text) for c in table.row_cells(1)] == [(1, "Shifted"), (2, "Last")]


# --------------------------------------------------------------------------- damaged files


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    good = save(new_docx(), tmp_path / "good.docx")
    broken = tmp_path / "truncated.docx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(CorruptFile) as err:
        extract_docx(broken, SHA)
    assert err.value.source == str(broken)
    assert err.value.exit_code == 5


def test_malformed_document_xml_is_corrupt(tmp_path: Path) -> None:
    good = save(new_docx(), tmp_path / "good.docx")
    broken = tmp_path / "bad_xml.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(CorruptFile):
        extract_docx(broken, SHA)
