"""A self-contained SQLite copy of the database, to hand out or to put on a read-only share:
every table and view, in rollback-journal mode (a WAL database needs a writable folder even to
be read). From SQLite by SQLite's own backup; from PostgreSQL by building the schema with the
migrations and copying every table's rows in dependency order."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import make_url

from pipeline.store.engine import make_engine, read_only_engine
from pipeline.store.migrate import upgrade
from schemas import tables as db
from schemas.errors import TrustplansError

_BATCH = 5_000  # rows copied at a time


def snapshot(url: str, out: Path) -> dict[str, int]:
    """Write the database at `url` to the SQLite file `out` (written beside it, then moved into
    place); returns the rows copied per table."""
    out = out.resolve()
    if out.exists():
        raise TrustplansError(str(out), "already exists: give a new file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    os.close(handle)
    try:
        source = read_only_engine(url)
        try:
            if make_url(url).get_backend_name() == "sqlite":
                _backup(source, Path(partial))
            else:
                _copy_rows(source, Path(partial))
        finally:
            source.dispose()
        with sqlite3.connect(partial) as copy:
            copy.execute("PRAGMA journal_mode=DELETE")
            counts = {table.name: copy.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
                      for table in db.Base.metadata.sorted_tables}
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return counts


def _backup(source: Engine, target: Path) -> None:
    raw = source.raw_connection()
    try:
        with sqlite3.connect(target) as copy:
            raw.driver_connection.backup(copy)
    finally:
        raw.close()


def _copy_rows(source: Engine, target: Path) -> None:
    copy = make_engine(f"sqlite:///{target}")
    try:
        upgrade(copy)  # tables, views and the schema's revision
        with copy.begin() as writing:
            for table in reversed(db.Base.metadata.sorted_tables):
                writing.execute(table.delete())  # the organisations the upgrade filled in
        with source.connect() as reading, copy.begin() as writing:
            writing.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # a version names its newer one
            for table in db.Base.metadata.sorted_tables:
                rows = reading.execution_options(stream_results=True).execute(select(table))
                while batch := rows.fetchmany(_BATCH):
                    writing.execute(insert(table), [row._asdict() for row in batch])
    finally:
        copy.dispose()
