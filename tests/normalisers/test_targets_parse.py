"""parse_target: comparator, value, unit and baseline from indicator text."""

from __future__ import annotations

import pytest

from normalisers.targets import parse_target


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        # WAH
        ("Staff turnover below 11%", "<", 11, "%"),
        ("Vacancy rates below 8%", "<", 8, "%"),
        ("Staff absence (non-COVID) below 4.8%", "<", 4.8, "%"),
        ("Increase diagnostic capacity to a minimum of 120% of pre-pandemic activity", ">=", 120, "%"),
        (
            "Premium staffing costs reduced by 25% from 31st March 2022 baseline by Mar 23",
            "reduce_by",
            25,
            "%",
        ),
        ("25% reduction in follow up appointments", "reduce_by", 25, "%"),
        ("10% reduction in formal employee relations cases", "reduce_by", 10, "%"),
        ("Improvement collaborative delivers at least one shared best practice per year", ">=", 1, "count"),
        ("2 shared roles across place", "=", 2, "count"),
        ("One integrated pathway per division operational by March 23", "=", 1, "count"),
        ("10 kickstart apprentices in place by end March 23", "=", 10, "count"),
        (
            "85% of patients waiting no more than 62 days from urgent referral "
            "to first definitive treatment for cancer",
            "=",
            85,
            "%",
        ),
        ("25% of outpatient appointments are virtual", "=", 25, "%"),
        ("5% of outpatient attendances discharged to Patient Initiated Follow Up", "=", 5, "%"),
        ("100% compliance with Internal Professional Standards by end Mar 23", "=", 100, "%"),
        # Kingsbridge
        ("Zero never events", "=", 0, "count"),
        ("Falls with moderate or severe harm reduced by 20%", "reduce_by", 20, "%"),
        ("Antibiotics within 1 hour for ≥ 90% of patients with red-flag sepsis", ">=", 90, "%"),
        ("Friends and Family Test response rate ≥ 25%", ">=", 25, "%"),
        ("Complaints responded to within 25 working days: 85%", "=", 85, "%"),
        ("100% of inpatient wards accredited at bronze or above", "=", 100, "%"),
        ("RTT 18-week performance ≥ 92%", ">=", 92, "%"),
        ("Zero patients waiting over 65 weeks by March 2024", "=", 0, "count"),
        ("4-hour ED performance ≥ 76% by March 2024", ">=", 76, "%"),
        ("Ambulance handovers over 60 minutes: zero", "=", 0, "count"),
        ("Faster Diagnosis Standard ≥ 75%", ">=", 75, "%"),
        ("62-day backlog reduced to 45 patients", "=", 45, "count"),
        ("Patients waiting over 6 weeks for a diagnostic test < 5%", "<", 5, "%"),
        ("Sickness absence ≤ 4.5%", "<=", 4.5, "%"),
        ("Staff turnover ≤ 12%", "<=", 12, "%"),
        ("Agency spend ≤ 3.7% of the total pay bill", "<=", 3.7, "%"),
        ("BME staff in Band 8a and above increased to 12%", "=", 12, "%"),
        ("£12.4m CIP delivered", "=", 12_400_000, "GBP"),
        ("£14.4m", "=", 14_400_000, "GBP"),
        ("Carbon emissions reduced by 10% against 2019/20", "reduce_by", 10, "%"),
        ("ePMA live on 100% of inpatient wards", "=", 100, "%"),
        # Lakeside
        ("Reduce out-of-area placements to zero by March 2025", "=", 0, "count"),
        ("90% of patients followed up within 72 hours of discharge", "=", 90, "%"),
        ("Use of prone restraint reduced by 50%", "reduce_by", 50, "%"),
        ("At least 75% of people with SMI receive an annual physical health check", ">=", 75, "%"),
        ("Staff survey engagement score above 7.0", ">", 7.0, "count"),
        ("Vacancy rate for registered nurses no higher than 12%", "<=", 12, "%"),
        ("Deliver £6.2m of efficiency savings", "=", 6_200_000, "GBP"),
        ("Agency spend reduced by 30% by March 2025", "reduce_by", 30, "%"),
        # UHB
        ("15% of A&C staff working from home", "=", 15, "%"),
        (
            "Avoid up to a third of face-to-face outpatient attendances "
            "over the next five years (in line with the NHS "
            "long term plan)",
            "reduce_by",
            33.3,
            "%",
        ),
        # more phrasings
        ("a third", "=", 33.3, "%"),
        ("increased to 12%", "=", 12, "%"),
        ("≥ 92%", ">=", 92, "%"),
        ("≤ 4.5%", "<=", 4.5, "%"),
        (">= 95%", ">=", 95, "%"),
        ("Increase staff numbers by 10%", "increase_by", 10, "%"),
        ("10% increase in apprenticeships", "increase_by", 10, "%"),
        ("reduce falls by 15 per cent", "reduce_by", 15, "%"),
        ("£500k recurrent savings", "=", 500_000, "GBP"),
        ("£1.2bn capital programme", "=", 1_200_000_000, "GBP"),
        ("£250,000 invested", "=", 250_000, "GBP"),
        ("95% or more of patients seen", ">=", 95, "%"),
        ("Length of stay of no more than 5 days", "<=", 5, "days"),
        ("Recruit 20 more peer support workers", "increase_by", 20, "count"),
        ("Waiting list cut by 2,000 patients", "reduce_by", 2000, "count"),
    ],
)
def test_parse_target(text: str, comparator: str, value: float, unit: str) -> None:
    target, baseline = parse_target(text)
    assert target is not None
    assert (target.comparator, target.value, target.unit) == (comparator, pytest.approx(value), unit)
    assert baseline is None


@pytest.mark.parametrize(
    ("text", "target", "baseline"),
    [
        (
            "Reduction in length of time taken for HR casework "
            "from 127 days (average number of days to close) to "
            "<100 days",
            ("<", 100, "days"),
            (127, "days"),
        ),
        ("from 127 days to <100 days", ("<", 100, "days"), (127, "days")),
        ("Average length of stay reduced from 6.8 days to 6.0 days", ("=", 6.0, "days"), (6.8, "days")),
        (
            "Average length of stay on adult acute wards reduced from 42 days to 35 days",
            ("=", 35, "days"),
            (42, "days"),
        ),
        ("Uptake increased from 60% to 75%", ("=", 75, "%"), (60, "%")),
    ],
)
def test_parse_target_with_baseline(text: str, target: tuple, baseline: tuple) -> None:
    got_target, got_baseline = parse_target(text)
    assert got_target is not None and got_baseline is not None
    assert (got_target.comparator, got_target.value, got_target.unit) == target
    assert (got_baseline.value, got_baseline.unit) == baseline


@pytest.mark.parametrize(
    "text",
    [
        "Eliminate waits over 104 and 78 weeks",
        "Reduce 52 week waits",
        "Deliver top quartile performance for 21, 14 & 7 day length of stay by Mar 23",
        "Compliance with the 4 priority clinical standards by end Mar 23",
        "Theatres productivity measures of success defined by end June 22",
        "Increase in new apprenticeships from March 2022 baseline by how many???",
        "Reduction in cost per WTE from 31st March 2022 baseline by Mar 23",
        "Successful Section 106 applications yield revenue as part of MTFP",
        "Implement year 1 of the People & Culture Plan 2022 to 2025",
        "Increased contribution to delivering carbon net zero position",
        "Break-even position against the ICS financial plan",
        "DSPT standards met",
        "Every inpatient ward achieves Safewards accreditation",
        "Single access policy across the Trust",
        "Staff in Band 8a",
        "2019/20",
        "by Mar 23",
        "NEWS2 compliance",
        "Open a 24/7 crisis café in each of our three localities",
        "Continued implementation of virtual patient management high impact changes (High Impact Changes 1-4)",
        "Avoidable admissions",
        "",
        "–",
    ],
)
def test_parse_target_none(text: str) -> None:
    assert parse_target(text) == (None, None)


@pytest.mark.parametrize(
    ("text", "target", "baseline"),
    [
        ("Increase to 85% (baseline 75%)", ("=", 85, "%"), (75, "%")),
        ("from a baseline of 75% to 85%", ("=", 85, "%"), (75, "%")),
        ("Baseline: 127 days; target 100 days", ("=", 100, "days"), (127, "days")),
        ("Reduce length of stay to under 5 days", ("<", 5, "days"), None),
        ("5 wards achieving 95% compliance", ("=", 95, "%"), None),
        ("Increase by 5 percentage points", ("increase_by", 5, "%"), None),
        ("Falls per 1,000 bed days below 5", ("<", 5, "count"), None),
        ("No more than 2 never events", ("<=", 2, "count"), None),
        ("Reduce by half", ("reduce_by", 50, "%"), None),
        ("95%+ of staff appraised", (">=", 95, "%"), None),
        ("fewer than 10 incidents", ("<", 10, "count"), None),
        ("Time to hire 40 days", ("=", 40, "days"), None),
    ],
)
def test_parse_target_other_wordings(text: str, target: tuple, baseline: tuple | None) -> None:
    got_target, got_baseline = parse_target(text)
    assert got_target is not None
    assert (got_target.comparator, got_target.value, got_target.unit) == target
    assert ((got_baseline.value, got_baseline.unit) if got_baseline else None) == baseline


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # a measure that starts "No <noun phrase>" is a zero, as "Zero never events" is
        ("No patients waiting over 52 weeks", ("=", 0, "count")),
        ("No patient waits more than 65 weeks", ("=", 0, "count")),
        ("No never events", ("=", 0, "count")),
        ("no never events in 2024/25", ("=", 0, "count")),
        ("No 52-week waits", ("=", 0, "count")),
        ("Zero patients waiting over 65 weeks", ("=", 0, "count")),
        # "No" before a comparison is the comparison
        ("No more than 10 patients waiting over 65 weeks", ("<=", 10, "count")),
        ("No fewer than 5 audits completed", (">=", 5, "count")),
        ("no less than 95% of staff appraised", (">=", 95, "%")),
        ("not less than 90%", (">=", 90, "%")),
        ("no lower than 80%", (">=", 80, "%")),
        ("no higher than 10%", ("<=", 10, "%")),
        # another number with a unit is the target, as after "Zero"
        ("No patients waiting over 52 weeks and 95% seen within 18 weeks", ("=", 95, "%")),
    ],
)
def test_parse_target_leading_no(text: str, target: tuple) -> None:
    got, _ = parse_target(text)
    assert got is not None
    assert (got.comparator, got.value, got.unit) == target


def test_parse_target_leading_no_with_baseline() -> None:
    target, baseline = parse_target("No never events (baseline 3)")
    assert target is not None and baseline is not None
    assert (target.comparator, target.value, target.unit) == ("=", 0, "count")
    assert (baseline.value, baseline.unit) == (3, "count")


@pytest.mark.parametrize(
    "text",
    [
        "No. of patients waiting over 52 weeks",
        "No of complaints responded to",
        "Number of patients waiting over 52 weeks",
        "No longer using paper records in outpatients",
        "No later than March 2025",
        "No change in length of stay",
        "No significant increase in complaints",
        "Nobody left behind",
    ],
)
def test_parse_target_no_that_is_not_zero(text: str) -> None:
    assert parse_target(text) == (None, None)
