"""What the user knows of the files they ingest wins over what the document seems to say:
`ingest --ods-code --kind --period` (and a registry's optional `period` column)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import config
from pipeline.cli.commands import cli
from pipeline.fetch.sources import read_registry


def test_ingest_options_name_the_trust_kind_and_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", f"sqlite:///{tmp_path / 'plans.db'}")
    plan = shutil.copy(config.RAW_DIR / "swbh-2020-vision.html", tmp_path / "vision.html")
    loaded = CliRunner().invoke(cli, ["ingest", str(plan), "--ods-code", "RBK", "--kind", "strategy",
                                      "--period", "2020-2030"])
    assert loaded.exit_code == 0, loaded.output
    listed = CliRunner().invoke(cli, ["documents", "--json"])
    assert listed.exit_code == 0, listed.output
    (document,) = json.loads(listed.stdout)
    assert (document["ods_code"], document["kind"], document["period"]) == ("RBK", "strategy", "2020-2030")


def test_a_registry_may_give_each_source_its_period(tmp_path: Path) -> None:
    registry = tmp_path / "sources.csv"
    registry.write_text("ods_code,kind,location,period\nRBK,annual_plan,a.pdf,2024/25\nRXK,strategy,b.pdf,\n",
                        encoding="utf-8")
    first, second = read_registry(registry, root=tmp_path)
    assert (first.period, second.period) == ("2024/25", None)
