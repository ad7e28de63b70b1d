"""Each plan-table column's meaning, from its header text (synonyms in data/columns.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from pipeline.interpret.data import data_file
from schemas.document import Table

COLUMN_KINDS = ("objective", "deliverable", "owner", "due", "indicator", "assurance", "ref")
_YEARS = re.compile(r"\b(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z ]+")


@lru_cache(maxsize=1)
def _synonyms() -> list[tuple[str, str]]:
    data = yaml.safe_load(data_file("columns.yaml").read_text("utf-8"))
    pairs = [(phrase.lower(), kind) for kind, phrases in data.items() for phrase in phrases]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _words(text: str) -> str:
    text = _YEARS.sub(" ", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


def header_kind(text: str) -> str | None:
    """The kind a header names, by the longest synonym it contains as whole words."""
    words = f" {_words(text)} "
    if len(words) > 60:  # a header is short; a long cell is content
        return None
    for phrase, kind in _synonyms():
        if f" {phrase} " in words:
            return kind
    return None


@dataclass(slots=True)
class ColumnMap:
    """Roles of a table's grid columns, found in its header row."""

    header_row: int
    kinds: dict[int, str] = field(default_factory=dict)  # grid column -> kind
    objective_owner_cols: list[int] = field(default_factory=list)  # owner columns of objective rows

    def cols(self, kind: str) -> list[int]:
        return sorted(c for c, r in self.kinds.items() if r == kind)

    def has(self, kind: str) -> bool:
        return kind in self.kinds.values()

    @property
    def is_plan_table(self) -> bool:
        return self.has("deliverable") or (self.has("objective") and (self.has("owner") or self.has("due")))


def find_columns(table: Table, max_header_row: int = 3) -> ColumnMap | None:
    """The header row among the first rows and each column's kind; None if no plan header."""
    best: ColumnMap | None = None
    best_score = 1
    for row in range(min(max_header_row, table.n_rows)):
        kinds: dict[int, str] = {}
        for cell in table.row_cells(row):
            kind = header_kind(cell.text)
            if kind is None:
                continue
            for col in range(cell.col, cell.last_col + 1):
                kinds[col] = kind
        distinct = len(set(kinds.values()))
        if distinct > best_score:
            best, best_score = ColumnMap(header_row=row, kinds=kinds), distinct
    if best is None:
        return None
    _settle_owner_columns(table, best)
    return best if best.is_plan_table else None


def _settle_owner_columns(table: Table, cmap: ColumnMap) -> None:
    """With several owner columns, commitments take the delivery lead's (or the rightmost);
    the others name the objective's executive lead."""
    owner_cells = [c for c in table.row_cells(cmap.header_row) if cmap.kinds.get(c.col) == "owner"]
    if len(owner_cells) < 2:
        return
    delivery = [c for c in owner_cells if "deliver" in c.text.lower()]
    keep = delivery[-1] if delivery else owner_cells[-1]
    for cell in owner_cells:
        if cell is not keep:
            for col in range(cell.col, cell.last_col + 1):
                del cmap.kinds[col]
                cmap.objective_owner_cols.append(col)
