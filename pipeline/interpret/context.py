"""What the interpreter's stages share: the document-wide context and the parts they find."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.plan import Commitment, Indicator, Objective, Theme


@dataclass(slots=True)
class Context:
    """Document-wide facts every stage may use when building items."""

    source: str
    glossary: dict[str, str] = field(default_factory=dict)  # abbreviation -> expansion, from the document
    year_start: int | None = None  # first financial year of the plan: 2021 for "2021/22"
    title: str | None = None  # the document's title, never an item of the plan


@dataclass(slots=True)
class PlanParts:
    """Themes, objectives, commitments and indicators found by one interpreter stage."""

    themes: list[Theme] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.objectives or self.commitments or self.indicators)
