"""The views researchers query: every v_X shows current documents only and agrees with its
v_X_all_versions twin; v_commitment_owners is one row per commitment and owner with the
owner's canonical role; indicators carry a direction, and one printed on a commitment's table
row links to it. Checked on SQLite and PostgreSQL, against the gold plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session

from normalisers.canonical_roles import canonical_role
from pipeline.store.load import load_plan
from pipeline.store.migrate import alembic_config, upgrade
from pipeline.store.query import run_query
from schemas import plan as pj
from schemas import tables as db
from tests.db.dbsupport import document_plans, gold_plans, newer_version, reader_url
from tests.db.test_research import TIMEOUT_S

TWINS = ("commitments", "commitment_owners", "indicators", "portfolio_by_trust")
REVISED = "uhb-2021-22-plan.docx"  # loaded again as a newer version, so that one is superseded


def current_gold() -> list[pj.Plan]:
    """The current plans: the corpus's documents, the revised one in its newer version."""
    return [newer_version(plan) if path.name == REVISED else plan for path, plan in document_plans()]


@pytest.fixture
def corpus_url(engine: Engine) -> str:
    for path, plan in gold_plans():
        load_plan(engine, plan, source=str(path))
        if path.name == REVISED:
            load_plan(engine, newer_version(plan), source=str(path))
    return reader_url(engine)


def _count(sql: str, url: str) -> int:
    return int(run_query(sql, url, TIMEOUT_S).rows[0][0])


@pytest.mark.parametrize("name", TWINS)
def test_each_view_shows_the_current_rows_of_its_all_versions_twin(corpus_url: str, name: str) -> None:
    every = _count(f"SELECT count(*) FROM v_{name}_all_versions", corpus_url)
    current = _count(f"SELECT count(*) FROM v_{name}", corpus_url)
    assert current == _count(f"SELECT count(*) FROM v_{name}_all_versions WHERE is_current", corpus_url)
    assert 0 < current < every  # the revised plan's first version is superseded
    assert _count(f"SELECT count(*) FROM v_{name} WHERE NOT is_current", corpus_url) == 0


def test_current_commitments_are_those_of_the_current_plans(corpus_url: str) -> None:
    assert _count("SELECT count(*) FROM v_commitments", corpus_url) == sum(len(p.commitments) for p in current_gold())
    assert _count("SELECT count(*) FROM v_commitments_all_versions", corpus_url) == \
        sum(len(p.commitments) for p in current_gold()) + len(dict(document_plans())[_revised_path()].commitments)


def test_every_commitment_owned_by_a_chief_nurse_however_titled(corpus_url: str) -> None:
    result = run_query("""
        SELECT trust, commitment, printed_title, due_end FROM v_commitment_owners
        WHERE role = 'Chief Nurse' ORDER BY trust, commitment_id""", corpus_url, TIMEOUT_S)
    expected = sorted((plan.document.organisation.name, c.text, o.raw, c.due.end if c.due else None)
                      for plan in current_gold() for c in plan.commitments for o in c.owners
                      if (role := canonical_role(o.title)) is not None and role.role == "Chief Nurse")
    found = sorted((trust, text, raw, dt.date.fromisoformat(str(due)) if due else None)
                   for trust, text, raw, due in result.rows)
    assert len({raw for _, _, raw, _ in expected}) >= 2  # printed more than one way in the corpus
    assert found == expected


@pytest.mark.parametrize("view", ["v_commitments", "v_commitment_owners_all_versions"])
def test_each_commitment_s_due_quarter_is_the_financial_quarter_of_its_due_date(corpus_url: str, view: str) -> None:
    rows = run_query(f"SELECT due_end, due_quarter FROM {view}", corpus_url, TIMEOUT_S).rows
    dated = [(dt.date.fromisoformat(str(end)), quarter) for end, quarter in rows if end is not None]
    assert dated and all(quarter is None for end, quarter in rows if end is None)
    for end, quarter in dated:  # NHS years start 1 April: March 2024 is 2023/24 Q4, April 2024 2024/25 Q1
        start = end.year if end.month >= 4 else end.year - 1
        assert quarter == f"{start}/{(start + 1) % 100:02d} Q{(end.month - 4) % 12 // 3 + 1}"
    assert len({quarter for _, quarter in dated}) >= 4


def test_owner_rows_keep_the_printed_title_and_tell_deputies_apart(corpus_url: str) -> None:
    rows = run_query("""SELECT DISTINCT printed_title, title, role, is_lead FROM v_commitment_owners_all_versions
                        WHERE role IS NOT NULL""", corpus_url, TIMEOUT_S).rows
    assert {(role, bool(is_lead)) for _, _, role, is_lead in rows} >= {
        ("Chief Executive", True), ("Deputy Chief Executive", False)}
    for _, title, role, is_lead in rows:
        assert (role, bool(is_lead)) == canonical_role(title)
    assert any(printed != title for printed, title, _, _ in rows)  # "CN" printed, "Chief Nurse" spelled out


def test_a_turnover_target_below_a_level_points_down(corpus_url: str) -> None:
    rows = run_query("""SELECT DISTINCT target_comparator, direction FROM v_indicators
                        WHERE target_comparator IS NOT NULL ORDER BY target_comparator""",
                     corpus_url, TIMEOUT_S).rows
    directions = dict(rows)
    assert directions["<"] == directions["<="] == "decrease"
    assert directions[">="] == "increase"


def _plan(sha: str) -> pj.Plan:
    row = pj.Provenance(table=0, row=3)
    lead = [pj.Owner(raw="DoN", title="Director of Nursing", portfolio="nursing")]
    return pj.Plan(
        document=pj.DocumentInfo(source="plan.docx", sha256=sha, format="docx", kind="annual_plan",
                                 organisation=pj.Organisation(name="A Trust")),
        objectives=[pj.Objective(ref="1", title="Safe care")],
        commitments=[pj.Commitment(objective_ref="1", text="Open a frailty unit", owners=lead, provenance=row),
                     pj.Commitment(ref="1.2", objective_ref="1", text="Recruit nurses",
                                   provenance=pj.Provenance(table=0, row=4))],
        indicators=[pj.Indicator(objective_ref="1", text="Length of stay below 5 days", provenance=row),
                    pj.Indicator(objective_ref="1", text="Vacancy rate below 8%",
                                 provenance=pj.Provenance(table=1, row=3)),
                    pj.Indicator(objective_ref="1", commitment_ref="1.2", text="90 nurses recruited",
                                 provenance=pj.Provenance(table=0, row=3))])


def test_an_indicator_on_a_commitment_s_table_row_links_to_it(engine: Engine) -> None:
    outcome = load_plan(engine, _plan("a" * 64), source="/plans/plan.docx")
    with Session(engine) as session:
        linked = dict(session.execute(
            select(db.Indicator.text, db.Commitment.text)
            .outerjoin(db.Commitment, db.Commitment.id == db.Indicator.commitment_id)
            .where(db.Indicator.document_id == outcome.document_id)).all())
    assert linked == {"Length of stay below 5 days": "Open a frailty unit",  # same table row, no printed ref
                      "Vacancy rate below 8%": None,  # another table
                      "90 nurses recruited": "Recruit nurses"}  # its printed ref wins over its row


def test_a_database_of_the_previous_schema_gains_roles_and_row_links_on_upgrade(engine: Engine) -> None:
    outcome = load_plan(engine, _plan("b" * 64), source="/plans/plan.docx")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")  # as a database made before roles and row links
        connection.execute(text("UPDATE indicators SET commitment_id = NULL WHERE commitment_ref IS NULL"))
    with engine.connect() as connection:
        assert "role" not in {column["name"] for column in inspect(connection).get_columns("owners")}
        assert {"v_commitments", "v_indicators"} <= set(inspect(connection).get_view_names())
    upgrade(engine)
    with Session(engine) as session:
        linked = session.scalars(select(db.Commitment.text).join(db.Indicator, db.Indicator.commitment_id ==
                                                                 db.Commitment.id)
                                 .where(db.Indicator.document_id == outcome.document_id)).all()
    assert sorted(linked) == ["Open a frailty unit", "Recruit nurses"]
    with Session(engine) as session:
        assert session.execute(select(db.Owner.role, db.Owner.is_lead)).all() == [("Chief Nurse", True)]


def _revised_path() -> Path:
    return next(path for path, _ in document_plans() if path.name == REVISED)
