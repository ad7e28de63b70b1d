"""Multi-year plans: a label that names only a financial year ("2026/27", "Year 2 (2025/26)")
dates the quarters and months of the items under it, in prose (a bold line over a list) and in
tables (a banner row across the table), and is neither an objective nor a commitment
(normalisers.dates.year_label, pipeline/interpret/prose.py, pipeline/interpret/table_plan.py).
A page whose only heading holds one list of actions is read too, and the measures after a plan
table with no objectives belong to the plan as a whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.registry import read_document
from normalisers.dates import year_label
from pipeline.interpret.interpreter import interpret
from schemas.errors import NoPlanFound
from schemas.plan import Plan


def _read(tmp_path: Path, body: str) -> Plan:
    path = tmp_path / "plan.html"
    path.write_text(f"<!DOCTYPE html><html lang='en-GB'><head><title>Plan</title></head><body><main>{body}</main>"
                    "</body></html>", encoding="utf-8")
    return interpret(read_document(path))


def _due_ends(plan: Plan) -> dict[str, str | None]:
    return {c.text.split(" (")[0]: (c.due.end.isoformat() if c.due and c.due.end else None) for c in plan.commitments}


@pytest.mark.parametrize(("text", "year"), [("2025/26", 2025), ("Year 2 (2025/26)", 2025), ("In 2026/27:", 2026),
                                            ("Year three: 2026/27", 2026), ("FY25", 2024)])
def test_a_label_naming_only_a_year_gives_its_first_year(text: str, year: int) -> None:
    assert year_label(text) == year


@pytest.mark.parametrize("text", ["In 2025/26 we will:", "Deliver the plan by 2025/26", "2024-2027",
                                  "2025/26 and 2026/27", "Quality and safety"])
def test_anything_more_than_a_year_is_no_year_label(text: str) -> None:
    assert year_label(text) is None


def test_a_bold_year_line_dates_the_quarters_of_the_list_below_it(tmp_path: Path) -> None:
    plan = _read(tmp_path, """
        <h1>Kingsbridge NHS Trust Clinical Strategy 2024-2027</h1>
        <h2>1. Safer care</h2>
        <p><strong>2024/25</strong></p>
        <ul><li>Open a new discharge lounge by Q3 (Chief Operating Officer)</li></ul>
        <p><strong>2026/27</strong></p>
        <ul><li>Launch a leadership programme by Q4 (Chief People Officer)</li></ul>""")
    assert _due_ends(plan) == {"Open a new discharge lounge by Q3": "2024-12-31",
                               "Launch a leadership programme by Q4": "2027-03-31"}
    assert [o.title for o in plan.objectives] == ["Safer care"]


def test_year_banner_rows_date_the_table_rows_below_them_and_are_no_objectives(tmp_path: Path) -> None:
    plan = _read(tmp_path, """
        <h1>Kingsbridge NHS Trust Strategy 2024-2027</h1>
        <h2>Safer care</h2>
        <table><tr><th>Action</th><th>Lead</th><th>By</th></tr>
        <tr><td colspan="3">2025/26</td></tr>
        <tr><td>Reduce agency spend across all wards</td><td>CFO</td><td>Q1</td></tr>
        <tr><td colspan="3">Year 3 (2026/27)</td></tr>
        <tr><td>Open a staff housing scheme near the main site</td><td>CPO</td><td>Q3</td></tr>
        </table>""")
    assert _due_ends(plan) == {"Reduce agency spend across all wards": "2025-06-30",
                               "Open a staff housing scheme near the main site": "2026-12-31"}
    assert all("20" not in o.title for o in plan.objectives)


def test_one_heading_over_one_list_of_actions_is_a_plan(tmp_path: Path) -> None:
    plan = _read(tmp_path, """
        <h2>Our objectives</h2>
        <p>Walsall Healthcare NHS Trust will deliver these in 2024/25.</p>
        <ul><li>Reduce waiting times for planned care by March 2025 (Chief Operating Officer)</li>
        <li>Open a new discharge lounge by Q3 (Director of Nursing)</li>
        <li>Recruit 50 international nurses by Q2 (Chief People Officer)</li></ul>""")
    assert len(plan.commitments) == 3
    assert [o.title for o in plan.commitments[0].owners] == ["Chief Operating Officer"]


def test_a_list_of_statements_under_one_heading_is_no_plan(tmp_path: Path) -> None:
    with pytest.raises(NoPlanFound):
        _read(tmp_path, """
            <h2>About us</h2>
            <ul><li>Our hospitals serve 400,000 people</li><li>We employ 6,000 staff</li>
            <li>The trust was founded in 1948</li></ul>""")


def test_measures_after_a_plan_table_with_no_objectives_belong_to_the_plan(tmp_path: Path) -> None:
    plan = _read(tmp_path, """
        <h1>Annual plan 2024/25</h1>
        <table><tr><th>Action</th><th>Lead</th><th>By</th></tr>
        <tr><td>Reduce agency spend across all wards</td><td>CFO</td><td>Q1</td></tr>
        <tr><td>Open a staff housing scheme near the main site</td><td>CPO</td><td>Q3</td></tr></table>
        <h2>How we will measure success</h2>
        <ul><li>Agency spend below 3.2% of the pay bill</li><li>Staff turnover below 11%</li></ul>""")
    assert plan.objectives == []
    assert [(i.text, i.objective_ref) for i in plan.indicators] == [
        ("Agency spend below 3.2% of the pay bill", None), ("Staff turnover below 11%", None)]
