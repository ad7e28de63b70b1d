"""pipeline/interpret/table_plan.py and columns.py: plan tables named by the headings they nest
under, measures listed after a table, banner rows and coded rows taking their level from the
nesting, and column kinds settled from the cells (measure columns, body rows of header words,
quarter columns with month glosses)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.interpret import columns
from pipeline.interpret.columns import PERIOD, find_columns, period_core
from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.table_plan import _containers, _plan_maps, interpret_tables
from schemas.document import Cell, Document, Table
from tests.builders import cell, document, header_cells, heading, list_block, ln, para, plain_row, table

ACTION_HEADER = ["Action", "Lead", "Due date"]


def _run(doc: Document, year_start: int | None = 2024, title: str | None = None) -> PlanParts:
    return interpret_tables(doc, Context(source=doc.source, year_start=year_start, title=title), set())


def _rows(start: int, rows: list[list[str | None]]) -> list[Cell]:
    return [c for i, texts in enumerate(rows) for c in plain_row(start + i, texts)]


def _action_table(*rows: list[str | None]) -> Table:
    return table(header_cells(ACTION_HEADER) + _rows(1, list(rows)))


def _banner(row: int, text: str) -> Cell:
    return cell(row, 0, ln(text, bold=True), cols=len(ACTION_HEADER))


# =========================================================================== headings name tables


def anchor_plan() -> Document:
    return document(
        heading("1. Reducing health inequalities", 2),
        heading("1.1 Act as an anchor institution", 3),
        _action_table(["Recruit local people into entry-level roles", "Chief People Officer", "March 2025"],
                      ["Buy more goods and services from local suppliers", "Chief Finance Officer", "Q3"]),
        heading("1.2 Improve access for deprived communities", 3),
        _action_table(["Offer evening clinics in the most deprived areas", "Chief Operating Officer", "Q2"]),
    )


@pytest.fixture(scope="module")
def anchor() -> PlanParts:
    return _run(anchor_plan())


def test_heading_above_the_objective_heading_is_the_theme_made_once(anchor: PlanParts) -> None:
    assert [(t.ref, t.title) for t in anchor.themes] == [("1", "Reducing health inequalities")]


def test_innermost_heading_over_each_action_table_is_its_objective(anchor: PlanParts) -> None:
    assert [(o.ref, o.theme_ref, o.title) for o in anchor.objectives] == [
        ("1.1", "1", "Act as an anchor institution"),
        ("1.2", "1", "Improve access for deprived communities"),
    ]


def test_each_table_s_rows_are_commitments_of_its_objective(anchor: PlanParts) -> None:
    assert [(c.objective_ref, c.text) for c in anchor.commitments] == [
        ("1.1", "Recruit local people into entry-level roles"),
        ("1.1", "Buy more goods and services from local suppliers"),
        ("1.2", "Offer evening clinics in the most deprived areas"),
    ]
    assert [[o.raw for o in c.owners] for c in anchor.commitments] == [
        ["Chief People Officer"], ["Chief Finance Officer"], ["Chief Operating Officer"]]
    assert [c.due.raw if c.due else None for c in anchor.commitments] == ["March 2025", "Q3", "Q2"]


def delivery_plan() -> Document:
    return document(
        heading("What we will deliver", 1),
        heading("Improve patient flow", 2),
        _action_table(["Open a discharge lounge at the main hospital", "Chief Operating Officer", "Q2"]),
        heading("Reduce waiting times", 2),
        _action_table(["Add weekend theatre lists for orthopaedics", "Medical Director", "Q4"]),
    )


def test_unnumbered_heading_over_every_plan_table_is_the_body_s() -> None:
    doc = delivery_plan()
    ctx = Context(source=doc.source, year_start=2024)
    assert _containers(doc, _plan_maps(doc, ctx, set())) == {0}


def test_unnumbered_heading_over_every_plan_table_is_no_theme_or_objective() -> None:
    parts = _run(delivery_plan())
    assert parts.themes == []
    assert [(o.ref, o.theme_ref, o.title) for o in parts.objectives] == [
        ("1", None, "Improve patient flow"), ("2", None, "Reduce waiting times")]
    assert [c.objective_ref for c in parts.commitments] == ["1", "2"]


def test_numbered_heading_over_every_plan_table_is_not_a_container() -> None:
    doc = anchor_plan()
    ctx = Context(source=doc.source, year_start=2024)
    assert _containers(doc, _plan_maps(doc, ctx, set())) == set()


# =========================================================================== measures after a table


def test_measures_label_after_a_table_lists_indicators_with_group_labels_as_audiences() -> None:
    doc = document(
        heading("1. Reducing health inequalities", 2),
        heading("1.1 Act as an anchor institution", 3),
        _action_table(["Recruit local people into entry-level roles", "Chief People Officer", "March 2025"]),
        para("What success looks like"),
        para("Patients"),
        list_block("Fewer missed appointments from our most deprived areas"),
        para("Our people"),
        list_block("More staff recruited from local postcodes"),
    )
    parts = _run(doc)
    assert [(i.objective_ref, i.audience, i.text) for i in parts.indicators] == [
        ("1.1", "Patient", "Fewer missed appointments from our most deprived areas"),
        ("1.1", "Our people", "More staff recruited from local postcodes"),
    ]
    assert [c.text for c in parts.commitments] == ["Recruit local people into entry-level roles"]


def test_key_measures_heading_after_a_table_lists_indicators_of_the_current_objective() -> None:
    doc = document(
        heading("1. Reducing health inequalities", 2),
        heading("1.1 Act as an anchor institution", 3),
        _action_table(["Recruit local people into entry-level roles", "Chief People Officer", "March 2025"]),
        heading("Key measures", 4),
        list_block("Fewer missed appointments from our most deprived areas"),
        heading("1.2 Improve access for deprived communities", 3),
        _action_table(["Offer evening clinics in the most deprived areas", "Chief Operating Officer", "Q2"]),
    )
    parts = _run(doc)
    assert [(i.objective_ref, i.audience, i.text) for i in parts.indicators] == [
        ("1.1", None, "Fewer missed appointments from our most deprived areas")]
    assert [o.ref for o in parts.objectives] == ["1.1", "1.2"]
    assert [c.objective_ref for c in parts.commitments] == ["1.1", "1.2"]


# =========================================================================== banner rows


def test_one_level_of_unnumbered_banners_are_objectives_under_the_heading_s_theme() -> None:
    doc = document(
        heading("Quality and safety", 2),
        table(header_cells(ACTION_HEADER) + [
            _banner(1, "Reduce avoidable harm"),
            *plain_row(2, ["Roll out the sepsis bundle on every ward", "Chief Nurse", "Q2"]),
            _banner(3, "Improve patient experience"),
            *plain_row(4, ["Launch a new complaints process", "Chief Nurse", "Q3"]),
        ]),
    )
    parts = _run(doc)
    assert [t.title for t in parts.themes] == ["Quality and safety"]
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("1", "Reduce avoidable harm"), ("2", "Improve patient experience")]
    assert [(c.objective_ref, c.text) for c in parts.commitments] == [
        ("1", "Roll out the sepsis bundle on every ward"), ("2", "Launch a new complaints process")]


def test_numbered_banners_of_two_depths_are_themes_over_objectives() -> None:
    doc = document(table(header_cells(ACTION_HEADER) + [
        _banner(1, "1 Quality and safety"),
        _banner(2, "1.1 Reduce avoidable harm"),
        *plain_row(3, ["Roll out the sepsis bundle on every ward", "Chief Nurse", "Q2"]),
        _banner(4, "1.2 Improve patient experience"),
        *plain_row(5, ["Launch a new complaints process", "Chief Nurse", "Q3"]),
        _banner(6, "2 Our people"),
        _banner(7, "2.1 Retain our staff"),
        *plain_row(8, ["Introduce flexible rostering for nurses", "Chief People Officer", "Q4"]),
    ]))
    parts = _run(doc)
    assert [(t.ref, t.title) for t in parts.themes] == [("1", "Quality and safety"), ("2", "Our people")]
    assert [(o.ref, o.theme_ref, o.title) for o in parts.objectives] == [
        ("1.1", "1", "Reduce avoidable harm"), ("1.2", "1", "Improve patient experience"),
        ("2.1", "2", "Retain our staff")]
    assert [c.objective_ref for c in parts.commitments] == ["1.1", "1.2", "2.1"]


# =========================================================================== coded rows


def test_rows_with_sibling_codes_are_coded_commitments_not_objectives() -> None:
    doc = document(_action_table(
        ["C1. Launch a community diagnostic centre", "Chief Operating Officer", "Q2"],
        ["C2. Tackle the elective backlog in orthopaedics", "Medical Director", "Q4"],
    ))
    parts = _run(doc)
    assert parts.objectives == []
    assert [(c.ref, c.objective_ref, c.text) for c in parts.commitments] == [
        ("C1", None, "Launch a community diagnostic centre"),
        ("C2", None, "Tackle the elective backlog in orthopaedics"),
    ]
    assert [[o.raw for o in c.owners] for c in parts.commitments] == [["Chief Operating Officer"],
                                                                       ["Medical Director"]]


def test_coded_row_over_rows_without_codes_heads_an_objective() -> None:
    doc = document(_action_table(
        ["BS1 Work with partners", None, None],
        ["Agree a shared discharge policy with the council", "Chief Operating Officer", "Q2"],
        ["Open a joint frailty unit", "Medical Director", "Q4"],
    ))
    parts = _run(doc)
    assert [(o.ref, o.title) for o in parts.objectives] == [("BS1", "Work with partners")]
    assert [(c.ref, c.objective_ref, c.text) for c in parts.commitments] == [
        (None, "BS1", "Agree a shared discharge policy with the council"),
        (None, "BS1", "Open a joint frailty unit"),
    ]


def test_coded_row_over_rows_with_its_sub_codes_heads_an_objective() -> None:
    doc = document(_action_table(
        ["BS1 Work with partners", "Chief Executive", "2024/25"],
        ["BS1.1 Agree a shared discharge policy with the council", "Chief Operating Officer", "Q2"],
        ["BS1.2 Open a joint frailty unit", "Medical Director", "Q4"],
    ))
    parts = _run(doc)
    assert [(o.ref, o.title) for o in parts.objectives] == [("BS1", "Work with partners")]
    assert [(c.ref, c.objective_ref, c.text) for c in parts.commitments] == [
        ("BS1.1", "BS1", "Agree a shared discharge policy with the council"),
        ("BS1.2", "BS1", "Open a joint frailty unit"),
    ]


# =========================================================================== column kinds

MEASURES_AND_ACTIONS = [
    ["95% of patients seen within 18 weeks", "Cut the outpatient waiting list through validation",
     "Chief Operating Officer"],
    ["Falls reduced by 15%", "Roll out e-observations on every adult ward", "Chief Nurse"],
    ["Agency spend below 3%", "Introduce a new e-rostering system for nurses", "Chief People Officer"],
]


def test_how_we_will_know_over_targets_is_indicator_priority_action_over_actions_is_deliverable() -> None:
    tbl = table(header_cells(["How we will know", "Priority action", "Lead"]) + _rows(1, MEASURES_AND_ACTIONS))
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None
    assert cmap.kinds == {0: "indicator", 1: "deliverable", 2: "owner"}
    parts = _run(document(tbl))
    assert [c.text for c in parts.commitments] == [row[1] for row in MEASURES_AND_ACTIONS]
    assert [i.text for i in parts.indicators] == [row[0] for row in MEASURES_AND_ACTIONS]


def test_action_header_over_measures_swaps_with_the_column_of_actions() -> None:
    tbl = table(header_cells(["Actions", "Priority", "Lead"]) + _rows(1, MEASURES_AND_ACTIONS))
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None
    assert cmap.kinds == {0: "indicator", 1: "deliverable", 2: "owner"}


BODY = [
    ["Reduce agency spend through a rostering review", "CFO / CPO", "Finance Committee", "by Dec 24"],
    ["Deliver a new urgent community response service", "COO", "Quality Committee", "Q2"],
    ["Open the new diagnostic centre on the main site", "Chief Operating Officer", "Board", "31/03/2025"],
    ["Launch the staff wellbeing hub in every division", "Jane Smith, Chief People Officer", "People Committee",
     "Ongoing"],
]


def test_body_row_holding_header_words_is_not_the_header_row() -> None:
    tbl = table(_rows(0, [["Our work", "Sponsor", "Overseen at", "Landing"], *BODY]))
    assert columns.header_kind("Finance Committee") == "assurance"  # header words in the first body row
    assert columns.header_kind("by Dec 24") == "due"
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None
    assert cmap.header_row == 0
    assert cmap.kinds == {0: "deliverable", 1: "owner", 2: "assurance", 3: "due"}
    parts = _run(document(tbl))
    assert [c.text for c in parts.commitments] == [row[0] for row in BODY]


@pytest.mark.parametrize(("text", "core"), [
    ("Q1 Apr-Jun", "Q1"), ("Q3 (Oct-Dec)", "Q3"), ("Q4 Jan-Mar", "Q4"), ("Q2", "Q2"),
])
def test_period_core_drops_the_month_gloss(text: str, core: str) -> None:
    assert period_core(text) == core


def quarter_grid() -> Table:
    quarters = ["Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar"]
    return table(header_cells(["Action", "Lead", *quarters]) + _rows(1, [
        ["Open the new diagnostic centre on the main site", "Chief Operating Officer", "", "", "\u2713", "\u2713"],
        ["Launch the staff wellbeing hub in every division", "Chief People Officer", "\u2713", "", "", ""],
        ["Reduce agency spend through a rostering review", "Chief Financial Officer", "", "\u2713", "\u2713", "\u2713"],
    ]))


def test_quarter_headers_with_month_glosses_form_a_period_grid() -> None:
    cmap = find_columns(quarter_grid(), year_start=2024)
    assert cmap is not None
    assert cmap.periods == {2: "Q1", 3: "Q2", 4: "Q3", 5: "Q4"}
    assert cmap.cols(PERIOD) == [2, 3, 4, 5]


def test_ticked_quarters_give_each_commitment_a_due_spanning_them() -> None:
    parts = _run(document(quarter_grid()), year_start=2024)
    assert [(c.due.raw, c.due.start, c.due.end) if c.due else None for c in parts.commitments] == [
        ("Q3-Q4", dt.date(2024, 10, 1), dt.date(2025, 3, 31)),
        ("Q1", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("Q2-Q4", dt.date(2024, 7, 1), dt.date(2025, 3, 31)),
    ]


def test_one_unnumbered_heading_over_a_lone_action_table_is_the_body_s_not_an_objective() -> None:
    doc = document(
        heading("Our objectives", 2),
        _action_table(["Recruit local people into entry-level roles", "Chief People Officer", "March 2025"],
                      ["Offer evening clinics in the most deprived areas", "Chief Operating Officer", "Q2"]),
    )
    parts = _run(doc)
    assert parts.objectives == [] and parts.themes == []
    assert [c.objective_ref for c in parts.commitments] == [None, None]


def test_a_numbered_heading_over_a_lone_action_table_is_its_objective() -> None:
    doc = document(
        heading("2.1 Improve access for deprived communities", 2),
        _action_table(["Offer evening clinics in the most deprived areas", "Chief Operating Officer", "Q2"]),
    )
    parts = _run(doc)
    assert [(o.ref, o.title) for o in parts.objectives] == [("2.1", "Improve access for deprived communities")]
    assert [c.objective_ref for c in parts.commitments] == ["2.1"]
