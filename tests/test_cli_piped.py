"""Every `trustplans` subcommand run as a user runs it, with stdout piped (a real subprocess):
no traceback ever, the readable views never break a word (each word shown is a word of the
same data as JSON, or of the command's own labels), and --quiet and --verbose do what they say."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import config

TRUSTPLANS = str(Path(sys.executable).with_name("trustplans"))
WAH = config.RAW_DIR / "wah-2022-23-objectives.pdf"
SWBH = config.RAW_DIR / "swbh-2020-vision.html"
_WORD = re.compile(r"[A-Za-z]{3,}")
_LABELS = {word.lower() for path in (config.PROJECT_ROOT / "pipeline" / "cli").glob("*.py")
           for word in _WORD.findall(path.read_text(encoding="utf-8"))}  # the views' own labels


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([TRUSTPLANS, *args], env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("piped")
    environment = {**os.environ, "TRUSTPLANS_DATABASE_URL": f"sqlite:///{work / 'trustplans.db'}",
                   "TRUSTPLANS_DATA_DIR": str(work / "data"), "PREFECT_HOME": str(work / "prefect")}
    environment.pop("PREFECT_API_URL", None)
    loaded = run("ingest", str(WAH), str(SWBH), env=environment)
    assert loaded.returncode == 0, loaded.stderr
    return environment


@pytest.mark.parametrize(("readable", "as_json"), [
    (["extract", str(WAH)], ["extract", str(WAH), "--format", "json"]),
    (["query", "SELECT trust, commitment, owners, due_raw FROM v_commitments"],
     ["query", "SELECT trust, commitment, owners, due_raw FROM v_commitments", "--json"]),
    (["documents"], ["documents", "--json"]),
    (["dictionary"], ["dictionary", "--format", "json"]),
    (["show", "1"], ["show", "1", "--format", "json"]),
])
def test_readable_views_piped_never_break_a_word(env: dict[str, str], readable: list[str],
                                                 as_json: list[str]) -> None:
    shown, data = run(*readable, env=env), run(*as_json, env=env)
    assert shown.returncode == data.returncode == 0, shown.stderr + data.stderr
    json.loads(data.stdout)
    broken = words(shown.stdout) - words(data.stdout) - _LABELS
    assert not broken, f"words in the view that are in neither the data nor the labels: {sorted(broken)[:20]}"


@pytest.mark.parametrize(("args", "code"), [
    (["tables", str(WAH), "--format", "json"], 0),
    (["ingest", str(SWBH)], 0),
    (["export", "--format", "xlsx"], 0),
    (["snapshot", "{work}/copy.db"], 0),
    (["extract", "{work}/missing.pdf"], 3),
    (["db", "create-reader", "someone"], 1),  # SQLite has no roles: one line saying so
    (["query", "SELECT * FROM no_such_table"], 1),
    (["show", "999"], 1),
    (["correct", "1", "--commitment", "no such item", "--set", "due", "Q1"], 1),
    (["corrections"], 0),
    (["diff", "1", str(WAH)], 0),
    (["report", "--out", "{work}/report"], 0),
    (["refresh", "--registry", "{work}/sources.csv"], 0),
])
def test_every_subcommand_ends_in_output_or_one_line(env: dict[str, str], tmp_path: Path, args: list[str],
                                                     code: int) -> None:
    (tmp_path / "sources.csv").write_text(f"ods_code,kind,location\n,strategy,{SWBH}\n", encoding="utf-8")
    done = run(*(arg.format(work=tmp_path) for arg in args), env=env)
    assert done.returncode == code, done.stderr
    if code:
        assert done.stderr.count("trustplans: error:") == 1 and len(done.stderr.strip().splitlines()) == 1
    else:
        assert done.stdout.strip()


def test_serve_flows_without_a_server_says_so_in_one_line(env: dict[str, str]) -> None:
    done = run("serve-flows", env={**env, "PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert done.returncode == 8
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "no Prefect server answers here" in done.stderr


def test_quiet_prints_the_totals_only_and_verbose_each_step(env: dict[str, str]) -> None:
    quiet = run("--quiet", "ingest", str(SWBH), env=env)
    assert quiet.stdout.splitlines() == ["0 new, 0 changed, 1 unchanged, 0 failed"]
    assert quiet.stderr == ""
    verbose = run("-v", "ingest", str(WAH), env=env)
    assert "wah-2022-23-objectives.pdf: fetch took" in verbose.stderr
    assert verbose.stdout.splitlines()[-1] == "0 new, 0 changed, 1 unchanged, 0 failed"
    both = run("-q", "-v", "documents", env=env)
    assert both.returncode == 2 and "give one" in both.stderr
