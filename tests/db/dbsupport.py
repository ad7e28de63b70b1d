"""Helpers for the database tests: the gold plans of the shared corpus, row counts."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, func, select

from pipeline.config import PROJECT_ROOT
from schemas import tables as db
from schemas.plan import Plan

BACKENDS = ("sqlite", "postgresql")
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


def plan_from_gold(data: dict[str, Any]) -> Plan:
    """A gold file as a Plan, without its gold-only fields (e.g. objectives[].ref_printed)."""
    data = copy.deepcopy(data)
    try:
        return Plan.model_validate(data)
    except ValidationError as err:
        problems = err.errors()
        if any(problem["type"] != "extra_forbidden" for problem in problems):
            raise
        for problem in problems:
            *path, key = problem["loc"]
            node = data
            for step in path:
                node = node[step]
            del node[key]
    return Plan.model_validate(data)


@cache
def gold_plans() -> tuple[tuple[Path, Plan], ...]:
    """(source file, its gold plan) for every corpus document, in folder order."""
    found = []
    for gold in sorted(CORPUS.glob("*/gold.json")):
        plan = plan_from_gold(json.loads(gold.read_text(encoding="utf-8")))
        found.append((gold.parent / plan.document.source, plan))
    return tuple(found)


@cache
def extracted_plan(path: Path) -> Plan:
    """The plan trustplans reads from a corpus file (with pages and boxes, which gold plans lack)."""
    from pipeline.runs.document import extract_plan

    return extract_plan(path)


def rendition_of() -> dict[str, Path]:
    """For each corpus file that is another rendition of an earlier one (the same plan in
    another format: same trust, title, period and items), that earlier file."""
    first: dict[tuple, tuple[Path, Plan]] = {}
    found = {}
    for path, plan in gold_plans():
        doc = plan.document
        key = (doc.organisation.name, doc.title, doc.kind, doc.period.model_dump_json() if doc.period else None)
        if key in first and first[key][1].document.format != doc.format \
                and first[key][1].commitments == plan.commitments:
            found[path.name] = first[key][0]
        else:
            first.setdefault(key, (path, plan))
    return found


def document_plans() -> tuple[tuple[Path, Plan], ...]:
    """The corpus as the documents it loads as: one per plan, renditions left out."""
    renditions = rendition_of()
    return tuple((path, plan) for path, plan in gold_plans() if path.name not in renditions)


def newer_version(plan: Plan) -> Plan:
    """A new version of `plan` (same trust, kind, period and format): its first commitment
    reworded, new bytes."""
    newer = with_changes(plan, sha256=f"{int(plan.document.sha256, 16) ^ 1:064x}")
    newer.commitments[0].text += " (revised)"
    return newer


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table."""
    with engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in db.Base.metadata.sorted_tables}


def with_changes(plan: Plan, **document: Any) -> Plan:
    """A copy of `plan` with some document fields replaced (e.g. a new sha256)."""
    changed = plan.model_copy(deep=True)
    for field, value in document.items():
        setattr(changed.document, field, value)
    return changed


def big_plan(commitments: int) -> Plan:
    """The UHB gold plan with its commitments repeated up to `commitments` (and a new sha256)."""
    _, plan = next((p, pl) for p, pl in gold_plans() if p.name == "uhb-2021-22-plan.pdf")
    big = plan.model_copy(deep=True)
    big.document.sha256 = f"{commitments:064x}"
    big.commitments = [c.model_copy(update={"ref": f"{c.ref}.{i}" if c.ref else None})
                       for i in range(commitments // len(plan.commitments) + 1) for c in plan.commitments
                       ][:commitments]
    return big


def reader_url(engine: Engine) -> str:
    """The URL `trustplans query` should use: on PostgreSQL a read-only role (made with
    `trustplans db create-reader`'s function), on SQLite the database itself."""
    if engine.dialect.name != "postgresql":
        return engine.url.render_as_string(hide_password=False)
    from pipeline.store.readers import create_reader

    return create_reader(engine, "trustplans_test_reader", "reader-password")
