"""extractors/docx.py reads paragraphs, runs, rows and cells from their XML elements
(extractors/docx_xml.py), not through python-docx's proxies: the cases where the two could part,
on Word files built with python-docx plus raw XML where it has no API."""

from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from extractors.docx import extract_docx
from schemas.document import Table
from tests.builders import cell_paragraph, fill_row, first_paragraph, new_docx, save

SHA = "cd" * 32


def _table(word, path: Path) -> Table:
    document = extract_docx(save(word, path), SHA)
    assert len(document.tables) == 1
    return document.tables[0]


def _layout(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


def _cell_properties(tc, *children) -> None:
    tc_pr = tc.get_or_add_tcPr()
    for tag, value in children:
        element = OxmlElement(tag)
        if value is not None:
            element.set(qn("w:val"), value)
        tc_pr.append(element)


def test_spans_and_empty_cells_from_cell_properties(tmp_path: Path) -> None:
    """gridSpan and vMerge among other cell properties (width, shading), vMerge with and
    without its value; empty cells keep their place."""
    word = new_docx()
    t = word.add_table(rows=4, cols=3)
    fill_row(t, 0, ["Theme", None, "Lead"])
    fill_row(t, 1, ["Objective", "Action 1", "CEO"])
    fill_row(t, 2, [None, "Action 2", None])
    fill_row(t, 3, [None, None, "CFO"])
    row0, row1, row2, row3 = (row._tr.tc_lst for row in t.rows)
    _cell_properties(row0[0], ("w:gridSpan", "2"), ("w:shd", None))
    row0[0].getparent().remove(row0[1])
    _cell_properties(row1[0], ("w:vMerge", "restart"))
    _cell_properties(row2[0], ("w:vMerge", "continue"))
    _cell_properties(row3[0], ("w:vMerge", None))  # no value: continue

    table = _table(word, tmp_path / "spans.docx")

    assert _layout(table) == [
        (0, 0, 1, 2, "Theme"), (0, 2, 1, 1, "Lead"),
        (1, 0, 3, 1, "Objective"), (1, 1, 1, 1, "Action 1"), (1, 2, 1, 1, "CEO"),
        (2, 1, 1, 1, "Action 2"), (2, 2, 1, 1, ""),
        (3, 1, 1, 1, ""), (3, 2, 1, 1, "CFO"),
    ]
    assert table.cell_at(2, 2).lines == []


def test_nested_table_cells_read_once_per_grid_position(tmp_path: Path) -> None:
    """As python-docx's _Row.cells gives them: a merged inner cell once for each grid column
    and each row it covers."""
    word = new_docx()
    outer = word.add_table(rows=1, cols=2)
    first_paragraph(outer.cell(0, 0), "Outer")
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    fill_row(inner, 0, ["Wide", None])
    fill_row(inner, 1, ["Tall", "Last"])
    inner.cell(0, 0).merge(inner.cell(0, 1))

    table = _table(word, tmp_path / "nested.docx")

    assert [line.text for line in table.cell_at(0, 1).lines] == ["Wide", "Wide", "Tall", "Last"]


def test_run_content_and_hyperlinks_inside_cells(tmp_path: Path) -> None:
    """A hyperlink's runs are text; tabs collapse to spaces, a line break splits the line, a
    non-breaking hyphen is a hyphen; deleted text (w:del) is not read."""
    word = new_docx()
    t = word.add_table(rows=1, cols=2)
    paragraph = first_paragraph(t.cell(0, 0), "See ")
    paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99">'
                                  f'<w:r><w:t>the annual plan</w:t></w:r></w:hyperlink>'))
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a">'
                                  f'<w:r><w:delText>withdrawn</w:delText></w:r></w:del>'))
    run = first_paragraph(t.cell(0, 1), "Q1\tQ2").add_run("Long")
    run._r.append(OxmlElement("w:noBreakHyphen"))
    run.add_text("term")
    run.add_break()
    run.add_text("next line")

    table = _table(word, tmp_path / "runs.docx")

    assert [line.text for line in table.cell_at(0, 0).lines] == ["See the annual plan"]
    assert [line.text for line in table.cell_at(0, 1).lines] == ["Q1 Q2Long-term", "next line"]


def test_bold_from_runs_character_styles_and_paragraph_styles(tmp_path: Path) -> None:
    word = new_docx()
    strong = word.styles.add_style("Strong label", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    heavy = word.styles.add_style("Heavy", WD_STYLE_TYPE.PARAGRAPH)
    heavy.font.bold = True
    cell = word.add_table(rows=1, cols=1).cell(0, 0)
    cell_paragraph(cell, "By character style").runs[0].style = strong
    off = cell_paragraph(cell, "Bold switched off", style="Heavy")
    off.runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:b {nsdecls("w")} w:val="off"/>'))
    cell_paragraph(cell, "By paragraph style", style="Heavy")
    linked = cell_paragraph(cell, "Own run", bold=True)
    linked._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99">'
                               f'<w:r><w:t> and a plain link</w:t></w:r></w:hyperlink>'))
    ghost = cell_paragraph(cell, "Unknown character style")
    ghost.runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {nsdecls("w")} w:val="NoSuchStyle"/>'))

    table = _table(word, tmp_path / "bold.docx")

    assert [(line.text, line.bold) for line in table.cell_at(0, 0).lines] == [
        ("By character style", True),
        ("Bold switched off", False),
        ("By paragraph style", True),
        ("Own run and a plain link", True),  # a paragraph's own runs decide, not its links'
        ("Unknown character style", False),
    ]
