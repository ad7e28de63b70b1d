"""`trustplans query` as sqlite-utils does it, on SQLite and PostgreSQL: --csv, --tsv, --json,
--nl and --table; plain tab-separated text when piped; SQL from a .sql file or standard input;
named parameters (-p NAME VALUE, written :NAME on either backend, "::" casts left alone); NULL
shown as NULL; "0 rows" for an empty result; SQL that starts with a comment."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from pipeline.cli.commands import cli
from pipeline.store.query import run_query
from tests.db.dbsupport import reader_url

SQL = "SELECT ods_code, name FROM organisations WHERE ods_code IN ('RBK', 'RRK') ORDER BY ods_code"


def _query(engine: Engine, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str | None = None) -> Result:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", reader_url(engine))
    result = CliRunner().invoke(cli, ["query", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result


def test_csv_tsv_json_and_nl_hold_the_same_rows(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    as_csv = list(csv.reader(io.StringIO(_query(engine, monkeypatch, SQL, "--csv").stdout)))
    as_tsv = list(csv.reader(io.StringIO(_query(engine, monkeypatch, SQL, "--tsv").stdout), delimiter="\t"))
    as_json = json.loads(_query(engine, monkeypatch, SQL, "--json").stdout)
    as_nl = [json.loads(line) for line in _query(engine, monkeypatch, SQL, "--nl").stdout.splitlines()]
    assert as_csv[0] == as_tsv[0] == ["ods_code", "name"]
    assert as_csv[1:] == as_tsv[1:] == [[o["ods_code"], o["name"]] for o in as_json]
    assert as_nl == as_json
    assert [o["ods_code"] for o in as_json] == ["RBK", "RRK"]


def test_piped_output_is_plain_text_with_null_shown(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _query(engine, monkeypatch, "SELECT 'a b' AS text, NULL AS missing").stdout
    assert out == "text\tmissing\na b\tNULL\n"


def test_an_empty_result_says_0_rows(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _query(engine, monkeypatch, "SELECT ods_code FROM organisations WHERE 1 = 0").stdout == "0 rows\n"
    assert "0 rows" in _query(engine, monkeypatch, "SELECT ods_code FROM organisations WHERE 1 = 0",
                              "--table").stdout


def test_table_shows_null_as_null(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _query(engine, monkeypatch, "SELECT NULL AS missing", "--table").stdout
    assert "missing" in out and "NULL" in out


def test_sql_may_start_with_a_comment_and_come_from_a_file_or_stdin(
        engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    commented = "-- the two trusts\n" + SQL
    expected = _query(engine, monkeypatch, SQL, "--json").stdout
    assert _query(engine, monkeypatch, commented, "--json").stdout == expected
    path = tmp_path / "trusts.sql"
    path.write_text(commented, encoding="utf-8")
    assert _query(engine, monkeypatch, str(path), "--json").stdout == expected
    assert _query(engine, monkeypatch, "-", "--json", stdin=commented).stdout == expected


def test_named_parameters_on_either_backend(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    sql = "SELECT name FROM organisations WHERE ods_code = :code"
    out = json.loads(_query(engine, monkeypatch, sql, "-p", "code", "RBK", "--json").stdout)
    assert len(out) == 1 and "Walsall" in out[0]["name"]
    cast = "SELECT CAST(:n AS integer) + 1 AS m" if engine.dialect.name == "sqlite" else "SELECT :n::integer + 1 AS m"
    assert run_query(cast, reader_url(engine), 5.0, {"n": "41"}).rows == [(42,)]


def test_without_parameters_percent_and_colons_reach_the_database_as_written(engine: Engine) -> None:
    rows = run_query("SELECT 'a:b 50%' AS t", reader_url(engine), 5.0).rows
    assert rows == [("a:b 50%",)]
