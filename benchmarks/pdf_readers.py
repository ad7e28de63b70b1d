"""The PDF readers against a bare pdfplumber text pass, on the densest corpus PDF repeated to 40 pages.

    python benchmarks/pdf_readers.py [--runs N] [--pages N] [FILE.pdf]

The densest corpus PDF (most characters a page; or FILE) has its pages repeated to --pages
pages. Timed, as wall time, the best of --runs runs: the whole `trustplans extract FILE --format
json` process under each reader (TRUSTPLANS_PDF_READER=pdfplumber, =pdfium), and a bare
pdfplumber pass (`page.extract_text()` over every page) in a child process, timed from opening
the file, so that its imports are not counted. The issue's goal: extract at most 0.5x the pass.

Then reading alone, in seconds a page (each in a child process, timed after its imports, the
best of --runs): the bare pass, each reader filling the page model (pdf_page.read_page over
pdfplumber's pages; pdfium_page.read_document) and camelot's stream flavour finding tables on
every page (`camelot.read_pdf(..., flavor="stream", pages="all")`, the `bench` extra; skipped
with --no-camelot or when it is not installed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
READERS = ("pdfplumber", "pdfium")

_TEXT_PASS = """
import json, sys, time
import pdfplumber
started = time.perf_counter()
with pdfplumber.open(sys.argv[1]) as pdf:
    characters = sum(len(page.extract_text() or "") for page in pdf.pages)
print(json.dumps({"seconds": time.perf_counter() - started, "characters": characters}))
"""

_READ_ONLY = """
import json, sys, time
from pathlib import Path
path, reader = Path(sys.argv[1]), sys.argv[2]
if reader == "pdfplumber":
    import pdfplumber
    from extractors.pdf_page import read_page
    def read():
        with pdfplumber.open(path) as pdf:
            return [read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
elif reader == "pdfium":
    from extractors.pdfium_page import read_document
    def read():
        return read_document(path)[0]
else:
    import camelot
    def read():
        return camelot.read_pdf(str(path), flavor="stream", pages="all")
started = time.perf_counter()
read()
print(json.dumps({"seconds": time.perf_counter() - started}))
"""
READ_ONLY = (("pdfplumber reader (read_page)", "pdfplumber"),
             ("pdfium reader (read_document)", "pdfium"),
             ("camelot stream (read_pdf)", "camelot"))


def densest(paths: list[Path]) -> Path:
    """The PDF with the most characters a page (as PDFium counts them)."""
    def per_page(path: Path) -> float:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return sum(pdf[i].get_textpage().count_chars() for i in range(len(pdf))) / max(1, len(pdf))
        finally:
            pdf.close()
    return max(paths, key=per_page)


def repeated(source: Path, pages: int, into: Path) -> Path:
    """`source`'s pages over and over, `pages` of them."""
    original, made = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    while len(made) < pages:
        made.import_pages(original, list(range(min(len(original), pages - len(made)))))
    made.save(str(into))
    made.close()
    original.close()
    return into


def best_of(runs: int, command: list[str], env: dict[str, str] | None = None) -> float:
    seconds = float("inf")
    for _ in range(runs):  # the best of a few: the machine may be busy with other work
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        seconds = min(seconds, time.perf_counter() - started)
    return seconds


def text_pass(runs: int, path: Path) -> float:
    return _timed_child(runs, [sys.executable, "-c", _TEXT_PASS, str(path)])


def read_only(runs: int, path: Path, reader: str) -> float:
    """Seconds `reader` takes to read the whole file, in a child process, after its imports."""
    return _timed_child(runs, [sys.executable, "-c", _READ_ONLY, str(path), reader])


def _timed_child(runs: int, command: list[str]) -> float:
    """The best of the "seconds" a child process prints."""
    timings = []
    for _ in range(runs):
        done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
        timings.append(json.loads(done.stdout)["seconds"])
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="a PDF (default: the densest corpus PDF)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--no-camelot", action="store_true", help="leave camelot stream out")
    args = parser.parse_args()
    source = args.file or densest(sorted(CORPUS.glob("*-pdf/*.pdf")))
    trustplans = Path(sys.executable).with_name("trustplans")
    with tempfile.TemporaryDirectory() as folder:
        path = repeated(source, args.pages, Path(folder) / f"{source.stem}-x{args.pages}.pdf")
        print(f"{source.name} repeated to {args.pages} pages; wall time, best of {args.runs}")
        bare = text_pass(args.runs, path)
        print(f"{'bare pdfplumber extract_text pass':40} {bare:7.2f} s  1.00x")
        for reader in READERS:
            env = {**os.environ, "TRUSTPLANS_PDF_READER": reader}
            seconds = best_of(args.runs, [str(trustplans), "extract", str(path), "--format", "json"], env)
            print(f"{'trustplans extract, ' + reader:40} {seconds:7.2f} s  {seconds / bare:.2f}x")
        print(f"reading only, seconds a page (after imports), best of {args.runs}")
        print(f"{'bare pdfplumber extract_text pass':40} {bare / args.pages:7.3f} s  1.00x")
        camelot = not args.no_camelot and importlib.util.find_spec("camelot") is not None
        for label, reader in READ_ONLY:
            if reader == "camelot" and not camelot:
                print(f"{label:40}  skipped (--no-camelot, or camelot not installed: the bench extra)")
                continue
            seconds = read_only(args.runs, path, reader)
            print(f"{label:40} {seconds / args.pages:7.3f} s  {seconds / bare:.2f}x")


if __name__ == "__main__":
    main()
