"""Many documents, one after another: the database made ready once, each document run on its
own (a failure recorded and the rest go on), the batch's totals stored at the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from pipeline.config import Settings
from pipeline.fetch.sources import Source
from pipeline.runs.document import run_document
from pipeline.runs.steps import engine_for
from pipeline.runs.summary import DocumentResult, RunSummary
from pipeline.store.migrate import upgrade
from pipeline.store.records import record_run_summary
from pipeline.store.write_lock import database_write_lock


def start_run(settings: Settings, trigger: str) -> RunSummary:
    """Migrate the database (one process at a time) and open the run's summary."""
    engine = engine_for(settings.database_url)
    with database_write_lock(engine):
        upgrade(engine)
    return RunSummary(trigger=trigger, started_at=dt.datetime.now(dt.UTC))


def finish_run(summary: RunSummary, settings: Settings) -> RunSummary:
    """Close the summary and store its totals (refresh_runs)."""
    summary.finished_at = dt.datetime.now(dt.UTC)
    summary.run_id = record_run_summary(engine_for(settings.database_url), trigger=summary.trigger,
                                        started_at=summary.started_at, finished_at=summary.finished_at,
                                        **summary.counts())
    return summary


def run_batch(sources: Sequence[Source], settings: Settings, *, trigger: str,
              on_start: Callable[[Source], None] | None = None,
              on_result: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    """Run every source in this process, in order; `on_start` / `on_result` are told of each
    (for a progress bar)."""
    summary = start_run(settings, trigger)
    for source in sources:
        if on_start:
            on_start(source)
        result = run_document(source, settings)
        summary.documents.append(result)
        if on_result:
            on_result(result)
    return finish_run(summary, settings)
