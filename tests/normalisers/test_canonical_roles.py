"""Owners' canonical roles (normalisers/canonical_roles.py): one name for an executive role
however it is printed, deputies told apart from leads, other titles kept as printed."""

from __future__ import annotations

import pytest

from normalisers.canonical_roles import CanonicalRole, canonical_role


@pytest.mark.parametrize("title", [
    "Chief Nurse", "Executive Chief Nurse", "Chief Nursing Officer", "Director of Nursing",
    "Director of Nursing & Quality", "Interim Director of Nursing", "Executive Director of Nursing and Midwifery",
    "  chief   nurse. "])
def test_every_printed_form_of_the_executive_nurse_is_the_chief_nurse(title: str) -> None:
    assert canonical_role(title) == CanonicalRole("Chief Nurse", is_lead=True)


@pytest.mark.parametrize(("title", "role"), [
    ("Director of Finance", "Chief Financial Officer"),
    ("Chief Finance Officer", "Chief Financial Officer"),
    ("Chief Medical Officer", "Medical Director"),
    ("Director of Operations", "Chief Operating Officer"),
    ("Director of Workforce and Organisational Development", "Chief People Officer"),
    ("Company Secretary", "Director of Corporate Affairs"),
    ("Chief Executive Officer", "Chief Executive"),
])
def test_other_executive_roles_have_one_name(title: str, role: str) -> None:
    assert canonical_role(title) == CanonicalRole(role, is_lead=True)


@pytest.mark.parametrize(("title", "role"), [
    ("Deputy Director of Nursing", "Deputy Chief Nurse"),
    ("Deputy Chief Nurse", "Deputy Chief Nurse"),
    ("Assistant Director of Finance", "Deputy Chief Financial Officer"),
    ("Associate Medical Director", "Deputy Medical Director"),
])
def test_a_deputy_of_a_role_is_no_lead(title: str, role: str) -> None:
    assert canonical_role(title) == CanonicalRole(role, is_lead=False)


def test_titles_not_listed_are_their_own_role() -> None:
    assert canonical_role("Head of Midwifery") == CanonicalRole("Head of Midwifery", is_lead=True)
    assert canonical_role("Deputy Head of Midwifery") == CanonicalRole("Deputy Head of Midwifery", is_lead=False)
    assert canonical_role("Acting Divisional Director") == CanonicalRole("Divisional Director", is_lead=True)


@pytest.mark.parametrize("title", [None, "", "   "])
def test_no_title_has_no_role(title: str | None) -> None:
    assert canonical_role(title) is None


@pytest.mark.parametrize(("title", "role"), [
    ("Director of Nursing, Allied Health Professionals and Quality", "Chief Nurse"),
    ("Medical Director and Deputy Chief Executive", "Medical Director"),
    ("Director of Finance and Estates", "Chief Financial Officer"),
    ("Chief Operating Officer & Deputy Chief Executive", "Chief Operating Officer"),
])
def test_a_combined_title_is_the_role_it_names_first(title: str, role: str) -> None:
    assert canonical_role(title) == CanonicalRole(role, is_lead=True)
