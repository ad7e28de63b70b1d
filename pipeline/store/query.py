"""`trustplans query`: one SQL statement, read-only, within a time limit.

SQLite: the file opened read-only (`mode=ro`, `query_only`), an authorizer that refuses
ATTACH (and so `VACUUM INTO`) and PRAGMAs that set anything, and a progress handler that
stops the statement at its time limit. PostgreSQL: a read-only transaction with a statement
timeout, and never as a role that can run programs or read files on the server (a superuser
can, through `COPY ... TO PROGRAM`): make a reader with `trustplans db create-reader`.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pipeline.store.engine import database_error, read_only_engine
from schemas.errors import LimitExceeded, TrustplansError

# PRAGMAs that only read, even when given an argument ("PRAGMA table_info(documents)").
_READING_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list",
                              "foreign_key_list", "database_list", "collation_list", "function_list",
                              "pragma_list", "compile_options"})
_PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between time checks
# A role that can reach outside the database (superuser, or a member of these).
_SERVER_ACCESS = """SELECT rolsuper OR pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')
    OR pg_has_role(current_user, 'pg_read_server_files', 'MEMBER')
    OR pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')
    FROM pg_roles WHERE rolname = current_user"""


# ":name" outside a "::" cast, as PostgreSQL's driver wants it: "%(name)s".
_PG_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(sql: str, url: str, timeout_s: float, params: dict[str, str] | None = None) -> QueryResult:
    """Run `sql` read-only against the database at `url`, stopped after `timeout_s`. Named
    parameters are written `:name` on either backend; without parameters the statement goes to
    the driver as written (so `%` and `:` need no escaping)."""
    engine = read_only_engine(url, statement_timeout_s=timeout_s)
    deadline = time.monotonic() + timeout_s
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            if engine.dialect.name == "postgresql":
                cursor.execute(_SERVER_ACCESS)
                if cursor.fetchone()[0]:
                    raise TrustplansError(engine.url.render_as_string(hide_password=True), (
                        "refused: this role can run programs and read files on the server; query as a "
                        "read-only role (trustplans db create-reader)"))
                # prepared (extended protocol): one statement only, so the SQL cannot end the
                # read-only transaction or switch it to read-write before writing
                statement = sql.replace("%", "%%")
                if params:
                    statement = _PG_PARAMETER.sub(lambda m: f"%({m.group(1)})s", statement)
                cursor.execute(statement, params or (), prepare=True)
            else:
                raw = connection.driver_connection
                raw.set_authorizer(_sqlite_authorizer)
                raw.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
                cursor.execute(sql, params or ())  # sqlite3 runs one statement only
            if cursor.description is None:
                return QueryResult([], [])
            return QueryResult([column[0] for column in cursor.description],
                               [tuple(row) for row in cursor.fetchall()])
        finally:
            connection.rollback()
            connection.close()
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as err:
        if time.monotonic() > deadline:
            raise LimitExceeded(engine.url.render_as_string(hide_password=True),
                                f"query stopped after {timeout_s:g} s (time limit)") from err
        raise database_error(err, "query failed", url) from err
    finally:
        engine.dispose()


def _sqlite_authorizer(action: int, first: str | None, second: str | None, _db: str | None,
                       _trigger: str | None) -> int:
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and second is not None and (first or "").lower() not in _READING_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK
