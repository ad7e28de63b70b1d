"""The extractor on generated documents of unseen layouts (tests/layouts): each seed draws one
plan and one value of every layout dimension, renders it (DOCX, PDF or HTML) with its gold plan
JSON; the document is extracted in-process and scored with the shared scorer.

    .venv/bin/python benchmarks/layouts.py [--count 300] [--first-seed 1000] [--jobs N] [--keep DIR]
    .venv/bin/python benchmarks/layouts.py --explain SEED

Prints the overall micro-F1 (tp/fp/fn summed over every document, as score.py --corpus does),
per-category F1, then for each dimension and each of its values the number of documents and
their micro-F1, then the ten worst documents. An extraction error scores as an empty
prediction and is listed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.layouts.dims import DIMENSIONS, NA  # noqa: E402
from tests.layouts.runner import Outcome, load_scorer, run_seed  # noqa: E402

FIRST_SEED = 1000
LIMIT_S = 300  # one document's extraction


def _f1(tp: int, fp: int, fn: int) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def _sum(outcomes: list[Outcome]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for o in outcomes:
        a, b, c = o.totals()
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def _work(args: tuple[int, str]) -> Outcome:
    seed, out = args
    return run_seed(seed, Path(out), limit_s=LIMIT_S)


def run_all(seeds: list[int], out: Path, jobs: int) -> list[Outcome]:
    tasks = [(s, str(out)) for s in seeds]
    if jobs <= 1:
        return [_work(t) for t in tasks]
    import pipeline.interpret.interpreter  # noqa: F401 - load spaCy and the lexicons once, before forking

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sorted(pool.imap_unordered(_work, tasks, chunksize=1), key=lambda o: o.seed)


def report(outcomes: list[Outcome]) -> None:
    scorer = load_scorer()
    scored = [o for o in outcomes if o.generator_error is None]
    tp, fp, fn = _sum(scored)
    print(f"documents: {len(scored)}   facts: {tp + fn}   tp {tp}  fp {fp}  fn {fn}")
    print(f"overall micro-F1: {_f1(tp, fp, fn):.3f}\n")

    tally = scorer.Tally()
    for o in scored:
        for k, (a, b, c) in o.counts.items():
            tally.add(k, a, b, c)
    print(f"{'category':<16} {'tp':>6} {'fp':>6} {'fn':>6} {'f1':>7}")
    for cat in scorer.CATEGORIES:
        a, b, c = tally.category(cat)
        if a + b + c:
            print(f"{cat:<16} {a:>6} {b:>6} {c:>6} {_f1(a, b, c):7.3f}")
    print()

    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in scored:
        for dim, value in o.dims.items():
            if dim in DIMENSIONS and value != NA:
                groups[dim, value].append(o)
    print(f"{'dimension':<16} {'value':<18} {'docs':>5} {'micro-F1':>9}")
    for dim, values in DIMENSIONS.items():
        for value in values:
            docs = groups.get((dim, value), [])
            f1 = f"{_f1(*_sum(docs)):9.3f}" if docs else f"{'-':>9}"
            print(f"{dim:<16} {value:<18} {len(docs):>5} {f1}")
    print()

    print("10 worst documents")
    for o in sorted(scored, key=lambda o: (o.f1(), o.seed))[:10]:
        dims = ", ".join(f"{k}={v}" for k, v in o.dims.items() if v != NA)
        print(f"  seed {o.seed:<6} {o.f1():.3f}  {dims}" + (f"  ERROR {o.error}" if o.error else ""))
    errors = [o for o in scored if o.error]
    if errors:
        print(f"\nextraction errors ({len(errors)}, scored as empty predictions)")
        for o in errors:
            print(f"  seed {o.seed}: {o.error}")
    broken = [o for o in outcomes if o.generator_error]
    if broken:
        print(f"\ngenerator errors ({len(broken)}, not scored)")
        for o in broken:
            print(f"  seed {o.seed}: {o.generator_error}")


def explain(seed: int, out: Path) -> None:
    scorer = load_scorer()
    o = run_seed(seed, out, explain=True, limit_s=LIMIT_S)
    if o.generator_error:
        print(f"generator error: {o.generator_error}")
        return
    print("dims: " + ", ".join(f"{k}={v}" for k, v in o.dims.items() if v != NA))
    print(f"source: {out / str(seed)}")
    if o.error:
        print(f"extraction error: {o.error}")
    tally = scorer.Tally()
    for k, (a, b, c) in o.counts.items():
        tally.add(k, a, b, c)
    scorer.report(tally)
    print("\n".join(o.explain))
    print(f"score: {o.f1():.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--first-seed", type=int, default=FIRST_SEED)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="write the documents and gold files here (else a temporary folder)")
    ap.add_argument("--explain", type=int, metavar="SEED", help="score one seed and list its missed/extra items")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trustplans-layouts-") as tmp:
        out = a.keep or Path(tmp)
        if a.explain is not None:
            explain(a.explain, out)
            return 0
        seeds = list(range(a.first_seed, a.first_seed + a.count))
        report(run_all(seeds, out, a.jobs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
