"""Reading a document (detect, extract, interpret) in a reader process under a memory limit
(RLIMIT_AS) and a wall-clock limit scaled by the file's size, so that a file that makes a
reader loop, crash or swell stops only its own reader: the reader is killed (a new one takes
its place), the document fails with a one-line reason, and the run goes on.

Readers are long-lived worker processes, as many as the machine has cores, started from a
fork server that has imported the PDF reader (reader_server.py), and shared by every thread of
the process: a batch's documents are read in parallel, and no lock held by another thread of
the parent is ever copied into a reader. A reader may fork page readers for one PDF
(`Settings.page_processes`); they die with it. A Dask worker is a daemon process, which may not
have children: there the worker process itself is the boundary, and the document is read in
it directly, by one process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from pipeline.config import Settings
from pipeline.fetch.fetcher import Fetched
from pipeline.runs.reader_server import CONTEXT
from pipeline.runs.reading import as_error, read_plan
from schemas import errors
from schemas.errors import CorruptFile, LimitExceeded, TrustplansError
from schemas.plan import Plan


def read_plan_isolated(fetched: Fetched, settings: Settings) -> Plan:
    """read_plan in a reader process under the settings' limits; raises its error, or
    LimitExceeded / CorruptFile when the reader runs out, hangs or dies."""
    if multiprocessing.current_process().daemon:
        return read_plan(fetched)
    limit_s = settings.time_limit_for(Path(fetched.path).stat().st_size)
    outcome = _pool(settings.memory_limit_bytes).read(fetched, settings.page_processes, limit_s)
    if isinstance(outcome, Plan):
        return outcome
    original_type, error_type, problem = outcome
    error = getattr(errors, error_type, TrustplansError)(fetched.source.location, problem)
    error.original_type = original_type  # the reader's own error class, for the record
    raise error


@dataclass(eq=False)  # each reader is itself: hashed by identity
class _Reader:
    process: BaseProcess
    requests: Connection
    results: Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.requests.close()
        self.results.close()


class _Pool:
    """Reader processes under one memory limit; a reader is taken for one document at a time."""

    def __init__(self, memory_limit: int, size: int) -> None:
        self.memory_limit = memory_limit
        self.idle: queue.SimpleQueue[_Reader | None] = queue.SimpleQueue()
        self.everyone: set[_Reader] = set()
        self.lock = threading.Lock()
        for _ in range(size):
            self.idle.put(None)  # a place for a reader, started when first needed

    def read(self, fetched: Fetched, page_processes: int, limit_s: float) -> object:
        reader = self.idle.get() or self._start()
        keep = False
        try:
            reader.requests.send((fetched, page_processes))
            if not reader.results.poll(limit_s):
                raise LimitExceeded(fetched.source.location,
                                    f"still being read after {limit_s:.0f} s: stopped (time limit)")
            try:
                outcome = reader.results.recv()
            except EOFError:
                reader.process.join()
                raise CorruptFile(fetched.source.location,
                                  f"the reader died on this file ({_how(reader.process.exitcode)})") from None
            keep = not (isinstance(outcome, tuple) and outcome[1] == LimitExceeded.__name__)
            return outcome
        finally:
            if not keep:  # a reader that hung, died or ran out of memory is not used again
                self._retire(reader)
            self.idle.put(reader if keep else None)

    def _start(self) -> _Reader:
        requests_out, requests_in = CONTEXT.Pipe(duplex=False)
        results_out, results_in = CONTEXT.Pipe(duplex=False)
        process = CONTEXT.Process(target=_serve, args=(requests_out, results_in, self.memory_limit),
                                   name="trustplans-reader", daemon=True)
        process.start()
        requests_out.close()
        results_in.close()
        reader = _Reader(process, requests_in, results_out)
        with self.lock:
            self.everyone.add(reader)
        return reader

    def _retire(self, reader: _Reader) -> None:
        with self.lock:
            if reader not in self.everyone:
                return  # close() has it (at exit, while a batch's thread is reading with it)
            self.everyone.discard(reader)
        reader.stop()

    def close(self) -> None:
        with self.lock:
            readers, self.everyone = list(self.everyone), set()
        for reader in readers:
            reader.stop()


_POOLS: dict[int, _Pool] = {}
_POOLS_LOCK = threading.Lock()


def _pool(memory_limit: int) -> _Pool:
    with _POOLS_LOCK:
        if memory_limit not in _POOLS:
            _POOLS[memory_limit] = _Pool(memory_limit, os.cpu_count() or 1)
        return _POOLS[memory_limit]


@atexit.register
def _close_pools() -> None:
    for pool in _POOLS.values():
        pool.close()


def _serve(requests: Connection, results: Connection, memory_limit: int) -> None:
    """A reader process: read each document it is sent, send back its plan or its error.
    Ctrl-C is the parent's to handle (it stops its readers), so a reader ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    while True:
        try:
            fetched, page_processes = requests.recv()
        except EOFError:
            return  # the parent is gone
        results.send(_read(fetched, page_processes, memory_limit))


def _read(fetched: Fetched, page_processes: int, memory_limit: int) -> object:
    try:
        return read_plan(fetched, page_processes)
    except MemoryError:
        return ("MemoryError", LimitExceeded.__name__,
                f"needs more than the {memory_limit // (1024 * 1024)} MiB memory limit to read")
    except Exception as exc:  # every error goes back as (its type, the error class, the problem)
        error = as_error(exc, fetched.source.location)
        return (type(exc).__name__, type(error).__name__, error.problem)


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit code {exitcode}"
