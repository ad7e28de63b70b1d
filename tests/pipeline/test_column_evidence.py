"""Column kinds from what the cells hold (pipeline/interpret/cell_evidence.py and columns.py):
unknown, missing and misleading headers are classed from their cells."""

from __future__ import annotations

import pytest

from pipeline.interpret.cell_evidence import cell_kind
from pipeline.interpret.columns import PERIOD, find_columns, is_period_header
from tests.builders import header_cells, plain_row, table

ROWS = [
    ["Deliver a new urgent community response service", "COO", "Quality Committee", "Q2"],
    ["Reduce agency spend through a rostering review", "CFO / CPO", "Finance Committee", "by Dec 24"],
    ["Open the new diagnostic centre on the main site", "Chief Operating Officer", "Board", "31/03/2025"],
    ["Launch the staff wellbeing hub in every division", "Jane Smith, Chief People Officer", "People Committee",
     "Ongoing"],
]


def _rows(start: int, rows: list[list[str]]) -> list:
    return [c for i, texts in enumerate(rows) for c in plain_row(start + i, texts)]


@pytest.mark.parametrize(("text", "kind"), [
    ("Deliver the new community hub in the north", "deliverable"),
    ("Recruit 50 nurses", "deliverable"),
    ("CFO / COO", "owner"),
    ("Jane Smith, Chief Nurse", "owner"),
    ("Quality and Safety Committee", "assurance"),
    ("95% of patients seen within 18 weeks", "indicator"),
    ("Q2", "due"), ("by end Q3", "due"), ("Ongoing", "due"), ("Mar-25", "due"),
    ("1.2", "ref"), ("SO2.1", "ref"),
    ("Amber", "status"), ("\u2713", "tick"),
    ("Improved patient experience", "text"),
    ("", None),
])
def test_a_cell_s_kind_comes_from_its_own_text(text: str, kind: str | None) -> None:
    assert cell_kind(text, {}, 2024) == kind


def test_unknown_headers_are_classed_by_their_cells() -> None:
    tbl = table(header_cells(["What good looks like", "Executive sponsor", "Overseen at", "Landing"])
                + _rows(1, ROWS))
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None and cmap.header_row == 0
    assert cmap.kinds == {0: "deliverable", 1: "owner", 2: "assurance", 3: "due"}


def test_a_table_with_no_header_row_is_read_from_its_cells() -> None:
    cmap = find_columns(table(_rows(0, ROWS)), year_start=2024)
    assert cmap is not None and cmap.header_row == -1
    assert cmap.kinds == {0: "deliverable", 1: "owner", 2: "assurance", 3: "due"}


def test_a_header_row_of_unknown_words_is_told_from_the_body() -> None:
    cmap = find_columns(table(_rows(0, [["Our work", "Who", "Checked by", "Landing"], *ROWS])), year_start=2024)
    assert cmap is not None and cmap.header_row == 0


def test_a_header_naming_dates_over_cells_with_none_is_not_believed() -> None:
    rows = [[r[0], r[1], code] for r, code in zip(ROWS, ["PODC", "QC", "PODC, ARC", "FC"], strict=True)]
    cmap = find_columns(table(header_cells(["Action", "Lead", "Assured by"]) + _rows(1, rows)), year_start=2024)
    assert cmap is not None and cmap.kinds.get(2) != "due"


def test_an_objective_header_over_an_action_in_every_row_is_the_action_column() -> None:
    tbl = table(header_cells(["Priority action", "SRO", "When"]) + _rows(1, [[r[0], r[1], r[3]] for r in ROWS]))
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None and cmap.cols("deliverable") == [0]


def test_rows_of_actions_without_owners_or_dates_are_not_a_plan_table() -> None:
    rows = [[r[0], "Some words here"] for r in ROWS]
    assert find_columns(table(_rows(0, rows)), year_start=2024) is None


def test_a_glossary_is_not_a_plan_table() -> None:
    rows = [["COO", "Chief Operating Officer"], ["QC", "Quality Committee"], ["CFO", "Chief Financial Officer"]]
    assert find_columns(table(_rows(0, rows))) is None


def test_quarter_columns_form_a_period_grid() -> None:
    tbl = table(header_cells(["Action", "Lead", "Q1", "Q2", "Q3", "Q4"])
                + _rows(1, [[r[0], r[1], "", "\u2713", "\u2713", ""] for r in ROWS]))
    cmap = find_columns(tbl, year_start=2024)
    assert cmap is not None
    assert cmap.periods == {2: "Q1", 3: "Q2", 4: "Q3", 5: "Q4"}
    assert cmap.cols(PERIOD) == [2, 3, 4, 5]


@pytest.mark.parametrize(("text", "expected"), [
    ("Q1", True), ("Q3 (Oct-Dec)", True), ("Apr", True), ("Sept-24", True), ("2024/25 Q2", True),
    ("Quarter 4", True), ("Q1 2025/26", True), ("Q4 FY25/26", True), ("Action", False), ("Q1-Q4 delivery", False),
])
def test_period_headers(text: str, expected: bool) -> None:
    assert is_period_header(text) is expected
