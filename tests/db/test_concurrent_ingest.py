"""`trustplans ingest` processes at once on a new database: the migrations run once, under
the write lock, and every process loads or finds its plans (no migration race); new versions
of one plan loaded at once make one chain (versions 1, 2, 3; one current)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.store.engine import make_engine
from schemas import tables as db
from tests.db.dbsupport import CORPUS

TRUSTPLANS = Path(sys.executable).with_name("trustplans")
PLANS = (CORPUS / "uhb-2021-22-plan-docx" / "uhb-2021-22-plan.docx",
         CORPUS / "wah-2022-23-objectives-pdf" / "wah-2022-23-objectives.pdf")


def test_four_ingests_at_once_on_a_new_database(backend: str, new_database: Callable[..., str],
                                                tmp_path: Path) -> None:
    url = new_database(backend)  # empty: not migrated
    folder = tmp_path / "plans"
    folder.mkdir()
    for plan in PLANS:
        shutil.copy(plan, folder)
    env = {**os.environ, "TRUSTPLANS_DATABASE_URL": url, "TRUSTPLANS_DATA_DIR": str(tmp_path / "data")}
    runs = [subprocess.Popen([str(TRUSTPLANS), "ingest", str(folder)], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outcomes = [(run.wait(timeout=300), *run.communicate()) for run in runs]

    assert [code for code, _, _ in outcomes] == [0, 0, 0, 0], outcomes
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            documents = session.scalar(select(func.count()).select_from(db.Document))
            current = session.scalar(select(func.count()).select_from(db.Document)
                                     .where(db.Document.superseded_by_id.is_(None)))
    finally:
        engine.dispose()
    assert (documents, current) == (2, 2)


def test_three_new_versions_of_one_plan_at_once_make_one_chain(backend: str, new_database: Callable[..., str],
                                                               tmp_path: Path) -> None:
    url = new_database(backend)
    kingsbridge = CORPUS / "kingsbridge-2023-24-operational-plan-docx" / "kingsbridge-2023-24-operational-plan.docx"
    versions = [*PLANS, kingsbridge]
    env = {**os.environ, "TRUSTPLANS_DATABASE_URL": url, "TRUSTPLANS_DATA_DIR": str(tmp_path / "data")}
    same_plan = ["--ods-code", "RRK", "--kind", "annual_plan", "--period", "2024/25"]  # one trust, kind, period
    runs = [subprocess.Popen([str(TRUSTPLANS), "ingest", str(path), *same_plan], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for path in versions]
    outcomes = [(run.wait(timeout=300), *run.communicate()) for run in runs]

    assert [code for code, _, _ in outcomes] == [0, 0, 0], outcomes
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            chain = session.execute(select(db.Document.version, db.Document.superseded_by_id)
                                    .order_by(db.Document.version)).all()
    finally:
        engine.dispose()
    assert [version for version, _ in chain] == [1, 2, 3]
    assert [superseded is None for _, superseded in chain] == [False, False, True]  # one current: the last
