"""The work both flows share: every document through the runner's steps as tasks
(fetch -> read -> load), as many at once as the task runner allows, each
document's next step submitted as soon as its last one is done. A document whose bytes are
already loaded stops after fetch; one that fails at any step is recorded (its file
quarantined) while the rest go on. Ends with the run's summary, logged and stored."""

from __future__ import annotations

import queue
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from prefect import Task, flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.results import ResultRecord
from prefect.states import State
from prefect.task_runners import TaskRunner
from prefect.tasks import exponential_backoff

from flows.tasks import FetchCheck, fetch, load, read, record_failed
from pipeline.config import Settings
from pipeline.fetch.fetcher import Fetched
from pipeline.fetch.sources import Source
from pipeline.files import printable
from pipeline.runs.batch import finish_run, start_run
from pipeline.runs.steps import failed
from pipeline.runs.summary import DocumentResult, RunSummary, plan_counts, trust_of
from pipeline.store.load import LoadOutcome
from schemas.plan import Plan


class _Documents:
    """Moves each document on to its next step as the task runner finishes the last one."""

    def __init__(self, sources: Sequence[Source], settings: Settings) -> None:
        self.sources = sources
        self.settings = settings
        self.fetch = fetch.with_options(
            retries=settings.fetch_retries,
            retry_delay_seconds=exponential_backoff(settings.retry_backoff)(settings.fetch_retries) or 0)
        self.steps: dict[Task, str] = {self.fetch: "fetch", read: "read", load: "load", record_failed: "record"}
        self.finished: queue.SimpleQueue[tuple[int, Task, PrefectFuture, float]] = queue.SimpleQueue()
        self.running = 0
        self.fetched: dict[int, Fetched] = {}
        self.counts: dict[int, dict[str, int]] = {}
        self.trusts: dict[int, str] = {}
        self.timings: dict[int, dict[str, float]] = {index: {} for index in range(len(sources))}
        self.failures: dict[int, DocumentResult] = {}
        self.results: dict[int, DocumentResult] = {}

    def run(self) -> list[DocumentResult]:
        for index, source in enumerate(self.sources):
            self._submit(index, self.fetch, source, self.settings)
        while self.running:
            index, step, future, started = self.finished.get()
            self.running -= 1
            self.timings[index][self.steps[step]] = time.perf_counter() - started  # waiting included
            future.wait()  # done already; this makes its final state the one held in memory
            if future.state.is_completed():
                self._next(index, step, _value(future.state))
            else:
                self._failed(index, _value(future.state) or RuntimeError(future.state.message))
        return [self.results[index] for index in range(len(self.sources))]

    def _submit(self, index: int, step: Task, *args: Any) -> None:
        started = time.perf_counter()
        future = step.submit(*args)
        self.running += 1
        future.add_done_callback(lambda done: self.finished.put((index, step, done, started)))

    def _next(self, index: int, step: Task, value: Any) -> None:
        location = printable(self.sources[index].location)
        if step is self.fetch:
            check: FetchCheck = value
            if check.known is not None:
                self.results[index] = DocumentResult(location, "unchanged", document_id=check.known,
                                                     timings=self.timings[index])
            else:
                self.fetched[index] = check.fetched
                self._submit(index, read, check.fetched, self.settings)
        elif step is read:
            plan: Plan = value
            self.counts[index] = plan_counts(plan)
            self.trusts[index] = trust_of(plan)
            self._submit(index, load, plan, self.fetched[index], self.settings)
        elif step is load:
            outcome: LoadOutcome = value
            self.results[index] = DocumentResult(location, outcome.status, document_id=outcome.document_id,
                                                 trust=self.trusts.get(index), counts=self.counts.get(index, {}),
                                                 timings=self.timings[index])
        else:  # record_failed: the failure is recorded; `value` is the quarantined copy
            self.results[index] = replace(self.failures[index], quarantined=value)

    def _failed(self, index: int, error: BaseException) -> None:
        if index in self.failures:  # recording the failure failed too
            result = self.failures[index]
            self.results[index] = replace(result, error=f"{result.error}; not recorded: "
                                                        f"{type(error).__name__}: {error}")
            return
        source = self.sources[index]
        result = failed(source.location, error, counts=self.counts.get(index, {}), timings=self.timings[index])
        self.failures[index] = result
        self._submit(index, record_failed, source, result.failure, self.fetched.get(index), self.settings)


def run_documents(sources: list[Source], settings: Settings, trigger: str) -> RunSummary:
    """Every document through its steps, on the task runner of the flow this runs in."""
    summary = start_run(settings, trigger)
    summary.documents = _Documents(sources, settings).run()
    finish_run(summary, settings)
    get_run_logger().info(summary.text())
    return summary


@flow(name="documents", persist_result=False)
def documents_flow(sources: list[Source], settings: Settings, trigger: str) -> RunSummary:
    """run_documents as a subflow, for a task runner other than its caller's default (Dask, or
    another thread limit): a subflow run costs about a second, so the default skips it."""
    return run_documents(sources, settings, trigger)


def in_flow(sources: list[Source], settings: Settings, trigger: str, runner: TaskRunner | None) -> RunSummary:
    """run_documents in the calling flow when `runner` is None (its own thread runner), else in a
    subflow on `runner`."""
    if runner is None:
        return run_documents(sources, settings, trigger)
    return documents_flow.with_options(task_runner=runner)(sources, settings, trigger)


def _value(state: State) -> Any:
    """What a finished task returned (or raised). Its result is held in memory (results are
    not persisted), so it is read here directly: State.result() goes through Prefect's event
    loop thread, which cost ~9 ms a call, most of a refresh of unchanged documents."""
    if isinstance(state.data, ResultRecord):
        return state.data.result
    return state.result(raise_on_failure=False)
