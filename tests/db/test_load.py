"""Loading plan JSON: every corpus document, round trip, idempotence, versions,
organisations, and a failed load leaving the database as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.store.engine import make_engine
from pipeline.store.load import load_plan
from pipeline.store.migrate import upgrade
from pipeline.store.read import plan_from_db
from pipeline.store.records import known_sha256, record_failure, record_run_summary
from schemas import tables as db
from schemas.plan import Indicator, Organisation, Provenance
from tests.db.dbsupport import BACKENDS, big_plan, document_plans, gold_plans, rendition_of, row_counts, with_changes

CONTENT_TABLES = ("documents", "themes", "objectives", "commitments", "owners", "commitment_owners",
                  "objective_owners", "assurance_groups", "commitment_assurance", "due_dates",
                  "indicators", "glossary_entries", "extraction_runs")


def load_corpus(engine: Engine) -> list[int]:
    return [load_plan(engine, plan, source=str(path)).document_id for path, plan in gold_plans()]


def test_every_corpus_document_loads_and_comes_back_the_same(engine: Engine) -> None:
    renditions, loaded = rendition_of(), {}
    for path, plan in gold_plans():
        outcome = load_plan(engine, plan, source=str(path))
        loaded[path.name] = outcome.document_id
        if path.name in renditions:  # the same plan in another format: recorded against the first
            assert (outcome.status, outcome.document_id) == ("unchanged", loaded[renditions[path.name].name])
        else:
            assert outcome.status == "new"
            assert plan_from_db(engine, outcome.document_id) == plan, path.name
    counts = row_counts(engine)
    assert (counts["documents"], counts["renditions"]) == (len(document_plans()), len(renditions))
    assert counts["commitments"] == sum(len(plan.commitments) for _, plan in document_plans())
    assert counts["indicators"] == sum(len(plan.indicators) for _, plan in document_plans())


def test_sqlite_and_postgresql_hold_the_same_rows(new_database: Callable[..., str]) -> None:
    counts = {}
    for backend in BACKENDS:
        engine = make_engine(new_database(backend))
        try:
            upgrade(engine)
            load_corpus(engine)
            counts[backend] = row_counts(engine)
        finally:
            engine.dispose()
    assert counts["sqlite"] == counts["postgresql"]
    assert all(counts["sqlite"][table] > 0 for table in CONTENT_TABLES)


def test_loading_the_corpus_twice_adds_nothing(engine: Engine) -> None:
    first = load_corpus(engine)
    before = row_counts(engine)
    outcomes = [load_plan(engine, plan, source=str(path)) for path, plan in gold_plans()]
    assert [o.status for o in outcomes] == ["unchanged"] * len(outcomes)
    assert [o.document_id for o in outcomes] == first
    assert row_counts(engine) == before


def test_a_changed_file_becomes_a_new_version_and_the_old_one_is_kept(engine: Engine) -> None:
    path, plan = next((p, pl) for p, pl in gold_plans() if p.name == "wah-2022-23-objectives.pdf")
    old = load_plan(engine, plan, source=str(path))
    changed = with_changes(plan, sha256="f" * 64)
    changed.commitments[0].text = "A rewritten first commitment."
    new = load_plan(engine, changed, source=str(path))

    assert (old.status, new.status) == ("new", "changed")
    with Session(engine) as session:
        old_doc = session.get(db.Document, old.document_id)
        new_doc = session.get(db.Document, new.document_id)
        assert (old_doc.superseded_by_id, old_doc.version) == (new_doc.id, 1)
        assert (new_doc.superseded_by_id, new_doc.version) == (None, 2)
    assert plan_from_db(engine, old.document_id) == plan
    assert plan_from_db(engine, new.document_id) == changed
    assert row_counts(engine)["commitments"] == 2 * len(plan.commitments)


def test_same_trust_kind_and_period_from_another_location_supersedes(engine: Engine) -> None:
    path, plan = next((p, pl) for p, pl in gold_plans() if p.name == "wah-2022-23-objectives.pdf")
    old = load_plan(engine, plan, source=str(path))
    republished = with_changes(plan, sha256="e" * 64, source="https://example.nhs.uk/objectives-v2.pdf")
    new = load_plan(engine, republished, source="https://example.nhs.uk/objectives-v2.pdf")
    other_year = with_changes(plan, sha256="d" * 64, period=plan.document.period.model_copy(
        update={"label": "2023/24", "start": dt.date(2023, 4, 1), "end": dt.date(2024, 3, 31)}))
    unrelated = load_plan(engine, other_year, source="elsewhere/wah-2023-24-objectives.pdf")

    assert (new.status, unrelated.status) == ("changed", "new")
    with Session(engine) as session:
        assert session.get(db.Document, old.document_id).superseded_by_id == new.document_id
        assert session.get(db.Document, new.document_id).superseded_by_id is None


@pytest.mark.parametrize(("name", "code", "expected_code"), [
    ("Royal Surrey", None, "RA2"),                                  # alternative name
    ("royal surrey county hospital  nhs foundation trust", None, "RA2"),  # case and spaces
    ("A name the document misprints", "RA2", "RA2"),                # the code wins
    ("The Rotherham NHS Foundation Trust", None, "RFR"),            # own name over another's alt name
    ("St George's", None, None),                                    # two trusts' alternative name
    ("Nowhere Community NHS Trust", None, None),                    # not an NHS trust we know
])
def test_organisation_names_resolve_to_ods_codes(engine: Engine, name: str, code: str | None,
                                                  expected_code: str | None) -> None:
    _, plan = gold_plans()[0]
    named = with_changes(plan, organisation=Organisation(name=name, code=code))
    outcome = load_plan(engine, named, source="somewhere.html")
    again = load_plan(engine, with_changes(named, sha256="0" * 64), source="elsewhere.html")
    with Session(engine) as session:
        documents = [session.get(db.Document, o.document_id) for o in (outcome, again)]
        organisations = [session.get(db.Organisation, d.organisation_id) for d in documents]
    assert organisations[0].ods_code == expected_code
    assert organisations[0].id == organisations[1].id  # an unknown trust is one row, reused
    assert documents[0].organisation_name == name
    assert plan_from_db(engine, outcome.document_id).document.organisation == named.document.organisation


def test_provenance_is_kept_on_every_extracted_row(engine: Engine) -> None:
    _, plan = gold_plans()[0]
    located = plan.model_copy(deep=True)
    for number, item in enumerate([*located.themes, *located.objectives, *located.commitments,
                                   *located.indicators]):
        item.provenance = Provenance(page=number + 1, bbox=[10.0, 20.5, 300.0, 40.25], table=0, row=number,
                                     col=2, confidence=91.5)
    outcome = load_plan(engine, located, source="located.html")
    assert plan_from_db(engine, outcome.document_id) == located


def test_a_plan_of_thousands_of_commitments_keeps_every_owner_and_link(engine: Engine) -> None:
    plan = big_plan(2500)  # more rows than one batch of insertmanyvalues (1,000)
    for number, indicator in enumerate(plan.indicators):  # each names a commitment further down the plan
        indicator.commitment_ref = plan.commitments[number * 24].ref
    outcome = load_plan(engine, plan, source="big-plan.pdf")

    assert plan_from_db(engine, outcome.document_id) == plan  # each commitment with its owners and assurance
    with Session(engine) as session:
        ids = session.scalars(select(db.Commitment.id).where(db.Commitment.document_id == outcome.document_id)
                              .order_by(db.Commitment.position)).all()
        linked = session.execute(select(db.Indicator.position, db.Commitment.position)
                                 .join(db.Commitment, db.Indicator.commitment_id == db.Commitment.id)
                                 .where(db.Indicator.document_id == outcome.document_id)
                                 .order_by(db.Indicator.position)).all()
    assert len(ids) == 2500
    assert ids == sorted(ids)  # in plan order: a link by table row takes the row's lowest id
    first: dict[str | None, int] = {}
    for position, commitment in enumerate(plan.commitments):
        first.setdefault(commitment.ref, position)
    assert linked == [(number, first[indicator.commitment_ref]) for number, indicator in enumerate(plan.indicators)]


def test_a_load_that_fails_midway_leaves_the_database_as_it_was(engine: Engine) -> None:
    path, plan = next((p, pl) for p, pl in gold_plans() if p.name == "uhb-2021-22-plan.pdf")
    broken = plan.model_copy(deep=True)
    broken.indicators.append(Indicator(text="bad box", provenance=Provenance(bbox=[1.0, 2.0, 3.0])))
    before = row_counts(engine)
    with pytest.raises(ValueError, match="bbox"):
        load_plan(engine, broken, source=str(path))  # fails after the commitments are inserted
    assert row_counts(engine) == before
    assert not known_sha256(engine, plan.document.sha256)


def test_failures_and_batch_summaries_are_recorded(engine: Engine) -> None:
    record_failure(engine, "plans/broken.pdf", "CorruptFile: plans/broken.pdf: truncated", sha256="a" * 64)
    started = dt.datetime(2026, 1, 1, 2, 0, tzinfo=dt.UTC)
    run_id = record_run_summary(engine, trigger="nightly", started_at=started,
                                finished_at=started + dt.timedelta(minutes=3), new=2, changed=1,
                                unchanged=7, failed=1)
    with Session(engine) as session:
        run = session.scalars(select(db.ExtractionRun)).one()
        summary = session.get(db.RefreshRun, run_id)
    assert (run.status, run.source, run.sha256) == ("failed", "plans/broken.pdf", "a" * 64)
    assert run.document_id is None
    assert "truncated" in run.error
    assert not known_sha256(engine, "a" * 64)  # a failed file is tried again next time
    assert (summary.new, summary.changed, summary.unchanged, summary.failed) == (2, 1, 7, 1)
    assert summary.started_at == dt.datetime(2026, 1, 1, 2, 0)
