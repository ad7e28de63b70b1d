"""Time of a long Word plan table: reading it (extractors/docx.py) and interpreting it, at two
sizes, so that time per row and how it grows can be read off.

    .venv/bin/python benchmarks/docx_rows.py [--rows 1000 5000]

The plan is made here: one table of Ref | Action | Lead | Due | Measure with N rows. Prints,
for each size, the seconds to read and to interpret, milliseconds per row, and the growth
from the smallest size to each larger one against the growth in rows (1.0 = linear).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from extractors.docx import extract_docx  # noqa: E402
from pipeline.interpret.interpreter import interpret  # noqa: E402
from pipeline.runs.reading import collection_paused  # noqa: E402

LEADS = ("Chief Nurse", "Medical Director", "Chief Operating Officer", "Director of Finance")


def long_plan(path: Path, rows: int) -> Path:
    word = docx.Document()
    word.add_heading("Annual plan 2024/25", 0)
    word.add_heading("Our objectives", 1)
    table = word.add_table(rows=rows + 1, cols=5)
    texts = [["Ref", "Action", "Lead", "Due", "Measure"]]
    texts += [[f"{r // 100 + 1}.{r % 100 + 1}", f"Deliver improvement {r} across the wards and community services",
               LEADS[r % len(LEADS)], f"Q{r % 4 + 1} 2024/25", f"Reduce waits by {r % 50 + 1}%"]
              for r in range(rows)]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    word.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    interpret(extract_docx(long_plan(Path(tempfile.mkdtemp()) / "warm.docx", 20), "warm"))  # lexicons loaded
    first: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="trustplans-docx-rows-") as work:
        for rows in sorted(args.rows):
            path = long_plan(Path(work) / f"plan-{rows}.docx", rows)
            with collection_paused():  # as a reader process reads a document (pipeline/runs/steps.py)
                started = time.perf_counter()
                document = extract_docx(path, "benchmark")
                read_s = time.perf_counter() - started
                plan = interpret(document)
                total = time.perf_counter() - started
            growth = ""
            if first is None:
                first = (rows, total)
            else:
                growth = f"  growth {total / first[1]:.1f}x for {rows / first[0]:.1f}x the rows " \
                         f"({(total / first[1]) / (rows / first[0]):.2f} of linear)"
            print(f"{rows:6d} rows: read {read_s:5.2f} s, interpret {total - read_s:5.2f} s, total {total:5.2f} s, "
                  f"{1000 * total / rows:.2f} ms/row, {len(plan.commitments)} commitments{growth}")


if __name__ == "__main__":
    main()
