"""`trustplans report`: an HTML page per trust and one comparing trusts, each showing real PNG
charts drawn from the current plans."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import Engine

from pipeline.cli.commands import cli
from pipeline.store.charts import financial_quarter
from pipeline.store.load import load_plan
from tests.db.dbsupport import gold_plans, reader_url
from tests.db.test_research import current_gold


@pytest.mark.parametrize(("day", "quarter"), [("2023-07-15", "2023/24 Q2"), ("2024-03-31", "2023/24 Q4"),
                                              ("2024-04-01", "2024/25 Q1"), ("2099-12-31", "2099/00 Q3")])
def test_financial_quarters_start_in_april(day: str, quarter: str) -> None:
    assert financial_quarter(pd.Timestamp(day)) == quarter


def test_a_page_per_trust_and_one_comparing_them(engine: Engine, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for path, plan in gold_plans():
        load_plan(engine, plan, source=str(path))
    monkeypatch.setenv("TRUSTPLANS_DATABASE_URL", reader_url(engine))
    done = CliRunner().invoke(cli, ["report", "--out", str(tmp_path)])
    assert done.exit_code == 0, done.output
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    trusts = {plan.document.organisation.name for plan in current_gold() if plan.commitments or plan.indicators}
    linked = dict((name, href) for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', index))
    assert set(linked) == {name.replace("&", "&amp;") for name in trusts}
    for href in linked.values():
        page = (tmp_path / href).read_text(encoding="utf-8")
        images = re.findall(r'<img src="([^"]+)"', page)
        assert len(images) == 4 and images[3].endswith("-targets.png")
        for image in images:
            with Image.open(tmp_path / image) as picture:
                assert picture.format == "PNG" and picture.size == (800, 400)
                assert len(picture.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 2  # something drawn
    with_targets = {plan.document.organisation.name for plan in current_gold()
                    if any(indicator.target for indicator in plan.indicators)}
    assert with_targets
    for name in with_targets:
        page = (tmp_path / linked[name.replace("&", "&amp;")]).read_text(encoding="utf-8")
        chart = re.findall(r'<img src="([^"]+-targets.png)"', page)[0]
        with Image.open(tmp_path / chart) as picture:
            colours = dict((rgb, count) for count, rgb in picture.convert("RGB").getcolors(maxcolors=1 << 20))
        assert colours.get((0, 94, 184), 0) > 200  # bars drawn, not "none"
