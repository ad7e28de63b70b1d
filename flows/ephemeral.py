"""One flow run at a time on a Prefect home's ephemeral API. With no PREFECT_API_URL, each run
starts a temporary server over the home's SQLite database; two starting at once on a new home
race on its migrations and one times out. A run takes the home's lock first, so a second one
waits for the first to finish. Runs on a real Prefect server take no lock."""

from __future__ import annotations

import fcntl
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.settings import get_current_settings

LOCK_NAME = ".trustplans-ephemeral.lock"


@contextmanager
def one_run_per_home() -> Iterator[None]:
    settings = get_current_settings()
    if settings.api.url:
        yield
        return
    home = settings.home.expanduser()
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK_NAME).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another flow run on the ephemeral Prefect API of {home} to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
