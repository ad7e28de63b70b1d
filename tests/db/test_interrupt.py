"""Ctrl-C during `trustplans ingest`: it stops at once with "N of M loaded; run again to
continue" and exit code 130, no traceback from it or its readers, and the N documents loaded
are whole in the database; the next run loads the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline import config
from pipeline.store.engine import make_engine
from schemas import tables as db

TRUSTPLANS = Path(sys.executable).with_name("trustplans")
COPIES = 40


def documents(url: str) -> int:
    if not Path(url.removeprefix("sqlite:///")).exists():
        return 0
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(db.Document))
    except Exception:  # not migrated yet
        return 0
    finally:
        engine.dispose()


def test_ctrl_c_stops_cleanly_and_the_next_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    page = (config.RAW_DIR / "uhb-strategic-aims.html").read_bytes()
    for number in range(COPIES):  # each its own bytes: each is a new document
        (folder / f"aims-{number:02}.html").write_bytes(page + f"<!-- copy {number} -->".encode())
    url = f"sqlite:///{tmp_path / 'trustplans.db'}"
    env = {**os.environ, "TRUSTPLANS_DATABASE_URL": url, "TRUSTPLANS_DATA_DIR": str(tmp_path / "data")}

    # --jobs 2: documents being read on other threads when Ctrl-C comes. SIGINT as a terminal's
    # Ctrl-C finds it, not ignored as it is in the jobs a shell starts in the background (`&`)
    run = subprocess.Popen([str(TRUSTPLANS), "ingest", "--jobs", "2", str(folder)], env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while documents(url) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)

    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr
    loaded = int(stderr.split("interrupted: ", 1)[1].split(" of ", 1)[0])
    assert f"interrupted: {loaded} of {COPIES} loaded; run again to continue" in stderr
    assert 2 <= loaded < COPIES
    assert documents(url) in (loaded, loaded + 1)  # + 1: a load committed just as Ctrl-C came
    loaded = documents(url)

    again = subprocess.run([str(TRUSTPLANS), "ingest", str(folder)], env=env, text=True, capture_output=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{COPIES - loaded} new" in again.stdout and f"{loaded} unchanged" in again.stdout
    assert documents(url) == COPIES
