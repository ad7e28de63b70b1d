"""What a run did: one DocumentResult per document, and a batch's RunSummary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from schemas.plan import Plan

Status = Literal["new", "changed", "unchanged", "extracted", "failed"]
LOAD_STATUSES: tuple[Status, ...] = ("new", "changed", "unchanged", "failed")  # a batch's totals


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's run. `status`: loaded as a new document, as a new version of one
    ("changed"), not loaded because its bytes already were ("unchanged"), extracted without
    loading ("extracted"), or "failed" at some step."""

    source: str  # the location run: a path or URL
    status: Status
    document_id: int | None = None
    trust: str | None = None  # the plan's organisation, as "CODE Name" (loaded now: new or changed)
    counts: dict[str, int] = field(default_factory=dict)  # themes, objectives, ... found
    error: str | None = None  # one line naming the source and what is wrong
    error_type: str | None = None  # the error's class, as recorded
    exit_code: int = 0  # what the command line exits with for this error
    quarantined: str | None = None  # where a failed file was kept
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step run
    plan: Plan | None = None  # the plan, when extracted without loading

    @property
    def extracted(self) -> bool:
        """Whether its file was read (extraction ran)."""
        return "read" in self.timings

    @property
    def failure(self) -> str | None:
        """The error as recorded: its class and message."""
        return f"{self.error_type}: {self.error}" if self.error is not None else None


def trust_of(plan: Plan) -> str:
    organisation = plan.document.organisation
    return f"{organisation.code} {organisation.name}" if organisation.code else organisation.name


def plan_counts(plan: Plan) -> dict[str, int]:
    return {"themes": len(plan.themes), "objectives": len(plan.objectives),
            "commitments": len(plan.commitments), "indicators": len(plan.indicators)}


@dataclass(slots=True)
class RunSummary:
    trigger: str  # "cli", "ingest" (the flow) or "refresh"
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    documents: list[DocumentResult] = field(default_factory=list)
    run_id: int | None = None  # id of its refresh_runs row, once stored

    def counts(self) -> dict[Status, int]:
        found = Counter(result.status for result in self.documents)
        return {status: found[status] for status in LOAD_STATUSES}

    @property
    def extracted(self) -> int:
        return sum(result.extracted for result in self.documents)

    @property
    def failed(self) -> list[DocumentResult]:
        return [result for result in self.documents if result.status == "failed"]

    def text(self) -> str:
        counts = self.counts()
        seconds = ((self.finished_at or self.started_at) - self.started_at).total_seconds()
        lines = [f"{self.trigger}: {len(self.documents)} documents in {seconds:.1f} s: "
                 + ", ".join(f"{counts[status]} {status}" for status in LOAD_STATUSES)]
        lines += [f"  failed: {r.failure}" for r in self.failed]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()
