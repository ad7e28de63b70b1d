"""Each plan-table column's kind, from its header and from what its cells hold.

Header words (data/columns.yaml) are a prior; the cells decide (pipeline/interpret/
cell_evidence.py). A column whose header is unknown, missing or names something else is
classed by its cells: role titles and the document's acronyms are owners, committee names
assurance, dates due dates, imperative sentences actions, short codes refs. A run of columns
headed by quarters or months (Q1..Q4, Apr..Mar) is a period grid: a row's due date is the span
of the periods its cells mark.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from normalisers.text import clean_text
from pipeline.interpret.cell_evidence import TARGET, cell_kind, profile
from pipeline.interpret.data import data_file
from schemas.document import Cell, Table

COLUMN_KINDS = ("objective", "deliverable", "owner", "due", "indicator", "assurance", "ref")
PERIOD = "period"  # a quarter or month column of a period grid
_YEARS = re.compile(r"\b(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z ]+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PERIOD_HEADER = re.compile(
    rf"^(?:(?:fy\s*)?\d{{2,4}}\s*[/\-–]\s*\d{{2,4}}\s*)?(?:q[1-4]|quarter\s+[1-4]|{_MONTH})"
    rf"(?:\s*(?:fy\s*)?\d{{2,4}}\s*[/\-–]\s*\d{{2,4}}|\s*[-/ ]\s*\d{{2,4}})?"
    rf"(?:\s*\(?{_MONTH}\s*[-–]\s*{_MONTH}\)?)?(?:\s*\([^)]{{0,20}}\))?$",
    re.IGNORECASE,
)
_SURE = 0.5  # share of a column's cells that must agree for its content to decide its kind
_OVERRULE = 0.8  # share of dates or owners that overrules a header naming something else
_OVERRULE_CELLS = 3  # and in no fewer cells
_SENTENCE_KINDS = ("deliverable", "indicator", "text")
_HEADER_WORDS = 6  # a header cell of unknown words is short
_LABEL_WORDS = 8  # a header cell naming its column's kind is not much longer
_CHECKABLE = ("due", "ref")  # header kinds whose cells can be checked: a date, a code


@lru_cache(maxsize=1)
def _synonyms() -> list[tuple[str, str]]:
    data = yaml.safe_load(data_file("columns.yaml").read_text("utf-8"))
    pairs = [(phrase.lower(), kind) for kind, phrases in data.items() for phrase in phrases]
    return sorted(pairs, key=lambda p: -len(p[0]))


_SUFFIXES = ("ance", "ence", "ment", "ing", "ed", "er", "es", "s")


def _stem(word: str) -> str:
    """A header word without its ending: "assured", "assurance" and "assuring" are one word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _words(text: str) -> str:
    text = _YEARS.sub(" ", text.lower())
    return " ".join(_stem(w) for w in _NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=1)
def _stemmed_synonyms() -> list[tuple[str, str]]:
    return sorted(((_words(phrase), kind) for phrase, kind in _synonyms()), key=lambda p: -len(p[0]))


def header_kind(text: str) -> str | None:
    """The kind a header names, by the longest synonym it contains as whole words (each word
    compared without its ending)."""
    if len(text) > 60:  # a header is short; a long cell is content
        return None
    words = f" {_words(text)} "
    for phrase, kind in _stemmed_synonyms():
        if phrase and f" {phrase} " in words:
            return kind
    return None


_PERIOD_GLOSS = re.compile(rf"\s*\(?{_MONTH}\s*[-–]\s*{_MONTH}\)?|\s*\([^)]*\)", re.IGNORECASE)


def period_core(text: str) -> str:
    """A period header without its gloss: "Q1 Apr-Jun" -> "Q1", "Q3 (Oct-Dec)" -> "Q3"."""
    return _PERIOD_GLOSS.sub("", clean_text(text)).strip()


def is_period_header(text: str) -> bool:
    """A quarter or month heading a column of a period grid ("Q1", "Q2 (Jul-Sep)", "Apr-24")."""
    return bool(_PERIOD_HEADER.match(clean_text(text)))


@dataclass(slots=True)
class ColumnMap:
    """Roles of a table's grid columns; `header_row` -1 when the table prints no header."""

    header_row: int
    kinds: dict[int, str] = field(default_factory=dict)  # grid column -> kind
    objective_owner_cols: list[int] = field(default_factory=list)  # owner columns of objective rows
    periods: dict[int, str] = field(default_factory=dict)  # period column -> its header ("Q2")

    def cols(self, kind: str) -> list[int]:
        return sorted(c for c, r in self.kinds.items() if r == kind)

    def has(self, kind: str) -> bool:
        return kind in self.kinds.values()

    @property
    def is_plan_table(self) -> bool:
        dated = self.has("due") or bool(self.periods)
        return self.has("deliverable") or (self.has("objective") and (self.has("owner") or dated))


def _header_kinds(table: Table, row: int) -> dict[int, str]:
    kinds: dict[int, str] = {}
    for cell in table.row_cells(row):
        kind = header_kind(cell.text)
        if kind is not None:
            for col in range(cell.col, cell.last_col + 1):
                kinds[col] = kind
    return kinds


def _short_labels(table: Table, row: int) -> bool:
    """A header row is marked as one, or its cells are short labels, not sentences."""
    cells = [c for c in table.row_cells(row) if c.text.strip()]
    return all(c.is_header for c in cells) or all(len(c.text.split()) <= _LABEL_WORDS for c in cells)


def _like_the_body(table: Table, row: int, glossary: Mapping[str, str], year_start: int | None) -> bool:
    """Every cell of the row holds what most cells below it in its column hold ("Finance
    Committee" over committees, "by Dec 24" over dates): a body row, not a header, even if its
    words are header words. A real header differs somewhere ("Timescale" over dates)."""
    _, below = _body(table, row + 1, glossary, year_start)
    compared = 0
    for cell in table.row_cells(row):
        if cell.col_span > 1 or not cell.text.strip():
            continue
        kind, share = _content_kind(below[cell.col])
        if kind is None or share < _SURE:
            continue
        if _is_label(cell.text):
            return False  # "Owner", "Due date": a header's own words, whatever the cells below hold
        own = cell_kind(cell.text, glossary, year_start)
        if kind == "text" and own == "text":
            continue  # short words over short words tell nothing
        if own != kind and not (kind in _SENTENCE_KINDS and own in _SENTENCE_KINDS and len(cell.text.split()) > 3):
            return False
        compared += 1
    return compared >= 2


def _is_label(text: str) -> bool:
    """The text is exactly a header synonym (years and punctuation aside)."""
    words = _words(text)
    return any(words == phrase for phrase, _ in _stemmed_synonyms())


def _header_row(table: Table, max_header_row: int, glossary: Mapping[str, str],
                year_start: int | None) -> tuple[int, dict[int, str]] | None:
    """The row among the first whose cells name the most distinct kinds (at least two), and are
    labels rather than another row of content."""
    best: tuple[int, dict[int, str]] | None = None
    best_score = 0.0
    for row in range(min(max_header_row, table.n_rows)):
        if not _short_labels(table, row):
            continue
        kinds = _header_kinds(table, row)
        cells = [c for c in table.row_cells(row) if c.text.strip()]
        labels = sum(_is_label(c.text) for c in cells)
        marked = bool(cells) and all(c.is_header for c in cells)
        distinct = len(set(kinds.values()))
        if distinct < 2 and not (distinct and len(cells) >= 2 and (marked or labels >= 2)):
            continue
        score = distinct + 0.5 * labels + marked  # a row of exact labels, marked as a header, wins
        if score > best_score and not _like_the_body(table, row, glossary, year_start):
            best, best_score = (row, kinds), score
    return best


def _column_cells(table: Table, first_row: int) -> dict[int, list[Cell]]:
    """The cells that start in each column from `first_row` down (a cell across several columns
    is left out: it is a banner, not a column's content)."""
    cells: dict[int, list[Cell]] = {c: [] for c in range(table.n_cols)}
    for cell in table.cells:
        if cell.row >= first_row and cell.col_span == 1 and cell.text.strip():
            cells[cell.col].append(cell)
    return cells


def _body(table: Table, first_row: int, glossary: Mapping[str, str],
          year_start: int | None) -> tuple[dict[int, list[Cell]], dict[int, Counter[str]]]:
    """Each column's cells from `first_row` down, and what they hold."""
    cells = _column_cells(table, first_row)
    return cells, {col: profile([c.text for c in cs], glossary, year_start) for col, cs in cells.items()}


def _content_kind(found: Counter[str]) -> tuple[str | None, float]:
    """The kind most of a column's cells hold, and its share; sentences are actions when most
    read as actions, else measures when most state a target."""
    total = sum(n for kind, n in found.items() if kind != TARGET)
    if not total:
        return None, 0.0
    sentences = sum(found[k] for k in _SENTENCE_KINDS)
    if sentences / total >= _SURE:
        if found["deliverable"] / total >= _SURE:
            return "deliverable", found["deliverable"] / total
        if found[TARGET] / sentences >= _SURE or found["indicator"] / total >= _SURE:
            return "indicator", sentences / total
        return "text", sentences / total
    kind, n = max(((k, n) for k, n in found.items() if k not in (TARGET, *_SENTENCE_KINDS)),
                  key=lambda kn: kn[1], default=(None, 0))
    return kind, n / total


def _looks_like_header(table: Table, profiles: dict[int, Counter[str]], glossary: Mapping[str, str],
                       year_start: int | None) -> bool:
    """A first row of short labels over columns whose cells hold something else."""
    cells = [c for c in table.row_cells(0) if c.text.strip()]
    if len(cells) < 2 or any(len(c.text.split()) > _HEADER_WORDS for c in cells):
        return False
    if all(c.is_header or all(ln.bold for ln in c.lines if ln.text.strip()) for c in cells):
        return True
    differs = 0
    for cell in cells:
        kind, _ = _content_kind(profiles.get(cell.col, Counter()))
        differs += kind is not None and cell_kind(cell.text, glossary, year_start) != kind
    return differs >= max(2, len(cells) - 1)


def _periods(table: Table, header_row: int) -> dict[int, str]:
    """Columns of a period grid: two or more header cells naming quarters or months."""
    if header_row < 0:
        return {}
    found = {c.col: period_core(c.text) for c in table.row_cells(header_row)
             if c.col_span == 1 and is_period_header(c.text)}
    return found if len(found) >= 2 else {}


def _spans_rows(cells: list[Cell]) -> bool:
    return any(c.row_span > 1 for c in cells)


def _decide(header: str | None, found: Counter[str], cells: list[Cell], others_deliver: bool) -> str | None:
    """A column's kind from its header's and its cells' evidence."""
    kind, share = _content_kind(found)
    if header is None:
        weak = kind in _SENTENCE_KINDS and len(cells) < 2  # one sentence is no column's evidence
        return kind if kind in COLUMN_KINDS and share >= _SURE and not weak else None
    if header in _CHECKABLE and len(cells) >= 2 and found[header] == 0 and kind is not None:
        return kind if kind in COLUMN_KINDS else None  # "Assured by" is not a date column
    if kind in ("due", "owner") and share >= _OVERRULE and len(cells) >= _OVERRULE_CELLS \
            and header in ("deliverable", "objective", "indicator"):
        return kind  # "Milestone" over dates, "Priority" over role titles
    if header == "objective" and kind == "deliverable" and not others_deliver and not _spans_rows(cells):
        return "deliverable"  # "Priority action": an action in every row, not an aim over several
    return header


def find_columns(table: Table, max_header_row: int = 3, glossary: Mapping[str, str] | None = None,
                 year_start: int | None = None) -> ColumnMap | None:
    """The header row (or none) and each column's kind; None if the table is not a plan table."""
    glossary = glossary or {}
    found = _header_row(table, max_header_row, glossary, year_start)
    header_row, header = found if found is not None else (-1, {})
    cells, profiles = _body(table, header_row + 1, glossary, year_start)
    if found is None and table.n_rows > 2 and _looks_like_header(table, profiles, glossary, year_start):
        header_row = 0
        cells, profiles = _body(table, 1, glossary, year_start)
    cmap = ColumnMap(header_row=header_row, periods=_periods(table, header_row))
    header_deliver = "deliverable" in header.values()
    for col in range(table.n_cols):
        if col in cmap.periods:
            cmap.kinds[col] = PERIOD
            continue
        kind = _decide(header.get(col), profiles[col], cells[col], header_deliver)
        if kind is not None:
            cmap.kinds[col] = kind
    _settle_action_column(cmap, profiles)
    _settle_owner_columns(table, cmap)
    if found is None and not (cmap.has("deliverable") and (cmap.has("owner") or cmap.has("due") or cmap.periods)):
        return None  # with no header words, only an action column beside owners or dates makes a plan table
    return cmap if cmap.is_plan_table else None


def _settle_action_column(cmap: ColumnMap, profiles: dict[int, Counter[str]]) -> None:
    """An action column whose cells are measures ("How we will know" over targets) beside a
    column of actions under another header ("Priority action"): the cells decide which is which."""
    contents = {col: _content_kind(found)[0] for col, found in profiles.items()}
    named = cmap.cols("deliverable")
    if len(named) >= 2:  # two columns of sentences: the one of levels to reach holds the measures
        share = {c: profiles[c][TARGET] / max(1, sum(profiles[c][k] for k in _SENTENCE_KINDS)) for c in named}
        keep = min(named, key=lambda c: share[c])
        for col in named:
            if col != keep and share[col] >= _SURE > share[keep]:
                cmap.kinds[col] = "indicator"
    for col in cmap.cols("deliverable"):
        others = [c for c, kind in contents.items() if kind == "deliverable" and c != col]
        if contents[col] == "indicator" and len(others) == 1:
            cmap.kinds[col] = "indicator"
            cmap.kinds[others[0]] = "deliverable"


def _settle_owner_columns(table: Table, cmap: ColumnMap) -> None:
    """With several owner columns, commitments take the delivery lead's (or the rightmost);
    the others name the objective's executive lead."""
    if cmap.header_row < 0:
        return
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
