"""The schema: built from empty by the migrations, in agreement with the ORM, and the
organisations filled from data/nhs-trusts.csv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select

from normalisers.organisations import TRUSTS_CSV, read_organisations
from pipeline.config import PROJECT_ROOT
from pipeline.store.engine import make_engine
from pipeline.store.migrate import alembic_config, upgrade
from pipeline.store.organisations import sync_organisations
from schemas import tables as db

TABLES = set(db.Base.metadata.tables)


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_upgrade_builds_every_table_and_view_from_empty(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert not inspect(engine).get_table_names()
        upgrade(engine)
        found = inspect(engine)
        assert set(found.get_table_names()) == TABLES | {"alembic_version"}
        assert set(found.get_view_names()) == set(db.VIEWS)
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == _head()
    finally:
        engine.dispose()


def test_orm_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.Base.metadata)
    assert differences == []


def test_alembic_command_line_upgrades_from_any_directory(empty_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "TRUSTPLANS_DATABASE_URL": empty_url}
    alembic = Path(sys.executable).with_name("alembic")
    subprocess.run([alembic, "-c", PROJECT_ROOT / "alembic.ini", "upgrade", "head"], cwd=tmp_path, env=env,
                   check=True, capture_output=True)
    engine = make_engine(empty_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        assert set(inspect(engine).get_view_names()) == set(db.VIEWS)
    finally:
        engine.dispose()


def test_organisations_come_from_the_trusts_and_icbs_lists(engine: Engine) -> None:
    trusts = list(read_organisations())
    with engine.connect() as connection:
        codes = set(connection.scalars(select(db.Organisation.ods_code)))
        surrey = connection.scalars(
            select(db.OrganisationName.name).join(db.Organisation)
            .where(db.Organisation.ods_code == "RA2")).all()
    assert codes == {t.ods_code for t in trusts}
    assert set(surrey) >= {"Royal Surrey NHS Foundation Trust", "Royal Surrey County Hospital"}
    assert {"QUE", "S1Y5D", "QOP"} <= codes  # a merged ICB, its successor, an ICB


def test_organisation_sync_is_idempotent_and_follows_the_csv(engine: Engine, tmp_path: Path) -> None:
    def counts() -> tuple[int, int, int]:
        with engine.connect() as connection:
            return tuple(connection.scalar(select(func.count()).select_from(model))
                         for model in (db.Organisation, db.OrganisationName, db.PredecessorCode))

    before = counts()
    upgrade(engine)
    assert counts() == before

    lines = TRUSTS_CSV.read_text(encoding="utf-8").splitlines()
    renamed = [line.replace("Royal Surrey NHS Foundation Trust", "Royal Surrey Renamed NHS FT", 1)
               for line in lines]
    csv = tmp_path / "trusts.csv"
    csv.write_text("\n".join(renamed) + "\n", encoding="utf-8")
    sync_organisations(engine, [csv])
    with engine.connect() as connection:
        assert connection.scalar(select(db.Organisation.name).where(db.Organisation.ods_code == "RA2")) \
            == "Royal Surrey Renamed NHS FT"
    assert counts() == before
