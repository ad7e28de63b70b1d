"""One document from one seed: draw the dimensions and the plan, lay it out, render it, and
write its gold plan JSON.

    python -m tests.layouts.generate SEED [SEED ...] --out DIR

writes DIR/<seed>/{layout-<seed>.<ext>, gold.json}, the folder shape score.py --corpus reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.layouts.compose import compose
from tests.layouts.dims import NA, column_list, columns_class, draw_dims
from tests.layouts.draw import draw_plan
from tests.layouts.model import gold_json
from tests.layouts.render_docx import render_docx
from tests.layouts.render_html import render_html
from tests.layouts.render_pdf import render_pdf

RENDERERS = {"docx": render_docx, "pdf": render_pdf, "html": render_html}


@dataclass(frozen=True, slots=True)
class GeneratedDoc:
    seed: int
    path: Path  # the rendered source file
    gold: dict[str, Any]
    dims: dict[str, str]


def seed_dims(seed: int) -> tuple[random.Random, dict[str, str], list[str]]:
    """The seed's generator (advanced past the draws) with its dimensions and table columns."""
    rng = random.Random(seed)
    dims = draw_dims(rng)
    columns = column_list(rng, dims) if dims["layout"] == "table" else []
    dims["columns"] = columns_class(columns, dims["dates"]) if columns else NA
    dims["column_list"] = "|".join(columns) if columns else NA
    return rng, dims, columns


def generate(seed: int, out_dir: Path) -> GeneratedDoc:
    rng, dims, columns = seed_dims(seed)
    plan = draw_plan(rng, dims, columns)
    doc = compose(plan, dims, columns, rng)
    fmt = dims["format"]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"layout-{seed}.{fmt}"
    RENDERERS[fmt](doc, path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return GeneratedDoc(seed, path, gold_json(plan, path.name, sha, fmt), dims)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seeds", nargs="+", type=int)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    for seed in a.seeds:
        folder = a.out / str(seed)
        made = generate(seed, folder)
        (folder / "gold.json").write_text(json.dumps(made.gold, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
        dims = ", ".join(f"{k}={v}" for k, v in made.dims.items() if v != NA)
        print(f"{folder / made.path.name}: {dims}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
