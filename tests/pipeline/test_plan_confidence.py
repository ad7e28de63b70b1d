"""Plan confidence: each commitment's and the document's, from evidence; documents that are not
plans (the real negative controls in ../shared/corpus-negative) give "no plan found"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.interpret.context import PlanParts
from pipeline.interpret.document_meta import document_kind
from pipeline.interpret.plan_confidence import PLAN_THRESHOLD, commitment_confidence, plan_confidence
from schemas.plan import Commitment, Due, Indicator, Owner, Target

NEGATIVES = Path(__file__).resolve().parents[3] / "shared" / "corpus-negative"
TRUSTPLANS = Path(sys.executable).with_name("trustplans")


def _action(n: int) -> Commitment:
    return Commitment(text=f"Deliver workstream {n} of the elective recovery programme",
                      owners=[Owner(raw="COO", title="Chief Operating Officer", portfolio="operations")],
                      due=Due(raw="Q2", start=None, end=None), ref=f"1.{n}")


def _description(n: int) -> Commitment:
    return Commitment(text=f"The panel meets {n} times a year and its members are appointed by the board")


def test_a_commitment_with_an_action_an_owner_a_date_and_a_ref_is_sure() -> None:
    assert commitment_confidence(_action(1)) == 1.0
    assert commitment_confidence(_description(1)) < 0.3


def test_owners_and_dates_raise_a_commitment_s_confidence() -> None:
    bare = Commitment(text="Deliver the new ward")
    owned = Commitment(text="Deliver the new ward", owners=[Owner(raw="CEO")])
    assert commitment_confidence(owned) > commitment_confidence(bare)


def test_action_rows_make_a_plan_whatever_the_title() -> None:
    parts = PlanParts(commitments=[_action(n) for n in range(5)])
    assert plan_confidence(parts, "other").is_plan
    assert plan_confidence(parts, "policy").is_plan  # strong content outweighs the title


def test_descriptive_paragraphs_under_a_constitution_title_are_no_plan() -> None:
    parts = PlanParts(commitments=[_description(n) for n in range(20)])
    found = plan_confidence(parts, "constitution")
    assert not found.is_plan
    assert "constitution" in found.reason and "0% have an owner" in found.reason


def test_a_kind_the_caller_gives_counts_as_a_plan() -> None:
    parts = PlanParts(commitments=[_description(n) for n in range(3)])
    assert plan_confidence(parts, "other", kind_given=True).score > plan_confidence(parts, "other").score


def test_measures_with_targets_make_a_plan_of_measures() -> None:
    measures = [Indicator(text=f"Measure {n} below 11%", target=Target(comparator="<", value=11, unit="%"))
                for n in range(4)]
    assert plan_confidence(PlanParts(indicators=measures), "other").score >= PLAN_THRESHOLD


@pytest.mark.parametrize(("title", "cover", "kind"), [
    ("Annual Plan 2024/25", [], "annual_plan"),
    ("NHS Somewhere", ["Integrated Care Board", "CONSTITUTION"], "constitution"),
    ("Standard operating procedures: Individual funding requests", [], "procedure"),
    ("Quality Strategy and Policy", [], "strategy"),  # a plan kind in the title wins
    ("Our commitments", [], "other"),
])
def test_the_kind_comes_from_the_title_then_the_cover(title: str, cover: list[str], kind: str) -> None:
    assert document_kind(title, cover) == kind


@pytest.mark.skipif(not NEGATIVES.is_dir(), reason="../shared/corpus-negative not present")
@pytest.mark.parametrize("name", ["cpicb-2025-constitution.docx", "nhse-2023-ifr-sop.pdf"])
def test_real_documents_that_are_not_plans_give_no_plan_found(name: str) -> None:
    source = NEGATIVES / name
    run = subprocess.run([str(TRUSTPLANS), "extract", str(source),
                          "--format", "json"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 7, run.stderr
    assert run.stdout == ""
    assert "no plan found" in run.stderr and name in run.stderr
