"""pipeline/glossary.py: the document's own glossary of abbreviations, and which table blocks
it came from (hand-made documents of the document model)."""

from __future__ import annotations

from pipeline.interpret.glossary import find_glossary, glossary_map
from schemas.document import BlockKind, Document, Table
from schemas.plan import GlossaryEntry
from tests.builders import cell, document, header_cells, heading, para, plain_row, table, table_block

OWNERS = [("COO", "Chief Operating Officer"), ("CFO", "Chief Financial Officer"),
          ("ECN", "Executive Chief Nurse")]
GROUPS = [("CEAG", "Chief Executive's Advisory Group"), ("COOG", "Chief Operating Officer's Group"),
          ("CQG", "Care Quality Group"), ("DHG", "Digital Healthcare Group"),
          ("SWG", "Strategic Workforce Group")]


def _pairs(entries: list[GlossaryEntry]) -> list[tuple[str, str]]:
    return [(e.abbreviation, e.expansion) for e in entries]


def _table_index(doc: Document, nth: int = 0) -> int:
    return [i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.TABLE][nth]


def _plan_table() -> Table:
    return table(header_cells(["Objective", "Key actions", "Lead", "Timescale"])
                 + plain_row(1, ["Improve flow", "Open the discharge lounge", "COO", "March 2024"])
                 + plain_row(2, ["Safer care", "Roll out the sepsis bundle", "CMO", "Quarter 2 2023"])
                 + plain_row(3, ["Best people", "Recruit nurses", "CPO", "December 2023"])
                 + plain_row(4, ["Finance", "Deliver savings", "CFO", "Throughout 2023"]))


def _key_table(label_spans_pair: bool = True) -> Table:
    """Owners: | Assurance Groups: side by side, the owner part shorter than the group part."""
    if label_spans_pair:
        cells = [cell(0, 0, "Owners:", cols=2), cell(0, 2, "Assurance Groups:", cols=2)]
    else:
        cells = plain_row(0, ["Owners:", "", "Assurance Groups:", ""])
    for i in range(len(GROUPS)):
        owner = OWNERS[i] if i < len(OWNERS) else ("", "")
        cells += plain_row(i + 1, [*owner, *GROUPS[i]])
    return table(cells)


def key_heading_two_part_table(label_spans_pair: bool = True) -> Document:
    return document(heading("Strategy Implementation Plan", 0), _plan_table(),
                    heading("Key", 2), _key_table(label_spans_pair))


def test_key_table_reads_both_parts() -> None:
    doc = key_heading_two_part_table()
    entries, used = find_glossary(doc)
    assert _pairs(entries) == OWNERS + GROUPS
    assert used == {_table_index(doc, 1)}


def test_key_table_section_labels_give_kinds() -> None:
    entries, _ = find_glossary(key_heading_two_part_table())
    kinds = {e.abbreviation: e.kind for e in entries}
    assert {kinds[a] for a, _ in OWNERS} == {"owner"}
    assert {kinds[a] for a, _ in GROUPS} == {"group"}


def test_key_table_with_labels_in_left_cells_only() -> None:
    entries, _ = find_glossary(key_heading_two_part_table(label_spans_pair=False))
    assert _pairs(entries) == OWNERS + GROUPS
    assert [e.kind for e in entries] == ["owner"] * len(OWNERS) + ["group"] * len(GROUPS)


def test_labelled_key_table_found_without_a_heading() -> None:
    doc = document(para("Plan on a page"), _key_table())
    entries, used = find_glossary(doc)
    assert len(entries) == len(OWNERS) + len(GROUPS)
    assert used == {1}


ABBREVIATIONS = [("ARC", "Audit and Risk Committee"), ("CCIO", "Chief Clinical Information Officer"),
                 ("CQC", "Care Quality Commission"), ("QSC", "Quality and Safety Committee")]


def appendix_abbreviation_table() -> Document:
    rows = header_cells(["Abbreviation", "Meaning"])
    for r, pair in enumerate(ABBREVIATIONS, start=1):
        rows += plain_row(r, list(pair))
    return document(heading("1. Quality and safety"), _plan_table(), heading("6. Monitoring and reporting"),
                    para("The Board receives a quarterly report."), heading("Appendix A: Abbreviations"),
                    table(rows))


def test_abbreviation_meaning_table_under_appendix_heading() -> None:
    doc = appendix_abbreviation_table()
    entries, used = find_glossary(doc)
    assert _pairs(entries) == ABBREVIATIONS
    assert used == {_table_index(doc, 1)}
    assert {e.kind for e in entries} <= {"owner", "group", "other"}


def test_abbreviation_header_announces_glossary_without_heading() -> None:
    rows = header_cells(["Acronym", "Meaning"]) + plain_row(1, ["ICS", "Integrated Care System"])
    entries, used = find_glossary(document(para("Introduction"), table(rows)))
    assert _pairs(entries) == [("ICS", "Integrated Care System")]
    assert used == {1}


def test_unannounced_short_pair_table_is_not_a_glossary() -> None:
    rows = plain_row(0, ["ICS", "Integrated Care System"]) + plain_row(1, ["ED", "Emergency Department"])
    assert find_glossary(document(para("Partners"), table(rows))) == ([], set())


def jargon_buster_lines() -> Document:
    return document(
        heading("Our plan"), para("We will work with partners."),
        para("Jargon buster", bold=True),
        para("Some words we use:"),
        para("CQC Care Quality Commission"),
        para("ED \u2013 Emergency Department"),
        para("ICS: Integrated Care System"),
        heading("Contact us"),
        para("NHS England publishes guidance"),
    )


def test_abbr_expansion_lines_under_jargon_buster() -> None:
    entries, used = find_glossary(jargon_buster_lines())
    assert _pairs(entries) == [("CQC", "Care Quality Commission"), ("ED", "Emergency Department"),
                               ("ICS", "Integrated Care System")]
    assert used == set()


def test_lines_stop_at_the_first_line_that_is_not_an_entry() -> None:
    doc = document(heading("Glossary"), para("ED Emergency Department"),
                   para("and other terms are explained online"), para("NHS National Health Service"))
    assert _pairs(find_glossary(doc)[0]) == [("ED", "Emergency Department")]


def test_abbr_lines_without_a_glossary_heading_are_not_entries() -> None:
    doc = document(heading("Our plan"), para("CQC Care Quality Commission"), para("ED Emergency Department"))
    assert find_glossary(doc) == ([], set())


def test_plan_table_not_taken_as_glossary() -> None:
    doc = document(heading("Operational plan", 0), _plan_table(), heading("Key actions", 2), _plan_table())
    assert find_glossary(doc) == ([], set())


def test_plan_table_right_after_glossary_lines_stays_a_plan() -> None:
    doc = jargon_buster_lines()
    doc.blocks[-2:] = [table_block(_plan_table())]  # the lines run straight into the plan table
    entries, used = find_glossary(doc)
    assert [e.abbreviation for e in entries] == ["CQC", "ED", "ICS"]
    assert used == set()


def test_plan_table_under_a_glossary_heading_is_not_a_glossary() -> None:
    doc = document(heading("Glossary"), para("Terms are explained on our website."), _plan_table())
    assert find_glossary(doc) == ([], set())


def test_plan_table_after_the_glossary_table_is_not_a_glossary() -> None:
    doc = key_heading_two_part_table()
    doc.blocks.append(table_block(_plan_table()))
    _, used = find_glossary(doc)
    assert used == {_table_index(doc, 1)}


def test_repeated_abbreviation_kept_once() -> None:
    rows = header_cells(["Abbreviation", "Meaning"]) + plain_row(1, ["CQC", "Care Quality Commission"]) \
        + plain_row(2, ["ED", "Emergency Department"]) + plain_row(3, ["CQC", "Care Quality Commission"])
    entries, _ = find_glossary(document(heading("Glossary"), table(rows)))
    assert [e.abbreviation for e in entries] == ["CQC", "ED"]


def test_glossary_map_first_definition_wins() -> None:
    entries = [GlossaryEntry(abbreviation="CIO", expansion="Chief Innovation Officer", kind="owner"),
               GlossaryEntry(abbreviation="CIO", expansion="Chief Information Officer", kind="other"),
               GlossaryEntry(abbreviation="QSC", expansion="Quality and Safety Committee", kind="group")]
    assert glossary_map(entries) == {"CIO": "Chief Innovation Officer", "QSC": "Quality and Safety Committee"}
