"""Many documents: the database made ready once, each document run on its own (a failure
recorded and the rest go on), the batch's totals stored at the end. With one job, one document
after another; with N, N documents are read at once (on N threads, each in a reader process)
while the calling thread loads them, one at a time and in order."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace

from pipeline.config import Settings
from pipeline.fetch.sources import Source
from pipeline.runs.document import Reading, load_reading, read_for_loading
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


def run_batch(sources: Sequence[Source], settings: Settings, *, trigger: str, jobs: int = 1,
              on_start: Callable[[Source], None] | None = None,
              on_result: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    """Run every source in this process, up to `jobs` read at once and each loaded here;
    `on_start` / `on_result` are told of each (for a progress bar), and the summary lists
    them, in the sources' order. Ctrl-C stops it at once: what is loaded stays loaded, and
    the documents being read are dropped. Fewer sources than jobs share the jobs out: each
    PDF's pages are read by jobs // len(sources) processes."""
    summary = start_run(settings, trigger)
    at_once = max(1, min(jobs, len(sources)))
    settings = replace(settings, page_processes=max(1, jobs // at_once))
    with _readings(sources, settings, jobs) as readings:
        for source, reading in zip(sources, readings, strict=True):
            if on_start:
                on_start(source)
            result = load_reading(reading())
            summary.documents.append(result)
            if on_result:
                on_result(result)
    return finish_run(summary, settings)


@contextmanager
def _readings(sources: Sequence[Source], settings: Settings, jobs: int) -> Iterator[Iterator[Callable[[], Reading]]]:
    """Each source's reading, in order, as a call that gives it: with one job, read when
    called; with more, read ahead on threads, which are told to stop when the batch does."""
    if jobs <= 1:
        yield (functools.partial(read_for_loading, source, settings) for source in sources)
        return
    ahead = _ReadAhead(sources, settings, jobs)
    try:
        yield iter(ahead)
    finally:
        ahead.stop()


class _ReadAhead:
    """Sources read in order by `jobs` threads, at most 2 × `jobs` ahead of the loads (so that
    a slow document holds back few plans in memory). The threads are daemons: after Ctrl-C,
    the process exits without waiting for the readings they are on."""

    def __init__(self, sources: Sequence[Source], settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.todo: queue.SimpleQueue[tuple[Source, Future[Reading]] | None] = queue.SimpleQueue()
        self.ahead: deque[Future[Reading]] = deque()  # submitted and not loaded yet, in order
        self.waiting = iter(sources)
        self.workers = min(jobs, len(sources))
        for _ in range(self.workers):
            threading.Thread(target=self._work, name="trustplans-read", daemon=True).start()
        for source in itertools.islice(self.waiting, 2 * jobs):
            self._submit(source)

    def __iter__(self) -> Iterator[Callable[[], Reading]]:
        while self.ahead:
            yield self.ahead[0].result
            self.ahead.popleft()  # loaded (kept till then, for stop() to cancel)
            if (source := next(self.waiting, None)) is not None:
                self._submit(source)

    def stop(self) -> None:
        """Drop the readings not started; each thread ends after the one it is on."""
        for future in self.ahead:
            future.cancel()
        for _ in range(self.workers):
            self.todo.put(None)

    def _submit(self, source: Source) -> None:
        future: Future[Reading] = Future()
        self.ahead.append(future)
        self.todo.put((source, future))

    def _work(self) -> None:
        while (job := self.todo.get()) is not None:
            source, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(read_for_loading(source, self.settings))
            except BaseException as exc:  # raised in the loading thread, as a run of one job raises it
                future.set_exception(exc)
