"""`trustplans query` cannot reach outside the database or run forever: on SQLite no ATTACH,
no VACUUM INTO, no PRAGMA that sets; on PostgreSQL never as a role that can run programs or
read server files; on both a time limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from pipeline.cli.commands import cli
from pipeline.store.query import run_query
from schemas.errors import LimitExceeded, TrustplansError
from tests.db.dbsupport import reader_url

SLOW_SQLITE = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


SQLITE = pytest.mark.parametrize("backend", ["sqlite"])  # the engine fixture on this backend only
POSTGRESQL = pytest.mark.parametrize("backend", ["postgresql"])


@SQLITE
@pytest.mark.parametrize("sql", ["ATTACH '{path}' AS other", "VACUUM INTO '{path}'"])
def test_sqlite_queries_create_no_file(engine: Engine, tmp_path: Path, sql: str) -> None:
    path = tmp_path / "made.db"
    with pytest.raises(TrustplansError, match="not authorized|authorization denied"):
        run_query(sql.format(path=path), reader_url(engine), 5.0)
    assert not path.exists()


@SQLITE
def test_sqlite_pragmas_may_read_but_not_set(engine: Engine) -> None:
    url = reader_url(engine)
    columns = run_query("PRAGMA table_info(documents)", url, 5.0)
    assert "sha256" in [row[1] for row in columns.rows]
    with pytest.raises(TrustplansError, match="not authorized|authorization denied"):
        run_query("PRAGMA journal_mode=DELETE", url, 5.0)


def test_a_query_past_its_time_limit_is_stopped(engine: Engine) -> None:
    slow = SLOW_SQLITE if engine.dialect.name == "sqlite" else "SELECT pg_sleep(10)"
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="time limit"):
        run_query(slow, reader_url(engine), 0.5)
    assert time.monotonic() - started < 5


@POSTGRESQL
def test_postgresql_refuses_a_role_that_can_run_programs(engine: Engine, tmp_path: Path) -> None:
    superuser = engine.url.render_as_string(hide_password=False)
    with pytest.raises(TrustplansError, match="create-reader"):
        run_query("SELECT 1", superuser, 5.0)


@POSTGRESQL
@pytest.mark.parametrize("sql", ["COPY (SELECT 1) TO PROGRAM 'true'", "SELECT pg_read_file('/etc/hostname')",
                                 "CREATE TABLE scratch (a integer)"])
def test_a_reader_cannot_reach_the_server(engine: Engine, sql: str) -> None:
    with pytest.raises(TrustplansError, match="query failed"):
        run_query(sql, reader_url(engine), 5.0)


@POSTGRESQL
def test_create_reader_prints_a_url_that_reads(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    made = CliRunner().invoke(cli, ["db", "create-reader", "trustplans_cli_reader"])
    assert made.exit_code == 0, made.output
    url = made.stdout.strip()
    assert url.startswith("postgresql+psycopg://trustplans_cli_reader:")
    assert run_query("SELECT count(*) FROM organisations", url, 5.0).rows[0][0] > 200
