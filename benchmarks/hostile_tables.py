"""Tables that could make the PDF reader slow or large: a page of thousands of tiny rules, a
ruled table of thousands of rows over many pages, a table of hundreds of columns. Each is
drawn here (reportlab) at two sizes and read by the PDF reader in a fresh process; prints the
seconds and peak memory of each, and how the time grew against the size (1.0 = linear).

    .venv/bin/python benchmarks/hostile_tables.py
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
_READ = """
import json, resource, sys, time
from pathlib import Path
from extractors.registry import read_document
started = time.perf_counter()
document = read_document(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started, "tables": len(document.tables),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def tiny_rules(path: Path, rules: int) -> None:
    """One page with `rules` short rules scattered over it, and a title."""
    page = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    scatter = random.Random(1)
    page.drawString(50, height - 40, "Annual plan 2024/25")
    for n in range(rules):
        x, y, length = scatter.uniform(20, width - 20), scatter.uniform(20, height - 60), scatter.uniform(1, 6)
        if n % 2:
            page.line(x, y, x + length, y)
        else:
            page.line(x, y, x, y + length)
    page.save()


def long_table(path: Path, rows: int) -> None:
    """A Ref | Action | Lead | Due table, a rule under each row, over as many pages as it takes."""
    page = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 50
    for row in range(rows):
        if y < 50:
            page.showPage()
            y = height - 50
        texts = (f"{row // 100 + 1}.{row % 100 + 1}", f"Deliver improvement {row} across the wards",
                 ("Chief Nurse", "Medical Director")[row % 2], f"Q{row % 4 + 1} 2024/25")
        for x, text in zip((40, 90, 330, 450), texts, strict=True):
            page.drawString(x, y, text)
        page.line(35, y - 3, width - 35, y - 3)
        y -= 12
    page.save()


def wide_table(path: Path, columns: int) -> None:
    """A fully ruled table of 20 rows and `columns` columns on one wide page."""
    width = columns * 22 + 40
    page = canvas.Canvas(str(path), pagesize=(width, 600))
    page.setFont("Helvetica", 5)
    for row in range(20):
        y = 560 - row * 14
        for col in range(columns):
            page.drawString(20 + col * 22, y, f"{row}.{col}")
        page.line(15, y - 3, width - 15, y - 3)
    for col in range(columns + 1):
        page.line(17 + col * 22, 573, 17 + col * 22, 560 - 19 * 14 - 3)
    page.save()


CASES: tuple[tuple[str, Callable[[Path, int], None], tuple[int, int]], ...] = (
    ("tiny rules on one page", tiny_rules, (5000, 20000)),
    ("ruled rows over pages", long_table, (500, 2000)),
    ("columns of one table", wide_table, (50, 200)),
)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="trustplans-hostile-tables-") as work:
        for name, draw, sizes in CASES:
            first: tuple[int, float] | None = None
            for size in sizes:
                path = Path(work) / f"{draw.__name__}-{size}.pdf"
                draw(path, size)
                done = subprocess.run([sys.executable, "-c", _READ, str(path)], cwd=ROOT, capture_output=True,
                                      text=True, check=True)
                found = json.loads(done.stdout)
                growth = ""
                if first is None:
                    first = (size, found["seconds"])
                else:
                    ratio = (found["seconds"] / first[1]) / (size / first[0])
                    growth = f", {ratio:.2f} of linear growth from {first[0]:,}"
                print(f"{name:24s} {size:6,d}: {found['seconds']:6.2f} s, peak {found['peak_mb']:5.0f} MB, "
                      f"{found['tables']} tables{growth}")


if __name__ == "__main__":
    main()
