"""The command's own options: -h as --help, the exit codes and shell completion in the help,
and --db naming the database for one run instead of TRUSTPLANS_DATABASE_URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.commands import cli


def test_h_is_help_and_lists_exit_codes_and_completion() -> None:
    short, long = CliRunner().invoke(cli, ["-h"]), CliRunner().invoke(cli, ["--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert "7 no plan found" in short.stdout and "_TRUSTPLANS_COMPLETE=bash_source" in short.stdout
    assert CliRunner().invoke(cli, ["query", "-h"]).stdout.startswith("Usage: cli query")


def test_db_option_names_the_database_for_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --db sets the variable for the rest of the process (one run); monkeypatch puts it back after
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", f"sqlite:///{tmp_path / 'default.db'}")
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE marker (word TEXT)")
        db.execute("INSERT INTO marker VALUES ('here')")
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{path}", "query", "SELECT word FROM marker", "--csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "word\nhere\n"
    missing = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "query", "SELECT 1"])
    assert missing.exit_code != 0 and "none.db" in missing.output


@pytest.mark.parametrize("url", ["notaurl", "mysql://someone@localhost/plans"])
def test_a_bad_database_url_is_one_line_without_a_traceback(url: str) -> None:
    import subprocess
    import sys

    trustplans = str(Path(sys.executable).with_name("trustplans"))
    done = subprocess.run([trustplans, "--db", url, "documents"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"trustplans: error: {url}:")
