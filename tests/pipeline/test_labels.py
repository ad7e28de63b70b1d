"""pipeline/labels.py: theme banners, outcome and assurance lines, audience labels, coded
priorities, numbered headings and glossary headings (vocabulary in data/layout.yaml)."""

from __future__ import annotations

import pytest

from pipeline.interpret.labels import (
    assurance_line,
    audience_label,
    is_glossary_heading,
    item_ref,
    numbered_heading,
    objective_code,
    outcome_line,
    ref_from_word,
    theme_banner,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Strategic theme 4: Digital innovation", ("4", "Digital innovation")),
    ("STRATEGIC OBJECTIVE TWO: BEST EXPERIENCE OF CARE", ("2", "BEST EXPERIENCE OF CARE")),
    ("Strategic objective one - Best services for local people", ("1", "Best services for local people")),
    ("Theme III – People", ("3", "People")),
    ("Strategic aim 2. Finance", ("2", "Finance")),
    ("  Pillar 12: Research  ", ("12", "Research")),
])
def test_theme_banner(text: str, expected: tuple[str, str]) -> None:
    assert theme_banner(text) == expected


@pytest.mark.parametrize("text", [
    "Themes are important to us",
    "Theme: people",  # no number
    "Strategic theme 4",  # no title
    "Our strategic theme is quality",
    "1. Quality and safety",
])
def test_not_a_theme_banner(text: str) -> None:
    assert theme_banner(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Outcome: Patients are cared for at home", "Patients are cared for at home"),
    ("OUTCOME: Safe care", "Safe care"),
    ("What this means: shorter waits", "shorter waits"),
])
def test_outcome_line(text: str, expected: str) -> None:
    assert outcome_line(text) == expected


@pytest.mark.parametrize("text", ["Outcome measures", "The outcome: was good",
                                  "Outcomes are reviewed yearly"])
def test_not_an_outcome_line(text: str) -> None:
    assert outcome_line(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Assuring committee: QSC", "QSC"),
    ("Assuring committees: FPC and ARC", "FPC and ARC"),
    ("ASSURANCE GROUP: People Committee", "People Committee"),
    ("Assured by: Board of Directors", "Board of Directors"),
    ("Assurance: PODC", "PODC"),  # any short label: the value names only committees
    ("The committee: QSC", "QSC"),
])
def test_assurance_line(text: str, expected: str) -> None:
    assert assurance_line(text) == expected


@pytest.mark.parametrize("text", ["Assuring committee", "Note: the committee will meet monthly",
                                  "Quality assurance is key", "Lead: Chief Nurse", "Assurance: UEC"])
def test_not_an_assurance_line(text: str) -> None:
    assert assurance_line(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Corporate:", ("Corporate", "")),
    ("Staff", ("Staff", "")),
    ("Staff:", ("Staff", "")),
    ("Patients:", ("Patient", "")),
    ("Patient:", ("Patient", "")),
    ("Patients: Friends and family test", ("Patient", "Friends and family test")),
    ("Colleagues", ("Staff", "")),
])
def test_audience_label(text: str, expected: tuple[str, str]) -> None:
    assert audience_label(text) == expected


@pytest.mark.parametrize("text", ["Staffing levels", "Staff survey results", "Corporate governance review",
                                  "Reduce patient falls"])
def test_not_an_audience_label(text: str) -> None:
    assert audience_label(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("BS1 Work with partners", ("BS1", "Work with partners")),
    ("BS2: develop our role", ("BS2", "develop our role")),
    ("BEC4 - Improve experience", ("BEC4", "Improve experience")),
    ("SO3", ("SO3", "")),
    ("BUR1.2a: drive for financial stability", ("BUR1.2a", "drive for financial stability")),
    ("G1 Reduce avoidable harm", ("G1", "Reduce avoidable harm")),
    ("P2: Care closer to home", ("P2", "Care closer to home")),
])
def test_objective_code(text: str, expected: tuple[str, str]) -> None:
    assert objective_code(text) == expected


@pytest.mark.parametrize("text", [
    "FY23 plan", "COVID19 recovery", "NHS111 service", "Q1 plan", "KPI1: waits", "CQUIN2 delivery",
    "P1.a a sub-item ref", "Bs1 lower case", "BS123 three digits", "Work with partners",
])
def test_not_an_objective_code(text: str) -> None:
    assert objective_code(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("1. Quality and safety", ("1", "Quality and safety")),
    ("2 People", ("2", "People")),
    ("3.1 Recruitment", ("3.1", "Recruitment")),
    ("6) Monitoring and reporting", ("6", "Monitoring and reporting")),
    ("3.2.1: Transform patient flow", ("3.2.1", "Transform patient flow")),
    ("2 - Safer care", ("2", "Safer care")),
])
def test_numbered_heading(text: str, expected: tuple[str, str]) -> None:
    assert numbered_heading(text) == expected


@pytest.mark.parametrize("text", ["Introduction", "2021/22 plan", "1.", "Appendix A: Abbreviations", "2020 \u2013 2030",
                                  "1.5% of staff"])
def test_not_a_numbered_heading(text: str) -> None:
    assert numbered_heading(text) is None


@pytest.mark.parametrize("text", ["Key", "Key:", "Abbreviations", "Appendix A: Abbreviations", "Key to abbreviations",
                                  "Glossary of terms", "Jargon buster", "Annex 2 - Glossary", "ACRONYMS"])
def test_glossary_heading(text: str) -> None:
    assert is_glossary_heading(text)


@pytest.mark.parametrize("text", ["Key indicators", "Key actions", "Terms and conditions",
                                  "Our glossary is below"])
def test_not_a_glossary_heading(text: str) -> None:
    assert not is_glossary_heading(text)


@pytest.mark.parametrize(("word", "ref"), [("two", "2"), ("ONE", "1"), ("IV", "4"), ("ix", "9"), ("3", "3"),
                                           ("12", "12")])
def test_ref_from_word(word: str, ref: str) -> None:
    assert ref_from_word(word) == ref


@pytest.mark.parametrize(("text", "expected"), [
    ("P1.a Launch a flexible working policy", ("P1.a", "Launch a flexible working policy")),
    ("1.2 Implement the plan", ("1.2", "Implement the plan")),
    ("BS1.3 Deliver x", ("BS1.3", "Deliver x")),
    ("2a Open the hub", ("2a", "Open the hub")),
    ("1.1: Develop a leadership programme", ("1.1", "Develop a leadership programme")),
])
def test_item_ref(text: str, expected: tuple[str, str]) -> None:
    assert item_ref(text) == expected


@pytest.mark.parametrize("text", ["2 shared roles across place", "2019/20 baseline", "1. Quality", "Zero never events"])
def test_not_an_item_ref(text: str) -> None:
    assert item_ref(text) is None


def test_theme_banner_with_a_letter_ref() -> None:
    assert theme_banner("Theme A – Safe care") == ("A", "Safe care")
