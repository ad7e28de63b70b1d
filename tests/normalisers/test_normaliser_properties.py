"""Properties that hold for any text: no normaliser raises, date bounds are ordered and sane."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalisers.assurance import glossary_kind, normalise_assurance
from normalisers.dates import financial_year_start, find_due, parse_due, plan_period
from normalisers.organisations import resolve_organisation
from normalisers.owners import normalise_owners, split_owner_cell
from normalisers.targets import parse_target
from normalisers.text import clean_text, repair_ocr

SANE_FIRST, SANE_LAST = dt.date(1990, 1, 1), dt.date(2060, 12, 31)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the pieces date, owner and target phrases are built from, plus anything at all.
WORDS = st.sampled_from(
    [
        "by",
        "from",
        "end",
        "of",
        "the",
        "during",
        "throughout",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Q1-4",
        "H1",
        "H2",
        "FY25",
        "2021/22",
        "22/23",
        "2023-24",
        "2024–2027",
        "Mar-24",
        "Dec",
        "Sept",
        "March",
        "2021",
        "2025",
        "23",
        "24",
        "31",
        "31/03/2025",
        "0/0/0000",
        "99/99/9999",
        "early",
        "summer",
        "to",
        "-",
        "/",
        "&",
        "and",
        ",",
        ":",
        "(",
        ")",
        "Deputy:",
        "CFO",
        "COO",
        "DDs",
        "Chief",
        "Officer",
        "Director",
        "of",
        "Finance",
        "Mr",
        "A.",
        "Board",
        "Committee",
        "≥",
        "≤",
        "<",
        ">",
        "%",
        "£",
        "12.4m",
        "zero",
        "a third",
        "reduced",
        "by",
        "days",
        "weeks",
        "1",
        "100",
        "6.8",
        "at least",
        "NHS",
        "Foundation",
        "Trust",
        "соо",
        "Irust",
        "\u00a0",
        "\n",
        "",
        "9999",
        "0000",
    ]
)
PHRASES = st.lists(WORDS, max_size=12).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=80), PHRASES)
YEARS = st.one_of(st.none(), st.integers(min_value=1990, max_value=2059))


def _check_bounds(start: dt.date | None, end: dt.date | None) -> None:
    for day in (start, end):
        assert day is None or SANE_FIRST <= day <= SANE_LAST
    if start is not None and end is not None:
        assert start <= end


@PROPERTY
@given(ANY_TEXT, YEARS)
def test_parse_due_bounds_are_ordered_and_sane(text: str, year: int | None) -> None:
    due = parse_due(text, year)
    assert due.raw == clean_text(text)
    _check_bounds(due.start, due.end)


@PROPERTY
@given(ANY_TEXT, YEARS)
def test_find_due_bounds_are_ordered_and_sane(text: str, year: int | None) -> None:
    due = find_due(text, year)
    if due is not None:
        assert due.raw
        _check_bounds(due.start, due.end)


@PROPERTY
@given(st.lists(ANY_TEXT, max_size=4))
def test_plan_period_is_ordered_and_sane(texts: list[str]) -> None:
    period = plan_period(texts)
    _check_bounds(period.start, period.end)
    assert (period.start is None) == (period.end is None)


@PROPERTY
@given(ANY_TEXT)
def test_financial_year_start_is_sane(text: str) -> None:
    year = financial_year_start(text)
    assert year is None or 1990 <= year <= 2060


@PROPERTY
@given(st.lists(ANY_TEXT, max_size=5), st.dictionaries(PHRASES, ANY_TEXT, max_size=3))
def test_owner_and_assurance_normalisers_never_raise(lines: list[str], glossary: dict[str, str]) -> None:
    raws = split_owner_cell(lines, glossary)
    owners = normalise_owners(lines, glossary)
    assert all(o.raw for o in owners)
    assert all(r for r in raws)
    assert all(a.raw for a in normalise_assurance(lines, glossary))


@PROPERTY
@given(ANY_TEXT, ANY_TEXT)
def test_glossary_kind_is_one_of_three(abbreviation: str, expansion: str) -> None:
    assert glossary_kind(abbreviation, expansion) in {"owner", "group", "other"}


@PROPERTY
@given(ANY_TEXT)
def test_parse_target_never_raises(text: str) -> None:
    target, baseline = parse_target(text)
    assert baseline is None or target is not None


@PROPERTY
@given(st.lists(ANY_TEXT, max_size=4))
def test_resolve_organisation_never_raises(texts: list[str]) -> None:
    found = resolve_organisation(texts)
    assert found is None or found.name


@PROPERTY
@given(ANY_TEXT)
def test_text_functions_are_idempotent(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)
    assert repair_ocr(repair_ocr(text)) == repair_ocr(text)


LONG_TEXTS = [
    " and ".join(["CFO"] * 800),
    ", ".join(["1"] * 1500) + " weeks",
    "by Q1 2021/22 from Mar 22 to " * 200,
    "Chief Operating Officer / " * 300,
    "Quality Committee Board of Directors " * 300,
    "NHS " + "Kingsbridge and " * 500 + "NHS Trust",
]


@pytest.mark.parametrize("text", LONG_TEXTS)
def test_long_texts_finish_without_raising(text: str) -> None:
    parse_due(text, 2022)
    find_due(text, 2022)
    plan_period([text])
    parse_target(text)
    normalise_owners([text], {})
    normalise_assurance([text], {})
    glossary_kind("X", text)
    resolve_organisation([text])
