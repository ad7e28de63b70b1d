"""Held-out generalisation set: build the six fictional trusts' plans into tmp_path, extract each
with the `trustplans` command and score it with the shared corpus scorer (../shared/tools/score.py):
the same micro-F1 over facts as `score.py --corpus`. Thresholds are the lead's to set."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCORER = HERE.parents[2] / "shared" / "tools" / "score.py"

THRESHOLD = {
    "northmoor-2024-25-delivery-plan-docx": 0.95,
    "elmbridge-fy25-annual-plan-pdf": 0.95,
    "aldercombe-2024-25-transformation-pdf": 0.95,
    "fenwick-2023-2026-clinical-strategy-docx": 0.95,
    "harbourside-2025-26-implementation-html": 0.95,
    "westvale-2024-25-board-commitments-pdf": 0.95,
}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _scorer():
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER}")
    return _load("trustplans_shared_score", SCORER)


def _command() -> list[str]:
    exe = Path(sys.executable).parent / "trustplans"
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("trustplans")
    return [found] if found else [sys.executable, "-m", "pipeline.cli.commands"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    build = _load("trustplans_heldout_build", HERE / "build.py")
    out = tmp_path_factory.mktemp("heldout")
    build.build(out)
    return out


@pytest.mark.parametrize("name", sorted(THRESHOLD))
def test_heldout_document_f1(built: Path, name: str) -> None:
    score = _scorer()
    folder = built / name
    sources = [p for p in folder.iterdir() if p.name not in ("gold.json", "NOTES.md")]
    assert len(sources) == 1, sources
    result = subprocess.run([*_command(), "extract", str(sources[0]), "--format", "json"],
                            capture_output=True, text=True, timeout=600)
    pred = json.loads(result.stdout) if result.returncode == 0 and result.stdout.strip() else {}
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    tp, fp, fn = score.score(gold, pred).totals()
    f1 = score.prf(tp, fp, fn)[2]
    assert f1 >= THRESHOLD[name], f"{name}: F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn}) < {THRESHOLD[name]}"
