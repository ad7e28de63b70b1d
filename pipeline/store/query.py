"""`trustplans query`: one SQL statement on a connection that refuses writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pipeline.store.engine import database_error, read_only_engine


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(sql: str, url: str) -> QueryResult:
    """Run `sql` read-only against the database at `url`. The statement goes to the driver
    as written (no parameters, so `%` and `:` need no escaping)."""
    engine = read_only_engine(url)
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            if engine.dialect.name == "postgresql":
                # prepared (extended protocol): one statement only, so the SQL cannot end the
                # read-only transaction or switch it to read-write before writing
                cursor.execute(sql.replace("%", "%%"), (), prepare=True)
            else:
                cursor.execute(sql)  # sqlite3 runs one statement only
            if cursor.description is None:
                return QueryResult([], [])
            return QueryResult([column[0] for column in cursor.description],
                               [tuple(row) for row in cursor.fetchall()])
        finally:
            connection.rollback()
            connection.close()
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as err:
        raise database_error(err, "query failed", url) from err
    finally:
        engine.dispose()
