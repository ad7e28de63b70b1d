"""Group labels inside a measures part of a prose plan (pipeline/interpret/prose_sections.py
`_groups_measures`): under a bold measures label line, only a heading below the heading that
holds the label groups the measures ("Patients"); a heading at the objective's level is the next
objective, never an audience. The table stage's rule is tested in test_measures_sections.py."""

from __future__ import annotations

from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.prose import interpret_prose
from schemas.document import Block, Document
from tests.builders import document, heading, list_block, para

STAFF = "Recruit and retain our staff"
FLOW = "Improve patient flow"
OFFER = "Launch a flexible working offer for every ward"
LOUNGE = "Open a discharge lounge at the main hospital"
TURNOVER = "Staff turnover below 10%"


def read(doc: Document) -> PlanParts:
    return interpret_prose(doc, Context(source=doc.source, year_start=2024))


def two_objectives(*measures: Block) -> Document:
    """Two objective headings (level 2) under a title, the first ending in a bold measures label."""
    return document(
        heading("Annual plan 2024/25", 1),
        heading(STAFF, 2), para("We will:"), list_block(OFFER),
        para("Measures", bold=True), *measures,
        heading(FLOW, 2), para("We will:"), list_block(LOUNGE),
    )


def test_objective_heading_after_a_measures_label_is_the_next_objective() -> None:
    parts = read(two_objectives(list_block(TURNOVER)))
    refs = {o.title: o.ref for o in parts.objectives}
    assert list(refs) == [STAFF, FLOW] and refs[STAFF] != refs[FLOW]
    assert [(c.objective_ref, c.text) for c in parts.commitments] == [(refs[STAFF], OFFER), (refs[FLOW], LOUNGE)]
    assert [(i.objective_ref, i.text) for i in parts.indicators] == [(refs[STAFF], TURNOVER)]


def test_heading_below_the_objective_under_a_measures_label_is_the_audience() -> None:
    parts = read(two_objectives(heading("Patients", 3), list_block("Fewer missed appointments this year")))
    refs = {o.title: o.ref for o in parts.objectives}
    assert list(refs) == [STAFF, FLOW]
    assert [(i.objective_ref, i.audience, i.text) for i in parts.indicators] == [
        (refs[STAFF], "Patient", "Fewer missed appointments this year")]
    assert [c.objective_ref for c in parts.commitments] == [refs[STAFF], refs[FLOW]]


def test_heading_at_the_objective_s_level_under_a_measures_label_is_no_audience() -> None:
    parts = read(two_objectives(heading("Patients", 2), list_block("Fewer missed appointments this year")))
    assert all(i.audience != "Patient" for i in parts.indicators)
    refs = {o.title: o.ref for o in parts.objectives}
    assert STAFF in refs and FLOW in refs
    assert (refs[FLOW], LOUNGE) in [(c.objective_ref, c.text) for c in parts.commitments]
