"""The analyst's loop: extract, correct, and the correction survives when a changed version of
the plan is loaded; a correction whose item is gone is reported and kept, not dropped. Real
Word files, real ingests through the runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline import config
from pipeline.cli.commands import cli
from pipeline.fetch.sources import Source
from pipeline.runs.document import run_document
from pipeline.store.corrections import Fix, apply_fixes
from pipeline.store.load import correct
from pipeline.store.read import plan_from_db
from schemas import plan as pj
from schemas import tables as db
from schemas.errors import TrustplansError
from tests.builders import plan_table_docx

ROWS = [["Ref", "Action", "Lead", "Due"],
        ["1.1", "Open a frailty assessment unit at the front door", "COO", "Q2 2024/25"],
        ["1.2", "Open recruitment of fifty registered nurses to the wards", "Chief Nurse", "Q4 2024/25"],
        ["1.3", "Launch the virtual ward for respiratory patients", "Medical Director", "Q3 2024/25"]]


def ingest(engine: Engine, path: Path, tmp_path: Path):
    settings = dataclasses.replace(config.settings(database_url=engine.url.render_as_string(hide_password=False),
                                                   processed_dir=tmp_path / "processed"))
    return run_document(Source(str(path), kind="annual_plan"), settings)


def test_a_correction_survives_a_changed_version_of_the_plan(engine: Engine, tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.docx"
    first = ingest(engine, plan_table_docx(plan_file, ROWS), tmp_path)
    assert first.status == "new"
    correct(engine, first.document_id, "commitment", "1.2", "owners", "Director of Nursing; Deputy Chief Nurse")
    correct(engine, first.document_id, "commitment", "Launch the virtual", "due", "Q1 2025/26", note="slipped")
    correct(engine, first.document_id, "commitment", "1.1", "text", "Open a frailty unit")
    fixed = {c.ref: c for c in plan_from_db(engine, first.document_id).commitments}
    assert [o.title for o in fixed["1.2"].owners] == ["Director of Nursing", "Deputy Chief Nurse"]
    assert (fixed["1.3"].due.raw, str(fixed["1.3"].due.end)) == ("Q1 2025/26", "2025-06-30")
    assert fixed["1.1"].text == "Open a frailty unit"

    changed = [*ROWS[:3], ["1.4", "Extend the discharge lounge opening hours", "COO", "Q1 2024/25"]]  # 1.3 gone
    changed[1] = ["1.1", "Open a frailty assessment unit at the front door of the hospital", "COO", "Q2 2024/25"]
    second = ingest(engine, plan_table_docx(plan_file, changed), tmp_path)

    assert second.status == "changed"
    assert second.counts["corrections applied"] == 2 and second.counts["corrections that no longer match"] == 1
    newer = {c.ref: c for c in plan_from_db(engine, second.document_id).commitments}
    assert [o.title for o in newer["1.2"].owners] == ["Director of Nursing", "Deputy Chief Nurse"]
    assert newer["1.1"].text == "Open a frailty unit"  # reworded a little by the trust: still the same item
    assert newer["1.4"].owners[0].raw == "COO"  # the new item as extracted
    with Session(engine) as session:
        rows = session.execute(select(db.Correction.item_ref, db.Correction.status, db.Correction.document_id)
                               .order_by(db.Correction.id)).all()
    assert rows == [("1.2", "applied", second.document_id), ("1.3", "unmatched", second.document_id),
                    ("1.1", "applied", second.document_id)]


def test_a_second_fix_of_an_item_whose_text_was_corrected_follows_it(engine: Engine, tmp_path: Path) -> None:
    first = ingest(engine, plan_table_docx(tmp_path / "plan.docx", ROWS), tmp_path)
    correct(engine, first.document_id, "commitment", "1.1", "text", "Open a frailty unit")
    made = correct(engine, first.document_id, "commitment", "Open a frailty unit", "owners", "Chief Nurse")
    assert made.item_text == ROWS[1][1]  # named by the text as extracted, as a newer version will print it


def test_the_document_itself_can_be_corrected(engine: Engine, tmp_path: Path) -> None:
    first = ingest(engine, plan_table_docx(tmp_path / "plan.docx", ROWS), tmp_path)
    correct(engine, first.document_id, "document", None, "organisation", "RRK")
    correct(engine, first.document_id, "document", None, "period", "2025/26")
    info = plan_from_db(engine, first.document_id).document
    assert info.organisation.code == "RRK" and info.organisation.name.startswith("University Hospitals Birmingham")
    assert (info.period.start.isoformat(), info.period.end.isoformat()) == ("2025-04-01", "2026-03-31")


@pytest.mark.parametrize(("item", "selector", "field", "problem"), [
    ("commitment", "9.9", "owners", "nothing matches"),
    ("commitment", "open", "owners", "2 match; give more of the text"),
    ("commitment", "1.1", "target", "not a field of a commitment"),
    ("theme", "1", "text", "not an item that can be corrected"),
])
def test_a_correction_that_names_no_single_item_is_refused(engine: Engine, tmp_path: Path, item: str,
                                                            selector: str, field: str, problem: str) -> None:
    first = ingest(engine, plan_table_docx(tmp_path / "plan.docx", ROWS), tmp_path)
    with pytest.raises(TrustplansError, match=problem):
        correct(engine, first.document_id, item, selector, field, "x")
    with Session(engine) as session:
        assert session.scalars(select(db.Correction)).all() == []


def test_fixes_are_matched_to_items_as_extracted_before_any_is_applied() -> None:
    plan = pj.Plan(document=pj.DocumentInfo(source="p.docx", sha256="0" * 64, format="docx",
                                            organisation=pj.Organisation(name="A Trust")),
                   commitments=[pj.Commitment(text="Open the ward"), pj.Commitment(text="Recruit nurses")])
    fixed, found = apply_fixes(plan, [Fix("commitment", None, "Open the ward", "text", "Open the new ward"),
                                      Fix("commitment", None, "Open the ward", "due", "Q3 2024/25"),
                                      Fix("commitment", None, "Close the ward", "due", "Q1 2024/25")])
    assert found == [True, True, False]
    assert (fixed.commitments[0].text, fixed.commitments[0].due.raw) == ("Open the new ward", "Q3 2024/25")
    assert plan.commitments[0].text == "Open the ward"  # the plan given is left as it was


def test_correct_and_corrections_from_the_command_line(engine: Engine, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first = ingest(engine, plan_table_docx(tmp_path / "plan.docx", ROWS), tmp_path)
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    done = CliRunner().invoke(cli, ["correct", str(first.document_id), "--commitment", "1.2", "--set", "owners",
                                    "Director of Nursing", "--set", "due", "Q1 2025/26", "--note", "board paper"])
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"correction 1: document {first.document_id} commitment 1.2 owners = Director of Nursing",
        f"correction 2: document {first.document_id} commitment 1.2 due = Q1 2025/26"]
    refused = CliRunner().invoke(cli, ["correct", str(first.document_id), "--commitment", "9.9", "--set", "due", "Q1"])
    assert refused.exit_code == 1 and "commitment '9.9': nothing matches" in refused.stderr
    listed = json.loads(CliRunner().invoke(cli, ["corrections", "--json"]).stdout)
    assert [(c["item_ref"], c["field"], c["value"], c["status"], c["note"]) for c in listed] == [
        ("1.2", "owners", "Director of Nursing", "applied", "board paper"),
        ("1.2", "due", "Q1 2025/26", "applied", "board paper")]
