"""The interpreter warmed: a small plan (a table and a prose part) interpreted once in a reader
process, so that the spaCy pipeline, the lexicons and the patterns are built. A reader does it
while its forked page readers read a PDF's pages (extractors/forked_pages.py), rather than the
fork server before any reader can start."""

from __future__ import annotations

import functools

from schemas.document import Block, BlockKind, Cell, Document, Line, Table

_ROWS = (
    ("Ref", "Objective", "Action", "Lead", "Timescale", "Measure"),
    ("1.1", "Reduce avoidable harm", "We will roll out the sepsis bundle", "CN / COO", "Q2 2023/24",
     "Reduce falls by 10% to 4.5 per 1,000 bed days"),
)
_GLOSSARY = (("Abbreviation", "Meaning"), ("CN", "Chief Nurse"), ("QSC", "Quality and Safety Committee"))


def _table(rows: tuple[tuple[str, ...], ...]) -> Block:
    cells = [Cell(row=r, col=c, is_header=r == 0, lines=[Line(text=text)])
             for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Block(kind=BlockKind.TABLE, table=Table(n_rows=len(rows), n_cols=len(rows[0]), cells=cells))


@functools.cache
def warm_interpreter() -> None:
    """Import the interpreter and interpret the small plan, once in a process."""
    from pipeline.interpret.interpreter import interpret  # spaCy and the lexicons

    interpret(Document(source="warm-up.docx", sha256="0" * 64, format="docx", blocks=[
        Block(kind=BlockKind.HEADING, text="Annual Plan 2023/24 Example NHS Foundation Trust", level=0),
        Block(kind=BlockKind.PARAGRAPH, text="Assuring committee: QSC"), _table(_ROWS),
        Block(kind=BlockKind.HEADING, text="Abbreviations", level=1), _table(_GLOSSARY)]))
    interpret(Document(source="warm-up.html", sha256="0" * 64, format="html", blocks=[
        Block(kind=BlockKind.HEADING, text="Our strategy 2024-2027", level=1),
        Block(kind=BlockKind.HEADING, text="1. Quality", level=2),
        Block(kind=BlockKind.PARAGRAPH, text="What we will do:"),
        *(Block(kind=BlockKind.LIST_ITEM, text=text, list_depth=0, marker="\u2022") for text in (
            "We will open a new ward by March 2025 (Lead: Chief Nurse)",
            "We will cut waiting times for outpatients by 20% in 2025/26"))]))
