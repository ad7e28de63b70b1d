"""A document's pages read by several processes at once. The others are forked from this one,
so they start with everything it has imported; each opens the file for itself and takes the
next run of pages from a shared pipe until none is left, so that a process that starts late or
meets heavy pages reads fewer. While they read, this process does `meanwhile` (a reader warms
its interpreter there), then takes pages too.

A forked process dies with this one (Linux's parent-death signal), so a reader stopped for its
time limit leaves none behind. A forked process's error is raised here; one that dies is
`PageReaderDied`. Forking needs Linux; elsewhere, and for a few pages, this process reads them
all.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
PageReader = Callable[[], AbstractContextManager[Callable[[int], T]]]  # opens the file: page index -> page

MIN_PAGES = 4  # fewer text-layer pages are read here: forking and sending them back would cost more
_MAX_RUNS = 512  # the pages are handed out in at most this many runs: they fit the pipe's buffer
_RUN = struct.Struct("=II")  # a run of pages: first index, end index
_PR_SET_PDEATHSIG = 1
_CAN_FORK = sys.platform.startswith("linux")


class PageReaderDied(Exception):
    """A forked page reader ended without sending its pages (killed, or crashed in a library)."""


def read_pages(count: int, open_reader: PageReader[T], processes: int,
               meanwhile: Callable[[], object] | None = None, min_pages: int = MIN_PAGES) -> list[T]:
    """Pages 0 to count - 1 as `open_reader()`'s function reads them, by up to `processes`
    processes when there are `min_pages` or more; `meanwhile` is called once, here, while the
    others read."""
    if processes < 2 or count < max(2, min_pages) or not _CAN_FORK:
        if meanwhile is not None:
            meanwhile()
        with open_reader() as read:
            return [read(index) for index in range(count)]
    runs_out, runs_in = os.pipe()
    try:
        for first, end in _runs(count):  # all written before any reader starts: no one waits on the pipe
            os.write(runs_in, _RUN.pack(first, end))
    finally:
        os.close(runs_in)
    children: list[_Child] = []
    try:
        for _ in range(min(processes, count) - 1):
            children.append(_fork(runs_out, open_reader))
        if meanwhile is not None:
            meanwhile()
        pages = dict(_take(runs_out, open_reader))
        while children:
            pages.update(children.pop(0).pages())
    finally:
        os.close(runs_out)
        for child in children:  # left only when something failed: the rest is not wanted
            child.stop()
    return [pages[index] for index in range(count)]


def _runs(count: int) -> list[tuple[int, int]]:
    size = -(-count // _MAX_RUNS)
    return [(first, min(first + size, count)) for first in range(0, count, size)]


def _take(runs: int, open_reader: PageReader[T]) -> list[tuple[int, T]]:
    """The pages of each run taken from the pipe, until it is empty."""
    taken: list[tuple[int, T]] = []
    with open_reader() as read:
        while len(run := os.read(runs, _RUN.size)) == _RUN.size:  # a read this small takes one whole run
            first, end = _RUN.unpack(run)
            taken.extend((index, read(index)) for index in range(first, end))
    return taken


@dataclass(frozen=True, slots=True)
class _Child:
    pid: int
    results: int  # the pipe its pages come back on

    def pages(self) -> list[tuple[int, object]]:
        """Its pages, once it has read them all; its error raised here."""
        with os.fdopen(self.results, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if not sent:
            raise PageReaderDied(f"a page reader died ({_how(status)})")
        outcome, value = pickle.loads(sent)
        if outcome == "error":
            raise value
        return value

    def stop(self) -> None:
        os.close(self.results)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _fork(runs: int, open_reader: PageReader[T]) -> _Child:
    results_out, results_in = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(results_in)
        return _Child(pid, results_out)
    try:  # the forked reader: nothing below returns
        os.close(results_out)
        _die_with(parent)
        sent = pickle.dumps(("pages", _take(runs, open_reader)), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # every failure goes back, to be raised there
        sent = _error(exc)
    try:
        with os.fdopen(results_in, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(0)  # no clean-up of the parent's objects, which the parent still owns


def _die_with(parent: int) -> None:
    """SIGKILL this process when its parent ends (prctl PR_SET_PDEATHSIG)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)


def _error(exc: BaseException) -> bytes:
    try:
        sent = pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
        pickle.loads(sent)  # an error class whose pickle cannot be loaded fails here, not there
        return sent
    except Exception:  # an error that does not pickle goes as its words
        return pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")), pickle.HIGHEST_PROTOCOL)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
