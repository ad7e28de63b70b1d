"""Acronyms shaped like a committee's that name services, bodies or programmes
(normalisers/assurance.py `is_committee_acronym`, the vocabulary's `not_group_acronyms`): "UEC",
"CDC" or "ICB" end in C or B but name no assurance group, so a column of them is no assurance
column (pipeline/interpret/columns.py `find_columns`, and through the interpreter on a Word
file); a document's key can still make one a committee."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.registry import read_document
from normalisers.assurance import is_committee_acronym, names_groups
from pipeline.interpret.cell_evidence import cell_kind
from pipeline.interpret.columns import find_columns
from pipeline.interpret.interpreter import interpret
from tests.builders import add_grid_table, header_cells, new_docx, plain_row, save, table

SERVICES = ("UEC", "CDC", "SDEC", "CQC", "ICB")
PROGRAMME_ROWS = [
    ["UEC", "Open a same day emergency care unit at the main hospital", "Chief Operating Officer"],
    ["CDC", "Extend the diagnostic centre's opening to seven days a week", "Chief Operating Officer"],
    ["IPC", "Roll out the new hand hygiene audit on every ward", "Chief Nurse"],
]


@pytest.mark.parametrize("text", SERVICES)
def test_service_and_body_acronyms_are_no_committees(text: str) -> None:
    assert not is_committee_acronym(text)
    assert not names_groups(text, {})
    assert cell_kind(text, {}) != "assurance"


@pytest.mark.parametrize("text", [" CDC ", "ICB\n", "\tUEC"])
def test_service_acronyms_are_recognised_with_space_around_them(text: str) -> None:
    assert not is_committee_acronym(text)


@pytest.mark.parametrize("text", ["FPC", "QSC", "EMG", "TMB"])
def test_committee_acronyms_are_still_committees(text: str) -> None:
    assert is_committee_acronym(text)
    assert cell_kind(text, {}) == "assurance"


def test_a_document_s_key_can_still_make_a_service_shaped_acronym_a_committee() -> None:
    assert names_groups("CDC", {"CDC": "Clinical Delivery Committee"})


@pytest.mark.parametrize("header", [["Programme", "Action", "Owner"], None])
def test_programme_column_of_service_acronyms_is_not_assurance(header: list[str] | None) -> None:
    first = 0 if header is None else 1
    cells = (header_cells(header) if header else []) + [
        c for r, row in enumerate(PROGRAMME_ROWS, start=first) for c in plain_row(r, row)]
    cmap = find_columns(table(cells))
    assert cmap is not None
    assert not cmap.has("assurance")
    assert cmap.cols("deliverable") == [1] and cmap.cols("owner") == [2]


def test_programme_column_gives_commitments_no_assurance(tmp_path: Path) -> None:
    word = new_docx()
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading("Improve urgent and planned care", 1)
    add_grid_table(word, [["Programme", "Action", "Owner"], *PROGRAMME_ROWS])
    plan = interpret(read_document(save(word, tmp_path / "plan.docx")))
    assert [(c.text, [o.raw for o in c.owners]) for c in plan.commitments] == [
        (row[1], [row[2]]) for row in PROGRAMME_ROWS]
    assert all(c.assurance == [] for c in plan.commitments)
