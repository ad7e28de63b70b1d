"""Imported by the fork server (pipeline/runs/reader_server.py) only: the PDF reader imported,
and a small plan (a table and a prose part) interpreted once, so that each reader forked from
the server starts with the spaCy pipeline, the lexicons and the patterns already built. The
Word and web readers, and OCR, are imported by a reader when its first such file comes: a
plain PDF run does not wait for them."""

from __future__ import annotations

import extractors.scanned
from pipeline.interpret.interpreter import interpret
from schemas.document import Block, BlockKind, Cell, Document, Line, Table

READERS = (extractors.scanned,)  # imported for the readers forked later

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


def _warm() -> None:
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


_warm()
