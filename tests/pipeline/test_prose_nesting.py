"""pipeline/interpret/prose.py: one unnumbered heading over every item groups nothing; themes
are the level right above objectives (labels of either level stripped from titles); an owner
printed after a bullet is that commitment's owner; group labels over measures are audiences."""

from __future__ import annotations

import pytest

from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.prose import interpret_prose
from schemas.document import Document
from tests.builders import document, heading, list_block, para


def read(doc: Document, year_start: int | None = None) -> PlanParts:
    return interpret_prose(doc, Context(source=doc.source, year_start=year_start))


# =========================================================================== one heading over every item


def test_one_unnumbered_heading_over_every_bullet_gives_commitments_without_an_objective() -> None:
    parts = read(document(
        heading("Annual plan 2024/25", 1),
        para("This plan sets out the work we will do this year."),
        heading("Our objectives", 2),
        list_block("Open a new urgent treatment centre at the General Hospital"),
        list_block("Recruit 100 more nurses to our adult wards"),
    ))
    assert parts.objectives == []
    assert parts.themes == []
    assert [(c.objective_ref, c.text) for c in parts.commitments] == [
        (None, "Open a new urgent treatment centre at the General Hospital"),
        (None, "Recruit 100 more nurses to our adult wards"),
    ]


def test_two_unnumbered_headings_over_bullets_are_still_objectives() -> None:
    parts = read(document(
        heading("Annual plan 2024/25", 1),
        para("This plan sets out the work we will do this year."),
        heading("Urgent care", 2),
        list_block("Open a new urgent treatment centre at the General Hospital"),
        heading("Our people", 2),
        list_block("Recruit 100 more nurses to our adult wards"),
    ))
    assert [(o.ref, o.title) for o in parts.objectives] == [("1", "Urgent care"), ("2", "Our people")]
    assert [c.objective_ref for c in parts.commitments] == ["1", "2"]


# =========================================================================== themes right above objectives


def digital_plan() -> Document:
    return document(
        heading("Annual plan 2024/25", 1),
        heading("What we will deliver", 2),
        heading("Priority 1 - Digital and data", 3),
        heading("Objective 1.1 - Use data to improve care", 4),
        para("What we will do:"),
        list_block("Launch a shared care record with our partners"),
        list_block("Publish ward dashboards every month"),
        heading("Objective 1.2 - Give patients online access", 4),
        para("What we will do:"),
        list_block("Let patients book appointments through the NHS App"),
        heading("Priority 2 - Our people", 3),
        heading("Objective 2.1 - Retain our nurses", 4),
        para("What we will do:"),
        list_block("Introduce flexible rostering on every ward"),
    )


@pytest.fixture(scope="module")
def digital() -> PlanParts:
    return read(digital_plan())


def test_themes_are_the_level_right_above_objectives_with_their_label_stripped(digital: PlanParts) -> None:
    assert [(t.ref, t.title) for t in digital.themes] == [("1", "Digital and data"), ("2", "Our people")]
    assert "What we will deliver" not in [t.title for t in digital.themes]


def test_objectives_keep_printed_refs_and_lose_their_label(digital: PlanParts) -> None:
    assert [(o.ref, o.theme_ref, o.title) for o in digital.objectives] == [
        ("1.1", "1", "Use data to improve care"),
        ("1.2", "1", "Give patients online access"),
        ("2.1", "2", "Retain our nurses"),
    ]


def test_what_we_will_do_bullets_are_the_objective_s_commitments(digital: PlanParts) -> None:
    assert [(c.objective_ref, c.text) for c in digital.commitments] == [
        ("1.1", "Launch a shared care record with our partners"),
        ("1.1", "Publish ward dashboards every month"),
        ("1.2", "Let patients book appointments through the NHS App"),
        ("2.1", "Introduce flexible rostering on every ward"),
    ]


# =========================================================================== trailing owners


def green_plan() -> Document:
    return document(
        heading("Green plan 2024/25", 1),
        heading("Sustainable estates", 2),
        list_block("Develop LED lighting across the estate [Jane Chen, Director of Estates and Facilities]"),
        list_block("Review the travel plan for all sites (including the annex)"),
        heading("Travel", 2),
        list_block("Cut business mileage by 10% \u2013 CFO"),
    )


def test_bracketed_name_and_role_after_a_bullet_is_its_owner_and_the_text_is_kept_whole() -> None:
    first = read(green_plan()).commitments[0]
    assert first.text == "Develop LED lighting across the estate [Jane Chen, Director of Estates and Facilities]"
    assert [(o.raw, o.title, o.portfolio) for o in first.owners] == [
        ("Jane Chen, Director of Estates and Facilities", "Director of Estates and Facilities", "estates")]


def test_bracketed_words_that_name_no_role_are_no_owner() -> None:
    second = read(green_plan()).commitments[1]
    assert second.text == "Review the travel plan for all sites (including the annex)"
    assert second.owners == []


def test_role_after_a_dash_is_the_bullet_s_owner() -> None:
    third = read(green_plan()).commitments[2]
    assert third.text == "Cut business mileage by 10% \u2013 CFO"
    assert [(o.raw, o.portfolio) for o in third.owners] == [("CFO", "finance")]


# =========================================================================== measures with group labels


def test_group_labels_over_measures_set_their_audience() -> None:
    parts = read(document(
        heading("Annual plan 2024/25", 1),
        heading("Better care for frail patients", 2),
        list_block("Open a ward for frail older patients at the General Hospital"),
        para("What success looks like"),
        para("Patients"),
        list_block("Fewer falls on our wards"),
        para("Our people"),
        list_block("Better staff survey scores in the frailty team"),
    ))
    assert [(i.audience, i.text) for i in parts.indicators] == [
        ("Patient", "Fewer falls on our wards"),
        ("Our people", "Better staff survey scores in the frailty team"),
    ]
    assert [c.text for c in parts.commitments] == ["Open a ward for frail older patients at the General Hospital"]
