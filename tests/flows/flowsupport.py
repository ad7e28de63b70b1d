"""Helpers of the flow tests: sample plans published on the test HTTP server, a sources
registry naming them, runs of the flows, and what the database holds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flows.refresh import refresh_flow
from pipeline import config
from pipeline.runs.summary import RunSummary
from pipeline.store.engine import make_engine
from schemas import tables as db

# Sample plans (data/raw/), one per trust, kind and period, so that each loads as "new".
CORPUS = (
    "uhb-2021-22-plan.docx",
    "kingsbridge-2023-24-operational-plan.docx",
    "hwhc-improvement-plan.html",
    "uhb-strategic-aims.html",
    "swbh-2020-vision.html",
    "lakeside-mh-2024-27-strategy.pdf",
    "wah-2022-23-objectives.pdf",
)
CORPUS_PDFS = tuple(name for name in CORPUS if name.endswith(".pdf"))


def publish(root: Path, base_url: str, names: Iterable[str]) -> list[str]:
    """Copy sample plans from data/raw/ into the served folder; their URLs."""
    urls = []
    for name in names:
        shutil.copyfile(config.RAW_DIR / name, root / name)
        urls.append(f"{base_url}/{name}")
    return urls


def refresh(registry: Path, work: Path, **parameters: object) -> RunSummary:
    """One refresh flow run into work/trustplans.db, its files under work/processed."""
    return refresh_flow(str(registry), database_url=database_url(work),
                        processed_dir=str(work / "processed"), allow_private_urls=True, **parameters)


def database_url(work: Path) -> str:
    return f"sqlite:///{work / 'trustplans.db'}"


def count(url: str, model: type[db.Base], *where: object) -> int:
    with Session(make_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def rows(url: str, *columns: object, where: tuple = ()) -> list[tuple]:
    with Session(make_engine(url)) as session:
        return [tuple(row) for row in session.execute(select(*columns).where(*where))]


def cli_env(work: Path, prefect_api: str) -> dict[str, str]:
    """Environment for a `trustplans` subprocess: the session's Prefect API, a database and a
    data folder of its own under `work`."""
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "PREFECT_API_URL": prefect_api, "PREFECT_HOME": str(work / "prefect-home"),
            "TRUSTPLANS_DATABASE_URL": database_url(work), "TRUSTPLANS_DATA_DIR": str(data),
            "TRUSTPLANS_ALLOW_PRIVATE_URLS": "1"}  # the test server is on 127.0.0.1
