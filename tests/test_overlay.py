"""`trustplans extract FILE --overlay DIR`: a PNG per PDF page, with each record's box drawn
where its provenance says it was read (pixel tests), and tables outlined."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from PIL import Image, ImageColor

from extractors.overlay import COLOURS, SCALE
from pipeline import config
from pipeline.cli.commands import cli

WAH = config.RAW_DIR / "wah-2022-23-objectives.pdf"


def _near(pixel: tuple[int, int, int], colour: str) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(pixel, ImageColor.getrgb(colour), strict=True))


def test_each_commitment_s_box_is_drawn_where_it_was_read(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["extract", str(WAH), "--format", "json", "--overlay", str(tmp_path)])
    assert done.exit_code == 0, done.output
    plan = json.loads(done.stdout)
    pages = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pages] == [f"wah-2022-23-objectives-page-{n}.png" for n in range(1, len(pages) + 1)]
    boxed = [c for c in plan["commitments"] if (c.get("provenance") or {}).get("bbox")]
    assert len(boxed) >= 10
    hits = 0
    for commitment in boxed:
        where = commitment["provenance"]
        x0, top, x1, bottom = where["bbox"]
        with Image.open(tmp_path / f"wah-2022-23-objectives-page-{where['page']}.png") as image:
            rgb = image.convert("RGB")
            middle = int((top + bottom) / 2 * SCALE)
            edge = [rgb.getpixel((int(x0 * SCALE) + dx, middle)) for dx in (0, 1)]
        hits += any(_near(pixel, COLOURS["commitment"]) for pixel in edge)
    assert hits >= 0.9 * len(boxed)


def test_a_word_file_gets_no_pictures_and_says_so(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["extract", str(config.RAW_DIR / "uhb-2021-22-plan.docx"), "--format", "json",
                                    "--overlay", str(tmp_path)])
    assert done.exit_code == 0
    assert "only PDF pages are drawn" in done.stderr and not list(tmp_path.glob("*.png"))
