"""Peak memory of a reader process on a long plan: the densest corpus PDF (or FILE) repeated to
--pages pages (200 by default), read as a reader forked from the fork server reads it.

    python benchmarks/reader_memory.py [--pages N] [FILE.pdf]

A fresh child process imports what the fork server preloads and warms the interpreter
(pipeline/runs/warmup.py), as a reader does, then runs read_plan (detect, extract, interpret)
on the file, its pages read by the one process.
Prints its peak resident memory after the warm-up and after reading, and the reading time,
against the issue's goal: a 200-page plan read under 250 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pdf_readers import CORPUS, ROOT, densest, repeated

GOAL_MB = 250

_CHILD = """
import datetime as dt, json, resource, sys, time
import extractors.scanned, pipeline.runs.isolation  # what the fork server preloads
from pipeline.fetch.fetcher import Fetched
from pipeline.fetch.sources import Source
from pipeline.runs.reading import read_plan
from pipeline.runs.warmup import warm_interpreter

warm_interpreter()  # as a reader does while its first PDF's pages are read

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

warm = peak_mb()
path = sys.argv[1]
fetched = Fetched(Source(path), path, "0" * 64, not_modified=False, retrieved_at=dt.datetime.now(dt.UTC))
started = time.perf_counter()
plan = read_plan(fetched)
print(json.dumps({"warm": warm, "peak": peak_mb(), "seconds": time.perf_counter() - started,
                  "commitments": len(plan.commitments)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="a PDF (default: the densest corpus PDF)")
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    source = args.file or densest(sorted(CORPUS.glob("*-pdf/*.pdf")))
    with tempfile.TemporaryDirectory() as folder:
        path = repeated(source, args.pages, Path(folder) / f"{source.stem}-x{args.pages}.pdf")
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], cwd=ROOT, check=True,
                              capture_output=True, text=True)
    figures = json.loads(done.stdout)
    print(f"{source.name} repeated to {args.pages} pages, read by one reader process")
    print(f"  after the warm-up                {figures['warm']:6.0f} MB")
    print(f"  peak after reading               {figures['peak']:6.0f} MB   (goal < {GOAL_MB} MB: "
          f"{'met' if figures['peak'] < GOAL_MB else 'not met'})")
    print(f"  reading                          {figures['seconds']:6.1f} s, {figures['commitments']} commitments")


if __name__ == "__main__":
    main()
