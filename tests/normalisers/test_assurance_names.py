"""Names of assuring groups run together in one cell (normalisers/assurance.py
`split_assurance_cell`): a name ends at a group word, but one word alone ("Executive") is no
group's whole name."""

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
