"""The document's own glossary of abbreviations, wherever it sits: a table after a "Key",
"Abbreviations", "Glossary" or "Acronyms" heading (side-by-side pairs of columns included,
with "Owners:" / "Assurance Groups:" section labels), an "Abbreviation | Meaning" table, or
"ABBR Expansion" lines under such a heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalisers.assurance import glossary_kind
from normalisers.text import clean_text
from pipeline.interpret.columns import find_columns
from pipeline.interpret.labels import is_glossary_heading, layout
from schemas.document import Block, BlockKind, Document, Table
from schemas.plan import GlossaryEntry

_ABBREVIATION = re.compile(r"^[A-Za-z][A-Za-z0-9&/'’.\-]{0,11}$")
_HEADER_WORDS = {"abbreviation", "abbreviations", "acronym", "acronyms", "term", "terms", "meaning",
                 "definition", "expansion", "description", "stands for", "key"}
_LINE_ENTRY = re.compile(r"^([A-Z][A-Za-z0-9&/]{1,9})(?:\s*[–—:=]\s*|\s+-\s+|\s+)([A-Z].{2,})$")


@dataclass(slots=True)
class _Entry:
    abbreviation: str
    expansion: str
    section: str | None  # "owner" / "group" from a section label, else None


def find_glossary(document: Document) -> tuple[list[GlossaryEntry], set[int]]:
    """Glossary entries in document order, and the indices of the table blocks they came from
    (so the plan stage does not read them as plans)."""
    entries: list[_Entry] = []
    used_tables: set[int] = set()
    under_heading = False
    in_lines = False  # reading "ABBR Expansion" lines under a glossary heading
    for index, block in enumerate(document.blocks):
        if block.kind is BlockKind.TABLE and block.table is not None:
            found = _table_entries(block.table, under_heading)
            if found:
                entries.extend(found)
                used_tables.add(index)
            under_heading = in_lines = False
            continue
        text = block.text.strip()
        if _is_heading_like(block) and is_glossary_heading(text):
            under_heading, in_lines = True, False
            continue
        if not under_heading:
            continue
        match = _LINE_ENTRY.match(text)
        if match and _looks_abbreviation(match.group(1)):
            entries.append(_Entry(match.group(1), clean_text(match.group(2)), None))
            in_lines = True
        elif in_lines or block.kind is BlockKind.HEADING:
            under_heading = in_lines = False
    return _to_plan(entries), used_tables


def _is_heading_like(block: Block) -> bool:
    return block.kind is BlockKind.HEADING or (block.bold and len(block.text.split()) <= 6)


def _looks_abbreviation(token: str) -> bool:
    token = token.strip().rstrip(":")
    if not _ABBREVIATION.match(token):
        return False
    capitals = sum(1 for ch in token if ch.isupper())
    return capitals >= 2 or (capitals == 1 and len(token) <= 7 and token[0].isupper() and token[1:].islower())


def _section_kind(text: str) -> str | None:
    lowered = text.strip().rstrip(":").strip().lower()
    for kind, labels in layout()["glossary_sections"].items():
        if lowered in labels:
            return kind
    return None


def _table_entries(table: Table, under_heading: bool) -> list[_Entry]:
    """Read pairs of columns (abbreviation, expansion); accept the table when the heading
    above announced a glossary, its header says so, or nearly all rows are such pairs.
    A table with a plan header (Objective / Action / Lead ...) is never a glossary."""
    if table.n_cols < 2 or find_columns(table) is not None:
        return []
    grid = table.grid()
    entries: list[_Entry] = []
    pair_rows = other_rows = 0
    announced = under_heading
    for left in range(0, table.n_cols - 1, 2):
        section: str | None = None
        for r in range(table.n_rows):
            a, b = grid[r][left], grid[r][left + 1]
            a_text = a.text if a is not None and a.row == r else ""
            if a is not None and a is b:  # a label spanning the pair
                kind = _section_kind(a_text)
                if kind or is_glossary_heading(a_text):
                    section, announced = kind or section, True
                continue
            b_text = b.text if b is not None and b.row == r else ""
            if not a_text and not b_text:
                continue
            if _section_kind(a_text) and not b_text:
                section, announced = _section_kind(a_text), True
                continue
            if a_text.strip().lower().rstrip(":") in _HEADER_WORDS:
                announced = True
                continue
            if _looks_abbreviation(a_text) and b_text and len(b_text) > len(a_text):
                entries.append(_Entry(a_text.strip().rstrip(":"), clean_text(b_text), section))
                pair_rows += 1
            else:
                other_rows += 1
    if not entries:
        return []
    if announced or (pair_rows >= 3 and other_rows <= pair_rows // 10):
        return entries
    return []


def _to_plan(entries: list[_Entry]) -> list[GlossaryEntry]:
    out: list[GlossaryEntry] = []
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        kind = entry.section or glossary_kind(entry.abbreviation, entry.expansion)
        key = (entry.abbreviation, kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(GlossaryEntry(abbreviation=entry.abbreviation, expansion=entry.expansion, kind=kind))
    return out


def glossary_map(entries: list[GlossaryEntry]) -> dict[str, str]:
    """Abbreviation -> expansion, for the normalisers (first definition wins)."""
    out: dict[str, str] = {}
    for entry in entries:
        out.setdefault(entry.abbreviation, entry.expansion)
    return out
