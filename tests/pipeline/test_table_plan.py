"""pipeline/table_plan.py: plan tables into themes, objectives, commitments and indicators.

Documents are hand-made from schemas.document dataclasses, in three layouts: a UHB-like single
table (theme rows across the table, objective cells spanning rows, a Reference column, a key
indicators cell with audience labels), Kingsbridge-like numbered headings with one table each
(No. is the objective, numbered Key actions one commitment each), and WAH-like coded priority
rows with sub-rows. Normalised details (titles, portfolios, date bounds, targets) are the
normalisers' tests; here only structure, links and raw strings.
"""

from __future__ import annotations

import pytest

from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.table_plan import interpret_tables
from schemas.document import Cell, Document, Line, Table
from tests.builders import cell, document, header_cells, heading, item, ln, para, plain_row, table


def _run(doc: Document, skip: set[int] | None = None, year_start: int | None = None) -> PlanParts:
    return interpret_tables(doc, Context(source=doc.source, year_start=year_start), skip or set())


def _raws(items) -> list[str]:
    return [i.raw for i in items]


# =========================================================================== UHB-like

UHB_HEADER = [cell(0, 0, "Strategic objective", cols=2, header=True)] + [
    cell(0, col, text, header=True) for col, text in
    enumerate(["Deliverables", "Delivery date", "Owner", "Main assurance group", "Reference",
               "Key indicators"], start=2)]


def _theme_row(row: int, text: str) -> Cell:
    return cell(row, 0, ln(text, bold=True), cols=8)


def _deliverable_row(row: int, deliverable: list[str | Line], due: str, owners: list[str], group: str,
                     ref: str) -> list[Cell]:
    return [cell(row, 2, *deliverable), cell(row, 3, due), cell(row, 4, *owners), cell(row, 5, group),
            cell(row, 6, ref)]


def uhb_like_table() -> Document:
    cells = UHB_HEADER + [
        _theme_row(1, "Strategic theme 1: Clinical Service Plan"),
        _theme_row(2, "Strategic theme 2: Standardise High Quality Care"),
        # objective 1: number and title cells and the indicator cell span rows 3-5
        cell(3, 0, ln("1", bold=True), rows=3),
        cell(3, 1, ln("Align corporate and clinical services", bold=True), rows=3),
        *_deliverable_row(3, ["Continue to embed a divisional structure:", item("Review delegation"),
                              item("Publish the scheme")], "Q1-4", ["ALL"], "CEAG", "1.1"),
        cell(3, 7, ln("Corporate:", bold=True), item("Harmonised corporate processes"),
             item("Single access policy"), ln("Staff", bold=True), item("Staff engagement levels"),
             ln("Patients:", bold=True), item("Friends and family test"), rows=3),
        *_deliverable_row(4, ["Move towards a single ERP system"], "Q1-4", ["CFO", "CWIO"], "DHG", "1.2"),
        *_deliverable_row(5, ["Complete migration of the domain"], "Q1", ["CDO"], "DHG", "1.3"),
        # objective 2, still after the stacked themes
        cell(6, 0, ln("2", bold=True), rows=2),
        cell(6, 1, ln("Eliminate unwarranted variation", bold=True), rows=2),
        *_deliverable_row(6, ["Redesign the emergency pathway"], "Q1-4", ["COO"], "COOG", "2.1"),
        cell(6, 7, ln("Corporate:", bold=True), item("Trajectories for performance standards"), rows=2),
        *_deliverable_row(7, ["Develop a cross-city approach"], "Q2", ["COO"], "COOG", "2.2"),
        # a single theme row: objective 3 belongs to it
        _theme_row(8, "Strategic theme 3: Non-clinical Support Services"),
        cell(9, 0, ln("3", bold=True)),
        cell(9, 1, ln("Provide the highest quality of care", bold=True)),
        *_deliverable_row(9, ["Approve the quality strategy"], "Q1-4", ["ECN"], "CQG", "3.1"),
        cell(9, 7, ln("Patients: Fewer pressure ulcers", bold=True)),
    ]
    return document(heading("UHB 2021/22 Strategy Implementation Plan", 0), table(cells))


@pytest.fixture(scope="module")
def uhb() -> PlanParts:
    return _run(uhb_like_table(), year_start=2021)


def test_uhb_theme_rows(uhb: PlanParts) -> None:
    assert [(t.ref, t.title) for t in uhb.themes] == [
        ("1", "Clinical Service Plan"), ("2", "Standardise High Quality Care"),
        ("3", "Non-clinical Support Services")]


def test_uhb_stacked_themes_leave_objectives_unlinked(uhb: PlanParts) -> None:
    assert [(o.ref, o.theme_ref) for o in uhb.objectives] == [("1", None), ("2", None), ("3", "3")]


def test_uhb_objective_cells_spanning_rows_open_one_objective(uhb: PlanParts) -> None:
    assert [o.title for o in uhb.objectives] == [
        "Align corporate and clinical services", "Eliminate unwarranted variation",
        "Provide the highest quality of care"]


def test_uhb_commitment_refs_from_reference_column(uhb: PlanParts) -> None:
    assert [(c.ref, c.objective_ref) for c in uhb.commitments] == [
        ("1.1", "1"), ("1.2", "1"), ("1.3", "1"), ("2.1", "2"), ("2.2", "2"), ("3.1", "3")]


def test_uhb_commitment_text_is_whole_cell(uhb: PlanParts) -> None:
    assert uhb.commitments[0].text == ("Continue to embed a divisional structure: Review delegation "
                                       "Publish the scheme")


def test_uhb_commitment_columns(uhb: PlanParts) -> None:
    second = uhb.commitments[1]
    assert _raws(second.owners) == ["CFO", "CWIO"]
    assert _raws(second.assurance) == ["DHG"]
    assert second.due is not None and second.due.raw == "Q1-4"
    assert uhb.commitments[2].due.raw == "Q1"
    assert (second.provenance.table, second.provenance.row, second.provenance.col) == (0, 4, 2)


def test_uhb_indicators_per_line_with_audiences(uhb: PlanParts) -> None:
    assert [(i.objective_ref, i.audience, i.text) for i in uhb.indicators] == [
        ("1", "Corporate", "Harmonised corporate processes"),
        ("1", "Corporate", "Single access policy"),
        ("1", "Staff", "Staff engagement levels"),
        ("1", "Patient", "Friends and family test"),
        ("2", "Corporate", "Trajectories for performance standards"),
        ("3", "Patient", "Fewer pressure ulcers"),
    ]
    assert all(i.commitment_ref is None for i in uhb.indicators)


def test_uhb_indicator_cell_spanning_rows_read_once(uhb: PlanParts) -> None:
    texts = [i.text for i in uhb.indicators]
    assert len(texts) == len(set(texts))


# =========================================================================== Kingsbridge-like

KB_HEADER = ["No.", "Objective", "Key actions", "Executive Lead", "Timescale", "KPI / Target"]


def _numbered(*texts: str) -> list[Line]:
    return [ln(text, depth=0, marker=f"{n}.") for n, text in enumerate(texts, start=1)]


def kingsbridge_like() -> Document:
    theme1 = table(header_cells(KB_HEADER) + [
        cell(1, 0, "1.1"), cell(1, 1, "Reduce avoidable harm"),
        cell(1, 2, *_numbered("Roll out the sepsis bundle", "Train ward staff", "Audit compliance monthly")),
        cell(1, 3, "Chief Nurse"), cell(1, 4, "Q2 2023/24"),
        cell(1, 5, "Sepsis screening \u2265 92%", "Zero never events"),
        *plain_row(2, ["1.2", "Improve patient flow", "Open a discharge lounge", "Chief Operating Officer",
                       "Mar-24", "\u2013"]),
    ])
    theme2 = table(header_cells(KB_HEADER) + plain_row(
        1, ["2.1", "Grow our workforce", "Recruit 50 nurses", "Chief People Officer", "Ongoing",
            "Vacancy rate below 8%"]))
    glossary = table(header_cells(["Abbreviation", "Meaning"])
                     + plain_row(1, ["QSC", "Quality and Safety Committee"]))
    return document(
        para("Kingsbridge and District Hospitals NHS Foundation Trust"),
        heading("Operational Plan 2023/24", 0),
        heading("Introduction"),
        para("This plan sets out what we will do between 1 April 2023 and 31 March 2024."),
        heading("1. Quality and safety"),
        para("Assuring committee: QSC"),
        theme1,
        heading("2. Our people"),
        para("Assuring committee: PCC"),
        theme2,
        heading("6. Monitoring and reporting"),
        para("Progress is reported to the Board every quarter."),
        heading("Appendix A: Abbreviations"),
        glossary,
    )


@pytest.fixture(scope="module")
def kingsbridge() -> PlanParts:
    doc = kingsbridge_like()
    return _run(doc, skip={len(doc.blocks) - 1}, year_start=2023)


def test_kingsbridge_numbered_headings_with_tables_are_themes(kingsbridge: PlanParts) -> None:
    assert [(t.ref, t.title) for t in kingsbridge.themes] == [("1", "Quality and safety"),
                                                              ("2", "Our people")]


def test_kingsbridge_no_column_is_objective_ref(kingsbridge: PlanParts) -> None:
    assert [(o.ref, o.theme_ref, o.title) for o in kingsbridge.objectives] == [
        ("1.1", "1", "Reduce avoidable harm"), ("1.2", "1", "Improve patient flow"),
        ("2.1", "2", "Grow our workforce")]
    assert [_raws(o.owners) for o in kingsbridge.objectives] == [
        ["Chief Nurse"], ["Chief Operating Officer"], ["Chief People Officer"]]


def test_kingsbridge_numbered_items_one_commitment_each(kingsbridge: PlanParts) -> None:
    assert [(c.ref, c.objective_ref, c.text) for c in kingsbridge.commitments] == [
        (None, "1.1", "Roll out the sepsis bundle"),
        (None, "1.1", "Train ward staff"),
        (None, "1.1", "Audit compliance monthly"),
        (None, "1.2", "Open a discharge lounge"),
        (None, "2.1", "Recruit 50 nurses"),
    ]


def test_kingsbridge_row_lead_and_timescale_on_every_commitment(kingsbridge: PlanParts) -> None:
    first_three = kingsbridge.commitments[:3]
    assert [_raws(c.owners) for c in first_three] == [["Chief Nurse"]] * 3
    assert [c.due.raw for c in first_three] == ["Q2 2023/24"] * 3
    assert kingsbridge.commitments[3].due.raw == "Mar-24"


def test_kingsbridge_assuring_committee_line_applies_to_its_theme(kingsbridge: PlanParts) -> None:
    assert [_raws(c.assurance) for c in kingsbridge.commitments] == [["QSC"]] * 4 + [["PCC"]]


def test_kingsbridge_kpi_lines_are_indicators_dash_is_none(kingsbridge: PlanParts) -> None:
    assert [(i.objective_ref, i.text, i.audience) for i in kingsbridge.indicators] == [
        ("1.1", "Sepsis screening \u2265 92%", None), ("1.1", "Zero never events", None),
        ("2.1", "Vacancy rate below 8%", None)]


def test_kingsbridge_provenance_counts_skipped_tables() -> None:
    doc = kingsbridge_like()
    glossary_first = document(*doc.blocks[-2:], *doc.blocks[:-2])
    parts = _run(glossary_first, skip={1})
    assert [c.provenance.table for c in parts.commitments] == [1, 1, 1, 1, 2]
    assert len(parts.themes) == 2


def test_no_and_objective_merged_over_two_action_rows() -> None:
    """No. and Objective cells merged down the objective's action rows still name the
    objective; the actions have no ref of their own."""
    doc = document(heading("1. Quality and safety"), table(header_cells(KB_HEADER) + [
        cell(1, 0, "1.1", rows=2), cell(1, 1, "Reduce avoidable harm", rows=2),
        cell(1, 2, "Audit falls"), cell(1, 3, "Chief Nurse", rows=2), cell(1, 4, "Q2", rows=2),
        cell(1, 5, "Falls reduced", rows=2),
        cell(2, 2, "Train ward staff"),
        *plain_row(3, ["1.2", "Improve patient flow", "Open a discharge lounge", "COO", "Q3", "LOS down"]),
    ]))
    parts = _run(doc)
    assert [o.ref for o in parts.objectives] == ["1.1", "1.2"]
    assert [(c.ref, c.objective_ref, c.text) for c in parts.commitments] == [
        (None, "1.1", "Audit falls"), (None, "1.1", "Train ward staff"),
        (None, "1.2", "Open a discharge lounge")]
    assert [(i.objective_ref, i.text) for i in parts.indicators] == [
        ("1.1", "Falls reduced"), ("1.2", "LOS down")]


def test_sub_items_join_the_numbered_item_above() -> None:
    actions = cell(1, 2, ln("Roll out the sepsis bundle", depth=0, marker="1."),
                   ln("in the emergency department", depth=1), ln("then on the wards", depth=1),
                   ln("Train ward staff", depth=0, marker="2."))
    doc = document(heading("1. Quality and safety"), table(
        header_cells(KB_HEADER) + [cell(1, 0, "1.1"), cell(1, 1, "Reduce harm"), actions, cell(1, 3, "CN")]))
    assert [c.text for c in _run(doc).commitments] == [
        "Roll out the sepsis bundle in the emergency department then on the wards", "Train ward staff"]


def test_numbered_heading_with_prose_only_is_not_a_theme() -> None:
    doc = document(heading("1. Introduction"), para("Why we plan."), heading("2. Our vision"),
                   para("Excellent care."), heading("3. Quality and safety"), table(
                       header_cells(KB_HEADER) + plain_row(1, ["3.1", "Reduce harm", "Audit falls", "CN",
                                                               "Q1", "Falls down"])))
    parts = _run(doc)
    assert [(t.ref, t.title) for t in parts.themes] == [("3", "Quality and safety")]
    assert [o.theme_ref for o in parts.objectives] == ["3"]


def test_skipped_glossary_table_read_as_nothing() -> None:
    doc = document(table(header_cells(["Objective", "Actions", "Lead"])
                         + plain_row(1, ["Safe care", "Audit falls", "CN"])))
    assert _run(doc, skip={0}).is_empty()
    assert not _run(doc).is_empty()


# =========================================================================== WAH-like

WAH_HEADER = ["Exec Lead", "Improvement Priorities", "Exec Lead / Delivery Lead", "Measure of success"]


def _sub_row(row: int, heading_text: str, bullets: list[str], leads: list[str],
             measures: list[Line]) -> list[Cell]:
    return [cell(row, 1, ln(heading_text, bold=True), *[item(b) for b in bullets]),
            cell(row, 2, *leads), cell(row, 3, *measures)]


def wah_like() -> Document:
    first = table(header_cells(WAH_HEADER) + [
        cell(1, 0, "CEO"), cell(1, 1, "BS1 Work with partners to deliver seamless care", cols=3),
        *_sub_row(2, "Collaborate to ensure service sustainability",
                  ["Identify provider collaborations", "Implement the pathology pathway"],
                  ["DSP/CMO"], [item("Two shared roles across place"),
                                ln("By March 23:", bold=True), item("Memoranda of understanding agreed")]),
        *_sub_row(3, "Be a lead provider at place", ["Deliver place pathways"], ["CMO/COO"],
                  [item("One integrated pathway per division")]),
        # the header row repeated where the table continues on the next page
        *header_cells(WAH_HEADER, row=4),
        cell(5, 1, "BS2: develop our role as an anchor institution", cols=3),
        *_sub_row(6, "Promote skills and employment", ["Implement the apprenticeship plan"], ["DP&C"],
                  [item("Ten kickstart apprentices in place")]),
    ])
    second = table(header_cells(WAH_HEADER) + [
        cell(1, 0, "COO"), cell(1, 1, "BEC1: elective recovery and reset", cols=3),
        *_sub_row(2, "Optimise delivery of care", ["Monitor the activity plan"], ["COO/DOPs"],
                  [item("Planned activity levels achieved")]),
    ])
    return document(
        heading("Our strategic objectives, one year goals & improvement priorities in 2022/23", 0),
        para("STRATEGIC OBJECTIVE ONE: BEST SERVICES FOR LOCAL PEOPLE", bold=True),
        para("Outcome: communities will be healthier"),
        first,
        para("STRATEGIC OBJECTIVE TWO: BEST EXPERIENCE OF CARE", bold=True),
        para("OUTCOME: patients receive safe care"),
        second,
        para("NB. Whilst each goal is listed under one objective, many support several."),
    )


@pytest.fixture(scope="module")
def wah() -> PlanParts:
    return _run(wah_like(), year_start=2022)


def test_wah_banners_and_outcomes_are_themes(wah: PlanParts) -> None:
    assert [(t.ref, t.title, t.outcome) for t in wah.themes] == [
        ("1", "BEST SERVICES FOR LOCAL PEOPLE", "communities will be healthier"),
        ("2", "BEST EXPERIENCE OF CARE", "patients receive safe care")]


def test_wah_coded_priority_rows_are_objectives(wah: PlanParts) -> None:
    assert [(o.ref, o.theme_ref, o.title) for o in wah.objectives] == [
        ("BS1", "1", "Work with partners to deliver seamless care"),
        ("BS2", "1", "develop our role as an anchor institution"),
        ("BEC1", "2", "elective recovery and reset")]


def test_wah_exec_lead_column_names_objective_owner(wah: PlanParts) -> None:
    assert [_raws(o.owners) for o in wah.objectives] == [["CEO"], [], ["COO"]]


def test_wah_sub_rows_are_commitments_of_the_priority(wah: PlanParts) -> None:
    assert [(c.ref, c.objective_ref, c.text) for c in wah.commitments] == [
        (None, "BS1", "Collaborate to ensure service sustainability Identify provider collaborations "
                      "Implement the pathology pathway"),
        (None, "BS1", "Be a lead provider at place Deliver place pathways"),
        (None, "BS2", "Promote skills and employment Implement the apprenticeship plan"),
        (None, "BEC1", "Optimise delivery of care Monitor the activity plan"),
    ]


def test_wah_delivery_lead_column_gives_commitment_owners(wah: PlanParts) -> None:
    raws = [_raws(c.owners) for c in wah.commitments]
    assert all(raws)
    assert "CEO" not in {raw for owners in raws for raw in owners}


def test_wah_repeated_header_row_is_not_a_commitment(wah: PlanParts) -> None:
    texts = [c.text for c in wah.commitments] + [i.text for i in wah.indicators]
    assert not any("Improvement Priorities" in t or "Measure of success" in t for t in texts)
    assert len(wah.commitments) == 4


def test_wah_measures_are_indicators_lead_in_is_not(wah: PlanParts) -> None:
    assert [(i.objective_ref, i.text) for i in wah.indicators] == [
        ("BS1", "Two shared roles across place"),
        ("BS1", "Memoranda of understanding agreed"),
        ("BS1", "One integrated pathway per division"),
        ("BS2", "Ten kickstart apprentices in place"),
        ("BEC1", "Planned activity levels achieved"),
    ]


def test_wah_lead_in_date_applies_to_the_measures_under_it(wah: PlanParts) -> None:
    before, after = wah.indicators[0], wah.indicators[1]
    assert before.due is None
    assert after.due is not None and "March 23" in after.due.raw


# =========================================================================== other wordings


def action_lead_by_when_table() -> Document:
    return document(
        para("Strategic theme 1: Urgent and emergency care"),
        table(header_cells(["Action", "Lead", "By when", "Success measure"])
              + plain_row(1, ["Open a same day emergency care unit", "Chief Operating Officer", "Q2",
                              "Fewer admissions"])
              + plain_row(2, ["Extend the discharge lounge hours", "Director of Nursing", "Q3",
                              "Earlier discharges"])),
    )


def test_action_lead_by_when_success_measure_table() -> None:
    parts = _run(action_lead_by_when_table(), year_start=2023)
    assert [t.ref for t in parts.themes] == ["1"]
    assert [(c.text, _raws(c.owners), c.due.raw) for c in parts.commitments] == [
        ("Open a same day emergency care unit", ["Chief Operating Officer"], "Q2"),
        ("Extend the discharge lounge hours", ["Director of Nursing"], "Q3"),
    ]
    assert [i.text for i in parts.indicators] == ["Fewer admissions", "Earlier discharges"]
    assert parts.objectives == []  # the banner names a theme, not an objective
    assert [c.objective_ref for c in parts.commitments] == [None, None]


def _action_table(action: str) -> Table:
    return table(header_cells(["Action", "Lead", "By when", "Success measure"])
                 + plain_row(1, [action, "Chief Operating Officer", "Q2", "Fewer admissions"]))


def test_heading_over_an_action_table_names_its_objective() -> None:
    doc = document(heading("Urgent care improvement plan", 0), heading("Introduction"), para("Why we act."),
                   heading("Improving urgent care", 2), _action_table("Open a same day emergency care unit"),
                   heading("2. Better discharge", 2), _action_table("Extend the discharge lounge hours"))
    parts = _run(doc)
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("1", "Improving urgent care"), ("2", "Better discharge")]
    assert parts.themes == []
    assert [(c.objective_ref, c.text) for c in parts.commitments] == [
        ("1", "Open a same day emergency care unit"), ("2", "Extend the discharge lounge hours")]
    assert [i.objective_ref for i in parts.indicators] == ["1", "2"]


def test_continuation_table_without_header_uses_previous_columns() -> None:
    header = header_cells(["Ref", "Objective", "Actions", "Lead"])
    doc = document(
        table(header + plain_row(1, ["1", "Safe care", "Audit falls", "CN"])),
        table(plain_row(0, ["2", "Timely care", "Cut waits", "COO"])),  # the next page: no header
        table(plain_row(0, ["Name", "Telephone"])),  # other width: not a plan table
    )
    parts = _run(doc)
    assert [c.text for c in parts.commitments] == ["Audit falls", "Cut waits"]
    assert [c.provenance.table for c in parts.commitments] == [0, 1]


def test_table_without_plan_header_is_ignored() -> None:
    doc = document(heading("Our board"),
                   table(header_cells(["Name", "Role"]) + plain_row(1, ["A Person", "Chair"])))
    assert _run(doc).is_empty()


def test_empty_rows_and_cells_do_not_make_items() -> None:
    doc = document(table(header_cells(["Objective", "Actions", "Lead"])
                         + plain_row(1, ["Safe care", "Audit falls", "CN"])
                         + [cell(2, 0, ""), cell(2, 1, " "), cell(2, 2, "")]))
    parts = _run(doc)
    assert len(parts.objectives) == 1
    assert [c.text for c in parts.commitments] == ["Audit falls"]


# =========================================================================== banner rows, refs, dates


def banner_rows_table() -> Document:
    header = header_cells(["Objective", "Actions", "Lead", "Due"])
    return document(table(header + [
        cell(1, 0, "Quality and safety", cols=4),
        cell(2, 0, "Outcome: fewer patients come to harm", cols=4),
        cell(3, 0, "Assuring committee: QSC", cols=4),
        *plain_row(4, ["Reduce harm", "Audit falls", "CN", "\u2013"]),
        cell(5, 0, "2. Our people", cols=4),
        *plain_row(6, ["Grow the workforce", "Recruit nurses", "CPO", "TBC"]),
        cell(7, 0, "BUR1: drive for financial stability", cols=4),
        *plain_row(8, [None, "Deliver the savings plan", "CFO", "Q4"]),
    ]))


@pytest.fixture(scope="module")
def banner_rows() -> PlanParts:
    return _run(banner_rows_table())


def test_full_width_rows_are_themes_with_outcome(banner_rows: PlanParts) -> None:
    assert [(t.ref, t.title, t.outcome) for t in banner_rows.themes] == [
        ("1", "Quality and safety", "fewer patients come to harm"), ("2", "Our people", None)]  # unnumbered: ordinal


def test_full_width_coded_row_opens_an_objective(banner_rows: PlanParts) -> None:
    assert [(o.ref, o.theme_ref, o.title) for o in banner_rows.objectives] == [
        ("1", "1", "Reduce harm"), ("2", "2", "Grow the workforce"),
        ("BUR1", "2", "drive for financial stability")]
    assert [c.objective_ref for c in banner_rows.commitments] == ["1", "2", "BUR1"]


def test_full_width_assurance_row_applies_to_rows_below(banner_rows: PlanParts) -> None:
    assert _raws(banner_rows.commitments[0].assurance) == ["QSC"]


def test_dash_due_is_none_tbc_kept_raw(banner_rows: PlanParts) -> None:
    assert banner_rows.commitments[0].due is None
    assert banner_rows.commitments[1].due is not None and banner_rows.commitments[1].due.raw == "TBC"


def test_repeated_refs_made_unique_and_links_follow() -> None:
    def theme_table(number: str, action: str) -> Table:
        return table(header_cells(KB_HEADER) + plain_row(1, ["1.1", f"Objective {number}", action, "CN", "Q1",
                                                               f"Measure {number}"]))

    doc = document(heading("1. Quality"), theme_table("A", "First action"),
                   heading("1. Quality again"), theme_table("B", "Second action"))
    parts = _run(doc)
    assert [t.ref for t in parts.themes] == ["1", "1-2"]
    assert [(o.ref, o.theme_ref) for o in parts.objectives] == [("1.1", "1"), ("1.1-2", "1-2")]
    assert [c.objective_ref for c in parts.commitments] == ["1.1", "1.1-2"]
    assert [i.objective_ref for i in parts.indicators] == ["1.1", "1.1-2"]


# =========================================================================== printed refs inside cells

def goal_table_with_refs_in_cells() -> Document:
    """Goal cells print their code on the first line; the target column sits beside each action."""
    cells = header_cells(["Goal", "Ref", "What we will do", "Lead", "Timescale", "Target"]) + [
        cell(1, 0, ln("G1", bold=True), "Reduce avoidable harm", rows=2),
        *plain_row(1, [None, "1.1", "Roll out e-observations", "CNO", "Q2", "Falls reduced by 15%"]),
        *plain_row(2, [None, "1.2", "Launch a sepsis bundle audit", "MD", "Q3", "No never events"]),
        cell(3, 0, "G2 Spend every pound well"),
        *plain_row(3, [None, "2.1", "Deliver the savings plan", "CFO", "Q4", "£3.2m savings"]),
    ]
    return document(heading("Our annual plan 2024/25", level=1), table(cells, n_cols=6))


def test_code_printed_in_objective_cell_is_its_ref() -> None:
    parts = _run(goal_table_with_refs_in_cells())
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("G1", "Reduce avoidable harm"), ("G2", "Spend every pound well")]


def test_indicator_beside_one_commitment_links_to_it_within_a_spanning_objective() -> None:
    parts = _run(goal_table_with_refs_in_cells())
    assert [(i.objective_ref, i.commitment_ref) for i in parts.indicators] == [
        ("G1", "1.1"), ("G1", "1.2"), ("G2", None)]


def test_ref_printed_before_an_action_without_ref_column() -> None:
    cells = header_cells(["Priority", "Action", "Responsible director", "Due by"]) + [
        cell(1, 0, "P1 Grow our workforce", rows=2),
        *plain_row(1, [None, "P1.a Launch a flexible working policy", "Chief People Officer", "Sep-24"]),
        *plain_row(2, [None, "P1.b Open a wellbeing hub", "Chief People Officer", "H2 2024/25"]),
    ]
    parts = _run(document(table(cells, n_cols=4)))
    assert [o.ref for o in parts.objectives] == ["P1"]
    assert [(c.ref, c.text) for c in parts.commitments] == [
        ("P1.a", "Launch a flexible working policy"), ("P1.b", "Open a wellbeing hub")]


def test_theme_row_with_a_letter_ref() -> None:
    cells = header_cells(["Goal", "Ref", "What we will do", "Lead"]) + [
        cell(1, 0, ln("Theme A – Safe care", bold=True), cols=4),
        *plain_row(2, ["G1 Reduce harm", "1.1", "Roll out e-observations", "CNO"]),
    ]
    parts = _run(document(table(cells, n_cols=4)))
    assert [(t.ref, t.title) for t in parts.themes] == [("A", "Safe care")]
    assert parts.objectives[0].theme_ref == "A"


def test_document_title_and_introduced_headings_do_not_become_objectives() -> None:
    cells = header_cells(["No.", "Commitment", "Owner", "By when"]) + [
        *plain_row(1, ["1", "Open the new ward", "COO", "Q2"]),
    ]
    doc = document(heading("Our Commitments for 2024/25", level=1),
                   para("This page lists what the board has committed to this year, and who leads each."),
                   table(cells, n_cols=4))
    parts = interpret_tables(doc, Context(source="x", title="Our Commitments for 2024/25"), set())
    assert parts.objectives == []
    assert [c.text for c in parts.commitments] == ["Open the new ward"]
