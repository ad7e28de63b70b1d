"""Table structure on the ICDAR 2013 EU documents: trustplans' PDF reader beside camelot and
pdfplumber, each finding the tables itself, scored with the competition's measure
(../shared/tools/table_score.py: adjacency relations between neighbouring cells).

    .venv/bin/python benchmarks/tables.py [--data ../shared/benchmarks/icdar2013-eu] [--only eu-001,eu-002]
                                          [--readers trustplans,camelot-lattice,...] [--explain]

Prints, per reader: micro precision, recall and F1 over all documents, the mean per-document F1,
and seconds per page. camelot (the `bench` extra) and pdfplumber are used through the small
adapters below only; a reader whose package is missing is reported and skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
DATA = SHARED / "benchmarks" / "icdar2013-eu"

Prediction = list[dict[str, Any]]  # tables in table_score.py's prediction layout


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("table_score", SHARED / "tools" / "table_score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {SHARED / 'tools' / 'table_score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _grid_cells(rows: list[list[str | None]]) -> list[dict[str, Any]]:
    return [{"row": r, "col": c, "text": text or ""} for r, row in enumerate(rows) for c, text in enumerate(row)]


def trustplans(pdf: Path) -> Prediction:
    from extractors.registry import read_document
    from extractors.table_records import table_record

    return [table_record(t) for t in read_document(pdf).tables]


def _camelot(flavor: str) -> Callable[[Path], Prediction]:
    def read(pdf: Path) -> Prediction:
        import camelot

        found = camelot.read_pdf(str(pdf), flavor=flavor, pages="all")
        return [{"page": int(t.page), "bbox": None, "cells": _grid_cells(t.df.values.tolist())} for t in found]

    return read


def _pdfplumber(strategy: str) -> Callable[[Path], Prediction]:
    def read(pdf: Path) -> Prediction:
        import pdfplumber

        settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
        out = []
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                for table in page.find_tables(settings):
                    out.append({"page": page.page_number, "bbox": list(table.bbox),
                                "cells": _grid_cells(table.extract())})
                page.close()
        return out

    return read


READERS: dict[str, Callable[[Path], Prediction]] = {
    "trustplans": trustplans,
    "camelot-lattice": _camelot("lattice"),
    "camelot-stream": _camelot("stream"),
    "pdfplumber-lines": _pdfplumber("lines"),
    "pdfplumber-text": _pdfplumber("text"),
}


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def run(reader: str, names: list[str], data: Path, scorer: ModuleType, explain: bool) -> dict[str, float] | str:
    read = READERS[reader]
    correct = gt_total = pred_total = 0
    doc_f1: list[float] = []
    seconds = 0.0
    pages = 0
    for name in names:
        pdf = data / f"{name}.pdf"
        gt = scorer.load_gt(str(data / f"{name}-str.xml"))
        if not pdf.is_file():  # scored as table_score.py --cmd does: an empty prediction
            print(f"  {reader} {name}: no {pdf.name}")
            c, g, p, _ = scorer.score_doc(gt, [])
            gt_total, doc_f1 = gt_total + g, [*doc_f1, 0.0]
            continue
        started = time.perf_counter()
        try:
            tables = read(pdf)
        except ModuleNotFoundError as exc:
            return f"skipped: {exc.name} is not installed"
        except Exception as exc:  # a reader failing on one document scores it empty
            print(f"  {reader} {name}: {type(exc).__name__}: {exc}")
            tables = []
        seconds += time.perf_counter() - started
        pages += _pages(pdf)
        c, g, p, _ = scorer.score_doc(gt, scorer.load_pred_tables({"tables": tables}))
        correct, gt_total, pred_total = correct + c, gt_total + g, pred_total + p
        doc_f1.append(scorer.prf(c, g, p)[2])
        if explain:
            print(f"  {reader:18} {name:8} gt {g:5} pred {p:5} correct {c:5}  F1 {doc_f1[-1]:.3f}")
    precision, recall, f1 = scorer.prf(correct, gt_total, pred_total)
    return {"precision": precision, "recall": recall, "f1": f1, "mean_doc_f1": sum(doc_f1) / max(1, len(doc_f1)),
            "s_per_page": seconds / max(1, pages)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--data", type=Path, default=DATA, help="folder of NAME.pdf and NAME-str.xml")
    ap.add_argument("--only", help="comma-separated document names")
    ap.add_argument("--readers", default=",".join(READERS), help="comma-separated, of: " + ", ".join(READERS))
    ap.add_argument("--explain", action="store_true", help="one line per document and reader")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore", category=UserWarning)  # camelot's "no tables found in table area"
    scorer = load_scorer()
    names = sorted(p.name[: -len("-str.xml")] for p in args.data.glob("*-str.xml"))
    if args.only:
        names = [n for n in names if n in {x.strip() for x in args.only.split(",")}]
    print(f"{len(names)} documents in {args.data}")
    print(f"{'reader':18} {'P':>6} {'R':>6} {'F1':>6} {'doc F1':>7} {'s/page':>7}")
    for reader in (r.strip() for r in args.readers.split(",")):
        if reader not in READERS:
            ap.error(f"unknown reader {reader!r}")
        result = run(reader, names, args.data, scorer, args.explain)
        if isinstance(result, str):
            print(f"{reader:18} {result}")
            continue
        print(f"{reader:18} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f} "
              f"{result['mean_doc_f1']:7.3f} {result['s_per_page']:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
