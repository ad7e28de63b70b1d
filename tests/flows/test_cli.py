"""The `trustplans` commands that run flows, as subprocesses on the session's Prefect API:
`ingest --flow` (the README's main command) and two `refresh` runs started at once, on a
server and on a new home's ephemeral API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline import config
from pipeline.fetch.sources import write_registry
from schemas import tables as db
from tests.flows.flowsupport import CORPUS, cli_env, count, database_url, publish, rows
from tests.flows.httpsite import Site

TRUSTPLANS = [str(Path(sys.executable).with_name("trustplans"))]  # the venv's command
CLI_TIMEOUT_S = 300


def test_ingest_flow_command_loads_files_and_prints_the_summary(tmp_path: Path, prefect_api: str) -> None:
    files = [config.RAW_DIR / "swbh-2020-vision.html", config.RAW_DIR / "uhb-2021-22-plan.docx"]
    done = subprocess.run([*TRUSTPLANS, "ingest", "--flow", *map(str, files)],
                          env=cli_env(tmp_path, prefect_api), capture_output=True, text=True,
                          timeout=CLI_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert "ingest: 2 documents" in done.stdout and "2 new, 0 changed, 0 unchanged, 0 failed" in done.stdout
    assert sorted(location for (location,) in rows(database_url(tmp_path), db.Document.location)) == \
        sorted(str(path) for path in files)


def test_two_refreshes_at_once_leave_no_duplicate_rows(site: Site, tmp_path: Path, prefect_api: str) -> None:
    urls = publish(site.root, site.base_url, CORPUS)
    registry = write_registry(tmp_path / "sources.csv", urls)
    env = cli_env(tmp_path, prefect_api)
    runs = [subprocess.Popen([*TRUSTPLANS, "refresh", "--registry", str(registry)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=CLI_TIMEOUT_S) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]

    url = database_url(tmp_path)
    n = len(CORPUS)
    assert count(url, db.Document) == n
    assert len({sha for (sha,) in rows(url, db.Document.sha256)}) == n
    assert count(url, db.ExtractionRun, db.ExtractionRun.status == "loaded") == n
    assert count(url, db.ExtractionRun, db.ExtractionRun.status == "failed") == 0
    names = rows(url, db.Organisation.name)
    assert len(names) == len(set(names)), "an organisation was added twice"
    summaries = rows(url, db.RefreshRun.new, db.RefreshRun.changed, db.RefreshRun.unchanged,
                     db.RefreshRun.failed)
    assert len(summaries) == 2
    assert sum(new for new, *_ in summaries) == n  # each document new in exactly one run
    assert all(changed == 0 and failed == 0 and new + unchanged == n
               for new, changed, unchanged, failed in summaries)


def test_refresh_with_a_failed_document_exits_1_and_names_it_once(site: Site, tmp_path: Path,
                                                                  prefect_api: str) -> None:
    urls = publish(site.root, site.base_url, CORPUS[:1])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not a PDF body")
    registry = write_registry(tmp_path / "sources.csv", [*urls, str(broken)])
    done = subprocess.run([*TRUSTPLANS, "refresh", "--registry", str(registry)], env=cli_env(tmp_path, prefect_api),
                          capture_output=True, text=True, timeout=CLI_TIMEOUT_S)
    assert done.returncode == 1, done.stderr
    assert "1 new" in done.stdout and "1 failed" in done.stdout
    assert done.stdout.count("broken.pdf") == 1
    assert "Traceback" not in done.stderr and "telemetry" not in done.stderr.lower()


def test_two_refreshes_on_a_new_ephemeral_prefect_home_both_succeed(tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "sources.csv", [str(config.RAW_DIR / "swbh-2020-vision.html")])
    env = {name: value for name, value in cli_env(tmp_path, "").items() if name != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "new-prefect-home")  # no server: each run starts its own over it
    runs = [subprocess.Popen([*TRUSTPLANS, "refresh", "--registry", str(registry)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=CLI_TIMEOUT_S) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    assert sum("waiting for another flow run" in err for _, err in outputs) == 1  # the second waited
    summaries = sorted(line.split(": ", 1)[1].split(" in ")[0] + line.rsplit(":", 1)[1]
                       for out, _ in outputs for line in out.splitlines() if line.startswith("refresh: "))
    assert summaries == ["1 documents 0 new, 0 changed, 1 unchanged, 0 failed",  # one after the other
                         "1 documents 1 new, 0 changed, 0 unchanged, 0 failed"]
    assert count(database_url(tmp_path), db.Document) == 1
