"""What one ingest or refresh did, document by document, and its totals."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Engine

from pipeline.store.load import record_run_summary

Status = Literal["new", "changed", "unchanged", "failed"]
STATUSES: tuple[Status, ...] = ("new", "changed", "unchanged", "failed")


@dataclass(frozen=True, slots=True)
class DocumentResult:
    source: str
    status: Status
    extracted: bool = False  # whether extraction ran for it in this run
    document_id: int | None = None
    error: str | None = None
    quarantined: str | None = None  # path of the kept copy of a failed file


@dataclass(slots=True)
class RunSummary:
    trigger: str  # "ingest" or "refresh"
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    documents: list[DocumentResult] = field(default_factory=list)
    run_id: int | None = None  # id of its refresh_runs row, once stored

    def counts(self) -> dict[Status, int]:
        found = Counter(result.status for result in self.documents)
        return {status: found[status] for status in STATUSES}

    @property
    def extracted(self) -> int:
        return sum(result.extracted for result in self.documents)

    def text(self) -> str:
        counts = self.counts()
        seconds = ((self.finished_at or self.started_at) - self.started_at).total_seconds()
        lines = [f"{self.trigger}: {len(self.documents)} documents in {seconds:.1f} s: "
                 + ", ".join(f"{counts[status]} {status}" for status in STATUSES)]
        lines += [f"  failed: {r.source}: {r.error}" for r in self.documents if r.status == "failed"]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def store_summary(engine: Engine, summary: RunSummary) -> int:
    """Store the totals as a refresh_runs row; returns its id."""
    counts = summary.counts()
    return record_run_summary(engine, trigger=summary.trigger, started_at=summary.started_at,
                              finished_at=summary.finished_at or summary.started_at, **counts)
