"""financial_year_start, plan_period, parse_due, find_due."""

from __future__ import annotations

import datetime as dt

import pytest

from normalisers.dates import financial_year_start, find_due, parse_due, plan_period, quarter_bounds

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021/22", 2021),
        ("2022-23", 2022),
        ("2023–24", 2023),
        ("FY25", 2024),
        ("FY 2025", 2024),
        ("FY24/25", 2024),
        ("UHB 2021/22 Strategy Implementation Plan", 2021),
        ("In 2024/25 we will:", 2024),
        ("throughout 22/23", 2022),
        ("2021/2022", 2021),
        ("Our strategy 2024–2027: summary", 2024),
        ("no year here", None),
        ("24/7 crisis line", None),
        ("31/03/2025", None),
        ("Our 2020 Vision", None),
        ("", None),
    ],
)
def test_financial_year_start(text: str, expected: int | None) -> None:
    assert financial_year_start(text) == expected


@pytest.mark.parametrize(
    ("texts", "label", "start", "end"),
    [
        (["UHB 2021/22 Strategy Implementation Plan"], "2021/22", D(2021, 4, 1), D(2022, 3, 31)),
        (
            [
                "Operational Plan 2023/24",
                "Approved by the Board of Directors on 30 March 2023",
                "This plan covers the period between 1 April 2023 and 31 March 2024.",
            ],
            "2023/24",
            D(2023, 4, 1),
            D(2024, 3, 31),
        ),
        (
            ["Our strategy 2024–2027: summary", "Published April 2024", "from April 2024 to March 2027"],
            "2024–2027",
            D(2024, 4, 1),
            D(2027, 3, 31),
        ),
        (["Our strategy 2023–2028"], "2023–2028", D(2023, 4, 1), D(2028, 3, 31)),
        (
            ["Our strategic objectives, one year goals & improvement priorities in 2022/23"],
            "2022/23",
            D(2022, 4, 1),
            D(2023, 3, 31),
        ),
        (
            ["Annual plan", "Published April 2024", "wah-2022-23-objectives.pdf"],
            "2022-23",
            D(2022, 4, 1),
            D(2023, 3, 31),
        ),
        (["Strategy", "Carbon emissions reduced against 2019/20"], None, None, None),
        (["Improvement Plan", "Date: 20 December 2024"], None, None, None),
        (["Our 2020 Vision"], None, None, None),
        ([], None, None, None),
    ],
)
def test_plan_period(texts: list[str], label: str | None, start: dt.date | None, end: dt.date | None) -> None:
    period = plan_period(texts)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_quarters_are_financial() -> None:
    assert quarter_bounds(2021, 1) == (D(2021, 4, 1), D(2021, 6, 30))
    assert quarter_bounds(2021, 4) == (D(2022, 1, 1), D(2022, 3, 31))


UHB = 2021
WAH = 2022
KINGSBRIDGE = 2023
LAKESIDE = 2024


@pytest.mark.parametrize(
    ("raw", "year", "start", "end"),
    [
        ("Q1-4", UHB, D(2021, 4, 1), D(2022, 3, 31)),
        ("Q1", UHB, D(2021, 4, 1), D(2021, 6, 30)),
        ("Q2", UHB, D(2021, 7, 1), D(2021, 9, 30)),
        ("Q1-2", UHB, D(2021, 4, 1), D(2021, 9, 30)),
        ("Q1-3", UHB, D(2021, 4, 1), D(2021, 12, 31)),
        ("Q1-Q3", UHB, D(2021, 4, 1), D(2021, 12, 31)),
        ("Q1 - Q4", UHB, D(2021, 4, 1), D(2022, 3, 31)),
        ("Q4", UHB, D(2022, 1, 1), D(2022, 3, 31)),
        ("From Q1", UHB, D(2021, 4, 1), None),
        ("Q2 onwards", UHB, D(2021, 7, 1), None),
        ("end Q2", WAH, None, D(2022, 9, 30)),
        ("by Q2", WAH, None, D(2022, 9, 30)),
        ("by end Q2", WAH, None, D(2022, 9, 30)),
        ("by end of Q3", LAKESIDE, None, D(2024, 12, 31)),
        ("by the end of Q3", LAKESIDE, None, D(2024, 12, 31)),
        ("by the end of Q4", LAKESIDE, None, D(2025, 3, 31)),
        ("during Q1", LAKESIDE, D(2024, 4, 1), D(2024, 6, 30)),
        ("from Q2", LAKESIDE, D(2024, 7, 1), None),
        ("H1", UHB, D(2021, 4, 1), D(2021, 9, 30)),
        ("H2", UHB, D(2021, 10, 1), D(2022, 3, 31)),
        ("Q3 2024/25", None, D(2024, 10, 1), D(2024, 12, 31)),
        ("Q2 2023/24", None, D(2023, 7, 1), D(2023, 9, 30)),
        ("Q4 2023/24", UHB, D(2024, 1, 1), D(2024, 3, 31)),  # the printed year wins over the plan's
        ("Q3 24/25", None, D(2024, 10, 1), D(2024, 12, 31)),
        ("Sep-24", None, D(2024, 9, 1), D(2024, 9, 30)),
        ("Mar-24", None, D(2024, 3, 1), D(2024, 3, 31)),
        ("Dec-23", None, D(2023, 12, 1), D(2023, 12, 31)),
        ("31/03/2025", None, D(2025, 3, 31), D(2025, 3, 31)),
        ("01.10.24", None, D(2024, 10, 1), D(2024, 10, 1)),
        ("March 2026", None, D(2026, 3, 1), D(2026, 3, 31)),
        ("by Dec 22", None, None, D(2022, 12, 31)),
        ("by end March 23", None, None, D(2023, 3, 31)),
        ("By end March 23:", None, None, D(2023, 3, 31)),
        ("by 2021", None, None, D(2021, 12, 31)),
        ("from 2021", None, D(2021, 1, 1), None),
        ("from January 2025", None, D(2025, 1, 1), None),
        ("by March 2025", None, None, D(2025, 3, 31)),
        ("by June 2024", None, None, D(2024, 6, 30)),
        ("in July 22", None, D(2022, 7, 1), D(2022, 7, 31)),
        ("Sept 22", None, D(2022, 9, 1), D(2022, 9, 30)),
        ("Throughout 2023/24", None, D(2023, 4, 1), D(2024, 3, 31)),
        ("throughout 22/23", None, D(2022, 4, 1), D(2023, 3, 31)),
        ("2023/24", None, D(2023, 4, 1), D(2024, 3, 31)),
        ("By 30 September 2023", None, None, D(2023, 9, 30)),
        ("By 31 December 2023", None, None, D(2023, 12, 31)),
        ("30th September 2023", None, D(2023, 9, 30), D(2023, 9, 30)),
        ("September 30, 2023", None, D(2023, 9, 30), D(2023, 9, 30)),
        ("April 2024 - March 2025", None, D(2024, 4, 1), D(2025, 3, 31)),
        ("April to June 2024", None, D(2024, 4, 1), D(2024, 6, 30)),
        ("by March", WAH, None, D(2023, 3, 31)),
        ("2024", None, D(2024, 1, 1), D(2024, 12, 31)),
    ],
)
def test_parse_due_bounds(raw: str, year: int | None, start: dt.date | None, end: dt.date | None) -> None:
    due = parse_due(raw, year)
    assert (due.raw, due.start, due.end) == (raw, start, end)


@pytest.mark.parametrize(
    "raw",
    [
        "early 2023",
        "by early 2023",
        "by summer 2024",
        "Ongoing",
        "TBC",
        "Annually",
        "Monthly",
        "as soon as possible",
        "In time",
        "n/a",
        "–",
        "",
        "Q5",
        "32/13/2024",
        "Year 2",
    ],
)
def test_parse_due_keeps_raw_without_bounds(raw: str) -> None:
    due = parse_due(raw, 2022)
    assert (due.raw, due.start, due.end) == (raw, None, None)


def test_parse_due_quarter_without_a_year_has_no_bounds() -> None:
    assert parse_due("Q2", None).start is None


def test_parse_due_cleans_raw() -> None:
    assert parse_due("  By 30\u00a0September\n2023 ", None).raw == "By 30 September 2023"


@pytest.mark.parametrize(
    ("text", "year", "raw", "start", "end"),
    [
        ("All memoranda of understanding agreed by Dec 22", WAH, "by Dec 22", None, D(2022, 12, 31)),
        ("Place-based operating model confirmed by July 22", WAH, "by July 22", None, D(2022, 7, 31)),
        ("Place plan developed with our input by end June 22", WAH, "by end June 22", None, D(2022, 6, 30)),
        (
            "Joint Investment Sub-Committee approval of ASR business case Sept 22",
            WAH,
            "Sept 22",
            D(2022, 9, 1),
            D(2022, 9, 30),
        ),
        (
            "Theatres outline business case submitted to Trust Board by July 22. "
            "NHSE/I approvals timescale to TBC; "
            "FBC submitted to Board Dec 22",
            WAH,
            "by July 22",
            None,
            D(2022, 7, 31),
        ),
        (
            "Quality & Patient Safety Strategy submitted for approval to Board in July 22",
            WAH,
            "in July 22",
            D(2022, 7, 1),
            D(2022, 7, 31),
        ),
        (
            "Reviewed maternity improvement plan monitored throughout 22/23",
            WAH,
            "throughout 22/23",
            D(2022, 4, 1),
            D(2023, 3, 31),
        ),
        (
            "Premium staffing costs reduced by 25% from 31st March 2022 baseline by Mar 23",
            WAH,
            "by Mar 23",
            None,
            D(2023, 3, 31),
        ),
        ("Accountability Framework in place with Divisions by Q2", WAH, "by Q2", None, D(2022, 9, 30)),
        ("Revised business planning approach agreed by end Q2", WAH, "by end Q2", None, D(2022, 9, 30)),
        ("Urgent and Emergency Care new build open by early 2023", WAH, "by early 2023", None, None),
        (
            "Estates Strategy submitted for approval by Sept 22 (depending on Aug F&P meeting)",
            WAH,
            "by Sept 22",
            None,
            D(2022, 9, 30),
        ),
        ("Accreditation achieved by Mar 22", WAH, "by Mar 22", None, D(2022, 3, 31)),
        (
            "Compliance with the 4 priority clinical standards by end Mar 23",
            WAH,
            "by end Mar 23",
            None,
            D(2023, 3, 31),
        ),
        (
            "Zero patients waiting over 65 weeks by March 2024",
            KINGSBRIDGE,
            "by March 2024",
            None,
            D(2024, 3, 31),
        ),
        (
            "Bring people placed out of area back to care closer to home, "
            "opening 12 additional adult acute beds at "
            "the Fernside Unit by the end of Q3",
            LAKESIDE,
            "by the end of Q3",
            None,
            D(2024, 12, 31),
        ),
        (
            "Introduce a single point of access for urgent mental health referrals, "
            "available 24 hours a day, "
            "by March 2025",
            LAKESIDE,
            "by March 2025",
            None,
            D(2025, 3, 31),
        ),
        (
            "Reduce waits for a first appointment, with a new waiting-list support offer from Q2",
            LAKESIDE,
            "from Q2",
            D(2024, 7, 1),
            None,
        ),
        (
            "Launch a sexual safety charter on every inpatient ward during Q1",
            LAKESIDE,
            "during Q1",
            D(2024, 4, 1),
            D(2024, 6, 30),
        ),
        (
            "Introduce flexible rostering for all inpatient nursing teams by summer 2024",
            LAKESIDE,
            "by summer 2024",
            None,
            None,
        ),
        (
            "Start building the new Willowbank inpatient unit from January 2025",
            LAKESIDE,
            "from January 2025",
            D(2025, 1, 1),
            None,
        ),
        (
            "Act on our 2023 staff survey results, with each directorate agreeing its own "
            "improvement plan by June 2024",
            LAKESIDE,
            "by June 2024",
            None,
            D(2024, 6, 30),
        ),
        ("Deliver the new model of care (by 2021)", None, "by 2021", None, D(2021, 12, 31)),
        ("Open new facilities from 2021", None, "from 2021", D(2021, 1, 1), None),
        ("Complete the review by 31/03/2025", None, "by 31/03/2025", None, D(2025, 3, 31)),
    ],
)
def test_find_due(text: str, year: int | None, raw: str, start: dt.date | None, end: dt.date | None) -> None:
    due = find_due(text, year)
    assert due is not None
    assert (due.raw, due.start, due.end) == (raw, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Open a 24/7 crisis café in each of our three localities, run with voluntary sector partners",
        "Recruit 20 more peer support workers with lived experience of mental illness",
        "BME staff in Band 8a and above increased to 12%",
        "Carbon emissions reduced by 10% against 2019/20",
        "Reduce 52 week waits",
        "Eliminate waits over 104 and 78 weeks",
        "Increase in new apprenticeships from March 2022 baseline by how many???",
        "Implement Health & Wellbeing Plan 2022 to 2025 – year 1",
        "We may 22 times",
        "The Trust strategy is being refreshed in 2024",
        "Deliver a £6.2m efficiency programme without reducing front-line capacity",
        "RTT 18-week performance ≥ 92%",
        "",
    ],
)
def test_find_due_ignores_numbers_that_are_not_dates(text: str) -> None:
    assert find_due(text, 2024) is None


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("Quarter 3", D(2024, 10, 1), D(2024, 12, 31)),
        ("Qtr 2", D(2024, 7, 1), D(2024, 9, 30)),
        ("by year end", None, D(2025, 3, 31)),
        ("by the end of the financial year", None, D(2025, 3, 31)),
        ("end of year", D(2025, 3, 31), D(2025, 3, 31)),
        ("during the financial year", D(2024, 4, 1), D(2025, 3, 31)),
        ("end of 2024", None, D(2024, 12, 31)),
        ("31 Mar 25", D(2025, 3, 31), D(2025, 3, 31)),
        ("Sept 2024 – March 2025", D(2024, 9, 1), D(2025, 3, 31)),
        ("April 2024 onwards", D(2024, 4, 1), None),
        ("2024/25 Q2", D(2024, 7, 1), D(2024, 9, 30)),
        ("Q4 FY25", D(2025, 1, 1), D(2025, 3, 31)),
        ("03/2025", D(2025, 3, 1), D(2025, 3, 31)),
    ],
)
def test_parse_due_other_wordings(raw: str, start: dt.date | None, end: dt.date | None) -> None:
    due = parse_due(raw, LAKESIDE)
    assert (due.start, due.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "raw", "start", "end"),
    [
        ("Complete the review by April", "by April", None, D(2024, 4, 30)),
        ("Start from September, then review", "from September", D(2024, 9, 1), None),
        ("Agree the plan by the end of March", "by the end of March", None, D(2025, 3, 31)),
        ("Run the pilot from April to June", "from April to June", D(2024, 4, 1), D(2024, 6, 30)),
        ("Consult between April and June 2025", "between April and June 2025", D(2025, 4, 1), D(2025, 6, 30)),
        ("Winter plan from November to February", "from November to February", D(2024, 11, 1), D(2025, 2, 28)),
        ("Deliver from April 2024 to March 2025", "from April 2024 to March 2025", D(2024, 4, 1), D(2025, 3, 31)),
        ("Review completed by 2025-03-31", "by 2025-03-31", None, D(2025, 3, 31)),
        ("Deliver the plan in Quarter 2", "in Quarter 2", D(2024, 7, 1), D(2024, 9, 30)),
        ("Agreed by the end of 2024/25", "by the end of 2024/25", None, D(2025, 3, 31)),
    ],
)
def test_find_due_other_wordings(text: str, raw: str, start: dt.date | None, end: dt.date | None) -> None:
    due = find_due(text, LAKESIDE)
    assert due is not None
    assert (due.raw, due.start, due.end) == (raw, start, end)


def test_find_due_month_without_year_needs_a_lead_word() -> None:
    assert find_due("April Smith will lead the review", LAKESIDE) is None


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        # a vague due as the date of an inline lead: raw kept, no bounds
        ("Hold a staff listening event in every locality each year (Lead: Chief Executive, ongoing)", "ongoing"),
        ("Review the estate (Lead: Director of Nursing, ongoing)", "ongoing"),
        ("Review the estate (Lead: Director of People and Director of Finance, TBC)", "TBC"),
        ("Review the estate (Owner: CFO; to be confirmed)", "to be confirmed"),
        ("Review the estate (Exec lead: CFO, Ongoing.)", "Ongoing"),
        # or the whole text (the date part of an inline lead, a cell)
        ("ongoing", "ongoing"),
        ("Ongoing", "Ongoing"),
        ("TBC", "TBC"),
    ],
)
def test_find_due_vague(text: str, raw: str) -> None:
    due = find_due(text, 2023)
    assert due is not None
    assert (due.raw, due.start, due.end) == (raw, None, None)


def test_find_due_inline_lead_with_a_date() -> None:
    due = find_due("Move onto one record (Lead: Chief Digital Officer, by March 2026)", 2023)
    assert due is not None
    assert (due.raw, due.start, due.end) == ("by March 2026", None, D(2026, 3, 31))


def test_find_due_first_phrase_wins_over_a_vague_lead() -> None:
    due = find_due("Open the unit in 2024/25 (Lead: COO, ongoing)", 2023)
    assert due is not None
    assert (due.raw, due.start, due.end) == ("in 2024/25", D(2024, 4, 1), D(2025, 3, 31))


@pytest.mark.parametrize(
    "text",
    [
        "Provide ongoing support to carers",  # "ongoing" as an ordinary word
        "Continue our ongoing programme of ward refurbishment",
        "Acute Trust average for time to hire (TBC)/ candidate experience",  # no lead: not a due
        "Review the estate (ongoing)",
        "Work with partners (Lead: Chief Executive)",
    ],
)
def test_find_due_vague_word_elsewhere_is_no_due(text: str) -> None:
    assert find_due(text, 2023) is None
