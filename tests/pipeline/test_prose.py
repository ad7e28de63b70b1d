"""The prose stage on documents the tests build: labelled sections, "We will" lists, inline
leads and dates, measures tables, strategy pages with priority leads, workstream pages and
narrative pages that state little."""

from __future__ import annotations

import datetime as dt

from pipeline.interpret.context import Context
from pipeline.interpret.prose import interpret_prose
from schemas.document import Block, BlockKind, Document
from tests.builders import cell, document, header_cells, heading, list_block, para, table

AHP = {"AHP": "Allied health professional"}


def read(doc: Document, year_start: int | None = None, glossary: dict[str, str] | None = None):
    return interpret_prose(doc, Context(source=doc.source, glossary=glossary or {}, year_start=year_start))


def test_labelled_headings_give_printed_refs_and_themes_hold_their_objectives() -> None:
    parts = read(document(
        heading("Our plan for 2025/26", 1),
        heading("Theme 1: Quality and safety", 2),
        heading("Ambition 1: Safer care", 3),
        list_block("Introduce the new patient safety framework on every ward"),
        heading("Ambition 2 - Better outcomes", 3),
        list_block("Cut avoidable deaths from sepsis across all our hospitals"),
        heading("Theme 2: Our people", 2),
        heading("Ambition 3: A great place to work", 3),
        list_block("Launch a leadership programme for all new ward managers"),
    ))
    assert [(t.ref, t.title) for t in parts.themes] == [("1", "Quality and safety"), ("2", "Our people")]
    assert [(o.ref, o.theme_ref, o.title) for o in parts.objectives] == [
        ("1", "1", "Safer care"), ("2", "1", "Better outcomes"), ("3", "2", "A great place to work")]
    assert [(c.objective_ref, c.ref) for c in parts.commitments] == [("1", None), ("2", None), ("3", None)]


def test_unnumbered_headings_get_document_order_refs_and_one_wrapping_heading_is_no_theme() -> None:
    parts = read(document(
        heading("Our strategic aims", 1),
        heading("Standardisation of best practice", 2),
        list_block("Patients to receive the same high standard of care on every site"),
        heading("Working with our partners", 2),
        list_block("We will work more closely with our partners to solve common problems"),
        list_block("Investment in ambulatory care at the General Hospital (by 2021)"),
        list_block("A specialist hospital facility on the main site from 2021"),
    ))
    assert parts.themes == []
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("1", "Standardisation of best practice"), ("2", "Working with our partners")]
    dues = [(c.objective_ref, c.due.start if c.due else None, c.due.end if c.due else None)
            for c in parts.commitments]
    assert dues == [("1", None, None), ("2", None, None), ("2", None, dt.date(2021, 12, 31)),
                    ("2", dt.date(2021, 1, 1), None)]


def test_we_will_lead_in_and_inline_lead_and_date() -> None:
    parts = read(document(
        heading("Digital plan", 1),
        heading("Priority 1: Electronic patient record", 2),
        para("This priority replaces our paper notes with one record shared across the trust."),
        para("We will:"),
        list_block("Go live with the new record in outpatients (Lead: Chief Digital Officer, by March 2026)"),
        list_block("Train every clinician to use the record before go-live"),
    ), year_start=2025)
    assert [o.title for o in parts.objectives] == ["Electronic patient record"]
    first, second = parts.commitments
    assert first.text == "Go live with the new record in outpatients (Lead: Chief Digital Officer, by March 2026)"
    assert [(o.raw, o.portfolio) for o in first.owners] == [("Chief Digital Officer", "digital")]
    assert first.due is not None and first.due.raw == "by March 2026" and first.due.end == dt.date(2026, 3, 31)
    assert second.owners == [] and second.due is None
    assert len(parts.commitments) == 2  # the purpose paragraph is not a commitment on a bulleted page


def lakeside_like() -> Document:
    return document(
        heading("Our strategy 2024–2027", 1),
        heading("Welcome", 2),
        para("This is a summary of our strategy for the three years from April 2024 to March 2027."),
        heading("Our four priorities", 5),
        heading("Great care, closer to home", 8),
        para("Care in the community wherever we can."),
        heading("Safe, personal and recovery-focused care", 8),
        para("Safe wards and care plans people help to write."),
        heading("Great care, closer to home", 2),
        para("Priority lead: Director of Operations"),
        heading("Why this matters", 8),
        para("Too many people travel a long way for a bed. We will learn from what people tell us."),
        heading("Where we want to be by 2027", 8),
        para("Nobody is sent out of area for an acute mental health bed."),
        heading("In 2024/25 we will:", 6),
        list_block("Open 12 additional adult acute beds at the Fernside Unit by the end of Q3"),
        list_block("Make sure everyone discharged from a ward has a follow-up contact arranged"),
        heading("Measures", 7),
        list_block("Reduce out-of-area placements to zero by March 2025"),
        list_block("Average length of stay reduced from 42 days to 35 days"),
        heading("Safe, personal and recovery-focused care", 2),
        para("Priority leads: Medical Director and Director of Nursing, AHPs and Quality"),
        para("In 2024/25 we will:", bold=True),
        list_block("Launch a sexual safety charter on every inpatient ward during Q1"),
        para("Measures", bold=True),
        para("Use of prone restraint reduced by 50%"),
        heading("Jargon buster", 6),
        para("AHP Allied health professional"),
    )


def test_strategy_priorities_with_leads_outcomes_year_lead_ins_and_measures() -> None:
    parts = read(lakeside_like(), year_start=2024, glossary=AHP)
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("1", "Great care, closer to home"), ("2", "Safe, personal and recovery-focused care")]
    first, second = parts.objectives
    assert first.outcome == "Nobody is sent out of area for an acute mental health bed."
    assert [o.raw for o in second.owners] == ["Medical Director", "Director of Nursing, AHPs and Quality"]
    commitments = [(c.objective_ref, c.text, [o.raw for o in c.owners], c.due.start if c.due else None,
                    c.due.end if c.due else None) for c in parts.commitments]
    assert commitments == [
        ("1", "Open 12 additional adult acute beds at the Fernside Unit by the end of Q3",
         ["Director of Operations"], None, dt.date(2024, 12, 31)),
        ("1", "Make sure everyone discharged from a ward has a follow-up contact arranged",
         ["Director of Operations"], None, None),
        ("2", "Launch a sexual safety charter on every inpatient ward during Q1",
         ["Medical Director", "Director of Nursing, AHPs and Quality"], dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ]
    indicators = [(i.objective_ref, i.text, i.target and (i.target.comparator, i.target.value, i.target.unit),
                   i.baseline and i.baseline.value) for i in parts.indicators]
    assert indicators == [
        ("1", "Reduce out-of-area placements to zero by March 2025", ("=", 0, "count"), None),
        ("1", "Average length of stay reduced from 42 days to 35 days", ("=", 35, "days"), 42),
        ("2", "Use of prone restraint reduced by 50%", ("reduce_by", 50, "%"), None),
    ]
    assert parts.themes == []


def test_quarters_follow_the_year_of_their_lead_in() -> None:
    parts = read(document(
        heading("Delivery plan", 1),
        heading("Better access", 2),
        para("In 2025/26 we will:"),
        list_block("Open the new diagnostic centre by the end of Q2"),
    ), year_start=2024)
    assert parts.commitments[0].due.end == dt.date(2025, 9, 30)


def test_measures_table_rows_are_indicators_with_targets_and_baselines() -> None:
    measures = table([
        *header_cells(["Measure", "Baseline", "Target"]),
        cell(1, 0, "Patients waiting over 18 weeks", rows=2), cell(1, 1, "52 weeks"), cell(1, 2, "below 18 weeks"),
        cell(2, 1, "40 weeks"), cell(2, 2, "below 12 weeks"),
        cell(3, 0, "Staff turnover"), cell(3, 1, "14%"), cell(3, 2, "below 10%"),
    ])
    parts = read(document(heading("Our plan", 1), heading("Priority 1: Faster treatment", 2),
                          list_block("Open two new theatres at the General Hospital"),
                          heading("Measures of success", 3), measures))
    rows = [(i.objective_ref, i.text, (i.target.comparator, i.target.value, i.target.unit),
             i.baseline and (i.baseline.value, i.baseline.unit), i.provenance.row) for i in parts.indicators]
    assert rows == [
        ("1", "Patients waiting over 18 weeks", ("<", 18, "weeks"), (52, "weeks"), 1),
        ("1", "Patients waiting over 18 weeks", ("<", 12, "weeks"), (40, "weeks"), 1),
        ("1", "Staff turnover", ("<", 10, "%"), (14, "%"), 3),
    ]
    assert all(i.provenance.table == 0 for i in parts.indicators)


def test_workstream_page_paragraphs_are_commitments_and_monitoring_list_indicators() -> None:
    parts = read(document(
        heading("Improvement Plan", 1),
        para("Working together for outstanding care", bold=True),
        para("Our plan is delivered through three executive-led workstreams:"),
        list_block("Culture and inclusion"),
        list_block("Risk management"),
        heading("Culture and Inclusion", 2),
        para("The purpose of this workstream is to hear the voice of our staff."),
        para("We are working with a partner to launch a cultural change programme."),
        heading("Risk Management", 2),
        para("The purpose of this workstream is to make risk management effective."),
        heading("What does success look like?", 2),
        para("We will know we are successful when staff tell us things are better."),
        para("This will be monitored through:"),
        list_block("The staff survey"),
        list_block("Feedback provided directly to our teams"),
        para("If you would like further information please contact the Director of Improvement."),
    ))
    assert [o.title for o in parts.objectives] == ["Culture and Inclusion", "Risk Management"]
    assert [(c.objective_ref, c.text) for c in parts.commitments] == [
        ("1", "The purpose of this workstream is to hear the voice of our staff."),
        ("1", "We are working with a partner to launch a cultural change programme."),
        ("2", "The purpose of this workstream is to make risk management effective."),
    ]
    assert [(i.objective_ref, i.text) for i in parts.indicators] == [
        (None, "The staff survey"), (None, "Feedback provided directly to our teams")]


def test_narrative_page_yields_only_its_stated_goal_and_measure() -> None:
    parts = read(document(
        heading("Our 2030 Vision", 1),
        para("We developed our vision in 2019. During this year we will set out longer term ambitions."),
        para("Today, our goal remains - to become the best integrated care organisation in the region. "
             "That is a big ambition."),
        para("Our single measure of success will be the opinion of those we care for: our patients."),
        para("We will work with partners across the region in coming years."),
    ))
    assert [(o.ref, o.title) for o in parts.objectives] == [
        ("1", "To become the best integrated care organisation in the region")]
    assert parts.commitments == []
    assert [(i.objective_ref, i.text) for i in parts.indicators] == [
        ("1", "Our single measure of success will be the opinion of those we care for: our patients.")]


def test_narrative_without_goal_or_measure_yields_nothing() -> None:
    parts = read(document(heading("About us", 1),
                          para("We run three hospitals and many community services across the county."),
                          para("We will keep improving care, working with our partners and our staff.")))
    assert parts.is_empty()


def test_ocr_confidence_reaches_the_items_provenance() -> None:
    scanned = Block(kind=BlockKind.LIST_ITEM, text="Open a new urgent care centre by March 2025", list_depth=0,
                    marker="•", page=2, confidence=71.5)
    parts = read(document(heading("Plan", 1), heading("Access", 2), scanned))
    provenance = parts.commitments[0].provenance
    assert (provenance.page, provenance.confidence) == (2, 71.5)


def test_sub_bullets_belong_to_the_item_above() -> None:
    parts = read(document(heading("Plan", 1), heading("Access", 2),
                          list_block("Open a new urgent care centre"), list_block("staffed 24 hours a day", depth=1),
                          list_block("Cut waits for outpatients")))
    assert [c.text for c in parts.commitments] == ["Open a new urgent care centre staffed 24 hours a day",
                                                   "Cut waits for outpatients"]
