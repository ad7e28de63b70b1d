"""Reading in a child process under limits (pipeline/runs/isolation.py), and a batch of bad
files among good plans: the good ones load, every bad one is recorded, nothing hangs."""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline import config
from pipeline.config import Settings
from pipeline.fetch.sources import Source, sources_from_locations
from pipeline.runs.batch import run_batch
from pipeline.runs.document import run_document
from schemas import tables as db
from tests.db.dbsupport import CORPUS
from tests.hostile_files import hostile_folder, zip_bomb_docx

UHB_DOCX = CORPUS / "uhb-2021-22-plan-docx" / "uhb-2021-22-plan.docx"
WAH_PDF = CORPUS / "wah-2022-23-objectives-pdf" / "wah-2022-23-objectives.pdf"


def settings_for(engine: Engine, tmp_path: Path, **limits: object) -> Settings:
    settings = config.settings(database_url=engine.url.render_as_string(hide_password=False),
                               processed_dir=tmp_path / "processed")
    return dataclasses.replace(settings, **limits)


def test_a_reader_past_its_time_limit_is_stopped_and_recorded(engine: Engine, tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_document(Source(str(UHB_DOCX)), settings_for(engine, tmp_path, time_limit_s=0.01,
                                                                          time_limit_per_mb_s=0.0))
    assert (result.status, result.error_type, result.exit_code) == ("failed", "LimitExceeded", 9)
    assert "time limit" in result.error
    assert Path(result.quarantined).read_bytes() == UHB_DOCX.read_bytes()
    assert time.monotonic() - started < 30


def test_a_file_that_swells_past_the_memory_limit_fails_in_its_child_only(engine: Engine, tmp_path: Path) -> None:
    bomb = zip_bomb_docx(tmp_path / "bomb.docx", megabytes=200)  # under the inflation limit, over the memory one
    assert bomb.stat().st_size < 5 * 1024 * 1024
    settings = settings_for(engine, tmp_path, memory_limit_bytes=1536 * 1024 * 1024)

    result = run_document(Source(str(bomb)), settings)
    after = run_document(Source(str(UHB_DOCX)), settings)  # the parent goes on as before

    # libxml2 short of memory reports a parse error (CorruptFile, 5); Python's own, MemoryError (9)
    assert result.status == "failed" and result.exit_code in (5, 9), result
    assert after.status == "new"


def test_a_batch_of_bad_files_loads_the_good_plans_and_records_every_bad_one(engine: Engine,
                                                                            tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    expected = hostile_folder(folder, good_pdf=WAH_PDF)
    for good in (UHB_DOCX, WAH_PDF):
        shutil.copy(good, folder)
        expected[good.name] = "new"

    started = time.monotonic()
    summary = run_batch(sources_from_locations([str(folder), str(tmp_path / "pipe.pdf"), str(tmp_path / "zero.docx")]),
                        settings_for(engine, tmp_path), trigger="cli")

    assert time.monotonic() - started < 240
    outcome = {Path(r.source).name: r.error_type or r.status for r in summary.documents}
    assert outcome == expected
    with Session(engine) as session:
        recorded = set(session.scalars(select(db.ExtractionRun.source).where(db.ExtractionRun.status == "failed")))
    assert {Path(source).name for source in recorded} == {name for name, end in expected.items() if end != "new"}
