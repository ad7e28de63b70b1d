"""Research questions answered by SQL over the loaded corpus (current documents), checked
against answers worked out from the gold plan JSON."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import Engine

from pipeline.store.load import load_plan
from pipeline.store.query import run_query
from schemas.plan import Plan
from tests.db.dbsupport import document_plans, gold_plans, reader_url

TIMEOUT_S = 30.0


def current_gold() -> list[Plan]:
    """The plans current once the corpus is loaded in order: one per document (the Word and
    PDF copies of a plan are one document, two renditions)."""
    return [plan for _, plan in document_plans()]


@pytest.fixture
def corpus_url(engine: Engine) -> str:
    for path, plan in gold_plans():
        load_plan(engine, plan, source=str(path))
    return reader_url(engine)


@pytest.mark.parametrize("year", [2021, 2023, 2024])
def test_nursing_commitments_due_in_a_financial_year_across_trusts(corpus_url: str, year: int) -> None:
    start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    result = run_query(f"""
        SELECT d.organisation_name, c.text, due.end_date
        FROM commitments c
        JOIN documents d ON d.id = c.document_id AND d.superseded_by_id IS NULL
        JOIN due_dates due ON due.id = c.due_id
        WHERE due.end_date BETWEEN '{start}' AND '{end}'
          AND EXISTS (SELECT 1 FROM commitment_owners co JOIN owners o ON o.id = co.owner_id
                      WHERE co.commitment_id = c.id AND o.portfolio = 'nursing')
        ORDER BY d.organisation_name, c.position""", corpus_url, TIMEOUT_S)
    expected = sorted(
        (plan.document.organisation.name, c.text, c.due.end)
        for plan in current_gold() for c in plan.commitments
        if any(o.portfolio == "nursing" for o in c.owners) and c.due and c.due.end
        and start <= c.due.end <= end)
    found = sorted((trust, text, dt.date.fromisoformat(str(due))) for trust, text, due in result.rows)
    assert expected
    assert found == expected


def test_trusts_with_a_staff_turnover_target_and_its_value(corpus_url: str) -> None:
    result = run_query("""
        SELECT trust, target_comparator, target_value, target_unit FROM v_indicators
        WHERE is_current AND lower(indicator) LIKE '%turnover%' AND target_value IS NOT NULL
        ORDER BY trust""", corpus_url, TIMEOUT_S)
    assert result.columns == ["trust", "target_comparator", "target_value", "target_unit"]
    assert result.rows == [
        ("Kingsbridge and District Hospitals NHS Foundation Trust", "<=", 12.0, "%"),
        ("Lakeside Mental Health NHS Foundation Trust", "<", 10.0, "%"),
        ("Worcestershire Acute Hospitals NHS Trust", "<", 11.0, "%"),
    ]


def test_commitments_per_portfolio_per_trust(corpus_url: str) -> None:
    result = run_query("SELECT ods_code, trust, plan_year, portfolio, commitments FROM v_portfolio_by_trust",
                       corpus_url, TIMEOUT_S)
    found = {(code or trust, year, portfolio): count for code, trust, year, portfolio, count in result.rows}
    expected: Counter[tuple] = Counter()
    for plan in current_gold():
        doc = plan.document
        for commitment in plan.commitments:
            for portfolio in {o.portfolio for o in commitment.owners} or {None}:
                expected[(doc.organisation.code or doc.organisation.name,
                          doc.period.label if doc.period else None, portfolio)] += 1
    assert found == dict(expected)
    assert found[("RRK", "2021/22", "nursing")] == 5
