"""The work both flows share, as their subflow: every document through fetch -> extract ->
normalise -> load, as many at once as the task runner allows, each document's next step
submitted as soon as its last one is done. A document whose bytes are already loaded stops
after fetch; one that fails at any step is recorded (its file quarantined) while the rest go
on. Ends with the run's summary, logged and stored."""

from __future__ import annotations

import datetime as dt
import queue
from collections.abc import Sequence
from typing import Any

from prefect import Task, flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.results import ResultRecord
from prefect.states import State
from prefect.task_runners import TaskRunner
from prefect.tasks import exponential_backoff

from flows.options import RunOptions
from flows.tasks import FetchCheck, engine_for, extract, fetch, load, normalise, record_failed, record_summary
from pipeline.fetch.conditional import Fetched
from pipeline.fetch.sources import Source
from pipeline.runs.summary import DocumentResult, RunSummary
from pipeline.store.engine import upgrade
from pipeline.store.load import LoadOutcome
from pipeline.store.write_lock import database_write_lock


class _Documents:
    """Moves each document on to its next step as the task runner finishes the last one."""

    def __init__(self, sources: Sequence[Source], options: RunOptions) -> None:
        self.sources = sources
        self.options = options
        self.fetch = fetch.with_options(
            retries=options.fetch_retries,
            retry_delay_seconds=exponential_backoff(options.retry_backoff)(options.fetch_retries) or 0)
        self.finished: queue.SimpleQueue[tuple[int, Task, PrefectFuture]] = queue.SimpleQueue()
        self.running = 0
        self.fetched: dict[int, Fetched] = {}
        self.errors: dict[int, str] = {}
        self.results: dict[int, DocumentResult] = {}

    def run(self) -> list[DocumentResult]:
        for index, source in enumerate(self.sources):
            self._submit(index, self.fetch, source, self.options)
        while self.running:
            index, step, future = self.finished.get()
            self.running -= 1
            future.wait()  # done already; this makes its final state the one held in memory
            if future.state.is_completed():
                self._next(index, step, _value(future.state))
            else:
                self._failed(index, _error_text(future.state))
        return [self.results[index] for index in range(len(self.sources))]

    def _submit(self, index: int, step: Task, *args: Any) -> None:
        future = step.submit(*args)
        self.running += 1
        future.add_done_callback(lambda done: self.finished.put((index, step, done)))

    def _next(self, index: int, step: Task, value: Any) -> None:
        location = self.sources[index].location
        if step is self.fetch:
            check: FetchCheck = value
            if check.known:
                self.results[index] = DocumentResult(location, "unchanged")
            else:
                self.fetched[index] = check.fetched
                self._submit(index, extract, check.fetched)
        elif step is extract:
            self._submit(index, normalise, value)
        elif step is normalise:
            self._submit(index, load, value, self.fetched[index], self.options)
        elif step is load:
            outcome: LoadOutcome = value
            self.results[index] = DocumentResult(location, outcome.status, extracted=True,
                                                 document_id=outcome.document_id)
        else:  # record_failed: the failure is recorded; `value` is the quarantined copy
            self.results[index] = DocumentResult(location, "failed", extracted=index in self.fetched,
                                                 error=self.errors[index], quarantined=value)

    def _failed(self, index: int, error: str) -> None:
        if index in self.errors:  # recording the failure failed too
            self.results[index] = DocumentResult(self.sources[index].location, "failed",
                                                 extracted=index in self.fetched,
                                                 error=f"{self.errors[index]}; not recorded: {error}")
            return
        self.errors[index] = error
        fetched = self.fetched.get(index)
        self._submit(index, record_failed, self.sources[index].location, error,
                     fetched.sha256 if fetched else None, fetched.path if fetched else None, self.options)


def run_documents(sources: list[Source], options: RunOptions, trigger: str) -> RunSummary:
    """Every document through its steps, on the task runner of the flow this runs in."""
    summary = RunSummary(trigger=trigger, started_at=dt.datetime.now(dt.UTC))
    engine = engine_for(options.database_url)
    with database_write_lock(engine):
        upgrade(engine)
    summary.documents = _Documents(sources, options).run()
    summary.finished_at = dt.datetime.now(dt.UTC)
    summary.run_id = record_summary(summary, options)
    get_run_logger().info(summary.text())
    return summary


@flow(name="documents", persist_result=False)
def documents_flow(sources: list[Source], options: RunOptions, trigger: str) -> RunSummary:
    """run_documents as a subflow, for a task runner other than its caller's default (Dask, or
    another thread limit): a subflow run costs about a second, so the default skips it."""
    return run_documents(sources, options, trigger)


def in_flow(sources: list[Source], options: RunOptions, trigger: str, runner: TaskRunner | None) -> RunSummary:
    """run_documents in the calling flow when `runner` is None (its own thread runner), else in a
    subflow on `runner`."""
    if runner is None:
        return run_documents(sources, options, trigger)
    return documents_flow.with_options(task_runner=runner)(sources, options, trigger)


def _value(state: State) -> Any:
    """What a finished task returned (or raised). Its result is held in memory (results are
    not persisted), so it is read here directly: State.result() goes through Prefect's event
    loop thread, which cost ~9 ms a call, most of a refresh of unchanged documents."""
    if isinstance(state.data, ResultRecord):
        return state.data.result
    return state.result(raise_on_failure=False)


def _error_text(state: State) -> str:
    error = _value(state)
    if isinstance(error, BaseException):
        return f"{type(error).__name__}: {error}"
    return state.message or state.name
