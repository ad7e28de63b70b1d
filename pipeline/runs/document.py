"""The document runner: one source through fetch -> detect and extract -> interpret -> load.

Each step is a plain function of this module; `run_document` runs them in order in this
process and returns one DocumentResult whatever happens, and the Prefect flows (flows/) run
the same functions as tasks. A failure at any step is recorded in the database (an
extraction run, failed) with the file kept in quarantine, never raised. The file is hashed
once, when it is fetched.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine

from extractors.registry import read_document
from pipeline import config
from pipeline.config import Settings
from pipeline.fetch.fetcher import FetchDirs, Fetched, fetch_source
from pipeline.fetch.sources import Source
from pipeline.files import atomic_write
from pipeline.interpret.interpreter import interpret
from pipeline.runs.summary import DocumentResult, plan_counts
from pipeline.store.engine import make_engine
from pipeline.store.load import LoadOutcome, load_plan
from pipeline.store.records import known_sha256, record_failure
from pipeline.store.write_lock import database_write_lock
from schemas.document import Document
from schemas.errors import NoPlanFound, TrustplansError
from schemas.plan import Plan

T = TypeVar("T")


@functools.cache
def engine_for(url: str) -> Engine:
    """One engine (connection pool) per database per process."""
    return make_engine(url)


# --------------------------------------------------------------------------- the steps


def fetch(source: Source, settings: Settings, dirs: FetchDirs) -> Fetched:
    return fetch_source(source, dirs, timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes)


def already_loaded(fetched: Fetched, settings: Settings) -> bool:
    """Whether these bytes are loaded already: nothing more to do for them."""
    return known_sha256(engine_for(settings.database_url), fetched.sha256)


def extract(fetched: Fetched) -> Document:
    """The file in the document model, by the extractor of its real format."""
    document = read_document(Path(fetched.path), fetched.sha256)
    if fetched.source.is_url:
        document.source = fetched.source.location
    return document


def interpret_plan(document: Document, fetched: Fetched) -> Plan:
    """The plan in the document, with the kind and trust the source's registry entry gives."""
    source = fetched.source
    try:
        return interpret(document, kind=source.kind, ods_code=source.ods_code)
    except NoPlanFound as err:  # name the file as the user gave it
        raise NoPlanFound(source.location, err.problem) from None


def load(plan: Plan, fetched: Fetched, settings: Settings) -> LoadOutcome:
    engine = engine_for(settings.database_url)
    with database_write_lock(engine):
        return load_plan(engine, plan, source=fetched.source.location, retrieved_at=fetched.retrieved_at)


def record_failed(source: Source, failure: str, fetched: Fetched | None, settings: Settings) -> str | None:
    """Record the failure in the database and keep the file in quarantine; returns the copy."""
    sha256 = fetched.sha256 if fetched else None
    record_failure(engine_for(settings.database_url), source.location, failure, sha256=sha256)
    kept = quarantine(fetched.path if fetched else None, source.location, failure, sha256,
                      settings.quarantine_dir)
    return str(kept) if kept else None


def quarantine(path: str | None, source: str, error: str, sha256: str | None, folder: Path) -> Path | None:
    """Copy the failed file (if there is one) into `folder` as <sha256[:12]>-<name>, with
    <that>.error.json beside it (source, error, when); return the copy's path."""
    if path is None or not Path(path).is_file():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    original = Path(path)
    target = folder / f"{(sha256 or 'unhashed')[:12]}-{original.name}"
    shutil.copyfile(original, target)
    note = {"source": source, "error": error, "sha256": sha256,
            "quarantined_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    atomic_write(target.with_name(target.name + ".error.json"), json.dumps(note, indent=1).encode("utf-8"))
    return target


def as_error(exc: BaseException, source: str) -> TrustplansError:
    """Any failure as a TrustplansError naming the source (an unexpected one: "could not be read")."""
    if isinstance(exc, TrustplansError):
        return exc
    return TrustplansError(source, f"could not be read ({type(exc).__name__}: {exc})")


def failed(source: str, exc: BaseException, **fields: object) -> DocumentResult:
    """The result of a document whose run raised `exc`."""
    error = as_error(exc, source)
    return DocumentResult(source, "failed", error=str(error), error_type=type(exc).__name__,
                          exit_code=error.exit_code, **fields)


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

    def steps(self, load_into_database: bool) -> DocumentResult:
        """Every step in order; raises what a step raises."""
        location = self.source.location
        fetched = self.fetched = self.timed("fetch", lambda: fetch(self.source, self.settings, self.dirs))
        if load_into_database and already_loaded(fetched, self.settings):
            return DocumentResult(location, "unchanged", timings=self.timings)
        document = self.timed("extract", lambda: extract(fetched))
        plan = self.plan = self.timed("interpret", lambda: interpret_plan(document, fetched))
        if not load_into_database:
            return DocumentResult(location, "extracted", counts=plan_counts(plan), timings=self.timings, plan=plan)
        outcome = self.timed("load", lambda: load(plan, fetched, self.settings))
        return DocumentResult(location, outcome.status, document_id=outcome.document_id, counts=plan_counts(plan),
                              timings=self.timings)


@contextmanager
def _fetch_dirs(dirs: FetchDirs | None, settings: Settings, keep: bool) -> Iterator[FetchDirs]:
    """`dirs` if given; else under the processed folder when downloads are kept (loading),
    else a temporary folder."""
    if dirs is not None or keep:
        yield dirs or FetchDirs.under(settings.processed_dir)
        return
    with tempfile.TemporaryDirectory(prefix="trustplans-fetch-") as folder:
        yield FetchDirs(downloads=Path(folder))


def run_document(source: Source, settings: Settings, *, load_into_database: bool = True,
                 dirs: FetchDirs | None = None) -> DocumentResult:
    """Run every step for one source and return its result; a failure is a result too,
    recorded in the database when loading. Without `load_into_database`, stop at the plan
    and record nothing (a URL is then fetched into a temporary folder)."""
    with _fetch_dirs(dirs, settings, load_into_database) as fetch_into:
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
    with _fetch_dirs(None, run_settings, keep=False) as fetch_into:
        result = _Run(Source(location=str(location)), run_settings, fetch_into).steps(load_into_database=False)
    assert result.plan is not None
    return result.plan


def _recorded(result: DocumentResult, source: Source, fetched: Fetched | None, settings: Settings) -> DocumentResult:
    try:
        kept = record_failed(source, result.failure or "", fetched, settings)
    except Exception as exc:  # recording the failure failed too: say so, and go on
        return replace(result, error=f"{result.error}; not recorded: {type(exc).__name__}: {exc}")
    return replace(result, quarantined=kept)
