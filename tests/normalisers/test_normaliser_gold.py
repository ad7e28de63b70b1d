"""The dev corpus gold (../shared/corpus/*/gold.json): every indicator's target and every due date.

Skipped where the shared corpus is not beside the project. The same checks are spelled out as
unit tests in the other files; this one catches a drift against the annotation as a whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalisers.assurance import glossary_kind
from normalisers.dates import financial_year_start, find_due, parse_due, plan_period
from normalisers.targets import parse_target

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GOLD = sorted(CORPUS.glob("*/gold.json")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not GOLD, reason="shared corpus not available")


def _gold() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in GOLD]


def _year(gold: dict) -> int | None:
    label = gold["document"]["period"]["label"]
    return financial_year_start(label) if label else None


def _number(value: float | int) -> float:
    return round(float(value), 3)


def _as_tuple(item: dict | None) -> tuple | None:
    return tuple(_number(v) if isinstance(v, int | float) else v for v in item.values()) if item else None


def test_targets_match_gold() -> None:
    misses = []
    for gold in _gold():
        for indicator in gold["indicators"]:
            target, baseline = parse_target(indicator["text"])
            got = (
                _as_tuple(target.model_dump()) if target else None,
                _as_tuple(baseline.model_dump()) if baseline else None,
            )
            if got != (_as_tuple(indicator["target"]), _as_tuple(indicator["baseline"])):
                misses.append((indicator["text"], got))
    assert misses == []


def test_commitment_due_cells_match_gold() -> None:
    for gold in _gold():
        for commitment in gold["commitments"]:
            if commitment["due"]:
                due = parse_due(commitment["due"]["raw"], _year(gold))
                assert due.model_dump(mode="json") == commitment["due"]


def test_indicator_dates_in_text_match_gold() -> None:
    for gold in _gold():
        for indicator in gold["indicators"]:
            due = find_due(indicator["text"], _year(gold))
            expected = indicator["due"]
            if due is None and expected and expected["raw"].lower() not in indicator["text"].lower():
                continue  # the date is a lead-in line above the measure ("By March 23:")
            assert (due.model_dump(mode="json") if due else None) == expected, indicator["text"]


def test_periods_from_titles_match_gold() -> None:
    for gold in _gold():
        period = plan_period([gold["document"]["title"] or ""])
        if gold["document"]["period"]["label"]:
            assert period.model_dump(mode="json") == gold["document"]["period"]


def test_glossary_kinds_match_gold() -> None:
    for gold in _gold():
        for entry in gold["glossary"]:
            assert glossary_kind(entry["abbreviation"], entry["expansion"]) == entry["kind"], entry
