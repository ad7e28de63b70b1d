"""Load throughput (plan JSON already in memory -> database) and export time, on SQLite and
on PostgreSQL.

    .venv/bin/python benchmarks/load.py              # SQLite in a temporary folder, and a throw-away
                                                     # PostgreSQL server (started as the tests start it)
    .venv/bin/python benchmarks/load.py --url URL    # that PostgreSQL database instead (it must be empty)

Plans are the shared corpus's gold plans with their commitments repeated; each gets its
own sha256 so that every one is loaded: as a new document, a new version or a rendition (the
corpus's Word and PDF twins). Rates count the commitments stored. Goal: >= 5,000
commitments/s into PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import PROJECT_ROOT  # noqa: E402
from pipeline.store.engine import make_engine  # noqa: E402
from pipeline.store.export import FORMATS, export_tables  # noqa: E402
from pipeline.store.load import load_plan  # noqa: E402
from pipeline.store.migrate import upgrade  # noqa: E402
from schemas.plan import Plan  # noqa: E402
from tests.conftest import postgres_url  # noqa: E402
from tests.db.dbsupport import row_counts  # noqa: E402

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


def measure(url: str, plans: list[Plan], export_to: Path) -> float:
    """Load `plans` into the empty database at `url` and export it; prints the figures and
    returns the commitments stored per second."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        before = row_counts(engine)
        started = time.perf_counter()
        for number, plan in enumerate(plans):
            load_plan(engine, plan, source=f"synthetic-{number}.pdf")
        elapsed = time.perf_counter() - started
        after = row_counts(engine)
        commitments, rows = after["commitments"], sum(after.values()) - sum(before.values())
        rate = commitments / elapsed
        print(f"{engine.dialect.name}: load: {len(plans)} plans ({after['documents']} documents, "
              f"{after['renditions']} renditions), {commitments} commitments ({rows} rows) in {elapsed:.2f} s: "
              f"{rate:,.0f} commitments/s, {len(plans) / elapsed:.1f} plans/s")

        started = time.perf_counter()
        for plan in plans:
            load_plan(engine, plan, source="again.pdf")
        print(f"{engine.dialect.name}: reload (all unchanged): "
              f"{len(plans) / (time.perf_counter() - started):,.0f} plans/s")

        for fmt in FORMATS:
            started = time.perf_counter()
            export_tables(engine, fmt, export_to / engine.dialect.name)
            print(f"{engine.dialect.name}: export {fmt}: {time.perf_counter() - started:.2f} s "
                  f"for {commitments} commitments")
    finally:
        engine.dispose()
    return rate


@contextmanager
def postgres_database(url: str | None) -> Iterator[str]:
    """`url`, else the `postgres` database of a throw-away server (the tests' fixture)."""
    if url is not None:
        yield url
        return
    with contextmanager(postgres_url.__wrapped__)() as server_url:
        yield server_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throw-away server's)")
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--commitments", type=int, default=1000, help="commitments per plan")
    args = parser.parse_args()

    plans = synthetic_plans(args.plans, args.commitments)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = measure(f"sqlite:///{Path(tmp) / 'bench.db'}", plans, Path(tmp))
        with postgres_database(args.url) as url:
            postgresql = measure(url, plans, Path(tmp))
    verdict = "met" if postgresql >= GOAL_COMMITMENTS_PER_S else "NOT met"
    print(f"commitments/s: SQLite {sqlite:,.0f}, PostgreSQL {postgresql:,.0f} "
          f"(PostgreSQL/SQLite {postgresql / sqlite:.2f}); "
          f"goal PostgreSQL >= {GOAL_COMMITMENTS_PER_S:,} commitments/s: {verdict}")


if __name__ == "__main__":
    main()
