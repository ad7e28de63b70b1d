"""The document runner's steps, each a plain function: fetch, check whether the bytes are
loaded already, load, and record a failure; reading the plan (detect, extract, interpret) is
reading.py's, done in a reader process. The runner (document.py) and the Prefect flows
(flows/) call these same functions. SQLAlchemy is imported by the steps that use the database,
so that `trustplans extract` (which loads nothing) starts without it."""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Settings
from pipeline.fetch.fetcher import FetchDirs, Fetched, FetchLimits, fetch_source
from pipeline.fetch.sources import Source
from pipeline.files import atomic_write, printable
from pipeline.runs.reading import as_error
from pipeline.runs.summary import DocumentResult
from schemas.plan import Plan

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pipeline.store.load import LoadOutcome


@functools.cache
def engine_for(url: str) -> Engine:
    """One engine (connection pool) per database per process."""
    from pipeline.store.engine import make_engine  # SQLAlchemy: not for a bare extract

    return make_engine(url)


def fetch(source: Source, settings: Settings, dirs: FetchDirs) -> Fetched:
    limits = FetchLimits(timeout=settings.fetch_timeout, deadline=settings.fetch_deadline,
                         max_bytes=settings.max_input_bytes, allow_private=settings.allow_private_urls,
                         same_host_redirects=not settings.allow_private_urls)
    return fetch_source(source, dirs, limits)


def already_loaded(fetched: Fetched, settings: Settings) -> int | None:
    """The document loaded from these bytes already, if any: then nothing more is to be done."""
    from pipeline.store.records import document_with_sha256

    return document_with_sha256(engine_for(settings.database_url), fetched.sha256)


def load(plan: Plan, fetched: Fetched, settings: Settings) -> LoadOutcome:
    from pipeline.store.load import load_plan  # the loader's normalisers (spaCy): not for a bare extract
    from pipeline.store.write_lock import database_write_lock

    engine = engine_for(settings.database_url)
    with database_write_lock(engine):
        return load_plan(engine, plan, source=printable(fetched.source.location), retrieved_at=fetched.retrieved_at)


def record_failed(source: Source, failure: str, fetched: Fetched | None, settings: Settings) -> str | None:
    """Record the failure in the database and keep the file in quarantine; returns the copy. A
    local file refused before it was hashed (not a document, damaged) is kept too, unless it is
    no regular file or is past the input limit."""
    from pipeline.store.records import record_failure
    sha256 = fetched.sha256 if fetched else None
    location = printable(source.location)
    record_failure(engine_for(settings.database_url), location, failure, sha256=sha256)
    path = fetched.path if fetched else None if source.is_url else _keepable(Path(source.location), settings)
    kept = quarantine(path, location, failure, sha256, settings.quarantine_dir)
    return str(kept) if kept else None


def _keepable(path: Path, settings: Settings) -> str | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return str(path) if stat.S_ISREG(found.st_mode) and found.st_size <= settings.max_input_bytes else None


def quarantine(path: str | None, source: str, error: str, sha256: str | None, folder: Path) -> Path | None:
    """Copy the failed file (if there is one) into `folder` as <sha256[:12]>-<name>, with
    <that>.error.json beside it (source, error, when); return the copy's path."""
    if path is None or not Path(path).is_file():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    original = Path(path)
    target = folder / f"{(sha256 or 'unhashed')[:12]}-{printable(original.name)}"
    shutil.copyfile(original, target)
    note = {"source": source, "error": error, "sha256": sha256,
            "quarantined_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    atomic_write(target.with_name(target.name + ".error.json"), json.dumps(note, indent=1).encode("utf-8"))
    return target


def failed(source: str, exc: BaseException, **fields: object) -> DocumentResult:
    """The result of a document whose run raised `exc`."""
    error = as_error(exc, source)
    error_type = getattr(exc, "original_type", None) or type(exc).__name__
    return DocumentResult(printable(source), "failed", error=printable(str(error)), error_type=error_type,
                          exit_code=error.exit_code, **fields)
