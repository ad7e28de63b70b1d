"""Committee acronyms with no key for them (normalisers/assurance.py `is_committee_acronym`,
`names_groups`): an acronym ending in the initial of Committee, Group or Board names a group
unless it is a role's or the document's glossary expands it to something else; a cell of them
is an assurance cell (pipeline/interpret/cell_evidence.py `cell_kind`)."""

from __future__ import annotations

import pytest

from normalisers.assurance import glossary_kind, is_committee_acronym, names_groups
from pipeline.interpret.cell_evidence import cell_kind

NOT_A_COMMITTEE = {"PMC": "Project Management Consultant"}


@pytest.mark.parametrize("text", ["FPC", "QSC", "EMG", "TMB", "ARC / FPC", "FPC and QSC"])
def test_committee_shaped_acronyms_name_groups_without_a_glossary(text: str) -> None:
    assert names_groups(text, {})


@pytest.mark.parametrize("text", ["FPC", "QSC", "EMG", "TMB"])
def test_committee_shape(text: str) -> None:
    assert is_committee_acronym(text)


@pytest.mark.parametrize("text", ["CFO", "DoC", "CEO", "CDIO", "COO", "CFO and DoF",
                                  "DIPC", "DP&C"])  # the last two end in C but are directors
def test_role_acronyms_name_no_group(text: str) -> None:
    assert not is_committee_acronym(text)
    assert not names_groups(text, {})


def test_a_glossary_expansion_that_is_no_committee_wins_over_the_shape() -> None:
    assert is_committee_acronym("PMC")  # by shape alone it would be one
    assert glossary_kind("PMC", NOT_A_COMMITTEE["PMC"]) != "group"
    assert names_groups("PMC", {})
    assert not names_groups("PMC", NOT_A_COMMITTEE)
    assert not names_groups("ARC / PMC", NOT_A_COMMITTEE)
    assert cell_kind("PMC", NOT_A_COMMITTEE) != "assurance"


def test_keyed_and_unkeyed_committees_mix_in_one_cell() -> None:
    assert names_groups("ARC / FPC", {"ARC": "Audit and Risk Committee"})


def test_cell_kinds_of_acronym_cells() -> None:
    assert cell_kind("ARC / FPC", {}) == "assurance"
    assert cell_kind("CFO and DoF", {}) == "owner"
    assert cell_kind("DIPC", {}) == "owner"
