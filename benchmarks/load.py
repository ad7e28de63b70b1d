"""Load throughput (plan JSON already in memory -> database) and export time.

    .venv/bin/python benchmarks/load.py                  # SQLite in a temporary folder
    .venv/bin/python benchmarks/load.py --url URL        # any database (it must be empty)

Plans are the shared corpus's gold plans with their commitments repeated; each gets its
own sha256 so that every one is loaded. Goal: >= 5,000 commitments/s into SQLite.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.store.engine import make_engine
from pipeline.store.export import FORMATS, export_tables
from pipeline.store.load import load_plan
from pipeline.store.migrate import upgrade
from schemas.plan import Plan

GOAL_COMMITMENTS_PER_S = 5000
GOLD_ONLY_FIELDS = ("ref_printed",)


def corpus_plans() -> list[Plan]:
    plans = []
    for gold in sorted((PROJECT_ROOT.parent / "shared" / "corpus").glob("*/gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        for objective in data["objectives"]:
            for field in GOLD_ONLY_FIELDS:
                objective.pop(field, None)
        plans.append(Plan.model_validate(data))
    return plans


def synthetic_plans(count: int, commitments_each: int) -> list[Plan]:
    """`count` plans of `commitments_each` commitments, cycling through the corpus plans."""
    sources = [plan for plan in corpus_plans() if plan.commitments]
    plans = []
    for number in range(count):
        plan = sources[number % len(sources)].model_copy(deep=True)
        plan.document.sha256 = f"{number:064x}"
        plan.document.source = f"synthetic-{number}.pdf"
        base = plan.commitments
        repeats = commitments_each // len(base) + 1
        plan.commitments = [c.model_copy(update={"ref": f"{c.ref}.{i}" if c.ref else None})
                            for i in range(repeats) for c in base][:commitments_each]
        plans.append(plan)
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: a new SQLite file)")
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--commitments", type=int, default=1000, help="commitments per plan")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(args.url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        plans = synthetic_plans(args.plans, args.commitments)
        commitments = sum(len(p.commitments) for p in plans)
        rows = sum(len(p.commitments) + len(p.indicators) + len(p.objectives) + len(p.themes)
                   + len(p.glossary) + sum(len(c.owners) + len(c.assurance) for c in p.commitments)
                   for p in plans)

        started = time.perf_counter()
        for number, plan in enumerate(plans):
            load_plan(engine, plan, source=f"synthetic-{number}.pdf")
        elapsed = time.perf_counter() - started
        rate = commitments / elapsed
        print(f"backend: {engine.dialect.name}")
        verdict = "met" if rate >= GOAL_COMMITMENTS_PER_S else "NOT met"
        print(f"load: {len(plans)} plans, {commitments} commitments (~{rows} rows) in {elapsed:.2f} s: "
              f"{rate:,.0f} commitments/s, {len(plans) / elapsed:.1f} documents/s "
              f"(goal >= {GOAL_COMMITMENTS_PER_S:,} commitments/s: {verdict})")

        started = time.perf_counter()
        for plan in plans:
            load_plan(engine, plan, source="again.pdf")
        print(f"reload (all unchanged): {len(plans) / (time.perf_counter() - started):,.0f} documents/s")

        for fmt in FORMATS:
            started = time.perf_counter()
            export_tables(engine, fmt, Path(tmp) / "export")
            print(f"export {fmt}: {time.perf_counter() - started:.2f} s for {commitments} commitments")
        engine.dispose()


if __name__ == "__main__":
    main()
