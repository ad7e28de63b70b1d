"""The prose stage: plans written as headings, "We will" lists and paragraphs (web pages,
strategy summaries), read when the table stage finds no plan table.

Sections are read by what they hold (pipeline/prose_sections.py):
- a structural section holding commitments, measures, an outcome or a lead is an objective; one
  holding only such objectives is a theme; refs are the printed ones, else document order;
- commitments are the bullets of objective sections (or of their "We will" parts) and labelled
  lines ("Action 3: ..."); on a page with no such bullets at all, each paragraph of a headed
  section that speaks of work to be done is one (workstream pages);
- indicators are the items of "Measures" parts and lead-ins, and Measure | Baseline | Target rows;
- a page with no headed plan yields only the goal and measure sentences it states.
Vocabulary lives in data/prose.yaml.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from normalisers.actions import is_action
from normalisers.assurance import normalise_assurance
from normalisers.dates import financial_year_start, year_label
from normalisers.owners import normalise_owners
from normalisers.text import clean_text
from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.labels import assurance_line, group_label, outcome_line
from pipeline.interpret.prose_items import (
    commitment,
    indicator,
    is_group_label,
    is_measures_table,
    table_indicators,
)
from pipeline.interpret.prose_sections import Section, SectionKind, build_sections
from pipeline.interpret.prose_vocab import (
    cue_after,
    heading_ref,
    is_heading_of,
    labelled,
    lead_line,
    mentions,
    starts_with,
)
from pipeline.interpret.provenance import block_provenance
from schemas.document import Block, BlockKind, Document
from schemas.plan import Indicator, Objective, Owner, Theme

_OVERVIEW_SIMILARITY = 0.8  # a bullet this close to a later heading is a contents line, not an item
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"'])")


@dataclass(slots=True)
class _Material:
    """What one structural section holds, before refs are given."""

    commitments: list[tuple[Block, int | None]] = field(default_factory=list)  # block, year of its lead-in
    indicators: list[tuple[Block, int | None]] = field(default_factory=list)
    prose: list[tuple[Block, int | None]] = field(default_factory=list)  # paragraphs of a bullet-less page
    tables: list[Block] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    assurance: list[str] = field(default_factory=list)  # "Assuring committee: QC" lines
    audiences: dict[int, str] = field(default_factory=dict)  # id of a measure's block -> its group label

    def has_items(self) -> bool:
        return bool(self.commitments or self.indicators or self.tables or self.outcome or self.leads)


def _is_lead_in(block: Block) -> bool:
    return block.kind is BlockKind.PARAGRAPH and block.text.rstrip().endswith(":")


def _is_noise(block: Block) -> bool:
    return starts_with("noise_lines", block.text)


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.root = build_sections(document.blocks)
        self.position = {id(b): i for i, b in enumerate(document.blocks)}
        self.headings = [s.title for s in self.root.walk() if s.heading is not None]
        self.flat = not _structural(self.root)  # one list under the page's only heading, if any

    def is_overview_line(self, text: str) -> bool:
        key = clean_text(text).casefold().rstrip(".")
        return any(difflib.SequenceMatcher(None, key, heading.casefold().rstrip(".")).ratio()
                   >= _OVERVIEW_SIMILARITY for heading in self.headings)

    def material(self, section: Section, bullets_only: bool) -> _Material:
        """Gather a structural section's own blocks and those of its component parts."""
        found = _Material()
        self._read_blocks(found, section.blocks, SectionKind.STRUCTURAL, section.heading is None, bullets_only, None)
        for part in section.components():
            year = financial_year_start(part.title) if part.heading else None
            self._read_blocks(found, part.blocks, part.kind, False, bullets_only, year)
        if any(mentions("commitment_language", block.text) for block, _ in found.prose):
            found.commitments = sorted(found.commitments + found.prose, key=lambda c: self.position[id(c[0])])
        return found

    def _read_blocks(self, found: _Material, blocks: list[Block], kind: SectionKind, at_root: bool,
                     bullets_only: bool, year: int | None) -> None:
        if kind in (SectionKind.CONTEXT, SectionKind.GLOSSARY):
            return
        has_bullets = any(b.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE) for b in blocks)  # then prose is context
        target = kind  # where the next list goes: changed by lead-in paragraphs
        audience: str | None = None  # the group label ("Patients", "Our people") over the measures that follow
        for block in blocks:
            if target is SectionKind.INDICATORS and has_bullets and is_group_label(block):
                audience = group_label(block.text)
                continue
            if block.kind is BlockKind.LIST_ITEM and target is SectionKind.INDICATORS and audience:
                found.audiences[id(block)] = audience
            lead = lead_line(block.text) if block.kind is not BlockKind.TABLE else None
            if lead:
                found.leads.append(lead)
                continue
            assured = assurance_line(block.text) if block.kind is not BlockKind.TABLE else None
            if assured:
                found.assurance.append(assured)
                continue
            if block.kind is BlockKind.TABLE:
                if is_measures_table(block.table):
                    found.tables.append(block)
                continue
            if _is_noise(block):
                continue
            if block.kind is BlockKind.PARAGRAPH and (labelled_year := year_label(block.text)):
                year = labelled_year  # "2026/27" over the items of that year
                continue
            if block.kind is BlockKind.PARAGRAPH and labelled("commitment_labels", block.text):
                found.commitments.append((block, year))
                continue
            if _is_lead_in(block):
                if starts_with("indicator_lead_ins", block.text):
                    target = SectionKind.INDICATORS
                elif is_heading_of("commitment_headings", block.text) or "we will" in block.text.lower():
                    target, year = SectionKind.COMMITMENTS, financial_year_start(block.text) or year
                continue
            if kind is SectionKind.OUTCOME:
                found.outcome.append(clean_text(block.text))
                continue
            outcome = outcome_line(block.text) if block.kind is BlockKind.PARAGRAPH else None
            if outcome:
                found.outcome.append(outcome)
                continue
            if block.kind is BlockKind.LIST_ITEM:
                self._bullet(found, block, target, at_root, year)
            elif block.kind is BlockKind.PARAGRAPH and not has_bullets:
                self._paragraph(found, block, kind, at_root, bullets_only, year)

    def _bullet(self, found: _Material, block: Block, target: SectionKind, at_root: bool, year: int | None) -> None:
        if block.list_depth:  # a sub-bullet belongs to the item above it
            items = found.indicators if target is SectionKind.INDICATORS else found.commitments
            if items:
                parent, parent_year = items[-1]
                items[-1] = (Block(kind=parent.kind, text=f"{parent.text} {block.text}", page=parent.page,
                                   bbox=parent.bbox, confidence=parent.confidence), parent_year)
            return
        if target is SectionKind.INDICATORS:
            found.indicators.append((block, year))
        elif (target is SectionKind.COMMITMENTS or not at_root or (self.flat and is_action(block.text))) \
                and not self.is_overview_line(block.text):
            found.commitments.append((block, year))

    @staticmethod
    def _paragraph(found: _Material, block: Block, kind: SectionKind, at_root: bool, bullets_only: bool,
                   year: int | None) -> None:
        if kind is SectionKind.INDICATORS:
            found.indicators.append((block, year))
        elif kind is SectionKind.COMMITMENTS:
            found.commitments.append((block, year))
        elif not bullets_only and not at_root and kind is SectionKind.STRUCTURAL:
            found.prose.append((block, year))


def _structural(section: Section) -> list[Section]:
    """Structural sections below `section` in document order (not `section` itself)."""
    out = []
    for child in section.children:
        if child.kind is SectionKind.STRUCTURAL:
            out.append(child)
        out.extend(_structural(child))
    return out


def _label(text: str) -> tuple[str | None, str]:
    """A heading's printed ref (or None) and its title without its label."""
    return heading_ref(text) or (None, clean_text(text))


def _refs(printed: list[str | None]) -> list[str]:
    """Printed refs when every item has its own, else document order."""
    if all(printed) and len(set(printed)) == len(printed):
        return [r for r in printed if r]
    return [str(i) for i in range(1, len(printed) + 1)]


def _owners(leads: list[str], ctx: Context) -> list[Owner]:
    return normalise_owners(leads, ctx.glossary) if leads else []


def _build(reader: _Reader, ctx: Context, bullets_only: bool) -> PlanParts:
    sections = _structural(reader.root)
    materials = {id(s): reader.material(s, bullets_only) for s in sections}
    objectives = [s for s in sections if materials[id(s)].has_items()]
    objective_ids = {id(s) for s in objectives}
    themes = [s for s in sections if id(s) not in objective_ids
              and any(id(d) in objective_ids for d in s.walk() if d is not s)]
    theme_ids = {id(s) for s in themes}
    themes = [s for s in themes if not any(id(d) in theme_ids for d in s.walk() if d is not s)]  # the level
    # right above the objectives; a heading over themes ("What we will deliver") is the body's
    if len(themes) == 1 and _label(themes[0].title)[0] is None:
        themes = []  # one unlabelled, unnumbered heading over every objective is the document's title

    parts = PlanParts()
    theme_labels = [_label(s.title) for s in themes]
    theme_refs = _refs([r for r, _ in theme_labels])
    theme_of: dict[int, str] = {}
    for section, ref, (_, title) in zip(themes, theme_refs, theme_labels, strict=True):
        parts.themes.append(Theme(ref=ref, title=title, provenance=block_provenance(section.heading)))
        for d in section.walk():
            theme_of[id(d)] = ref

    labels = [_label(s.title) for s in objectives]
    if len(objectives) == 1 and labels[0][0] is None:  # one unnumbered heading over every item groups
        return _ungrouped(reader, ctx, materials[id(objectives[0])], bullets_only)  # nothing: the body's
    refs = _refs([r for r, _ in labels])
    for section, ref, (_, title) in zip(objectives, refs, labels, strict=True):
        found = materials[id(section)]
        owners = _owners(found.leads, ctx)
        parts.objectives.append(Objective(ref=ref, theme_ref=theme_of.get(id(section)), title=title,
                                          outcome=" ".join(found.outcome) or None, owners=owners,
                                          provenance=block_provenance(section.heading)))
        _add_items(parts, reader, found, ref, owners, ctx)
    root = reader.material(reader.root, bullets_only)
    _add_items(parts, reader, root, None, [], ctx)
    _unique_commitment_refs(parts)
    return parts


def _ungrouped(reader: _Reader, ctx: Context, found: _Material, bullets_only: bool) -> PlanParts:
    """The items of a plan whose only heading over them is the body's ("Our objectives"): no
    objective, each item on its own."""
    parts = PlanParts()
    _add_items(parts, reader, reader.material(reader.root, bullets_only), None, [], ctx)
    _add_items(parts, reader, found, None, _owners(found.leads, ctx), ctx)
    _unique_commitment_refs(parts)
    return parts


def _unique_commitment_refs(parts: PlanParts) -> None:
    """Printed refs that repeat across objectives ("Action 1" in each) are qualified by their
    objective ("2.1"); any still repeated are dropped rather than made up."""
    counts = Counter(c.ref for c in parts.commitments if c.ref)
    for item in parts.commitments:
        if item.ref and counts[item.ref] > 1:
            item.ref = f"{item.objective_ref}.{item.ref}" if item.objective_ref else None
    counts = Counter(c.ref for c in parts.commitments if c.ref)
    for item in parts.commitments:
        if item.ref and counts[item.ref] > 1:
            item.ref = None


def _add_items(parts: PlanParts, reader: _Reader, found: _Material, ref: str | None, owners: list[Owner],
               ctx: Context) -> None:
    assurance = normalise_assurance(found.assurance, ctx.glossary) if found.assurance else []
    for block, year in found.commitments:
        parts.commitments.append(commitment(block, ref, owners, ctx, year or ctx.year_start, assurance))
    for block, year in found.indicators:
        parts.indicators.append(indicator(block, ref, year or ctx.year_start, found.audiences.get(id(block))))
    tables = [b for b in reader.document.blocks if b.kind is BlockKind.TABLE]
    for block in found.tables:
        index = next(i for i, b in enumerate(tables) if b is block)
        parts.indicators.extend(table_indicators(block, index, ref, ctx.year_start))


def _goal_title(sentence: str) -> str | None:
    """"Today, our goal remains - to become renowned ..." -> "To become renowned ..."."""
    goal = cue_after("goal_cues", sentence)
    title = goal.strip(" -–—:").rstrip(".").strip() if goal is not None else ""
    return title[0].upper() + title[1:] if title else None


def _stated_only(document: Document) -> PlanParts:
    """A narrative page: its stated goal (an objective) and measure of success (an indicator)."""
    parts = PlanParts()
    measures: list[tuple[Block, str]] = []
    for block in document.blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        for sentence in _SENTENCE.split(clean_text(block.text)):
            title = _goal_title(sentence)
            if title:
                ref = str(len(parts.objectives) + 1)
                parts.objectives.append(Objective(ref=ref, title=title, provenance=block_provenance(block)))
            elif cue_after("measure_cues", sentence) is not None:
                measures.append((block, sentence))
    only = parts.objectives[0].ref if len(parts.objectives) == 1 else None
    parts.indicators = [Indicator(objective_ref=only, text=sentence, provenance=block_provenance(block))
                        for block, sentence in measures]
    return parts


def interpret_prose(document: Document, ctx: Context) -> PlanParts:
    """Themes, objectives, commitments and indicators of a prose plan (see the module notes)."""
    reader = _Reader(document)
    parts = _build(reader, ctx, bullets_only=True)
    if not parts.commitments:
        parts = _build(reader, ctx, bullets_only=False)
    if parts.is_empty():
        parts = _stated_only(document)
    return parts
