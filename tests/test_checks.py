"""The readable extract view: where each item was read, and what needs an analyst's look."""

from __future__ import annotations

from rich.console import Console

from pipeline.cli.checks import EXAMPLES, plan_warnings, where
from pipeline.cli.render import render_table
from schemas.plan import Commitment, DocumentInfo, Due, Organisation, Owner, Plan, Provenance

OWNER = [Owner(raw="CN", title="Chief Nurse", portfolio="nursing")]
DUE = Due(raw="Q2 2023/24")


def plan_of(*commitments: Commitment) -> Plan:
    return Plan(document=DocumentInfo(source="plan.pdf", sha256="0" * 64, format="pdf",
                                      organisation=Organisation(name="A Trust")), commitments=list(commitments))


def test_where_is_one_based_page_table_and_row() -> None:
    assert where(Provenance(page=3, table=1, row=4, col=2)) == "p.3, table 2 row 5"
    assert where(Provenance(page=7)) == "p.7"
    assert where(None) == ""


def test_warnings_name_the_kind_of_problem_and_where() -> None:
    plan = plan_of(
        Commitment(ref="1.1", text="Open the new ward", owners=OWNER, due=DUE),
        Commitment(ref="1.2", text="Open the new ward", due=DUE, provenance=Provenance(page=2, table=0, row=3)),
        Commitment(ref="1.3", text="Recruit nurses and", owners=OWNER, due=DUE),
        Commitment(ref="1.4", text="Reduce falls", owners=OWNER, provenance=Provenance(page=5, confidence=41.0)),
    )
    assert plan_warnings(plan) == [
        "1 commitments without an owner: 1.2 (p.2, table 1 row 4)",
        "1 commitments without a due date: 1.4 (p.5)",
        "1 commitments ending mid-sentence: 1.3",
        "1 commitments read by OCR with confidence below 60: 1.4 (p.5)",
    ]
    assert plan_warnings(plan_of(Commitment(ref="1", text="Open the ward", owners=OWNER, due=DUE))) == []


def test_many_of_one_kind_are_counted_not_all_listed() -> None:
    plan = plan_of(*(Commitment(ref=f"{n}", text="Open a ward", owners=OWNER) for n in range(EXAMPLES + 3)))
    [warning] = plan_warnings(plan)
    assert warning.startswith(f"{EXAMPLES + 3} commitments without a due date: 0; 1;")
    assert warning.endswith("(+3 more)")


def test_the_view_shows_where_and_what_needs_a_look() -> None:
    plan = plan_of(Commitment(ref="1.2", text="Open the new ward", provenance=Provenance(page=2, table=0, row=3)))
    console = Console(record=True, width=200, color_system=None)
    render_table(plan, console)
    shown = console.export_text()
    assert "p.2, table 1 row 4" in shown
    assert "Needs a look" in shown and "1 commitments without an owner: 1.2" in shown


def test_a_plan_read_only_just_and_doubtful_commitments_need_a_look() -> None:
    plan = plan_of(Commitment(ref="1", text="Open the ward", owners=OWNER, due=DUE, confidence=0.9),
                   Commitment(ref="2", text="Our hospitals serve 500,000 people", owners=OWNER, due=DUE,
                              confidence=0.3))
    plan.document.plan_confidence = 0.52
    assert plan_warnings(plan) == [
        "plan confidence 0.52: this reads as a plan only just; check that it is one",
        "1 commitments read with confidence below 0.5 (context rather than commitments?): 2",
    ]
    plan.document.plan_confidence = 0.8
    assert plan_warnings(plan)[0].startswith("1 commitments read with confidence")
