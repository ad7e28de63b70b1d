"""One Prefect task per step per document; each calls plain functions of pipeline/."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.states import State
from sqlalchemy import Engine

from extractors.registry import read_document
from flows.options import RunOptions
from pipeline.fetch.conditional import Fetched, fetch_source, is_transient
from pipeline.fetch.sources import Source
from pipeline.interpret.interpreter import interpret
from pipeline.runs.quarantine import quarantine
from pipeline.runs.summary import RunSummary, store_summary
from pipeline.store.engine import make_engine
from pipeline.store.load import LoadOutcome, known_sha256, load_plan, record_failure
from pipeline.store.write_lock import database_write_lock
from schemas.document import Document
from schemas.plan import Plan

# Results stay in memory: nothing here is worth persisting or caching between runs.
_TASK = {"cache_policy": NO_CACHE, "persist_result": False}

# A refresh runs thousands of task runs; their "Finished in state Completed()" lines, each sent
# to the Prefect API, cost more than the work of an unchanged document. Task runs log warnings
# and failures; the flow run logs each run's summary.
logging.getLogger("prefect.task_runs").setLevel(logging.WARNING)


@functools.cache
def engine_for(url: str) -> Engine:
    """One engine (connection pool) per database per process."""
    return make_engine(url)


@dataclass(frozen=True, slots=True)
class FetchCheck:
    fetched: Fetched
    known: bool  # these bytes are already loaded: nothing more to do


def _retry_if_transient(_task: Task, _run: TaskRun, state: State) -> bool:
    error = state.result(raise_on_failure=False)
    return isinstance(error, BaseException) and is_transient(error)


@task(name="fetch", retry_condition_fn=_retry_if_transient, **_TASK)
def fetch(source: Source, options: RunOptions) -> FetchCheck:
    fetched = fetch_source(source, options.fetch_dirs, timeout=options.fetch_timeout)
    return FetchCheck(fetched, known_sha256(engine_for(options.database_url), fetched.sha256))


@task(name="extract", **_TASK)
def extract(fetched: Fetched) -> Document:
    return read_document(Path(fetched.path))


@task(name="normalise", **_TASK)
def normalise(document: Document) -> Plan:
    return interpret(document)


@task(name="load", **_TASK)
def load(plan: Plan, fetched: Fetched, options: RunOptions) -> LoadOutcome:
    engine = engine_for(options.database_url)
    with database_write_lock(engine):
        return load_plan(engine, plan, source=fetched.source.location, retrieved_at=fetched.retrieved_at)


@task(name="record-failure", **_TASK)
def record_failed(source: str, error: str, sha256: str | None, path: str | None,
                  options: RunOptions) -> str | None:
    """Record the failure in the database; keep the file in quarantine. Returns its copy."""
    record_failure(engine_for(options.database_url), source, error, sha256=sha256)
    kept = quarantine(path, source, error, sha256, options.quarantine_dir)
    return str(kept) if kept else None


@task(name="record-summary", **_TASK)
def record_summary(summary: RunSummary, options: RunOptions) -> int:
    return store_summary(engine_for(options.database_url), summary)
