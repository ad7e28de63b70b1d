"""OCR time per page: text PDFs are turned into scans (rasterised, turned, noised, image-only)
and read back through Tesseract, page by page, as the extractor does.

    .venv/bin/python benchmarks/ocr.py                    # the shared corpus's PDFs
    .venv/bin/python benchmarks/ocr.py FILE.pdf [...]     # any PDFs
    .venv/bin/python benchmarks/ocr.py --dpi 200          # scan resolution (default 170)

Prints one row per page (seconds, words, mean word confidence) and the mean seconds per page.
Recognition runs at extractors.ocr.OCR_DPI whatever the scan resolution.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from scans import make_scan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.ocr import OCR_DPI, ocr_pages  # noqa: E402
from pipeline.config import PROJECT_ROOT  # noqa: E402

ANGLE = 0.7  # degrees
NOISE = 12.0  # standard deviation of the grey noise, 0-255 scale


def corpus_pdfs() -> list[Path]:
    return sorted((PROJECT_ROOT.parent / "shared" / "corpus").glob("*-pdf/*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=170, help="resolution of the made scans")
    args = parser.parse_args()
    pdfs = args.pdfs or corpus_pdfs()
    if not pdfs:
        parser.error("no PDFs given and none found in ../shared/corpus")
    seconds: list[float] = []
    print(f"scans at {args.dpi} dpi, turned {ANGLE} deg; recognition at {OCR_DPI} dpi")
    print(f"{'document':<44} {'page':>4} {'secs':>6} {'words':>6} {'conf':>5}")
    with tempfile.TemporaryDirectory(prefix="trustplans-ocr-bench-") as folder:
        for source in pdfs:
            copy = Path(folder) / source.name
            count = make_scan(source, copy, args.dpi, angle=ANGLE, noise=NOISE)
            for page in ocr_pages(copy, list(range(1, count + 1))):
                words = page.content.words
                confidence = statistics.fmean(w.confidence or 0 for w in words) if words else 0.0
                seconds.append(page.seconds)
                print(f"{source.name[:44]:<44} {page.content.number:>4} {page.seconds:6.2f} {len(words):>6} "
                      f"{confidence:5.1f}")
    print(f"pages: {len(seconds)}  mean OCR seconds per page: {statistics.fmean(seconds):.2f}  "
          f"(median {statistics.median(seconds):.2f}, max {max(seconds):.2f})")


if __name__ == "__main__":
    main()
