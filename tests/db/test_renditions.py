"""The Word and the PDF copy of one plan are one document with two renditions, not two
versions; a copy in another format whose content differs is still a new version."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.store.load import load_plan
from pipeline.store.read import list_documents
from pipeline.store.records import known_sha256
from pipeline.store.renditions import SAME_CONTENT, agreement
from schemas import tables as db
from tests.db.dbsupport import gold_plans, row_counts

KINGSBRIDGE = "kingsbridge-2023-24-operational-plan"


def _copies() -> tuple[tuple[Path, object], tuple[Path, object]]:
    found = {path.suffix: (path, plan) for path, plan in gold_plans() if path.stem == KINGSBRIDGE}
    return found[".docx"], found[".pdf"]


def test_the_word_and_pdf_copies_of_a_plan_are_one_document(engine: Engine) -> None:
    (word, word_plan), (pdf, pdf_plan) = _copies()
    first = load_plan(engine, word_plan, source=str(word))
    before = row_counts(engine)
    second = load_plan(engine, pdf_plan, source=str(pdf))

    assert (first.status, second.status, second.document_id) == ("new", "unchanged", first.document_id)
    after = row_counts(engine)
    assert after.pop("renditions") == before.pop("renditions") + 1
    assert after.pop("extraction_runs") == before.pop("extraction_runs") + 1
    assert after == before  # no second document, no items twice
    [row] = list_documents(engine, all_versions=True)
    assert (row.format, row.current, row.version, row.renditions) == ("docx+pdf", True, 1, (str(pdf),))
    assert known_sha256(engine, pdf_plan.document.sha256)  # the PDF's bytes are known: a refresh skips them
    assert load_plan(engine, pdf_plan, source=str(pdf)).status == "unchanged"


def test_another_format_with_other_content_is_a_new_version(engine: Engine) -> None:
    (word, word_plan), (pdf, pdf_plan) = _copies()
    changed = pdf_plan.model_copy(deep=True)
    for commitment in changed.commitments[::2]:
        commitment.text = f"Revised: {commitment.text}"  # half of the commitments reworded
    load_plan(engine, word_plan, source=str(word))
    outcome = load_plan(engine, changed, source=str(pdf))
    assert outcome.status == "changed"
    with Session(engine) as session:
        assert session.execute(select(db.Document.format, db.Document.superseded_by_id.is_(None))
                               .order_by(db.Document.id)).all() == [("docx", False), ("pdf", True)]
        assert session.scalars(select(db.Rendition)).all() == []


def test_agreement_sets_aside_case_and_punctuation_and_counts_repeats() -> None:
    assert agreement(["Open the ward.", "Recruit 50 nurses"], ["open the ward", "Recruit 50 nurses;"]) == 1.0
    assert agreement(["A", "A", "B"], ["A", "B", "B"]) == 2 / 3
    assert agreement([], ["A"]) == agreement(["A"], []) == 0.0
    assert agreement([f"item {n}" for n in range(10)], [f"item {n}" for n in range(9)] + ["other"]) >= SAME_CONTENT


def test_diff_of_two_loaded_versions_by_their_ids(engine: Engine, monkeypatch) -> None:
    from click.testing import CliRunner

    from pipeline.cli.commands import cli
    from tests.db.dbsupport import newer_version

    (word, word_plan), _ = _copies()
    first = load_plan(engine, word_plan, source=str(word))
    second = load_plan(engine, newer_version(word_plan), source=str(word))
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    done = CliRunner().invoke(cli, ["diff", str(first.document_id), str(second.document_id), "--json"])
    assert done.exit_code == 0, done.output
    [change] = json.loads(done.stdout)
    assert (change["change"], change["after"]) == ("reworded", word_plan.commitments[0].text + " (revised)")
