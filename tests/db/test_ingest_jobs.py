"""`trustplans ingest --jobs 2`: documents read two at a time, by two reader processes, and
loaded one at a time. Every good plan is loaded once (the same bytes under two names too), a
broken file and a file whose reader is stopped (time limit) among them are recorded while the
rest go on, and the callbacks, the summary and the report follow the folder's order."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import queue
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from extractors.registry import file_sha256
from pipeline import config
from pipeline.cli.commands import cli
from pipeline.config import Settings
from pipeline.fetch.fetcher import Fetched
from pipeline.fetch.sources import sources_from_locations
from pipeline.runs import document, isolation
from pipeline.runs.batch import run_batch
from schemas import tables as db
from schemas.plan import Plan
from tests.db.dbsupport import CORPUS

GOOD = {"b-objectives.pdf": "wah-2022-23-objectives-pdf/wah-2022-23-objectives.pdf",
        "d-improvement.html": "hwhc-improvement-plan-html/hwhc-improvement-plan.html",
        "e-plan.docx": "uhb-2021-22-plan-docx/uhb-2021-22-plan.docx",
        "f-strategy.pdf": "lakeside-mh-2024-27-strategy-pdf/lakeside-mh-2024-27-strategy.pdf"}
SAME_BYTES = {"a-plan-first.docx": "e-plan.docx"}  # read at the same time as its twin, or before: loaded once
BROKEN = "c-broken.pdf"
STOPPED = "c-stopped.docx"  # a plan, read under a time limit no reader meets
STOPPED_ORIGINAL = "kingsbridge-2023-24-operational-plan-docx/kingsbridge-2023-24-operational-plan.docx"


def plans_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, original in GOOD.items():
        shutil.copy(CORPUS / original, folder / name)
    for name, twin in SAME_BYTES.items():
        shutil.copy(folder / twin, folder / name)
    (folder / BROKEN).write_bytes((folder / "b-objectives.pdf").read_bytes()[:3000])  # a truncated PDF
    return folder


class ReadersHeldTogether:
    """A reader pool's queue of idle readers, through which the first `together` readers taken
    are held until all of them are (or a minute has gone: `barrier.broken`), so that
    `together` documents are read at once, each by its own reader process."""

    def __init__(self, idle: queue.SimpleQueue[isolation._Reader | None], together: int) -> None:
        self.idle = idle
        self.barrier = threading.Barrier(together, timeout=60)
        self.taken = itertools.count(1)

    def get(self) -> isolation._Reader | None:
        reader = self.idle.get()
        if next(self.taken) <= self.barrier.parties:
            with contextlib.suppress(threading.BrokenBarrierError):  # the test says so
                self.barrier.wait()
        return reader

    def put(self, reader: isolation._Reader | None) -> None:
        self.idle.put(reader)


def test_two_jobs_read_at_once_load_each_plan_once_go_on_after_failures_and_keep_the_order(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = plans_folder(tmp_path)
    shutil.copy(CORPUS / STOPPED_ORIGINAL, folder / STOPPED)
    sources = sources_from_locations([str(folder)])
    settings = config.settings(database_url=engine.url.render_as_string(hide_password=False),
                               processed_dir=tmp_path / "processed")
    pool = isolation._pool(settings.memory_limit_bytes)
    readers = ReadersHeldTogether(pool.idle, min(2, os.cpu_count() or 1))  # two when there are two cores
    monkeypatch.setattr(pool, "idle", readers)
    read_plan_isolated = document.read_plan_isolated

    def stopping_one(fetched: Fetched, settings: Settings) -> Plan:
        if Path(fetched.path).name == STOPPED:
            settings = dataclasses.replace(settings, time_limit_s=0.01, time_limit_per_mb_s=0.0)
        return read_plan_isolated(fetched, settings)

    monkeypatch.setattr(document, "read_plan_isolated", stopping_one)
    started: list[str] = []
    reported: list[str] = []

    summary = run_batch(sources, settings, trigger="cli", jobs=2,
                        on_start=lambda source: started.append(source.location),
                        on_result=lambda result: reported.append(result.source))

    assert not readers.barrier.broken, "the first two documents were not read at once"
    order = [str(folder / name) for name in sorted([*GOOD, *SAME_BYTES, BROKEN, STOPPED])]
    assert [source.location for source in sources] == order
    assert started == reported == [result.source for result in summary.documents] == order
    outcome = {Path(result.source).name: result.error_type or result.status for result in summary.documents}
    assert outcome == {"a-plan-first.docx": "new", "b-objectives.pdf": "new", BROKEN: "CorruptFile",
                       STOPPED: "LimitExceeded", "d-improvement.html": "new", "e-plan.docx": "unchanged",
                       "f-strategy.pdf": "new"}
    failures = {Path(result.source).name: result for result in summary.failed}
    assert "time limit" in failures[STOPPED].error
    assert all(Path(result.quarantined).read_bytes() == (folder / name).read_bytes()
               for name, result in failures.items())
    with Session(engine) as session:
        loaded = session.scalars(select(db.Document.sha256)).all()
        failed_runs = session.scalars(select(db.ExtractionRun.source).where(db.ExtractionRun.status == "failed")).all()
    assert sorted(loaded) == sorted(file_sha256(folder / name) for name in GOOD)  # each plan once
    assert sorted(failed_runs) == [str(folder / BROKEN), str(folder / STOPPED)]

    again = run_batch(sources, settings, trigger="cli", jobs=2)
    assert again.counts() == {"new": 0, "changed": 0, "unchanged": 5, "failed": 2}
    assert [result.source for result in again.documents] == order


def test_ingest_jobs_2_reports_in_the_folder_s_order_and_exits_1(engine: Engine, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = plans_folder(tmp_path)
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("TRUSTPLANS_DATA_DIR", str(tmp_path / "data"))

    result = CliRunner().invoke(cli, ["ingest", "--jobs", "2", "--json", str(folder)])

    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [Path(document["source"]).name for document in report["documents"]] == sorted([*GOOD, *SAME_BYTES, BROKEN])
    assert report["counts"] == {"new": 4, "changed": 0, "unchanged": 1, "failed": 1}
    assert [document["source"] for document in report["documents"] if document["status"] == "failed"] \
        == [str(folder / BROKEN)]


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--jobs", "0", str(tmp_path)])
    assert result.exit_code == 2 and "--jobs" in result.output
