"""The dev corpus (../shared/corpus) scored end to end with the shared scorer: a regression
guard for the whole path file -> plan JSON. Each document must keep its F1 at or above the
floor; the figures to quote come from `score.py --corpus` (see DEVELOPERS.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from pipeline.runs.document import extract_plan

SHARED = Path(__file__).resolve().parents[2] / "shared"
FLOOR = 0.95


def _scorer():
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        pytest.skip(f"shared scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("trustplans_corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _folders() -> list[Path]:
    corpus = SHARED / "corpus"
    return sorted(p for p in corpus.iterdir() if (p / "gold.json").is_file()) if corpus.is_dir() else []


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_corpus_document_keeps_its_score(folder: Path) -> None:
    scorer = _scorer()
    source = next(p for p in folder.iterdir() if p.name not in ("gold.json", "NOTES.md"))
    pred = json.loads(extract_plan(source).to_json())
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    f1 = scorer.prf(*scorer.score(gold, pred).totals())[2]
    assert f1 >= FLOOR, f"{folder.name}: F1 {f1:.3f} below {FLOOR}"
