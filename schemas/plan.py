"""The plan interchange format (plan JSON, version 1; ../shared/spec/plan-json.md).

Field names and meanings follow the spec exactly. Added fields the spec allows:
`document.kind`, `themes[].outcome`, `objectives[].owners`, and `provenance` on every extracted item
(where in the source an analyst can check it).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.formats import DOCUMENT_FORMATS

Portfolio = Literal[
    "chief_executive", "operations", "finance", "nursing", "medical", "workforce", "digital",
    "strategy", "governance", "estates", "communications", "innovation_research",
    "transformation", "divisional", "other",
]
Comparator = Literal["<", "<=", "=", ">=", ">", "reduce_by", "increase_by"]
Unit = Literal["%", "days", "weeks", "months", "hours", "count", "GBP"]
Format = Literal[DOCUMENT_FORMATS]  # type: ignore[valid-type]
GlossaryKind = Literal["owner", "group", "other"]

UNKNOWN_KIND = "other"  # document.kind of a plan whose kind is not known

SCHEMA_FILE = Path(__file__).with_name("plan.schema.json")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Provenance(_Model):
    """Where an item was read: page, position, and the table cell it came from."""

    page: int | None = None
    bbox: list[float] | None = Field(default=None, description="[x0, top, x1, bottom] in points")
    table: int | None = Field(default=None, description="index of the table in the document")
    row: int | None = None
    col: int | None = None
    confidence: float | None = Field(default=None, description="OCR mean word confidence, 0-100")


class Organisation(_Model):
    name: str
    code: str | None = None


class Period(_Model):
    label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class DocumentInfo(_Model):
    source: str
    sha256: str
    format: Format
    title: str | None = None
    kind: str = Field(default=UNKNOWN_KIND, description="strategy, annual_plan, operational_plan, ... or other")
    organisation: Organisation
    period: Period | None = None
    plan_confidence: float | None = Field(
        default=None, description="0-1: how plan-like the document reads (pipeline/interpret/plan_confidence.py)")


class Theme(_Model):
    ref: str | None = None
    title: str
    outcome: str | None = None
    provenance: Provenance | None = None


class Owner(_Model):
    raw: str
    title: str | None = None
    portfolio: Portfolio | None = None


class Assurance(_Model):
    raw: str
    title: str | None = None


class Due(_Model):
    raw: str
    start: dt.date | None = None
    end: dt.date | None = None


class Objective(_Model):
    ref: str
    theme_ref: str | None = None
    title: str
    outcome: str | None = None
    owners: list[Owner] = Field(default_factory=list)
    provenance: Provenance | None = None


class Commitment(_Model):
    ref: str | None = None
    objective_ref: str | None = None
    text: str
    owners: list[Owner] = Field(default_factory=list)
    assurance: list[Assurance] = Field(default_factory=list)
    due: Due | None = None
    confidence: float | None = Field(default=None, description="0-1: how surely this item is a commitment")
    provenance: Provenance | None = None


class Target(_Model):
    model_config = ConfigDict(frozen=True)  # a value: the normaliser's cached results are shared

    comparator: Comparator
    value: float
    unit: Unit


class Baseline(_Model):
    model_config = ConfigDict(frozen=True)

    value: float
    unit: Unit


class Indicator(_Model):
    objective_ref: str | None = None
    commitment_ref: str | None = None
    audience: str | None = None
    text: str
    target: Target | None = None
    baseline: Baseline | None = None
    due: Due | None = None
    provenance: Provenance | None = None


class GlossaryEntry(_Model):
    abbreviation: str
    expansion: str
    kind: GlossaryKind = "other"


class Plan(_Model):
    schema_version: Literal["1"] = "1"
    document: DocumentInfo
    themes: list[Theme] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        return cls.model_validate_json(text)


def json_schema() -> dict:
    """The JSON Schema of plan JSON, as kept in schemas/plan.schema.json."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://trustplans.invalid/plan.schema.json"
    return schema


def load_json_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
