"""Reading in a child process under limits (pipeline/runs/isolation.py), and a batch of bad
files among good plans: the good ones load, every bad one is recorded, nothing hangs."""

from __future__ import annotations

import dataclasses
import os
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
from tests.hostile_files import zip_bomb_docx

UHB_DOCX = CORPUS / "uhb-2021-22-plan-docx" / "uhb-2021-22-plan.docx"
WAH_PDF = CORPUS / "wah-2022-23-objectives-pdf" / "wah-2022-23-objectives.pdf"


def settings_for(engine: Engine, tmp_path: Path, **limits: object) -> Settings:
    settings = config.settings(database_url=engine.url.render_as_string(hide_password=False),
                               processed_dir=tmp_path / "processed")
    return dataclasses.replace(settings, **limits)


def test_a_reader_past_its_time_limit_is_stopped_and_recorded(engine: Engine, tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_document(Source(str(UHB_DOCX)), settings_for(engine, tmp_path, time_limit_s=0.01))
    assert (result.status, result.error_type, result.exit_code) == ("failed", "LimitExceeded", 9)
    assert "time limit" in result.error
    assert Path(result.quarantined).read_bytes() == UHB_DOCX.read_bytes()
    assert time.monotonic() - started < 30


def test_a_zip_bomb_runs_out_of_memory_in_its_child_only(engine: Engine, tmp_path: Path) -> None:
    bomb = zip_bomb_docx(tmp_path / "bomb.docx", megabytes=400)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    settings = settings_for(engine, tmp_path, memory_limit_bytes=1536 * 1024 * 1024)

    result = run_document(Source(str(bomb)), settings)
    after = run_document(Source(str(UHB_DOCX)), settings)  # the parent goes on as before

    assert result.status == "failed" and result.exit_code in (5, 9), result
    assert after.status == "new"


def test_a_batch_of_bad_files_loads_the_good_plans_and_records_every_bad_one(engine: Engine,
                                                                            tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for good in (UHB_DOCX, WAH_PDF):
        shutil.copy(good, folder)
    (folder / "truncated.pdf").write_bytes(WAH_PDF.read_bytes()[:4000])
    (folder / "empty.docx").write_bytes(b"")
    (folder / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / os.fsdecode(b"plan-\xff.html")).write_bytes(b"<html><body><p>Opening times</p></body></html>")
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    zero = tmp_path / "zero.docx"
    zero.symlink_to("/dev/zero")

    started = time.monotonic()
    summary = run_batch(sources_from_locations([str(folder), str(pipe), str(zero)]),
                        settings_for(engine, tmp_path), trigger="cli")

    assert time.monotonic() - started < 120
    loaded = sorted(Path(r.source).name for r in summary.documents if r.status == "new")
    assert loaded == sorted([UHB_DOCX.name, WAH_PDF.name])
    failed = {Path(r.source).name: r for r in summary.failed}
    assert set(failed) == {"truncated.pdf", "empty.docx", "image.pdf", "plan-\\xff.html", "pipe.pdf", "zero.docx"}
    assert failed["pipe.pdf"].error_type == failed["zero.docx"].error_type == "UnsupportedFormat"
    assert failed["plan-\\xff.html"].error_type == "NoPlanFound"
    with Session(engine) as session:
        recorded = set(session.scalars(select(db.ExtractionRun.source).where(db.ExtractionRun.status == "failed")))
    assert {Path(source).name for source in recorded} == set(failed)
