"""Scans of the shared corpus's PDFs scored against their text layers: each PDF is rasterised
with pypdfium2 (clean 200-dpi greyscale by default: no noise, no turn), saved as an image-only
PDF, read with `trustplans extract SCAN --format json` (Tesseract OCR) and scored against the
document's gold.json with the corpus scorer (../shared/tools/score.py), beside the text layer's
own extraction.

    .venv/bin/python benchmarks/scans.py                      # every PDF of ../shared/corpus
    .venv/bin/python benchmarks/scans.py --only wah-2022-23-objectives-pdf
    .venv/bin/python benchmarks/scans.py --angle 0.7 --noise 12   # a turned, noisy scan
    .venv/bin/python benchmarks/scans.py --angle 90           # a page scanned on its side
    .venv/bin/python benchmarks/scans.py --keep /tmp/scans    # keep scans and predictions

Prints per document: text-layer score, scan score, their ratio and the per-category F1 of
both, then the minimum ratio over the table documents. A "table document" is one whose plan is
read from tables: at least half of its gold commitments stand in table cells of its text
layer's document model. Word and HTML documents have no scan form and are listed as skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
TRUSTPLANS = ROOT / ".venv" / "bin" / "trustplans"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_scan(source: Path, target: Path, dpi: int = 200, angle: float = 0.0, noise: float = 0.0,
              seed: int = 1) -> int:
    """Write an image-only greyscale copy of `source` at `dpi`, turned by `angle` degrees
    (anticlockwise; a multiple of 90 turns the page on its side), with grey noise of standard
    deviation `noise` (0-255 scale). Returns the page count."""
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(source))
    images = []
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        if angle % 360:
            image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=angle % 90 == 0)
        if noise:
            pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, noise, (image.height, image.width))
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        images.append(image)
    pdf.close()
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return len(images)


def extract(path: Path, timeout: float) -> tuple[dict, float, str]:
    """`trustplans extract PATH --format json`: the plan, seconds, and a note if it failed."""
    started = time.monotonic()
    try:
        done = subprocess.run([str(TRUSTPLANS), "extract", str(path), "--format", "json"], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {}, time.monotonic() - started, f"timed out after {timeout:.0f}s"
    seconds = time.monotonic() - started
    if done.returncode:
        tail = (done.stderr or done.stdout).strip().splitlines()
        return {}, seconds, f"exit {done.returncode}: {tail[-1][:80] if tail else ''}"
    try:
        return json.loads(done.stdout), seconds, ""
    except json.JSONDecodeError as exc:
        return {}, seconds, f"invalid JSON: {exc.msg}"


def is_table_document(source: Path, gold: dict, score: ModuleType) -> bool:
    """At least half of the gold commitments stand (by their first words) in table cells of
    the text layer's document model."""
    from extractors.registry import read_document

    document = read_document(source)
    cells = " | ".join(score.norm(cell.text) for table in document.tables for cell in table.cells)
    commitments = [score.norm(c.get("text")) for c in gold.get("commitments", [])]
    commitments = [c for c in commitments if c]
    if not commitments:
        return False
    inside = sum(" ".join(c.split()[:6]) in cells for c in commitments)
    return 2 * inside >= len(commitments)


def f1(score: ModuleType, tally, category: str | None = None) -> float | None:
    counts = tally.totals() if category is None else tally.category(category)
    return score.prf(*counts)[2] if any(counts) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", help="comma-separated corpus folder names")
    parser.add_argument("--dpi", type=int, default=200, help="scan resolution (default 200)")
    parser.add_argument("--angle", type=float, default=0.0, help="turn each page by this many degrees")
    parser.add_argument("--noise", type=float, default=0.0, help="grey noise, standard deviation (0-255)")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--keep", type=Path, help="write scans and predictions to this folder")
    parser.add_argument("--explain", action="store_true", help="list the scan's missed and extra items")
    args = parser.parse_args()
    score = load_scorer()
    folders = sorted(p for p in args.corpus.iterdir() if (p / "gold.json").is_file())
    if args.only:
        folders = [f for f in folders if f.name in args.only.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="trustplans-scans-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"scans at {args.dpi} dpi, greyscale, turned {args.angle:g} deg, noise {args.noise:g}; "
          f"read by `trustplans extract` (Tesseract)")
    ratios: dict[str, float] = {}
    rows = []
    try:
        for folder in folders:
            sources = [p for p in folder.iterdir() if p.name not in ("gold.json", "NOTES.md")]
            source = sources[0]
            if source.suffix.lower() != ".pdf":
                print(f"{folder.name:<44} skipped: {source.suffix} has no scan form (PDFs only)")
                continue
            gold = score.load_json(folder / "gold.json")
            table_doc = is_table_document(source, gold, score)
            scan_folder = work / folder.name
            scan_folder.mkdir(exist_ok=True)
            scan = scan_folder / source.name
            shutil.copy(folder / "gold.json", scan_folder / "gold.json")
            pages = make_scan(source, scan, args.dpi, args.angle, args.noise)
            text_plan, _, text_note = extract(source, args.timeout)
            scan_plan, seconds, scan_note = extract(scan, args.timeout)
            if args.keep:
                (scan_folder / "text.json").write_text(json.dumps(text_plan, indent=1))
                (scan_folder / "scan.json").write_text(json.dumps(scan_plan, indent=1))
            explained: list[str] | None = [] if args.explain else None
            text_tally, scan_tally = score.score(gold, text_plan), score.score(gold, scan_plan, explained)
            text_f1, scan_f1 = f1(score, text_tally) or 0.0, f1(score, scan_tally) or 0.0
            ratio = scan_f1 / text_f1 if text_f1 else 0.0
            if table_doc:
                ratios[folder.name] = ratio
            rows.append((folder.name, text_f1, scan_f1, ratio, table_doc))
            note = "; ".join(n for n in (text_note and f"text: {text_note}", scan_note and f"scan: {scan_note}") if n)
            print(f"\n{folder.name}  ({pages} pages, {'table document' if table_doc else 'not a table document'}, "
                  f"scan read in {seconds:.0f}s){'  ' + note if note else ''}")
            print(f"  {'':<14} {'text':>6} {'scan':>6} {'ratio':>6}   scan tp/fp/fn")
            print(f"  {'all':<14} {text_f1:6.3f} {scan_f1:6.3f} {ratio:6.3f}   "
                  f"{'/'.join(map(str, scan_tally.totals()))}")
            for category in score.CATEGORIES:
                a, b = f1(score, text_tally, category), f1(score, scan_tally, category)
                if a is None and b is None:
                    continue
                r = f"{b / a:6.3f}" if a and b is not None else f"{'-':>6}"
                print(f"  {category:<14} {a if a is not None else 0:6.3f} {b if b is not None else 0:6.3f} {r}   "
                      f"{'/'.join(map(str, scan_tally.category(category)))}")
            if explained:
                print("\n".join(explained))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'document':<44} {'text':>6} {'scan':>6} {'ratio':>6}  table")
    for name, text_f1, scan_f1, ratio, table_doc in rows:
        print(f"{name:<44} {text_f1:6.3f} {scan_f1:6.3f} {ratio:6.3f}  {'yes' if table_doc else 'no'}")
    if ratios:
        worst = min(ratios, key=ratios.get)
        print(f"minimum ratio over table documents: {ratios[worst]:.3f} ({worst})")
    else:
        print("no table documents scored")


if __name__ == "__main__":
    main()
