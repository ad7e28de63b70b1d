"""A strategy set as a magazine: a cover with a period line, an executive summary, sections each
holding numbered aims laid out in two columns of prose (each aim a bold title over a "We will ..."
paragraph), a page heading repeated on every page, and references at the back. The sections are
themes, the aims objectives and their paragraphs commitments; the cover line, the page heading,
the summary and the references are none of these (extractors/pdf_aligned.py keeps the columns
of prose out of tables; pipeline/interpret/prose.py reads the nesting)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.registry import read_document
from pipeline.interpret.interpreter import interpret
from schemas.plan import Plan
from tests.extractors.test_pdf import build_pdf, text

SECTIONS = [("Research culture", ["Grow research capacity", "Support research careers", "Celebrate research"]),
            ("Partnerships", ["Work with our universities", "Attract commercial studies", "Share data safely"])]
PAGE_HEADING = "Our strategy at a glance"


def _cover(canvas: Canvas) -> None:
    text(canvas, 60, 200, "Northmoor Teaching Hospitals NHS Foundation Trust", size=14, bold=True)
    text(canvas, 60, 240, "Research and Innovation Strategy", size=28, bold=True)
    text(canvas, 60, 290, "2020 \u2013 2030", size=20, bold=True)


def _summary(canvas: Canvas) -> None:
    text(canvas, 60, 60, "Executive summary", size=16, bold=True)
    text(canvas, 60, 90, "This strategy sets out how we will grow research over the next ten years.", size=10)


def _section(number: int, title: str, aims: list[str]) -> Callable[[Canvas], None]:
    def draw(canvas: Canvas) -> None:
        text(canvas, 60, 40, PAGE_HEADING, size=14, bold=True)
        text(canvas, 60, 70, f"{number}. {title}", size=18, bold=True)
        tops = [110.0, 110.0]
        for index, aim in enumerate(aims, start=1):
            column = (index - 1) % 2  # aims side by side, as a magazine sets them
            x, y = (60, 310)[column], tops[column]
            text(canvas, x, y, f"{number}.{index} {aim}", size=11, bold=True)
            y += 18
            sentence = (f"We will {aim.lower()} by building on our work so far, with our partners across the "
                        "region, and report progress to the Research Committee each year from 2021.")
            for line in textwrap.wrap(sentence, 45):
                text(canvas, x, y, line, size=10)
                y += 13
            tops[column] = y + 14
    return draw


def _references(canvas: Canvas) -> None:
    text(canvas, 60, 60, "References", size=16, bold=True)
    text(canvas, 60, 90, "1. Department of Health (2017) Research strategy. London.", size=10)
    text(canvas, 60, 103, "2. NIHR (2019) Best research for best health. London.", size=10)


def _plan(tmp_path: Path) -> Plan:
    pages = [_cover, _summary, *(_section(n, title, aims) for n, (title, aims) in enumerate(SECTIONS, 1)), _references]
    return interpret(read_document(build_pdf(tmp_path / "strategy.pdf", pages, pagesize=A4)))


def test_sections_are_themes_aims_objectives_and_their_paragraphs_commitments(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    assert [t.title for t in plan.themes] == [title for title, _ in SECTIONS]
    assert sorted(o.title for o in plan.objectives) == sorted(aim for _, aims in SECTIONS for aim in aims)
    theme_of = {t.ref: t.title for t in plan.themes}
    for objective in plan.objectives:
        assert any(objective.title in aims for title, aims in SECTIONS if theme_of[objective.theme_ref] == title)
    objective_of = {o.ref: o.title for o in plan.objectives}
    assert len(plan.commitments) == 6
    for commitment in plan.commitments:
        assert commitment.text.startswith("We will " + objective_of[commitment.objective_ref].lower())
        assert commitment.text.endswith("each year from 2021.")


def test_cover_line_page_heading_summary_and_references_are_not_plan_items(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    titles = [t.title for t in plan.themes] + [o.title for o in plan.objectives]
    assert not any("2030" in title or title == PAGE_HEADING for title in titles)
    assert not any("Department of Health" in c.text or "NIHR" in c.text or "ten years" in c.text
                   for c in plan.commitments)
    assert plan.document.period.label == "2020 \u2013 2030"
