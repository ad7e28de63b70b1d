"""The document runner: one source through fetch -> read (detect, extract, interpret; in a
child process with memory and time limits) -> load, returning one DocumentResult whatever
happens. A failure at any step is recorded in the database (an extraction run, failed) with
the file kept in quarantine, never raised. The file is hashed once, when it is fetched.
`trustplans extract` and `ingest` run documents here; the flows run the same steps as tasks.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from pipeline import config
from pipeline.config import Settings
from pipeline.fetch.fetcher import FetchDirs, Fetched
from pipeline.fetch.sources import Source
from pipeline.files import printable
from pipeline.runs.isolation import read_plan_isolated
from pipeline.runs.steps import already_loaded, failed, fetch, load, record_failed
from pipeline.runs.summary import DocumentResult, plan_counts, trust_of
from schemas.plan import Plan

T = TypeVar("T")
log = logging.getLogger(__name__)  # one line per document, shown with `trustplans -v`


# --------------------------------------------------------------------------- the runner


@dataclass(slots=True)
class _Run:
    """One document's way through the steps: what each step gave, and how long it took."""

    source: Source
    settings: Settings
    dirs: FetchDirs
    timings: dict[str, float] = field(default_factory=dict)
    fetched: Fetched | None = None
    plan: Plan | None = None

    def timed(self, step: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        try:
            return work()
        finally:
            self.timings[step] = time.perf_counter() - started
            log.info("%s: %s took %.2f s", printable(self.source.location), step, self.timings[step])

    def steps(self, load_into_database: bool) -> DocumentResult:
        """Every step in order; raises what a step raises."""
        location = printable(self.source.location)
        fetched = self.fetched = self.timed("fetch", lambda: fetch(self.source, self.settings, self.dirs))
        if load_into_database and (known := already_loaded(fetched, self.settings)) is not None:
            return DocumentResult(location, "unchanged", document_id=known, timings=self.timings)
        plan = self.plan = self.timed("read", lambda: read_plan_isolated(fetched, self.settings))
        if not load_into_database:
            return DocumentResult(location, "extracted", trust=trust_of(plan), counts=plan_counts(plan),
                                  timings=self.timings, plan=plan)
        outcome = self.timed("load", lambda: load(plan, fetched, self.settings))
        corrections = {"corrections applied": outcome.corrections_applied,
                       "corrections that no longer match": outcome.corrections_unmatched}
        return DocumentResult(location, outcome.status, document_id=outcome.document_id, trust=trust_of(plan),
                              counts={**plan_counts(plan), **{k: n for k, n in corrections.items() if n}},
                              timings=self.timings)


@contextmanager
def _fetch_dirs(settings: Settings, keep: bool) -> Iterator[FetchDirs]:
    """Under the processed folder when downloads are kept (loading), else a temporary folder."""
    if keep:
        yield FetchDirs.under(settings.processed_dir)
        return
    with tempfile.TemporaryDirectory(prefix="trustplans-fetch-") as folder:
        yield FetchDirs(downloads=Path(folder))


def run_document(source: Source, settings: Settings, *, load_into_database: bool = True) -> DocumentResult:
    """Run every step for one source and return its result; a failure is a result too,
    recorded in the database when loading. Without `load_into_database`, stop at the plan
    and record nothing (a URL is then fetched into a temporary folder)."""
    with _fetch_dirs(settings, load_into_database) as fetch_into:
        run = _Run(source, settings, fetch_into)
        try:
            return run.steps(load_into_database)
        except Exception as exc:  # any failure is a result; the caller goes on to the next document
            result = failed(source.location, exc, counts=plan_counts(run.plan) if run.plan else {},
                            timings=run.timings)
    return _recorded(result, source, run.fetched, settings) if load_into_database else result


def extract_plan(location: str | Path, settings: Settings | None = None) -> Plan:
    """The plan in one file or at one URL, read as `trustplans extract` reads it, without
    loading it; raises the TrustplansError of the step that failed."""
    run_settings = settings or config.settings()
    with _fetch_dirs(run_settings, keep=False) as fetch_into:
        result = _Run(Source(location=str(location)), run_settings, fetch_into).steps(load_into_database=False)
    assert result.plan is not None
    return result.plan


def _recorded(result: DocumentResult, source: Source, fetched: Fetched | None, settings: Settings) -> DocumentResult:
    try:
        kept = record_failed(source, result.failure or "", fetched, settings)
    except Exception as exc:  # recording the failure failed too: say so, and go on
        return replace(result, error=f"{result.error}; not recorded: {type(exc).__name__}: {exc}")
    return replace(result, quarantined=kept)
