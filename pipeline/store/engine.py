"""Connections to the database: read-write and read-only engines, and database errors as
one line naming the database."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from schemas.errors import SourceNotFound, TrustplansError

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite: the file's folder is created, foreign keys are enforced
    and the journal is WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed)
    path = _sqlite_path(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


def read_only_engine(url: str, *, statement_timeout_s: float | None = None) -> Engine:
    """An engine whose connections refuse writes: SQLite opened with mode=ro (SourceNotFound
    if the file does not exist), PostgreSQL sessions with default_transaction_read_only (and
    a statement_timeout, where given)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(parsed)
        if path is None:
            raise ValueError(f"a read-only SQLite database needs a file, not {parsed}")
        if not path.is_file():
            raise SourceNotFound(str(path), "no database here (load plans with `trustplans ingest` first)")
        ro = parsed.set(database=f"file:{path}", query={"mode": "ro", "uri": "true"})
        engine = create_engine(ro)

        @event.listens_for(engine, "connect")
        def _sqlite_ro_pragmas(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            dbapi_connection.execute("PRAGMA query_only=ON")

        return engine
    if backend == "postgresql":
        options = "-c default_transaction_read_only=on"
        if statement_timeout_s is not None:
            options += f" -c statement_timeout={int(statement_timeout_s * 1000)}"
        return create_engine(parsed, connect_args={"options": options})
    raise ValueError(f"read-only connections are supported for SQLite and PostgreSQL, not {backend}")


def database_error(exc: Exception, doing: str, url: str) -> TrustplansError:
    """A one-line error naming the database (password hidden) and the driver's first line."""
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    name = make_url(url).render_as_string(hide_password=True)
    first = lines[0] if lines else type(cause).__name__
    if _OLDER_SCHEMA.search(first):
        first += " (an older trustplans made this database: `trustplans ingest` or `alembic upgrade head` upgrades it)"
    return TrustplansError(name, f"{doing}: {first}")


_OLDER_SCHEMA = re.compile(r"no such column|column .* does not exist|no such table|relation .* does not exist")


def _sqlite_path(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()
