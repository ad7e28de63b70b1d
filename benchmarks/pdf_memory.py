"""Peak memory and time of the PDF extractor per page, on the corpus PDFs (or the files given).

    python benchmarks/pdf_memory.py [FILE.pdf ...]

Each file is extracted in a fresh child process so that peaks do not mix: timed (wall time, the
best of RUNS runs), then once under tracemalloc (Python-allocated peak, which tracing slows
down); plus the process's peak RSS (getrusage) before and after. Imports and the hyphenation
word list are loaded before measuring.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RUNS = 3

_CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, {root!r})
from extractors.pdf import extract_pdf
import extractors.hyphenation as h
h._lexicon()  # loaded on first need; counted apart from the extraction
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
seconds = float("inf")
for _ in range({runs}):  # the best of a few runs: the machine may be busy with other work
    started = time.perf_counter()
    document = extract_pdf(Path({path!r}), "benchmark")
    seconds = min(seconds, time.perf_counter() - started)
tracemalloc.start()
extract_pdf(Path({path!r}), "benchmark")
_, peak = tracemalloc.get_traced_memory()
print(json.dumps({{"pages": document.page_count, "seconds": seconds, "py_peak_mb": peak / 2**20,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_before_mb": before / 1024, "blocks": len(document.blocks),
                  "tables": len(document.tables)}}))
"""


def measure(path: Path) -> dict[str, float]:
    code = _CHILD.format(root=str(ROOT), path=str(path), runs=RUNS)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(CORPUS.glob("*-pdf/*.pdf"))
    print(f"{'file':45} {'pages':>5} {'s':>6} {'s/page':>7} {'py peak MB':>10} {'MB/page':>8} "
          f"{'RSS MB':>7} {'RSS before':>10}")
    for path in files:
        m = measure(path)
        pages = max(1, int(m["pages"] or 1))
        print(f"{path.name:45} {pages:5d} {m['seconds']:6.2f} {m['seconds'] / pages:7.3f} "
              f"{m['py_peak_mb']:10.1f} {m['py_peak_mb'] / pages:8.2f} {m['rss_mb']:7.0f} "
              f"{m['rss_before_mb']:10.0f}")


if __name__ == "__main__":
    main()
