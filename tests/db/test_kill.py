"""A loading process killed (SIGKILL) in the middle of a document leaves the database
exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from sqlalchemy import Engine, text

from pipeline.config import PROJECT_ROOT
from pipeline.store.load import load_plan
from pipeline.store.records import known_sha256
from tests.db.dbsupport import big_plan, gold_plans, row_counts

COMMITMENTS = 5000

# Loads a big plan and, once its commitments, owners and indicators are in (inside the
# transaction: the indicators' links by table row come next), says so on stdout and waits to be killed.
LOADER = f"""
import sys, time
sys.path.insert(0, {str(PROJECT_ROOT / 'tests' / 'db')!r})
from sqlalchemy import event
from tests.db.dbsupport import big_plan
from pipeline.store.engine import make_engine
from pipeline.store.load import load_plan

engine = make_engine(sys.argv[1])

@event.listens_for(engine, "after_cursor_execute")
def pause_inside_transaction(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("UPDATE INDICATORS"):
        print("inside", flush=True)
        time.sleep(600)

load_plan(engine, big_plan({COMMITMENTS}), source="big-plan.pdf")
print("committed", flush=True)
"""


def test_sigkill_in_the_middle_of_a_document_leaves_the_database_as_it_was(engine: Engine) -> None:
    for path, plan in gold_plans()[:3]:
        load_plan(engine, plan, source=str(path))
    before = row_counts(engine)
    url = engine.url.render_as_string(hide_password=False)

    loader = subprocess.Popen([sys.executable, "-c", LOADER, url], stdout=subprocess.PIPE, text=True,
                              cwd=PROJECT_ROOT)
    try:
        assert loader.stdout.readline().strip() == "inside"
        with engine.connect() as connection:  # the half-loaded document is invisible meanwhile
            assert connection.scalar(text("SELECT count(*) FROM commitments")) == before["commitments"]
    finally:
        os.kill(loader.pid, signal.SIGKILL)
        loader.wait(timeout=30)
    assert loader.returncode == -signal.SIGKILL

    assert row_counts(engine) == before
    assert not known_sha256(engine, big_plan(COMMITMENTS).document.sha256)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.scalar(text("PRAGMA integrity_check")) == "ok"
    outcome = load_plan(engine, big_plan(COMMITMENTS), source="big-plan.pdf")  # nothing left locked
    assert outcome.status == "new"
    assert row_counts(engine)["commitments"] == before["commitments"] + COMMITMENTS
