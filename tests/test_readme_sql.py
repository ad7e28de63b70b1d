"""Every ```sql block of the README runs as written, with `trustplans query`, on the sample
plans loaded by the README's own main command path (ingest of data/raw), and answers something."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import config

TRUSTPLANS = str(Path(sys.executable).with_name("trustplans"))
BLOCKS = re.findall(r"```sql\n(.*?)```", (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("readme")
    environment = {**os.environ, "TRUSTPLANS_DATABASE_URL": f"sqlite:///{work / 'trustplans.db'}",
                   "TRUSTPLANS_DATA_DIR": str(work / "data")}
    done = subprocess.run([TRUSTPLANS, "-q", "ingest", str(config.RAW_DIR)], env=environment, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return environment


def test_the_readme_has_the_researchers_questions() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("sql", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_each_readme_query_runs_and_answers(env: dict[str, str], sql: str) -> None:
    done = subprocess.run([TRUSTPLANS, "query", sql, "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows, f"no rows for:\n{sql}"
