"""Names in cells: assuring groups run together in one cell (normalisers/assurance.py
`split_assurance_cell`): a name ends at a group word, but one word alone ("Executive") is no
group's whole name; an owner "Director for <area>" ends before "and" another role; "H1." before
a sentence is a code, before a year a half-year."""

from __future__ import annotations

import pytest

from normalisers.assurance import split_assurance_cell


@pytest.mark.parametrize(("cell", "names"), [
    ("Executive Management Committee", ["Executive Management Committee"]),
    ("Trust Executive Quality Committee", ["Trust Executive", "Quality Committee"]),
    ("Board Quality Committee", ["Board", "Quality Committee"]),
    ("ERP Steering Committee Business Systems Board", ["ERP Steering Committee", "Business Systems Board"]),
])
def test_run_on_names_split_at_the_end_of_each_name(cell: str, names: list[str]) -> None:
    assert split_assurance_cell([cell], {}) == names


def test_a_director_for_a_named_area_ends_an_owner_before_and() -> None:
    from normalisers.owners import normalise_owners

    owners = normalise_owners(["Clinical Director for Surgery and Chief Operating Officer"], {})
    assert [o.title for o in owners] == ["Clinical Director for Surgery", "Chief Operating Officer"]
    assert [o.title for o in normalise_owners(["Director of Finance and Performance"], {})] == [
        "Director of Finance and Performance"]


def test_h1_before_a_sentence_is_a_code_but_before_a_year_a_half_year() -> None:
    from pipeline.interpret.labels import objective_code

    assert objective_code("H1. Develop LED lighting") == ("H1", "Develop LED lighting")
    assert objective_code("H1 2024/25") is None and objective_code("H2") is None
