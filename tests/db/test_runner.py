"""The document runner (pipeline/runs/document.py): one source through fetch, extract,
interpret and load, on SQLite and PostgreSQL; what it returns and what it records."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline import config
from pipeline.config import Settings
from pipeline.fetch.sources import Source
from pipeline.runs.document import run_document
from schemas import tables as db
from tests.db.dbsupport import CORPUS, row_counts

UHB_DOCX = CORPUS / "uhb-2021-22-plan-docx" / "uhb-2021-22-plan.docx"


def settings_for(engine: Engine, tmp_path: Path) -> Settings:
    return config.settings(database_url=engine.url.render_as_string(hide_password=False),
                           processed_dir=tmp_path / "processed")


def test_a_new_document_runs_every_step_and_a_known_one_stops_after_fetch(engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(engine, tmp_path)
    source = Source(str(UHB_DOCX))

    first = run_document(source, settings)
    again = run_document(source, settings)

    assert first.status == "new" and first.document_id is not None
    assert list(first.timings) == ["fetch", "read", "load"]
    assert first.counts["commitments"] > 0 and first.counts["objectives"] > 0
    with Session(engine) as session:
        stored = session.get(db.Document, first.document_id)
        assert stored.location == str(UHB_DOCX)
        assert stored.kind == "implementation_plan"  # from the title: no registry entry says otherwise
        assert session.scalar(select(db.Organisation.ods_code).where(
            db.Organisation.id == stored.organisation_id)) == "RRK"
    assert (again.status, again.document_id, list(again.timings)) == ("unchanged", first.document_id, ["fetch"])
    assert first.trust == "RRK University Hospitals Birmingham NHS Foundation Trust"


def test_the_registry_s_kind_and_ods_code_reach_the_database(engine: Engine, tmp_path: Path) -> None:
    result = run_document(Source(str(UHB_DOCX), ods_code="RA2", kind="annual_plan"), settings_for(engine, tmp_path))

    with Session(engine) as session:
        stored = session.get(db.Document, result.document_id)
        code = session.scalar(select(db.Organisation.ods_code).where(db.Organisation.id == stored.organisation_id))
    assert (stored.kind, code, stored.organisation_name) == (
        "annual_plan", "RA2", "Royal Surrey NHS Foundation Trust")


def test_extracting_without_loading_records_nothing(engine: Engine, tmp_path: Path) -> None:
    before = row_counts(engine)
    result = run_document(Source(str(UHB_DOCX)), settings_for(engine, tmp_path), load_into_database=False)
    assert result.status == "extracted" and result.plan is not None
    assert result.counts["commitments"] == len(result.plan.commitments)
    assert row_counts(engine) == before


def test_a_broken_file_is_a_result_recorded_and_quarantined(engine: Engine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(UHB_DOCX.read_bytes()[:2000])

    result = run_document(Source(str(broken)), settings_for(engine, tmp_path))

    assert (result.status, result.error_type, result.exit_code) == ("failed", "CorruptFile", 5)
    assert result.error.startswith(f"{broken}: ")
    assert Path(result.quarantined).read_bytes() == broken.read_bytes()
    with Session(engine) as session:
        [run] = session.scalars(select(db.ExtractionRun).where(db.ExtractionRun.status == "failed")).all()
    assert (run.source, run.error) == (str(broken), result.failure)
