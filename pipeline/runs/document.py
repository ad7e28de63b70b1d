"""The document runner: one source through fetch -> read (detect, extract, interpret; in a
child process with memory and time limits) -> load, returning one DocumentResult whatever
happens. A failure at any step is recorded in the database (an extraction run, failed) with
the file kept in quarantine, never raised. The file is hashed once, when it is fetched.
`trustplans extract` and `ingest` run documents here; the flows run the same steps as tasks.
A batch splits a run in two: read_for_loading (fetch and read; it writes nothing, so that
several documents can be read at once on threads) and load_reading (the database writes).
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

    def fetch(self) -> Fetched:
        self.fetched = self.timed("fetch", lambda: fetch(self.source, self.settings, self.dirs))
        return self.fetched

    def read(self, fetched: Fetched) -> Plan:
        self.plan = self.timed("read", lambda: read_plan_isolated(fetched, self.settings))
        return self.plan

    def load(self) -> DocumentResult:
        fetched, plan = self.fetched, self.plan
        assert fetched is not None and plan is not None, "load() follows a read()"
        outcome = self.timed("load", lambda: load(plan, fetched, self.settings))
        corrections = {"corrections applied": outcome.corrections_applied,
                       "corrections that no longer match": outcome.corrections_unmatched}
        counts = {**plan_counts(plan), **{k: n for k, n in corrections.items() if n}}
        return DocumentResult(printable(self.source.location), outcome.status, document_id=outcome.document_id,
                              trust=trust_of(plan), counts=counts, timings=self.timings)

    def as_failed(self, exc: Exception) -> DocumentResult:
        return failed(self.source.location, exc, counts=plan_counts(self.plan) if self.plan else {},
                      timings=self.timings)


@contextmanager
def _temporary_fetch_dirs() -> Iterator[FetchDirs]:
    """Where a run that loads nothing fetches (downloads are kept only when loading)."""
    with tempfile.TemporaryDirectory(prefix="trustplans-fetch-") as folder:
        yield FetchDirs(downloads=Path(folder))


def run_document(source: Source, settings: Settings, *, load_into_database: bool = True) -> DocumentResult:
    """Run every step for one source and return its result; a failure is a result too,
    recorded in the database when loading. Without `load_into_database`, stop at the plan
    and record nothing (a URL is then fetched into a temporary folder)."""
    if load_into_database:
        return load_reading(read_for_loading(source, settings))
    with _temporary_fetch_dirs() as fetch_into:
        run = _Run(source, settings, fetch_into)
        try:
            plan = run.read(run.fetch())
        except Exception as exc:  # any failure is a result
            return run.as_failed(exc)
    return DocumentResult(printable(source.location), "extracted", trust=trust_of(plan), counts=plan_counts(plan),
                          timings=run.timings, plan=plan)


@dataclass(frozen=True, slots=True)
class Reading:
    """One document fetched, looked for in the database and read, for load_reading to finish;
    nothing of it is in the database yet."""

    run: _Run
    result: DocumentResult | None = None  # nothing to load: its bytes are loaded already
    error: Exception | None = None  # what the step that failed raised


def read_for_loading(source: Source, settings: Settings) -> Reading:
    """The steps of run_document before the load. Writes nothing to the database, so that
    documents can be read on threads of their own while one thread loads them."""
    run = _Run(source, settings, FetchDirs.under(settings.processed_dir))
    try:
        fetched = run.fetch()
        if (known := already_loaded(fetched, settings)) is not None:
            return Reading(run, result=DocumentResult(printable(source.location), "unchanged", document_id=known,
                                                      timings=run.timings))
        run.read(fetched)
    except Exception as exc:  # any failure is a result, recorded by load_reading
        return Reading(run, error=exc)
    return Reading(run)


def load_reading(reading: Reading) -> DocumentResult:
    """The rest of run_document: the plan loaded (one transaction), or the failure recorded
    (the file kept in quarantine)."""
    if reading.result is not None:
        return reading.result
    run, error = reading.run, reading.error
    if error is None:
        try:
            return run.load()
        except Exception as exc:  # any failure is a result; the caller goes on to the next document
            error = exc
    return _recorded(run.as_failed(error), run.source, run.fetched, run.settings)


def extract_plan(location: str | Path, settings: Settings | None = None) -> Plan:
    """The plan in one file or at one URL, read as `trustplans extract` reads it, without
    loading it; raises the TrustplansError of the step that failed."""
    with _temporary_fetch_dirs() as fetch_into:
        run = _Run(Source(location=str(location)), settings or config.settings(), fetch_into)
        return run.read(run.fetch())


def _recorded(result: DocumentResult, source: Source, fetched: Fetched | None, settings: Settings) -> DocumentResult:
    try:
        kept = record_failed(source, result.failure or "", fetched, settings)
    except Exception as exc:  # recording the failure failed too: say so, and go on
        return replace(result, error=f"{result.error}; not recorded: {type(exc).__name__}: {exc}")
    return replace(result, quarantined=kept)
