"""The database commands: ingest, export, query (read-only), show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import Engine

from pipeline.cli.commands import cli
from pipeline.store.load import load_plan
from schemas.plan import Plan
from tests.db.dbsupport import document_plans, gold_plans, newer_version, reader_url, rendition_of, row_counts
from tests.db.test_research import current_gold


@pytest.fixture
def corpus(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The corpus loaded; the commands pointed at it. Returns source file name -> document id."""
    ids = {path.name: load_plan(engine, plan, source=str(path)).document_id for path, plan in gold_plans()}
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", reader_url(engine))  # reading commands read as a reader
    return ids


def test_show_gives_back_the_plan_json_it_was_loaded_from(corpus: dict[str, int]) -> None:
    for path, plan in document_plans():
        result = CliRunner().invoke(cli, ["show", str(corpus[path.name]), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert Plan.from_json(result.stdout) == plan
    for rendition, first in rendition_of().items():  # another format of one document: the same document
        assert corpus[rendition] == corpus[first.name]


def test_show_of_a_missing_document_is_an_error(corpus: dict[str, int]) -> None:
    result = CliRunner().invoke(cli, ["show", "99999"])
    assert result.exit_code == 1
    assert "document 99999: no such document" in result.stderr


def test_query_prints_a_table(corpus: dict[str, int]) -> None:
    result = CliRunner().invoke(cli, ["query", "SELECT ods_code, count(*) AS n FROM v_commitments "
                                               "WHERE ods_code = 'RWP' GROUP BY ods_code"])
    assert result.exit_code == 0, result.output
    assert "RWP" in result.stdout and "22" in result.stdout


@pytest.mark.parametrize("sql", [
    "DELETE FROM commitments",
    "CREATE TABLE scratch (a integer)",
    "UPDATE documents SET title = 'x'",
    "SET TRANSACTION READ WRITE; DELETE FROM commitments",
    "COMMIT; DELETE FROM commitments",
])
def test_query_connection_refuses_writes(corpus: dict[str, int], engine: Engine, sql: str) -> None:
    before = row_counts(engine)
    result = CliRunner().invoke(cli, ["query", sql])
    assert result.exit_code == 1
    assert "query failed" in result.stderr
    assert row_counts(engine) == before


def test_query_with_bad_sql_names_the_problem(corpus: dict[str, int]) -> None:
    result = CliRunner().invoke(cli, ["query", "SELECT * FROM no_such_table"])
    assert result.exit_code == 1
    assert "no_such_table" in result.stderr


EXPORTED = ("documents", "organisations", "themes", "objectives", "commitments", "commitment_owners", "owners",
            "indicators", "glossary", "portfolio_by_trust")


def _exported(out: Path, fmt: str) -> dict[str, pd.DataFrame]:
    as_text = {"commitment_ref": str, "objective_ref": str, "theme_ref": str, "ref": str}
    if fmt == "xlsx":
        return pd.read_excel(out / "trustplans.xlsx", sheet_name=None, dtype=as_text)
    if fmt == "json":
        return {name: pd.DataFrame(json.loads((out / f"{name}.json").read_text(encoding="utf-8")))
                for name in (*EXPORTED, "data-dictionary")}
    if fmt == "csv":
        return {name: pd.read_csv(out / f"{name}.csv", dtype=as_text) for name in (*EXPORTED, "data-dictionary")}
    return {**{name: pd.read_parquet(out / f"{name}.parquet") for name in EXPORTED},
            "data-dictionary": pd.read_csv(out / "data-dictionary.csv")}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "json"])
def test_export_writes_every_table_of_the_current_documents(corpus: dict[str, int], tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    tables = _exported(out, fmt)
    assert set(tables) == {*EXPORTED, "data-dictionary"}
    commitments, indicators = tables["commitments"], tables["indicators"]
    assert len(commitments) == sum(len(plan.commitments) for plan in current_gold())
    assert len(indicators) == sum(len(plan.indicators) for plan in current_gold())
    assert len(tables["documents"]) == len(current_gold()) and tables["documents"]["is_current"].all()
    uhb = commitments[(commitments["ods_code"] == "RRK") & (commitments["commitment_ref"] == "1.2")]
    assert set(uhb["owners"]) == {"CFO; CWIO"}
    assert set(uhb["portfolios"]) == {"finance; workforce"}
    assert {str(value)[:10] for value in uhb["due_end"]} == {"2022-03-31"}
    assert set(tables["portfolio_by_trust"].columns) >= {"trust", "plan_year", "portfolio", "commitments"}
    described = tables["data-dictionary"]
    assert set(described["table"]) == set(EXPORTED)
    assert described["description"].notna().all()  # every exported column is described


def test_export_of_every_version_and_of_some_documents(corpus: dict[str, int], engine: Engine,
                                                      tmp_path: Path) -> None:
    path, plan = document_plans()[0]
    load_plan(engine, newer_version(plan), source=str(path))  # the first plan's next version
    every, some = tmp_path / "every", tmp_path / "some"
    assert CliRunner().invoke(cli, ["export", "--all-versions", "--out", str(every)]).exit_code == 0
    assert CliRunner().invoke(cli, ["export", "--where", "ods_code = 'RRK'", "--out", str(some)]).exit_code == 0
    assert len(pd.read_csv(every / "commitments.csv")) == len(plan.commitments) + sum(
        len(plan.commitments) for plan in current_gold())
    chosen = pd.read_csv(some / "commitments.csv", dtype={"ods_code": str})
    assert set(chosen["ods_code"]) == {"RRK"} and len(chosen) == sum(
        len(plan.commitments) for plan in current_gold() if plan.document.organisation.code == "RRK")
    assert set(pd.read_csv(some / "organisations.csv")["ods_code"]) == {"RRK"}


def test_export_types_survive_in_parquet_and_excel(corpus: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert CliRunner().invoke(cli, ["export", "--format", "parquet", "--out", str(out)]).exit_code == 0
    assert CliRunner().invoke(cli, ["export", "--format", "xlsx", "--out", str(out)]).exit_code == 0
    schema = pq.read_schema(out / "commitments.parquet")
    assert str(schema.field("due_end").type) == "date32[day]"
    assert str(schema.field("page").type) == "int64" and str(schema.field("is_current").type) == "bool"
    assert str(schema.field("commitment_ref").type) in ("string", "large_string")
    sheet = load_workbook(out / "trustplans.xlsx")["commitments"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    starts = [row[header.index("period_start")] for row in sheet.iter_rows(min_row=2)]
    assert any(cell.is_date for cell in starts) and all(cell.is_date or cell.value is None for cell in starts)
    refs = [row[header.index("commitment_ref")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "1.2" in refs and all(isinstance(ref, str) for ref in refs if ref is not None)  # never the number 1.2


def test_export_csv_with_a_byte_order_mark_for_excel(corpus: dict[str, int], tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["export", "--bom", "--out", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "commitments.csv").read_bytes().startswith(b"\xef\xbb\xbfcommitment_id,")


def test_dictionary_describes_every_column(corpus: dict[str, int]) -> None:
    result = CliRunner().invoke(cli, ["dictionary", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert {e["table"] for e in entries} >= {"documents", "commitments", "v_commitment_owners", "v_indicators"}
    assert [(e["table"], e["column"]) for e in entries if not e["description"]] == []


def test_ingest_adds_nothing_for_files_already_loaded(corpus: dict[str, int], engine: Engine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes of every corpus file are known, so nothing is extracted or added."""
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))  # a writer
    before = row_counts(engine)
    folders = sorted({str(path.parent) for path, _ in gold_plans()})
    result = CliRunner().invoke(cli, ["ingest", *folders])
    assert result.exit_code == 0, result.output
    assert "0 new, 0 changed, 9 unchanged, 0 failed" in result.stdout
    after = row_counts(engine)
    assert after.pop("refresh_runs") == before.pop("refresh_runs") + 1
    assert after == before


@pytest.mark.parametrize("args", [["show", "1"], ["query", "SELECT 1"], ["export"], ["ingest", "x.pdf"]])
def test_an_unreachable_database_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch,
                                                       args: list[str]) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", "postgresql+psycopg://reader:secret@127.0.0.1:1/plans")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.stderr.startswith("trustplans: error: postgresql+psycopg://reader:***@127.0.0.1:1/plans: ")
    assert "secret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_reading_commands_need_an_existing_sqlite_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    result = CliRunner().invoke(cli, ["query", "SELECT 1"])
    assert result.exit_code == 3
    assert "none.db: no database here" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_ingest_with_a_broken_file_loads_the_rest_and_exits_1(
        engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    good = next(path for path, _ in gold_plans() if path.suffix == ".docx")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<\n")  # truncated
    result = CliRunner().invoke(cli, ["ingest", str(good), str(broken)])
    assert result.exit_code == 1
    assert "1 new" in result.stdout and "1 failed" in result.stdout
    assert f"failed: {broken}" in result.stderr


def test_ingest_reports_each_file_the_files_it_skipped_and_json(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("TRUSTPLANS_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "plans"
    folder.mkdir()
    good = next(path for path, _ in gold_plans() if path.name == "uhb-2021-22-plan.docx")
    shutil.copy(good, folder)
    (folder / "notes.md").write_text("minutes", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<\n")

    first = CliRunner().invoke(cli, ["ingest", str(folder)])
    again = CliRunner().invoke(cli, ["ingest", "--json", str(folder)])

    assert first.exit_code == again.exit_code == 1
    [loaded] = [line for line in first.stdout.splitlines() if line.startswith("new")]
    assert str(folder / good.name) in loaded and "RRK University Hospitals Birmingham" in loaded
    assert "63 commitments" in loaded
    assert any(line.startswith("skipped") and str(folder / "notes.md") in line for line in first.stdout.splitlines())
    assert first.stdout.splitlines()[-1] == "1 new, 0 changed, 0 unchanged, 1 failed"
    assert first.stderr.count(str(folder / "broken.pdf")) == 1  # the failure names the file once
    report = json.loads(again.stdout)
    assert report["counts"] == {"new": 0, "changed": 0, "unchanged": 1, "failed": 1}
    assert report["skipped"] == [str(folder / "notes.md")]
    by_name = {Path(d["source"]).name: d for d in report["documents"]}
    assert by_name["uhb-2021-22-plan.docx"]["document_id"] is not None
    assert by_name["broken.pdf"]["error_type"] == "CorruptFile"


def test_documents_lists_current_versions_unless_asked_for_all(corpus: dict[str, int], engine: Engine) -> None:
    path, plan = document_plans()[0]
    newer = load_plan(engine, newer_version(plan), source=str(path)).document_id
    current = json.loads(CliRunner().invoke(cli, ["documents", "--json"]).stdout)
    everything = json.loads(CliRunner().invoke(cli, ["documents", "--json", "--all-versions"]).stdout)
    assert sorted(row["id"] for row in everything) == sorted({*corpus.values(), newer})
    assert [row for row in everything if row["current"]] == current
    assert [row["id"] for row in everything if not row["current"]] == [corpus[path.name]]  # superseded by newer
    table = CliRunner().invoke(cli, ["documents"])
    assert "University Hospitals Birmingham NHS Foundation Trust" in table.stdout  # not broken over lines
