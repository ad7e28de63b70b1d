"""Column roles read from several tables together (pipeline/interpret/table_plan.py
`_plan_maps`, `_pool_same_headers`, `_stacked`), through real Word files: tables under one
header row share their columns, so a section whose sponsors are all acronyms no lexicon knows
still gets owners; headerless tables of one width, each too short to show its columns, are read
as one table; a lone one-row table is no column evidence."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument

from extractors.registry import read_document
from pipeline.interpret.context import Context
from pipeline.interpret.interpreter import interpret
from pipeline.interpret.table_plan import _plan_maps
from schemas.plan import Commitment, Plan
from tests.builders import add_grid_table, fill_row, new_docx, save

SPONSOR_HEADER = ["Workstream", "Executive sponsor", "Rating", "Target date", "Reporting to"]
FINANCE = ("Financial sustainability", [
    ["Deliver the cost improvement programme", "CFO and DoF", "Amber", "March 2025", "Finance Committee"],
    ["Reduce agency spend by a fifth", "CFO and DoF", "Green", "December 2024", "Finance Committee"]])
PEOPLE = ("Our people", [
    ["Launch a flexible working offer", "CPO and DoW", "Green", "June 2024", "People Committee"],
    ["Cut sickness absence to 4.5%", "CPO and DoW", "Amber", "March 2025", "People Committee"]])
ESTATES = ("Estates", [  # "DoE" and "DSI" are in no role lexicon, and the document has no glossary
    ["Open the new community diagnostic centre", "DoE and DSI", "Amber", "September 2024", "Finance Committee"],
    ["Agree the green plan with partners", "DoE and DSI", "Red", "March 2025", "Finance Committee"]])
UNKNOWN = ("DoE", "DSI")

Section = tuple[str, Sequence[Sequence[str]]]


def read_docx(tmp_path: Path, word: DocxDocument) -> Plan:
    return interpret(read_document(save(word, tmp_path / "plan.docx")))


def sponsor_plan(sections: Sequence[Section], headers: Sequence[Sequence[str]] | None = None) -> DocxDocument:
    """A heading over each section's headed table (the sponsor header unless `headers` gives one
    per section)."""
    word = new_docx()
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading("Delivery plan", 1)
    for k, (title, rows) in enumerate(sections):
        word.add_heading(title, 2)
        add_grid_table(word, [list(headers[k] if headers else SPONSOR_HEADER), *rows])
    return word


def by_text(plan: Plan) -> dict[str, Commitment]:
    return {c.text: c for c in plan.commitments}


# =========================================================================== tables under one header


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return read_docx(tmp_path_factory.mktemp("pooled"), sponsor_plan([FINANCE, PEOPLE, ESTATES]))


def test_unknown_acronym_sponsors_are_owners_when_the_tables_share_a_header(pooled: Plan) -> None:
    commitments = by_text(pooled)
    for row in ESTATES[1]:
        owners = commitments[row[0]].owners
        assert [o.raw for o in owners] == list(UNKNOWN), row[0]
        assert all(o.title is None for o in owners)  # no title is made up for an acronym no one expands


def test_known_sponsors_keep_their_titles_and_every_row_its_date_and_committee(pooled: Plan) -> None:
    commitments = by_text(pooled)
    assert [o.title for o in commitments["Deliver the cost improvement programme"].owners] == [
        "Chief Financial Officer", "Director of Finance"]
    assert [o.title for o in commitments["Cut sickness absence to 4.5%"].owners] == [
        "Chief People Officer", "Director of Workforce"]
    rows = [row for _, section in (FINANCE, PEOPLE, ESTATES) for row in section]
    assert [(c.text, c.due.raw if c.due else None, [a.raw for a in c.assurance]) for c in pooled.commitments] == [
        (row[0], row[3], [row[4]]) for row in rows]


def test_sponsor_column_is_no_owner_column_for_a_table_alone(tmp_path: Path) -> None:
    """The same estates table among tables with another header: nothing says its acronyms are owners."""
    other = ["Workstream", "Executive lead", "Rating", "Target date", "Reporting to"]
    plan = read_docx(tmp_path, sponsor_plan([FINANCE, PEOPLE, ESTATES], headers=[other, other, SPONSOR_HEADER]))
    commitments = by_text(plan)
    assert [c.owners for t, c in commitments.items() if t in {row[0] for row in ESTATES[1]}] == [[], []]
    assert [o.raw for o in commitments["Reduce agency spend by a fifth"].owners] == ["CFO", "DoF"]


def test_header_labels_are_compared_without_case(tmp_path: Path) -> None:
    shouted = [label.upper() for label in SPONSOR_HEADER]
    plan = read_docx(tmp_path, sponsor_plan([FINANCE, PEOPLE, ESTATES], headers=[SPONSOR_HEADER, SPONSOR_HEADER,
                                                                                  shouted]))
    assert [o.raw for o in by_text(plan)[ESTATES[1][0][0]].owners] == list(UNKNOWN)


# =========================================================================== headerless tables of one width

# ref | action | RAG | due | owner | measure
ROWS = {
    "1.1": ["1.1", "Open a shared care record with our GP practices", "Green", "March 2025", "Chief Digital Officer",
            "Records shared in 90% of referrals"],
    "2.1": ["2.1", "Add weekend theatre lists for orthopaedics", "Amber", "December 2024", "Chief Operating Officer",
            "No patient waits over 65 weeks"],
    "2.2": ["2.2", "Validate every waiting list each quarter", "Green", "June 2024", "Medical Director",
            "All waiting lists validated"],
    "3.1": ["3.1", "Launch a flexible working offer for every ward", "Red", "September 2024", "Chief People Officer",
            "Staff turnover below 10%"],
}
WORKSTREAMS = {"1": "Workstream 1. Join up care with our partners", "2": "Workstream 2. Reduce waiting times",
               "3": "Workstream 3. Support our staff"}


def headerless_plan(groups: Sequence[Sequence[str]]) -> DocxDocument:
    """Each group of refs as one headerless six-column table under its workstream's heading."""
    word = new_docx()
    word.add_heading("Annual plan 2024/25", 0)
    for refs in groups:
        word.add_heading(WORKSTREAMS[refs[0].split(".")[0]], 1)
        table = word.add_table(rows=len(refs), cols=6)
        for r, ref in enumerate(refs):
            fill_row(table, r, ROWS[ref])
    return word


def expected(refs: Sequence[str]) -> list[tuple[str, str, str, list[str]]]:
    return [(ROWS[r][0], ROWS[r][1], ROWS[r][3], [ROWS[r][4]]) for r in refs]


def rows_read(plan: Plan) -> list[tuple[str | None, str, str | None, list[str]]]:
    return [(c.ref, c.text, c.due.raw if c.due else None, [o.raw for o in c.owners]) for c in plan.commitments]


@pytest.mark.parametrize("groups", [
    [["1.1"], ["2.1"], ["3.1"]],  # no table shows its columns alone
    [["1.1"], ["3.1"], ["2.1", "2.2"]],  # the one-row tables before one that does
])
def test_one_row_headerless_tables_of_one_width_are_read_together(tmp_path: Path, groups: list[list[str]]) -> None:
    plan = read_docx(tmp_path, headerless_plan(groups))
    assert rows_read(plan) == expected([ref for refs in groups for ref in refs])
    objective_of = {o.ref: o.title for o in plan.objectives}
    for commitment in plan.commitments:
        assert commitment.ref is not None and commitment.objective_ref == commitment.ref.split(".")[0]
        assert objective_of[commitment.objective_ref] in WORKSTREAMS[commitment.objective_ref]


def test_one_row_table_before_a_readable_sibling_is_read_too(tmp_path: Path) -> None:
    plan = read_docx(tmp_path, headerless_plan([["1.1"], ["2.1", "2.2"], ["3.1"]]))
    assert rows_read(plan) == expected(["1.1", "2.1", "2.2", "3.1"])


def test_lone_one_row_headerless_table_gives_no_commitments(tmp_path: Path) -> None:
    """One sentence is no column's evidence: the row of a six-column table with no sibling of its
    width stays unread, while the headed table beside it is read."""
    word = new_docx()
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading(WORKSTREAMS["2"], 1)
    add_grid_table(word, [["Action", "Lead", "Due date"],
                          ["Validate every waiting list each quarter", "Medical Director", "Q2"]])
    word.add_heading(WORKSTREAMS["1"], 1)
    fill_row(word.add_table(rows=1, cols=6), 0, ROWS["1.1"])
    document = read_document(save(word, tmp_path / "plan.docx"))
    maps = _plan_maps(document, Context(source=document.source, year_start=2024), set())
    tables = [i for i, b in enumerate(document.blocks) if b.table is not None]
    assert list(maps) == tables[:1]
    assert [c.text for c in interpret(document).commitments] == ["Validate every waiting list each quarter"]


def test_headerless_tables_read_together_get_a_map_with_no_header_row(tmp_path: Path) -> None:
    document = read_document(save(headerless_plan([["1.1"], ["2.1"], ["3.1"]]), tmp_path / "plan.docx"))
    maps = _plan_maps(document, Context(source=document.source, year_start=2024), set())
    assert list(maps) == [i for i, b in enumerate(document.blocks) if b.table is not None]
    for cmap in maps.values():
        assert cmap.header_row == -1
        roles = {kind: cmap.cols(kind) for kind in ("ref", "deliverable", "due", "owner")}
        assert roles == {"ref": [0], "deliverable": [1], "due": [3], "owner": [4]}
