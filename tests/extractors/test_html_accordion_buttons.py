"""extractors/html.py: an accordion's disclosure button (a <button> with aria-expanded or
aria-controls, the WAI-ARIA accordion pattern) is a heading over its panel's content; other
buttons (search, print, a form's toggles) are furniture and give nothing."""

from __future__ import annotations

from pathlib import Path

from extractors.registry import read_document
from pipeline.interpret.interpreter import interpret
from schemas.document import Document

INTRO = """<h1>Our plan for 2024/25</h1>
<p>This page sets out how we will improve care for our patients this year.</p>"""

WASTE = """<h2>Delivery plan</h2><div><button class="accordion" aria-expanded="false">Reduce waste and variation\
</button><div class="panel"><p>To achieve this we will:</p><ul><li>Cut drug expenditure</li></ul></div></div>"""

FLOW = """<div><button class="accordion" aria-controls="flow-panel">Improve patient flow</button>
<div class="panel" id="flow-panel"><p>To achieve this we will:</p>
<ul><li>Open a discharge lounge by March 2025</li></ul></div></div>"""


def page(main: str) -> str:
    """A trust web page around `main`: skip link, site header with search form and navigation,
    breadcrumb, feedback aside and footer."""
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Our plan - Example NHS Trust</title></head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><a class="logo" href="/">Example Hospitals NHS Foundation Trust</a>
<form role="search" action="/search/"><label for="q">Search this website</label>
<input id="q"><button>Search</button></form>
<nav aria-label="Primary"><ul><li><a href="/">Home</a></li><li><a href="/p/">Patients and visitors</a></li>
<li><a href="/careers/">Careers</a></li></ul></nav></header>
<nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li>Our plan</li></ol></nav>
<div class="layout"><main id="main">{main}</main>
<aside><h2>Your views</h2><p>Your feedback is vital to us as we continue to improve.</p>
<form><button>Send feedback</button></form></aside></div>
<footer class="site-footer"><ul><li><a href="/privacy/">Privacy notice</a></li></ul>
<p>&#169; Example Hospitals NHS Foundation Trust</p></footer></body></html>"""


def read(tmp_path: Path, main: str) -> Document:
    path = tmp_path / "plan.html"
    path.write_text(page(main), encoding="utf-8")
    return read_document(path)


def flat(doc: Document) -> list[tuple[str, int | None, str]]:
    return [(b.kind.value, b.level, b.text) for b in doc.blocks]


def test_disclosure_button_is_a_heading_over_its_panel(tmp_path: Path) -> None:
    doc = read(tmp_path, INTRO + WASTE)
    assert doc.format == "html"
    assert flat(doc) == [
        ("heading", 1, "Our plan for 2024/25"),
        ("paragraph", None, "This page sets out how we will improve care for our patients this year."),
        ("heading", 2, "Delivery plan"),
        ("heading", 3, "Reduce waste and variation"),
        ("paragraph", None, "To achieve this we will:"),
        ("list_item", None, "Cut drug expenditure"),
    ]


def test_aria_controls_button_is_a_heading_too(tmp_path: Path) -> None:
    texts = [(b.kind.value, b.text) for b in read(tmp_path, INTRO + WASTE + FLOW).blocks]
    assert texts[-3:] == [("heading", "Improve patient flow"), ("paragraph", "To achieve this we will:"),
                          ("list_item", "Open a discharge lounge by March 2025")]


def test_plain_buttons_give_nothing(tmp_path: Path) -> None:
    main = INTRO + WASTE + """<form action="/search/"><input name="q"><button>Search</button></form>
<div><button type="button">Print this page</button></div>"""
    texts = [b.text for b in read(tmp_path, main).blocks]
    assert "Search" not in texts
    assert "Print this page" not in texts
    assert texts[-1] == "Cut drug expenditure"


def test_disclosure_button_inside_a_form_is_furniture(tmp_path: Path) -> None:
    main = INTRO + WASTE + """<form><button aria-expanded="false">Filter results</button></form>"""
    assert "Filter results" not in [b.text for b in read(tmp_path, main).blocks]


def test_button_without_aria_state_is_not_a_heading(tmp_path: Path) -> None:
    doc = read(tmp_path, INTRO + WASTE.replace(' aria-expanded="false"', ""))
    assert "Reduce waste and variation" not in [b.text for b in doc.blocks]
    assert [b.text for b in doc.blocks][-1] == "Cut drug expenditure"


def test_accordion_buttons_name_the_plan_s_objectives(tmp_path: Path) -> None:
    plan = interpret(read(tmp_path, INTRO + WASTE + FLOW))
    assert [(o.ref, o.title) for o in plan.objectives] == [
        ("1", "Reduce waste and variation"), ("2", "Improve patient flow")]
    assert [(c.objective_ref, c.text) for c in plan.commitments] == [
        ("1", "Cut drug expenditure"), ("2", "Open a discharge lounge by March 2025")]
