"""Measures parts and theme headings, read from real HTML and Word files through the interpreter
(pipeline/interpret/interpreter.py): a "How we will know we have succeeded" label lists an
objective's indicators; a measures part in sections headed by objective titles gives each
measure the objective its section names; unnumbered themes get refs; a heading higher than the
measures label ends the part; a heading over a lone plan table among context siblings is no
theme."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument

from extractors.registry import read_document
from pipeline.interpret.interpreter import interpret
from schemas.plan import Plan
from tests.builders import add_grid_table, fill_row, first_paragraph, mark_header_row, new_docx, save

ACTION_HEADER = ["Action", "Lead", "Due date"]
STAFFING = "Recruit and retain the staff we need"
WAITS = "Reduce waiting times for planned care"


def read_html(tmp_path: Path, main: str) -> Plan:
    path = tmp_path / "plan.html"
    path.write_text(f"<!DOCTYPE html><html lang='en-GB'><head><title>Annual plan</title></head>"
                    f"<body><main>{main}</main></body></html>", encoding="utf-8")
    return interpret(read_document(path))


def read_docx(tmp_path: Path, word: DocxDocument) -> Plan:
    return interpret(read_document(save(word, tmp_path / "plan.docx")))


def banner_table(word: DocxDocument, rows: Sequence[Sequence[str]]) -> None:
    """An action table under a header row; a row of one text is a bold banner across the table."""
    table = word.add_table(rows=len(rows) + 1, cols=len(ACTION_HEADER))
    fill_row(table, 0, ACTION_HEADER)
    mark_header_row(table.rows[0])
    for r, texts in enumerate(rows, start=1):
        if len(texts) == 1:
            first_paragraph(table.cell(r, 0).merge(table.cell(r, len(ACTION_HEADER) - 1)), texts[0], bold=True)
        else:
            fill_row(table, r, texts)


def bold_line(word: DocxDocument, text: str) -> None:
    word.add_paragraph().add_run(text).bold = True


def bullets(word: DocxDocument, items: Sequence[str]) -> None:
    for item in items:
        word.add_paragraph(item, style="List Bullet")


def objectives_of(plan: Plan) -> dict[str, str]:
    return {o.title: o.ref for o in plan.objectives}


# =========================================================================== prose: "How we will know"


def test_how_we_will_know_label_lists_the_objective_s_indicators(tmp_path: Path) -> None:
    plan = read_html(tmp_path, f"""<h1>Our annual plan 2024/25</h1>
<p>This plan sets out what we will do this year to improve care for our patients.</p>
<h4>{STAFFING}</h4><p>We will:</p>
<ul><li>Launch a flexible working offer for every ward</li><li>Open a staff wellbeing hub</li></ul>
<p><strong>How we will know we have succeeded</strong></p><p><strong>Staff:</strong></p>
<ul><li>Staff turnover falls below 10%</li><li>Vacancy rate below 8% by March 2025</li></ul>
<h4>{WAITS} at every one of our hospitals</h4><p>We will:</p>
<ul><li>Add weekend theatre lists for orthopaedics</li></ul>""")
    staffing = objectives_of(plan)[STAFFING]
    assert [(i.objective_ref, i.audience, i.text) for i in plan.indicators] == [
        (staffing, "Staff", "Staff turnover falls below 10%"),
        (staffing, "Staff", "Vacancy rate below 8% by March 2025")]
    assert [(c.objective_ref, c.text) for c in plan.commitments] == [
        (staffing, "Launch a flexible working offer for every ward"), (staffing, "Open a staff wellbeing hub"),
        (objectives_of(plan)[f"{WAITS} at every one of our hospitals"], "Add weekend theatre lists for orthopaedics")]


# =========================================================================== table plan: measures by objective


def test_measures_sections_named_by_objective_titles_go_to_those_objectives(tmp_path: Path) -> None:
    word = new_docx()
    word.add_heading("Operational plan 2024/25", 0)
    word.add_heading("Our priorities", 1)
    banner_table(word, [[STAFFING], ["Launch a flexible working offer for every ward", "Chief People Officer", "Q2"],
                        [WAITS], ["Add weekend theatre lists for orthopaedics", "Medical Director", "Q4"]])
    word.add_heading("Measures of success", 1)
    for title, group, measures in ((STAFFING, "Staff:", ["Staff turnover below 10%", "Vacancy rate below 8%"]),
                                   (WAITS, "Patients:", ["No patient waits over 65 weeks"])):
        bold_line(word, title)
        word.add_paragraph(group)
        bullets(word, measures)
    plan = read_docx(tmp_path, word)
    refs = objectives_of(plan)
    assert set(refs) == {STAFFING, WAITS} and refs[STAFFING] != refs[WAITS]
    assert [(i.objective_ref, i.audience, i.text) for i in plan.indicators] == [
        (refs[STAFFING], "Staff", "Staff turnover below 10%"), (refs[STAFFING], "Staff", "Vacancy rate below 8%"),
        (refs[WAITS], "Patient", "No patient waits over 65 weeks")]
    assert len(plan.commitments) == 2


# =========================================================================== themes


def themed_plan(word: DocxDocument, measures_label: str | None = None, group_level: int | None = None) -> None:
    """Unnumbered theme headings over objective headings over action tables; with a measures
    label, "Safe care" ends in a measures list (under a "Patients" heading of `group_level`, if
    given) just before the "Use of resources" heading."""
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading("Safe care", 1)
    word.add_heading("Reduce avoidable harm", 2)
    add_grid_table(word, [ACTION_HEADER, ["Roll out the sepsis bundle on every ward", "Chief Nurse", "Q2"]])
    word.add_heading("Improve patient experience", 2)
    add_grid_table(word, [ACTION_HEADER, ["Launch a new complaints process", "Chief Nurse", "Q3"]])
    if measures_label == "paragraph":
        bold_line(word, "Key measures")
    elif measures_label == "heading":
        word.add_heading("Key measures", 3)
    if group_level is not None:
        word.add_heading("Patients", group_level)
    if measures_label:
        bullets(word, ["Falls with harm down by 15%"])
    word.add_heading("Use of resources", 1)
    word.add_heading("Cut agency spend", 2)
    add_grid_table(word, [ACTION_HEADER, ["Introduce e-rostering for every nursing team", "Chief People Officer",
                                          "Q4"]])


def test_unnumbered_themes_get_refs_their_objectives_point_at(tmp_path: Path) -> None:
    word = new_docx()
    themed_plan(word)
    plan = read_docx(tmp_path, word)
    themes = {t.title: t.ref for t in plan.themes}
    assert list(themes) == ["Safe care", "Use of resources"]
    assert all(themes.values()) and len(set(themes.values())) == 2
    assert [(o.title, o.theme_ref) for o in plan.objectives] == [
        ("Reduce avoidable harm", themes["Safe care"]), ("Improve patient experience", themes["Safe care"]),
        ("Cut agency spend", themes["Use of resources"])]


@pytest.mark.parametrize("label", ["paragraph", "heading"])  # a bold line, or a level 3 heading
def test_heading_higher_than_the_measures_label_is_the_next_theme(tmp_path: Path, label: str) -> None:
    word = new_docx()
    themed_plan(word, label)
    plan = read_docx(tmp_path, word)
    themes = {t.title: t.ref for t in plan.themes}
    assert list(themes) == ["Safe care", "Use of resources"]
    theme_of = {o.title: o.theme_ref for o in plan.objectives}
    assert theme_of["Cut agency spend"] == themes["Use of resources"]
    assert [(i.audience, i.text) for i in plan.indicators] == [(None, "Falls with harm down by 15%")]
    assert plan.commitments[-1].objective_ref == objectives_of(plan)["Cut agency spend"]


@pytest.mark.parametrize(("label", "level", "audience"), [
    ("heading", 4, "Patient"), ("heading", 3, "Patient"), ("heading", 2, None),
    ("paragraph", 3, "Patient"), ("paragraph", 2, None),  # a bold label line: below the objective heading
])
def test_group_heading_no_higher_than_the_measures_label_is_its_audience(tmp_path: Path, label: str, level: int,
                                                                        audience: str | None) -> None:
    """A "Patients" heading after a measures label groups the measures when it sits no higher
    than the label (a heading's level; for a bold line, below the objective heading of level 2);
    higher, it is a heading of its own."""
    word = new_docx()
    themed_plan(word, label, group_level=level)
    plan = read_docx(tmp_path, word)
    measures = [(i.audience, i.text) for i in plan.indicators]
    assert measures == ([(audience, "Falls with harm down by 15%")] if audience else [])
    assert [t.title for t in plan.themes] == ["Safe care", "Use of resources"]
    if label == "paragraph":
        assert [o.title for o in plan.objectives] == ["Reduce avoidable harm", "Improve patient experience",
                                                      "Cut agency spend"]


def test_heading_over_a_lone_table_among_context_siblings_is_no_theme(tmp_path: Path) -> None:
    word = new_docx()
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading("Introduction", 1)
    word.add_paragraph("This plan sets out what we will deliver this year.")
    word.add_heading("Delivery plan", 1)
    banner_table(word, [["Reduce avoidable harm"], ["Roll out the sepsis bundle on every ward", "Chief Nurse", "Q2"],
                        ["Improve patient experience"], ["Launch a new complaints process", "Chief Nurse", "Q3"]])
    word.add_heading("Monitoring and reporting", 1)
    word.add_paragraph("Progress is reported to the Board every quarter.")
    word.add_heading("Key to abbreviations", 1)
    add_grid_table(word, [["Abbreviation", "Meaning"], ["QSC", "Quality and Safety Committee"]])
    plan = read_docx(tmp_path, word)
    assert "Delivery plan" not in [t.title for t in plan.themes]
    assert [(o.title, o.theme_ref) for o in plan.objectives] == [
        ("Reduce avoidable harm", None), ("Improve patient experience", None)]
    assert [c.objective_ref for c in plan.commitments] == [o.ref for o in plan.objectives]
