"""The rendered document as format-neutral blocks: compose.py lays a plan out in these, and each
renderer (DOCX, PDF, HTML) draws them in its own format."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | list[str]  # one paragraph, or several


@dataclass(slots=True)
class Heading:
    level: int  # 1 (section) .. 3
    text: str


@dataclass(slots=True)
class Para:
    text: str
    style: str = "body"  # body | org | title | small | bold


@dataclass(slots=True)
class Bullets:
    items: list[str]


@dataclass(slots=True)
class Span:
    """A full-width table row (a theme or objective banner)."""

    text: str
    level: int


@dataclass(slots=True)
class Table:
    header: list[str] | None
    rows: list[list[Cell] | Span]
    widths: list[float]  # relative column widths
    repeat_header: bool = True
    small: bool = False  # many narrow columns: a smaller font


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class Columns:
    """Prose set in two columns (PDF); other formats show the blocks in order."""

    blocks: list[Block]


@dataclass(slots=True)
class Section:
    """A collapsible section (HTML accordion); other formats show a heading and the blocks."""

    summary: str
    blocks: list[Block]


Block = Heading | Para | Bullets | Table | PageBreak | Columns | Section


@dataclass(slots=True)
class Doc:
    title: str
    org: str
    running_header: str
    footer: str
    landscape: bool
    ruling: str  # PDF: ruled | rules_only | borderless | shaded_rows
    accordion_kind: str = "details"  # HTML: details | button
    split_rows: bool = False  # PDF: a table row may break across pages
    blocks: list[Block] = field(default_factory=list)
    nav: list[str] = field(default_factory=list)  # HTML site navigation
