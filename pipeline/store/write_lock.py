"""One writer at a time per database, across threads and processes, for the flows' loads and
migrations: two refreshes at once must not both add the organisation a new document names.

SQLite: an exclusive flock on a file beside the database (<db>.write-lock). PostgreSQL: a
session-level advisory lock. Other backends: no lock.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

ADVISORY_LOCK_KEY = 0x7472757374  # "trust"


@contextmanager
def database_write_lock(engine: Engine) -> Iterator[None]:
    backend = engine.url.get_backend_name()
    database = engine.url.database
    if backend == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        with _file_lock(Path(database).resolve().with_name(Path(database).name + ".write-lock")):
            yield
    elif backend == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                connection.commit()
    else:
        yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:  # each open is its own lock holder, so threads wait too
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
