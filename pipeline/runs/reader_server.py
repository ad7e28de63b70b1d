"""The fork server that reader processes (pipeline/runs/isolation.py) are forked from: a fresh
process that has imported the PDF reader and the reading steps, and no more, so that it is
ready soon. The Word and web readers, OCR and the interpreter are imported by a reader when it
first needs them; a reader warms its interpreter while its page readers read a PDF's pages
(pipeline/runs/warmup.py). `start()` starts the server at once, in the background, so that its
imports run on another core while the command that will need it is still importing its own."""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver

CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(["extractors.scanned", "pipeline.runs.isolation"])


def start() -> None:
    """Start the fork server now rather than when the first reader is needed. A Dask worker
    (a daemon process) reads in itself and starts none."""
    if not multiprocessing.current_process().daemon:
        forkserver.ensure_running()
