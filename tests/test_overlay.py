"""`trustplans extract FILE --overlay DIR`: a PNG per PDF page, with each record's box drawn
where its provenance says it was read (pixel tests), and tables outlined."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
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


def _placed(copy: Path, kind: str) -> list[str]:
    """The texts of the elements an annotated copy marks as holding a record of `kind`."""
    root = lxml_html.fromstring(copy.read_text(encoding="utf-8"))
    return [" ".join(el.text_content().split()).casefold() for el in root.iter()
            if isinstance(el.tag, str) and el.get("data-tp") == kind
            and not any(a.get("class") == "tp-summary" for a in el.iterancestors())]  # not the key


def _first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count]).casefold()


@pytest.mark.parametrize("name", ["uhb-2021-22-plan.docx", "uhb-strategic-aims.html"])
def test_a_word_file_or_web_page_gets_an_annotated_copy_with_every_commitment_marked(name: str,
                                                                                     tmp_path: Path) -> None:
    source = config.RAW_DIR / name
    done = CliRunner().invoke(cli, ["extract", str(source), "--format", "json", "--overlay", str(tmp_path)])
    assert done.exit_code == 0, done.output
    plan = json.loads(done.stdout)
    copy = tmp_path / f"{source.stem}-overlay.html"
    assert f"overlay: {copy}" in done.stderr and not list(tmp_path.glob("*.png"))
    marked = _placed(copy, "commitment")
    assert plan["commitments"] and "Not placed on this copy" not in copy.read_text(encoding="utf-8")
    for commitment in plan["commitments"]:
        assert any(_first_words(commitment["text"]) in text for text in marked), commitment["text"]


def test_a_web_page_copy_runs_nothing(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text("<html><head><title>Annual Plan 2024/25</title><script>alert(1)</script></head><body><main>"
                    "<h1>Annual Plan 2024/25</h1><h2>1. Quality</h2><ul>"
                    "<li onclick='alert(2)'>We will reduce falls by 20% by March 2025 (Chief Nurse)</li>"
                    "<li>We will open a new ward by Q3 2024/25 (Chief Operating Officer)</li></ul>"
                    "<iframe src='https://example.org/'></iframe></main></body></html>", encoding="utf-8")
    done = CliRunner().invoke(cli, ["extract", str(page), "--format", "json", "--overlay", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    copy = (tmp_path / "out" / "plan-overlay.html").read_text(encoding="utf-8")
    assert "alert" not in copy and "<iframe" not in copy and "script-src 'none'" in copy
    assert "<h1" in copy and "data-tp-block" in copy  # the page itself, its blocks outlined
