"""`trustplans ingest --jobs N` throughput. The corpus documents (PDF, Word, HTML), each copied
`--copies` times with bytes of its own (a PDF comment line, an HTML comment, a Word file's zip
comment: every copy is read and loaded), are ingested with `--jobs 1` and `--jobs 2` (and
`--jobs` whatever else is asked), each run a new `trustplans` process (this checkout's code)
on a new, migrated SQLite database. The runs take turns, `--repeat` times (other work on the
machine slows some of them), and the best of each counts.

Goal (issue 15): on two cores, `--jobs 2` ingests at >= 1.7 x the documents/s of `--jobs 1`.

Each run's time includes its start (Python, the database, the readers' fork server warming
up: some 5-7 s, as long as reading some 15 documents), so the copies must be many for the
start not to count much. An ingest of one copy of each document before each run shares that
start: the rate of the documents past those (its documents over the difference in time) is
shown too. After each run, N copies of a CPU-bound loop run at once show how many cores the
machine had to give N jobs just then.

    .venv/bin/python benchmarks/ingest_jobs.py [--copies 12] [--repeat 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.store.engine import make_engine  # noqa: E402
from pipeline.store.migrate import upgrade  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOAL = 1.7  # --jobs 2 over --jobs 1
SPIN = "n = 0\nfor i in range(20_000_000): n += i"


def copy_with_own_bytes(original: Path, target: Path, number: int) -> None:
    """`original` at `target`, changed where its format ignores the change."""
    data = original.read_bytes()
    if original.suffix == ".pdf":
        target.write_bytes(data + f"\n%copy {number}\n".encode())
    elif original.suffix == ".html":
        target.write_bytes(data + f"\n<!-- copy {number} -->\n".encode())
    else:  # Word: the archive's comment, after its central directory
        target.write_bytes(data)
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = f"copy {number}".encode()


def make_folders(plans: Path, few: Path, copies: int) -> tuple[int, int]:
    """`copies` of each corpus document in `plans`, one more of each in `few`; returns how many
    documents each holds."""
    originals = sorted(path for pattern in ("*/*.pdf", "*/*.docx", "*/*.html") for path in CORPUS.glob(pattern))
    for original in originals:
        for number in range(copies):
            copy_with_own_bytes(original, plans / f"{original.stem}-{number:02}{original.suffix}", number)
        copy_with_own_bytes(original, few / original.name, copies)
    return len(originals) * copies, len(originals)


def ingest_seconds(folder: Path, jobs: int, work: Path, expected: int) -> float:
    """Wall time of one `trustplans ingest` on a new, migrated database (migration not timed);
    every document must be loaded."""
    work.mkdir()
    url = f"sqlite:///{work / 'trustplans.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": python_path, "TRUSTPLANS_DATABASE_URL": url,
           "TRUSTPLANS_DATA_DIR": str(work / "data")}
    command = [sys.executable, "-c", "from pipeline.cli.commands import main; main()",
               "-q", "ingest", "--json", "--jobs", str(jobs), str(folder)]
    started = time.perf_counter()
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    counts = json.loads(run.stdout)["counts"] if run.returncode == 0 else {}
    if counts.get("failed") != 0 or sum(counts.values()) != expected:
        sys.exit(f"--jobs {jobs} failed ({run.returncode}, {counts}):\n{run.stdout[-2000:]}{run.stderr}")
    return seconds


def cores_had(processes: int) -> float:
    """The cores `processes` copies of a CPU-bound loop had, run at once: their CPU time over
    the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for run in [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(processes)]:
        run.wait()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=12, help="copies of each corpus document (9 documents)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each --jobs value (the best counts)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="the first is the one compared with")
    args = ap.parse_args()

    best: dict[int, float] = {}  # documents/s
    best_after_start: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="trustplans-jobs-") as temp:
        plans, few = Path(temp) / "plans", Path(temp) / "few"
        plans.mkdir()
        few.mkdir()
        documents, some = make_folders(plans, few, args.copies)
        print(f"{documents} documents ({args.copies} copies of each corpus document), {os.cpu_count()} cores")
        for turn in range(1, args.repeat + 1):
            for jobs in args.jobs:
                start = ingest_seconds(few, jobs, Path(temp) / f"few-{turn}-{jobs}", some)
                seconds = ingest_seconds(plans, jobs, Path(temp) / f"all-{turn}-{jobs}", documents)
                rate, after_start = documents / seconds, (documents - some) / max(seconds - start, 1e-9)
                best[jobs] = max(best.get(jobs, 0.0), rate)
                best_after_start[jobs] = max(best_after_start.get(jobs, 0.0), after_start)
                print(f"  run {turn}, --jobs {jobs}: {seconds:6.1f} s  {rate:5.2f} documents/s  ({some} documents:"
                      f" {start:4.1f} s; past those {after_start:5.2f} documents/s;"
                      f" then {jobs} CPU-bound loop(s) had {cores_had(jobs):.2f} cores)")
    first = args.jobs[0]
    print(f"best of {args.repeat}:")
    for jobs in args.jobs:
        print(f"  --jobs {jobs}: {best[jobs]:5.2f} documents/s = {best[jobs] / best[first]:.2f} x --jobs {first}"
              f"  (past the first {some}: {best_after_start[jobs]:5.2f} documents/s = "
              f"{best_after_start[jobs] / best_after_start[first]:.2f} x)")
    if 1 in best and 2 in best:
        ratio = best[2] / best[1]
        print(f"--jobs 2 / --jobs 1 = {ratio:.2f} (goal >= {GOAL}): {'met' if ratio >= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()
