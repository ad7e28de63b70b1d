"""The fork server that reader processes (pipeline/runs/isolation.py) are forked from: a fresh
process that has imported every reader and warmed it once (reader_warmup.py). `start()` starts
it at once, in the background, so that its imports run on another core while the command that
will need it is still importing its own."""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver

CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(["pipeline.runs.reader_warmup", "pipeline.runs.isolation"])


def start() -> None:
    """Start the fork server now rather than when the first reader is needed. A Dask worker
    (a daemon process) reads in itself and starts none."""
    if not multiprocessing.current_process().daemon:
        forkserver.ensure_running()
