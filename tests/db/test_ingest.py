"""run_batch, as `trustplans ingest` runs it: each file on its own; failures recorded (the file
quarantined); the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from extractors.registry import file_sha256
from pipeline import config
from pipeline.fetch.sources import expand, sources_from_locations
from pipeline.runs.batch import run_batch
from pipeline.runs.summary import RunSummary
from pipeline.store.load import load_plan
from schemas import tables as db
from tests.db.dbsupport import CORPUS, gold_plans, row_counts

GOOD = ("uhb-2021-22-plan-docx/uhb-2021-22-plan.docx",
        "wah-2022-23-objectives-pdf/wah-2022-23-objectives.pdf")


def ingest_paths(paths: list[Path], engine: Engine, processed: Path) -> RunSummary:
    settings = config.settings(database_url=engine.url.render_as_string(hide_password=False),
                               processed_dir=processed)
    return run_batch(sources_from_locations(str(path) for path in paths), settings, trigger="cli")


def failed_runs(engine: Engine) -> list[db.ExtractionRun]:
    with Session(engine) as session:
        return list(session.scalars(select(db.ExtractionRun).where(db.ExtractionRun.status == "failed")))


def test_a_broken_file_among_good_ones_is_recorded_and_the_good_ones_load(engine: Engine,
                                                                          tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, folder)
    broken = folder / "broken.pdf"
    broken.write_bytes((CORPUS / GOOD[1]).read_bytes()[:3000])  # a truncated PDF

    report = ingest_paths([folder], engine, tmp_path / "processed")

    assert [Path(result.source).name for result in report.failed] == ["broken.pdf"]
    assert sorted(Path(r.source).name for r in report.documents if r.status in ("new", "changed")) \
        == sorted(Path(n).name for n in GOOD)
    [kept] = [Path(result.quarantined) for result in report.failed if result.quarantined]
    assert kept.read_bytes() == broken.read_bytes() and kept.with_name(kept.name + ".error.json").is_file()
    with Session(engine) as session:
        loaded = set(session.scalars(select(db.Document.sha256)))
    assert loaded == {file_sha256(folder / Path(name).name) for name in GOOD}
    [failure] = failed_runs(engine)
    assert (failure.source, failure.sha256) == (str(broken), file_sha256(broken))
    assert "broken.pdf" in failure.error

    again = ingest_paths([folder], engine, tmp_path / "processed")  # the good ones are known by their bytes
    assert again.counts() == {"new": 0, "changed": 0, "unchanged": 2, "failed": 1}


def test_a_missing_file_is_recorded_and_a_known_one_is_not_extracted_again(engine: Engine,
                                                                            tmp_path: Path) -> None:
    path, plan = gold_plans()[0]
    load_plan(engine, plan, source=str(path))
    before = row_counts(engine)
    missing = tmp_path / "gone.pdf"

    report = ingest_paths([missing, path], engine, tmp_path / "processed")

    assert report.counts() == {"new": 0, "changed": 0, "unchanged": 1, "failed": 1}
    [failure] = failed_runs(engine)
    assert (failure.source, failure.sha256) == (str(missing), None)
    assert "SourceNotFound" in failure.error
    after = row_counts(engine)
    assert after.pop("extraction_runs") == before.pop("extraction_runs") + 1
    assert after.pop("refresh_runs") == before.pop("refresh_runs") + 1  # the batch's totals
    assert after == before


def test_folders_expand_to_their_plan_files(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.DOCX", "c.html", "sub/d.htm", "notes.md", "gold.json", ".hidden.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    named = tmp_path / "notes.md"
    assert expand([tmp_path, named, tmp_path / "a.pdf"]) == [
        tmp_path / "a.pdf", tmp_path / "b.DOCX", tmp_path / "c.html", tmp_path / "sub" / "d.htm", named]
