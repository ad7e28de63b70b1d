"""A prose document's blocks as a tree of sections, each with the kind its heading gives it.

Real headings nest by level. A short line that is exactly a known part of a plan ("Why this
matters", "In 2024/25 we will:", "Measures") acts as a heading below every real one, so a PDF
that prints such labels in body-size bold (or a scan, where boldness is lost) is read the same
as a web page with <h3>s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.interpret.labels import is_glossary_heading
from pipeline.interpret.prose_items import is_group_label
from pipeline.interpret.prose_vocab import is_heading_of, lead_line
from schemas.document import Block, BlockKind


class SectionKind(StrEnum):
    STRUCTURAL = "structural"  # a theme, an objective, or a title: decided by what it holds
    COMMITMENTS = "commitments"
    INDICATORS = "indicators"
    OUTCOME = "outcome"
    CONTEXT = "context"
    GLOSSARY = "glossary"


_KIND_VOCABULARY = ((SectionKind.COMMITMENTS, "commitment_headings"), (SectionKind.INDICATORS, "indicator_headings"),
                    (SectionKind.OUTCOME, "outcome_headings"), (SectionKind.CONTEXT, "context_headings"))
_LABEL_LEVEL = 99  # a bold label line sits below every real heading
_MAX_LABEL_WORDS = 10


@dataclass(slots=True)
class Section:
    heading: Block | None
    level: int
    kind: SectionKind
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    def is_empty(self) -> bool:
        return not self.blocks and all(child.is_empty() for child in self.children)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def components(self) -> Iterator[Section]:
        """Descendant sections that are parts of this one (not structural sections of their own)."""
        for child in self.children:
            if child.kind is not SectionKind.STRUCTURAL:
                yield child
                yield from child.components()


def section_kind(text: str) -> SectionKind:
    if is_glossary_heading(text):
        return SectionKind.GLOSSARY
    for kind, vocabulary in _KIND_VOCABULARY:
        if is_heading_of(vocabulary, text):
            return kind
    return SectionKind.STRUCTURAL


def _as_heading(block: Block) -> tuple[int, SectionKind] | None:
    if lead_line(block.text):  # "Priority lead: X" in heading type is a labelled line
        return None
    if block.kind is BlockKind.HEADING and block.text:
        return block.level or 1, section_kind(block.text)
    if block.kind is BlockKind.PARAGRAPH and len(block.text.split()) <= _MAX_LABEL_WORDS:
        kind = section_kind(block.text)
        if kind is not SectionKind.STRUCTURAL:
            return _LABEL_LEVEL, kind
    return None


def _groups_measures(stack: list[Section], block: Block, found: tuple[int, SectionKind]) -> bool:
    """A short heading of no known kind, no higher than the measures part it follows (below the
    heading that holds a measures label line), groups that part's measures ("Patients")."""
    level, kind = found
    current = stack[-1]
    if current.kind is not SectionKind.INDICATORS or kind is not SectionKind.STRUCTURAL or not is_group_label(block):
        return False
    if current.level == _LABEL_LEVEL:
        return len(stack) < 2 or level > stack[-2].level
    return level >= current.level


def build_sections(blocks: list[Block]) -> Section:
    """The section tree; the root holds what comes before the first heading."""
    root = Section(heading=None, level=0, kind=SectionKind.STRUCTURAL)
    stack = [root]
    for block in blocks:
        found = _as_heading(block)
        if found is not None and _groups_measures(stack, block, found):
            found = None  # "Patients" over some of a measures part's list: a label inside it
        if found is None:
            stack[-1].blocks.append(block)
            continue
        level, kind = found
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        section = Section(heading=block, level=level, kind=kind)
        stack[-1].children.append(section)
        stack.append(section)
    return _without_title(root)


def _without_title(root: Section) -> Section:
    """Step into the page or cover title: a lone structural section holding everything else."""
    filled = [c for c in root.children if not c.is_empty()]
    if any(b.kind is not BlockKind.PARAGRAPH for b in root.blocks):
        return root
    if len(filled) != 1 or filled[0].kind is not SectionKind.STRUCTURAL:
        return root
    title = filled[0]
    return Section(heading=None, level=title.level, kind=SectionKind.STRUCTURAL, blocks=root.blocks + title.blocks,
                   children=title.children)
