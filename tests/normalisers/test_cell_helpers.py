"""The normalisers' yes/no helpers that column and prose evidence rests on: an owner printed
after an item, a cell that names only roles, a cell that is only a date, a committee's name."""

from __future__ import annotations

import pytest

from normalisers.assurance import names_a_group
from normalisers.dates import is_date_text
from normalisers.owners import names_roles, trailing_owner

PCN_GLOSSARY = {"PCNs": "Primary care networks"}


# =========================================================================== trailing_owner


@pytest.mark.parametrize(("text", "owner"), [
    ("Develop LED lighting across the estate [Jane Chen, Director of Estates and Facilities]",
     "Jane Chen, Director of Estates and Facilities"),
    ("Open the discharge lounge (COO)", "COO"),
    ("Open the discharge lounge (CFO / COO).", "CFO / COO"),
    ("Open the discharge lounge \u2013 COO", "COO"),
    ("Cut business mileage - Chief Financial Officer", "Chief Financial Officer"),
])
def test_trailing_owner_after_an_item(text: str, owner: str) -> None:
    assert trailing_owner(text, {}) == owner


@pytest.mark.parametrize("text", [
    "Review the estates strategy (including the annex)",
    "Open the discharge lounge - in winter",
    "Open the discharge lounge [phase 2]",
    "Develop LED lighting across the estate",
    "Work with our partners (PCNs)",
])
def test_no_trailing_owner_where_the_tail_names_no_role(text: str) -> None:
    assert trailing_owner(text, PCN_GLOSSARY) is None


# =========================================================================== names_roles


@pytest.mark.parametrize("text", ["CFO / COO", "Jane Smith, Chief Nurse", "Chief Operating Officer",
                                  "Director of Estates and Facilities"])
def test_names_roles(text: str) -> None:
    assert names_roles(text, {}) is True


@pytest.mark.parametrize(("text", "glossary"), [
    ("PCNs", PCN_GLOSSARY),  # an acronym the document's key spells out as no role
    ("Deliver the new ward", {}),
    ("including the annex", {}),
    ("Finance Committee", {}),
])
def test_names_no_roles(text: str, glossary: dict[str, str]) -> None:
    assert names_roles(text, glossary) is False


# =========================================================================== is_date_text


@pytest.mark.parametrize("text", ["Q2", "by Dec 25", "Ongoing", "TBC", "2025/26", "March 2025", "31/03/2025"])
def test_is_date_text(text: str) -> None:
    assert is_date_text(text, 2024) is True


@pytest.mark.parametrize("text", ["by Dec 25", "Ongoing", "2025/26"])
def test_is_date_text_without_a_plan_year(text: str) -> None:
    assert is_date_text(text) is True


@pytest.mark.parametrize("text", ["Deliver the ward", "Finance Committee", "Chief Nurse", "",
                                  "Open the new ward by December 2025 with partners across the system"])
def test_is_not_date_text(text: str) -> None:
    assert is_date_text(text, 2024) is False


# =========================================================================== names_a_group


@pytest.mark.parametrize("text", ["Quality Committee", "Finance and Performance Committee", "Board of Directors",
                                  "Committees in Common"])
def test_names_a_group(text: str) -> None:
    assert names_a_group(text) is True


@pytest.mark.parametrize("text", ["Chief Nurse", "Deliver the ward", "by Dec 25"])
def test_names_no_group(text: str) -> None:
    assert names_a_group(text) is False
