"""`trustplans snapshot OUT.db`: the whole database, from SQLite or PostgreSQL, as one
self-contained SQLite file in rollback-journal mode; and the reading commands on such a file
on a read-only share: they work and leave it byte for byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from pipeline.cli.commands import cli
from pipeline.store.engine import make_engine
from pipeline.store.load import load_plan
from schemas import tables as db
from tests.db.dbsupport import document_plans, gold_plans, reader_url, row_counts
from tests.db.test_research import current_gold


@pytest.fixture
def loaded(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    for path, plan in gold_plans():
        load_plan(engine, plan, source=str(path))
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", reader_url(engine))  # a read-only role suffices
    return engine


def test_a_snapshot_holds_every_row_and_view_in_one_file(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "handout" / "trustplans-snapshot.db"
    result = CliRunner().invoke(cli, ["snapshot", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{out}: {len(document_plans())} documents")
    assert sorted(path.name for path in out.parent.iterdir()) == [out.name]  # nothing left beside it
    with sqlite3.connect(out) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # readable where nothing is writable
        views = {name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == set(db.VIEWS)
    copy = make_engine(f"sqlite:///{out}")
    try:
        assert row_counts(copy) == row_counts(loaded)
    finally:
        copy.dispose()


def test_a_snapshot_never_overwrites(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "taken.db"
    out.write_bytes(b"someone's file")
    result = CliRunner().invoke(cli, ["snapshot", str(out)])
    assert result.exit_code == 1
    assert f"{out}: already exists" in result.stderr
    assert out.read_bytes() == b"someone's file"


def test_reading_commands_work_on_a_snapshot_on_a_read_only_share(loaded: Engine, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    out = share / "trustplans.db"
    assert CliRunner().invoke(cli, ["snapshot", str(out)]).exit_code == 0
    out.chmod(0o444)
    share.chmod(0o555)
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", f"sqlite:///{out}")
    try:
        counted = CliRunner().invoke(cli, ["query", "SELECT count(*) AS n FROM v_commitments", "--csv"])
        shown = CliRunner().invoke(cli, ["show", "1", "--format", "json"])
        exported = CliRunner().invoke(cli, ["export", "--out", str(tmp_path / "export")])
        listed = CliRunner().invoke(cli, ["documents", "--json"])
    finally:
        share.chmod(0o755)
    for result in (counted, shown, exported, listed):
        assert result.exit_code == 0, result.output
    assert counted.stdout.splitlines()[1] == str(sum(len(plan.commitments) for plan in current_gold()))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert sorted(path.name for path in share.iterdir()) == ["trustplans.db"]  # no journal or WAL made

