"""The document runner's steps (pipeline/runs/document.py) as Prefect tasks: nothing here but
the wrapping, and a retry of fetches that may succeed later."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.states import State

from pipeline.config import Settings
from pipeline.fetch.fetcher import FetchDirs, Fetched, is_transient
from pipeline.fetch.sources import Source
from pipeline.runs import steps
from pipeline.runs.isolation import read_plan_isolated
from pipeline.store.load import LoadOutcome
from schemas.errors import TrustplansError
from schemas.plan import Plan

# Results stay in memory: nothing here is worth persisting or caching between runs.
_TASK = {"cache_policy": NO_CACHE, "persist_result": False}

# A refresh runs thousands of task runs; their "Finished in state Completed()" lines, each sent
# to the Prefect API, cost more than the work of an unchanged document. Task runs log warnings
# and failures; the flow run logs each run's summary.
logging.getLogger("prefect.task_runs").setLevel(logging.WARNING)


class _ExpectedFailures(logging.Filter):
    """A document failing for a reason trustplans names (not a PDF, no plan found, past a
    limit) is logged as its one line, without the traceback: it is recorded, not a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, TrustplansError):
            record.msg, record.args, record.exc_info, record.exc_text = f"{error}", None, None, None
        return True


logging.getLogger("prefect.task_runs").addFilter(_ExpectedFailures())


@dataclass(frozen=True, slots=True)
class FetchCheck:
    fetched: Fetched
    known: int | None  # the document already loaded from these bytes: nothing more to do


def _retry_if_transient(_task: Task, _run: TaskRun, state: State) -> bool:
    error = state.result(raise_on_failure=False)
    return isinstance(error, BaseException) and is_transient(error)


@task(name="fetch", retry_condition_fn=_retry_if_transient, **_TASK)
def fetch(source: Source, settings: Settings) -> FetchCheck:
    fetched = steps.fetch(source, settings, FetchDirs.under(settings.processed_dir))
    return FetchCheck(fetched, steps.already_loaded(fetched, settings))


@task(name="read", **_TASK)
def read(fetched: Fetched, settings: Settings) -> Plan:
    """Detect, extract and interpret, in a child process under the settings' limits."""
    return read_plan_isolated(fetched, settings)


@task(name="load", **_TASK)
def load(plan: Plan, fetched: Fetched, settings: Settings) -> LoadOutcome:
    return steps.load(plan, fetched, settings)


@task(name="record-failure", **_TASK)
def record_failed(source: Source, failure: str, fetched: Fetched | None, settings: Settings) -> str | None:
    return steps.record_failed(source, failure, fetched, settings)
