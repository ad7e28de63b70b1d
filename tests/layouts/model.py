"""The random plan as dataclasses (what is printed, and what it means) and its gold plan JSON."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tests.layouts.dates import Due


def clean(text: str) -> str:
    """NFC, white space collapsed: the form every gold text takes."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(slots=True)
class Person:
    raw: str
    title: str
    portfolio: str

    def gold(self) -> dict[str, str]:
        return {"raw": clean(self.raw), "title": clean(self.title), "portfolio": self.portfolio}


@dataclass(slots=True)
class Group:
    raw: str
    title: str

    def gold(self) -> dict[str, str]:
        return {"raw": clean(self.raw), "title": clean(self.title)}


@dataclass(slots=True)
class Target:
    comparator: str
    value: float
    unit: str


@dataclass(slots=True)
class Indicator:
    text: str  # the gold text: the sentence, or the measure's name in a measures table
    target: Target | None
    baseline: tuple[float, str] | None
    due: Due | None = None
    cells: tuple[str, str, str] | None = None  # (measure, baseline, target) as a measures table prints them
    commitment: Commitment | None = None  # the commitment whose row holds it
    audience: str | None = None  # the group label it is listed under ("Patients", "Staff")


@dataclass(slots=True)
class Commitment:
    ref: str | None  # as printed; None when the document prints none
    text: str  # gold text
    owners: list[Person] = field(default_factory=list)
    owner_cell: str = ""  # the owner text as printed
    assurance: list[Group] = field(default_factory=list)
    assurance_cell: str = ""
    due: Due | None = None
    due_cell: str = ""  # the due-date cell as printed
    period_cells: list[str] = field(default_factory=list)  # quarter or month columns
    rag: str = ""
    measure: Indicator | None = None


@dataclass(slots=True)
class Objective:
    ref: str
    ref_printed: bool
    title: str
    heading: str  # as printed, with its number or label
    domain: str
    commitments: list[Commitment] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    lead_line: str = ""  # "Executive lead: COO" (prose layouts)
    assurance_line: str = ""


@dataclass(slots=True)
class Theme:
    ref: str
    ref_printed: bool
    title: str
    heading: str
    objectives: list[Objective] = field(default_factory=list)


@dataclass(slots=True)
class GlossaryEntry:
    abbreviation: str
    expansion: str
    kind: str  # owner | group | other


@dataclass(slots=True)
class Plan:
    org_name: str
    org_code: str
    title: str
    fy: int
    period_label: str
    levels: str  # two | one | none: which of themes / objectives the document shows
    themes: list[Theme]
    end_indicators: list[Indicator] = field(default_factory=list)  # measures printed after the plan
    glossary: list[GlossaryEntry] = field(default_factory=list)

    def objectives(self) -> list[Objective]:
        return [o for t in self.themes for o in t.objectives]

    def commitments(self) -> list[Commitment]:
        return [c for o in self.objectives() for c in o.commitments]


def _ref_item(ref: str, printed: bool) -> dict[str, Any]:
    return {"ref": ref} if printed else {"ref": ref, "ref_printed": False}


def _indicator_gold(ind: Indicator, objective_ref: str | None) -> dict[str, Any]:
    com = ind.commitment
    return {
        "objective_ref": objective_ref,
        "commitment_ref": com.ref if com is not None else None,
        "audience": ind.audience,
        "text": clean(ind.text),
        "target": None if ind.target is None else
        {"comparator": ind.target.comparator, "value": ind.target.value, "unit": ind.target.unit},
        "baseline": None if ind.baseline is None else {"value": ind.baseline[0], "unit": ind.baseline[1]},
        "due": ind.due.gold() if ind.due else None,
    }


def gold_json(plan: Plan, source: str, sha256: str, fmt: str) -> dict[str, Any]:
    """The plan JSON a careful annotator writes for the rendered document."""
    start, end = f"{plan.fy}-04-01", f"{plan.fy + 1}-03-31"
    themes, objectives, commitments, indicators = [], [], [], []
    show_themes, show_objectives = plan.levels == "two", plan.levels in ("two", "one")
    for theme in plan.themes:
        if show_themes:
            themes.append({**_ref_item(theme.ref, theme.ref_printed), "title": clean(theme.title)})
        for obj in theme.objectives:
            obj_ref = obj.ref if show_objectives else None
            if show_objectives:
                objectives.append({**_ref_item(obj.ref, obj.ref_printed),
                                   "theme_ref": theme.ref if show_themes else None,
                                   "title": clean(obj.title), "outcome": None})
            for com in obj.commitments:
                commitments.append({
                    "ref": com.ref, "objective_ref": obj_ref, "text": clean(com.text),
                    "owners": [p.gold() for p in com.owners], "assurance": [g.gold() for g in com.assurance],
                    "due": com.due.gold() if com.due else None,
                })
            indicators += [_indicator_gold(c.measure, obj_ref) for c in obj.commitments if c.measure]
            indicators += [_indicator_gold(i, obj_ref) for i in obj.indicators]
    indicators += [_indicator_gold(i, None) for i in plan.end_indicators]
    return {
        "schema_version": "1",
        "document": {
            "source": source, "sha256": sha256, "format": fmt, "title": clean(plan.title),
            "organisation": {"name": plan.org_name, "code": plan.org_code},
            "period": {"label": plan.period_label, "start": start, "end": end},
        },
        "themes": themes,
        "objectives": objectives,
        "commitments": commitments,
        "indicators": indicators,
        "glossary": [{"abbreviation": g.abbreviation, "expansion": g.expansion, "kind": g.kind}
                     for g in plan.glossary],
    }
