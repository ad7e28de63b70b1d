"""A batch of hostile files among good plans, ingested as `trustplans ingest` does it: every
good plan must load, every bad file must end as one clean error, nothing may crash or hang.

    .venv/bin/python benchmarks/hostile.py [--memory-mb 2048] [--time-limit 120]

The bad files are made in a temporary folder by tests/hostile_files.py: a pipe, a link to
/dev/zero, a sparse 3 GiB file, an empty file, a PNG named .pdf, a truncated PDF, PDFs whose
page tree or cross-references loop, a PDF whose content stream inflates to 1 GiB, a blank
page of 200,000 points square (OCR), a Word zip bomb of 1 GiB, a Word cell spanning 5,000
columns, a UTF-16 web page, a name that is not UTF-8. Prints files tried, how many ended as
expected, clean errors, crashes, hangs, the peak memory of this process and of the worst
reader process, and whether every good plan loaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import config  # noqa: E402
from pipeline.fetch.sources import sources_from_locations  # noqa: E402
from pipeline.runs.batch import run_batch  # noqa: E402
from tests.hostile_files import hostile_folder  # noqa: E402

GOOD = ("uhb-2021-22-plan.docx", "wah-2022-23-objectives.pdf", "swbh-2020-vision.html")
CLEAN = {"SourceNotFound", "UnsupportedFormat", "CorruptFile", "EncryptedFile", "NoPlanFound", "FetchFailed",
         "LimitExceeded"}


def make_folder(folder: Path) -> tuple[list[str], dict[str, str]]:
    """The bad files (tests/hostile_files.py, bombs of 1 GiB) and copies of the good plans:
    the locations to ingest, and the outcome each file must end in."""
    expected = hostile_folder(folder, good_pdf=config.RAW_DIR / GOOD[1], bomb_mb=1024)
    for name in GOOD:
        shutil.copy(config.RAW_DIR / name, folder / name)
        expected[name] = "new"
    return [str(folder), str(folder.parent / "pipe.pdf"), str(folder.parent / "zero.docx")], expected


def reader_peak_mb(stop: threading.Event, found: list[float]) -> None:
    """Sample the peak RSS (VmHWM) of the reader processes (children of the fork server)."""
    from multiprocessing import forkserver

    while not stop.wait(0.05):
        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if server is None:
            continue
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(server) and "VmHWM" in fields:
                found.append(int(fields["VmHWM"].split()[0]) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memory-mb", type=int, default=config.MEMORY_LIMIT_BYTES // (1024 * 1024))
    parser.add_argument("--time-limit", type=float, default=config.TIME_LIMIT_S)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trustplans-hostile-") as work:
        root = Path(work)
        locations, expected = make_folder(root / "files")
        settings = dataclasses.replace(
            config.settings(database_url=f"sqlite:///{root / 'trustplans.db'}", processed_dir=root / "processed"),
            memory_limit_bytes=args.memory_mb * 1024 * 1024, time_limit_s=args.time_limit)
        stop, peaks = threading.Event(), []
        sampler = threading.Thread(target=reader_peak_mb, args=(stop, peaks), daemon=True)
        sampler.start()
        started = time.monotonic()
        summary = run_batch(sources_from_locations(locations), settings, trigger="benchmark")
        seconds = time.monotonic() - started
        stop.set()
        sampler.join()
    failed = summary.failed
    loaded = {Path(r.source).name for r in summary.documents if r.status in ("new", "changed")}
    crashes = [r for r in failed if r.error_type not in CLEAN and r.error_type not in ("MemoryError",)]
    hangs = [r for r in failed if "time limit" in (r.error or "")]
    outcome = {Path(r.source).name: r.error_type or r.status for r in summary.documents}
    print(f"files tried: {len(summary.documents)} in {seconds:.1f} s")
    for result in summary.documents:
        name = Path(result.source).name
        problem = (result.error or "").split(": ", 1)[-1][:80]
        surprise = "" if outcome[name] == expected.get(name) else f"  (expected {expected.get(name)})"
        print(f"  {name:28} {result.status:9} {result.error_type or '':17} {problem}{surprise}")
    print(f"ended as expected: {sum(outcome.get(n) == e for n, e in expected.items())} of {len(expected)}")
    print(f"clean errors: {len(failed) - len(crashes)} ({dict(Counter(r.error_type for r in failed))})")
    print(f"crashes: {len(crashes)}")
    print(f"hangs (stopped at the time limit): {len(hangs)}")
    print(f"peak memory: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"worst reader {max(peaks, default=0):.0f} MB (limit {args.memory_mb} MB of address space)")
    print(f"every good plan loaded: {'yes' if loaded >= set(GOOD) else 'NO: ' + ', '.join(set(GOOD) - loaded)}")


if __name__ == "__main__":
    main()
