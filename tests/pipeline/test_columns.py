"""pipeline/columns.py: a column's kind from its header text (data/columns.yaml)."""

from __future__ import annotations

import pytest

from pipeline.interpret.columns import COLUMN_KINDS, find_columns, header_kind
from tests.builders import cell, header_cells, plain_row, table


@pytest.mark.parametrize(("header", "kind"), [
    ("Strategic objective", "objective"),
    ("Objectives 2023/24", "objective"),
    ("Deliverables", "deliverable"),
    ("Key actions", "deliverable"),
    ("Action", "deliverable"),
    ("Refreshed Improvement Priorities 2022/23", "deliverable"),
    ("Owner", "owner"),
    ("Lead", "owner"),
    ("Executive Lead", "owner"),
    ("Exec Lead / Delivery Lead", "owner"),
    ("Delivery date", "due"),
    ("Timescale", "due"),
    ("By when", "due"),
    ("Due date (Q)", "due"),
    ("Target date", "due"),  # the longest phrase wins: a date, not a target
    ("Target", "indicator"),
    ("KPI / Target", "indicator"),
    ("Key indicators", "indicator"),
    ("Measure of success", "indicator"),
    ("Success measure", "indicator"),
    ("Main assurance group", "assurance"),
    ("Assuring committee", "assurance"),
    ("Reference", "ref"),
    ("Ref.", "ref"),
    ("No.", "ref"),
])
def test_header_kind(header: str, kind: str) -> None:
    assert header_kind(header) == kind


@pytest.mark.parametrize("text", [
    "RAG", "Progress", "Comments", "Q1-4", "",
    "Notes",
    # content, not a header, even though it contains header words ("action", "lead", "date")
    "Develop an action plan with partners to reduce the date of handover and lead the system response",
])
def test_no_role(text: str) -> None:
    assert header_kind(text) is None


def test_roles_are_the_known_ones() -> None:
    assert set(COLUMN_KINDS) == {"objective", "deliverable", "owner", "due", "indicator", "assurance", "ref"}


def test_finds_header_row_and_column_kinds() -> None:
    tbl = table(header_cells(["Ref", "Objective", "Actions", "Lead", "By when", "Success measure"])
                + plain_row(1, ["1", "Improve flow", "Open ward", "COO", "Q2", "LOS down"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert cmap.header_row == 0
    assert cmap.kinds == {0: "ref", 1: "objective", 2: "deliverable", 3: "owner", 4: "due", 5: "indicator"}
    assert cmap.is_plan_table
    assert cmap.cols("owner") == [3]
    assert cmap.objective_owner_cols == []


def test_header_below_a_title_row() -> None:
    tbl = table([cell(0, 0, "Strategy Implementation Plan 2021/22", cols=3)]
                + plain_row(1, ["Deliverable", "Owner", "Due date"])
                + plain_row(2, ["Open the ward", "COO", "Q1"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert cmap.header_row == 1
    assert cmap.cols("deliverable") == [0]


def test_header_spanning_two_columns_gives_both_the_role() -> None:
    tbl = table([cell(0, 0, "Strategic objective", cols=2, header=True),
                 cell(0, 2, "Deliverables", header=True), cell(0, 3, "Owner", header=True)]
                + plain_row(1, ["1", "Improve flow", "Open ward", "COO"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert cmap.cols("objective") == [0, 1]


def test_unlabelled_columns_have_no_role() -> None:
    tbl = table(header_cells(["Action", "Lead", "RAG", "By when"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert 2 not in cmap.kinds
    assert cmap.cols("due") == [3]


def test_delivery_lead_kept_exec_lead_names_objective() -> None:
    tbl = table(header_cells(["Exec Lead", "Improvement Priorities", "Exec Lead / Delivery Lead",
                              "Measure of success"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert cmap.cols("owner") == [2]
    assert cmap.objective_owner_cols == [0]
    assert cmap.cols("deliverable") == [1]
    assert cmap.cols("indicator") == [3]


def test_two_owner_columns_without_delivery_keep_rightmost() -> None:
    tbl = table(header_cells(["Owner", "Action", "Lead"]))
    cmap = find_columns(tbl)
    assert cmap is not None
    assert cmap.cols("owner") == [2]
    assert cmap.objective_owner_cols == [0]


@pytest.mark.parametrize("headers", [
    ["Abbreviation", "Meaning"],
    ["Owner", "Due date"],  # no objective or deliverable column
    ["Actions"],  # a single kind is not a header row
    ["Name", "Role", "Telephone"],
])
def test_not_a_plan_table(headers: list[str]) -> None:
    assert find_columns(table(header_cells(headers))) is None


def test_header_searched_only_in_first_rows() -> None:
    filler = [cell(r, 0, f"Introduction paragraph {r}", cols=2) for r in range(3)]
    tbl = table(filler + plain_row(3, ["Actions", "Lead"]))
    assert find_columns(tbl) is None
    assert find_columns(tbl, max_header_row=4) is not None
