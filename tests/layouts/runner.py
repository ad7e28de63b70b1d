"""Generate, extract in-process and score: the loop the layout benchmark and test share.

Extraction is the project's own path for `trustplans extract FILE --format json` (fetch the local
file, then detect, extract and interpret: pipeline.runs.reading.read_plan) run in this process,
without the reader pool's process isolation; scoring uses the shared scorer's functions."""

from __future__ import annotations

import importlib.util
import json
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from tests.layouts.generate import GeneratedDoc, generate

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score.py"


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared scorer (stdlib only), imported from its file."""
    name = "trustplans_layouts_score"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _timeout(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError("extraction took too long")


def extract(path: Path, limit_s: int = 0) -> tuple[dict[str, Any], str | None]:
    """(plan JSON, None), or ({}, the error) when extraction fails: an empty prediction."""
    from pipeline.fetch.fetcher import FetchDirs, fetch_source
    from pipeline.fetch.sources import Source
    from pipeline.runs.reading import read_plan

    old = signal.signal(signal.SIGALRM, _timeout) if limit_s else None
    if limit_s:
        signal.alarm(limit_s)
    try:
        fetched = fetch_source(Source(location=str(path)), FetchDirs(downloads=Path(tempfile.gettempdir())))
        return json.loads(read_plan(fetched).to_json()), None
    except Exception as exc:  # any failure scores as an empty prediction; the caller reports it
        return {}, f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        if limit_s:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)


@dataclass(slots=True)
class Outcome:
    seed: int
    dims: dict[str, str]
    counts: dict[str, list[int]] = field(default_factory=dict)  # scorer Tally.f: field -> [tp, fp, fn]
    error: str | None = None  # extraction error (scored as an empty prediction)
    generator_error: str | None = None  # the test bed itself failed: not scored
    seconds: float = 0.0
    explain: list[str] = field(default_factory=list)

    def totals(self) -> tuple[int, int, int]:
        tp = sum(c[0] for c in self.counts.values())
        fp = sum(c[1] for c in self.counts.values())
        fn = sum(c[2] for c in self.counts.values())
        return tp, fp, fn

    def f1(self) -> float:
        tp, fp, fn = self.totals()
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def score_doc(made: GeneratedDoc, explain: bool = False, limit_s: int = 0) -> Outcome:
    """Extract a generated document and score it against its gold."""
    scorer = load_scorer()
    started = time.perf_counter()
    pred, error = extract(made.path, limit_s)
    seconds = time.perf_counter() - started
    lines: list[str] | None = [] if explain else None
    tally = scorer.score(made.gold, pred, lines)
    return Outcome(made.seed, made.dims, {k: list(v) for k, v in tally.f.items()}, error, None, seconds, lines or [])


def run_seed(seed: int, out_root: Path, explain: bool = False, limit_s: int = 0) -> Outcome:
    """Generate the seed's document under out_root/<seed>, extract it, score it against its gold."""
    try:
        made = generate(seed, out_root / str(seed))
    except Exception as exc:  # a bug in the generator: reported, not scored
        return Outcome(seed, {}, generator_error=f"{type(exc).__name__}: {exc}")
    return score_doc(made, explain, limit_s)
