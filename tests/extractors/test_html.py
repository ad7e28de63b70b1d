"""The HTML extractor on pages the tests build: main content only, headings, lists,
accordions, tab panels, tables with spans, charsets, and pages fetched by URL."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.html import extract_html
from extractors.registry import file_sha256, read_document
from pipeline.fetch.fetcher import FetchDirs, FetchLimits, fetch_source
from pipeline.fetch.sources import Source, is_url
from pipeline.runs.document import extract_plan
from schemas.document import BlockKind, Document
from schemas.errors import FetchFailed

LOCAL = FetchLimits(allow_private=True)  # the test server is on 127.0.0.1
CHROME_TEXTS = [
    "Cookies on our website", "Accept additional cookies", "Skip to main content", "Browse site A",
    "Search this website", "Patients and visitors", "You are here", "Your views",
    "Was this page helpful", "improving the accessibility of our websites", "Privacy notice",
    "Modern slavery statement", "Date: 20 December 2024",
]


def chrome_page(main: str, title: str = "Our plan", meta: str = '<meta charset="utf-8">') -> str:
    """A full trust web page around `main`: banner, header, nav, breadcrumb, aside, footer."""
    return f"""<!DOCTYPE html><html lang="en-GB"><head>{meta}<title>{title} - Example NHS Trust</title>
<style>body{{font-family:Arial}}</style>
<script>var tracking = "Accept additional cookies";</script></head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<div id="cookie-banner" role="region" aria-label="Cookie banner">
<p><strong>Cookies on our website</strong></p>
<p>We use some essential cookies to make this website work. We would like to set additional cookies.</p>
<button>Accept additional cookies</button><button>Reject additional cookies</button></div>
<header class="site-header"><a class="logo" href="/">Example Hospitals NHS Foundation Trust</a>
<div class="top-links"><a href="/a-z/">Browse site A - Z</a><a href="/contact/">Contact us</a></div>
<form role="search" action="/search/"><label for="q">Search this website</label>
<input id="q"><button>Search</button></form>
<nav aria-label="Primary"><ul><li><a href="/">Home</a></li><li><a href="/p/">Patients and visitors</a></li>
<li><a href="/services/">Services</a></li><li><a href="/careers/">Careers</a></li></ul></nav></header>
<nav class="breadcrumb"><span>You are here:</span><ol><li><a href="/">Home</a></li><li>{title}</li></ol></nav>
<div class="layout"><main id="main">{main}</main>
<aside><div class="printed-on"><p>Date: 20 December 2024</p><p>Time: 04:03</p></div>
<div class="feedback"><h2>Your views</h2><p>Your feedback is vital to us as we continue to improve.</p>
<form><fieldset><legend>Was this page helpful?</legend><label><input type="radio"> Yes</label></fieldset>
<button>Send feedback</button></form></div></aside></div>
<footer class="site-footer">
<p>We're improving the accessibility of our websites. If you can't access any content,
please view our <a href="/accessibility/">accessibility statement</a>.</p>
<ul><li><a href="/privacy/">Privacy notice</a></li>
<li><a href="/slavery/">Modern slavery statement</a></li></ul>
<p>&#169; Example Hospitals NHS Foundation Trust</p></footer></body></html>"""


def write(tmp_path: Path, name: str, page: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(page, str):
        path.write_text(page, encoding="utf-8")
    else:
        path.write_bytes(page)
    return path


def read(path: Path) -> Document:
    return extract_html(path, file_sha256(path))


def kinds_and_texts(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


STRATEGY_MAIN = """<h1>Our strategic aims</h1>
<p>Our aims for the next three years, agreed by the Board in March 2024 after talking with staff.</p>
<h2>Better access to care</h2>
<ul><li>Open a new urgent treatment centre at the General Hospital by March 2025</li>
<li>Cut the longest waits for planned operations across every specialty</li></ul>
<h2>Looking after our people</h2>
<ul><li>Expand employment opportunities for apprentices through the Learning Hub</li>
<li>Promote staff health and well-being using the results of the staff survey</li></ul>"""


def test_chrome_heavy_page_keeps_only_the_main_content(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "aims.html", chrome_page(STRATEGY_MAIN, "Our strategic aims")))
    text = " ".join(b.text for b in doc.blocks)
    for chrome in CHROME_TEXTS:
        assert chrome not in text, chrome
    assert "Example Hospitals NHS Foundation Trust" not in text
    assert kinds_and_texts(doc)[0] == ("heading", "Our strategic aims")
    assert [b.text for b in doc.blocks if b.kind is BlockKind.LIST_ITEM] == [
        "Open a new urgent treatment centre at the General Hospital by March 2025",
        "Cut the longest waits for planned operations across every specialty",
        "Expand employment opportunities for apprentices through the Learning Hub",
        "Promote staff health and well-being using the results of the staff survey",
    ]
    assert doc.format == "html" and doc.title == "Our strategic aims - Example NHS Trust"
    assert all(b.page is None and b.bbox is None for b in doc.blocks)


def test_comments_before_and_after_the_html_element_are_ignored(tmp_path: Path) -> None:
    page = "<!-- saved from a CMS -->\n" + chrome_page(STRATEGY_MAIN, "Our strategic aims") + "\n<!-- cached -->\n"
    doc = read(write(tmp_path, "aims.html", page))
    assert len([b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]) == 4


def test_headings_keep_levels_and_lists_keep_depth(tmp_path: Path) -> None:
    main = """<h1>Annual plan 2024/25</h1>
<p>This plan sets out what we will deliver this year for our patients.</p>
<h2>Quality</h2><h3>Patient safety</h3>
<ol><li>Roll out the new patient safety framework across all wards and community teams
<ul><li>Train every ward manager in the framework before it goes live</li></ul></li>
<li>Publish a learning report after every serious incident within sixty days</li></ol>
<p>We will report on progress <strong>every quarter</strong> to the Board of Directors and the public.</p>"""
    doc = read(write(tmp_path, "plan.html", chrome_page(main)))
    headings = [(b.text, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [("Annual plan 2024/25", 1), ("Quality", 2), ("Patient safety", 3)]
    items = [(b.text, b.list_depth, b.marker) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        ("Roll out the new patient safety framework across all wards and community teams", 0, "1."),
        ("Train every ward manager in the framework before it goes live", 1, None),
        ("Publish a learning report after every serious incident within sixty days", 0, "2."),
    ]
    assert doc.blocks[-1].text == ("We will report on progress every quarter to the Board of Directors "
                                   "and the public.")


ACCORDION_MAIN = """<h1>Our priorities for 2024/25</h1>
<p>Select a priority to see what we will do this year and who leads the work.</p>
<h2>Our four priorities</h2>
<details><summary>Priority 1: Better access to care</summary>
<p>We will:</p><ul><li>Open a new urgent treatment centre by March 2025</li>
<li>Cut waits for a first outpatient appointment (Lead: Chief Operating Officer, by June 2024)</li></ul>
</details>
<details><summary>Priority 2: Safer care</summary>
<ul><li>Introduce the patient safety incident response framework during Q1</li>
<li>Train all clinical staff to recognise and treat sepsis quickly</li></ul>
</details>"""


def test_accordion_summaries_become_headings_with_their_hidden_content(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "accordion.html", chrome_page(ACCORDION_MAIN)))
    flat = [(b.kind.value, b.level, b.text) for b in doc.blocks if b.kind is not BlockKind.PARAGRAPH]
    assert flat == [
        ("heading", 1, "Our priorities for 2024/25"),
        ("heading", 2, "Our four priorities"),
        ("heading", 3, "Priority 1: Better access to care"),
        ("list_item", None, "Open a new urgent treatment centre by March 2025"),
        ("list_item", None, "Cut waits for a first outpatient appointment (Lead: Chief Operating Officer, "
                            "by June 2024)"),
        ("heading", 3, "Priority 2: Safer care"),
        ("list_item", None, "Introduce the patient safety incident response framework during Q1"),
        ("list_item", None, "Train all clinical staff to recognise and treat sepsis quickly"),
    ]


def test_plan_inside_accordions_is_read_end_to_end(tmp_path: Path) -> None:
    plan = extract_plan(write(tmp_path, "accordion.html", chrome_page(ACCORDION_MAIN)))
    assert plan.document.format == "html"
    assert [(o.ref, o.title) for o in plan.objectives] == [("1", "Better access to care"), ("2", "Safer care")]
    rows = [(c.objective_ref, [o.raw for o in c.owners], c.due and (c.due.start, c.due.end))
            for c in plan.commitments]
    assert rows == [
        ("1", [], (None, dt.date(2025, 3, 31))),
        ("1", ["Chief Operating Officer"], (None, dt.date(2024, 6, 30))),
        ("2", [], (dt.date(2024, 4, 1), dt.date(2024, 6, 30))),
        ("2", [], None),
    ]


def test_tab_panels_are_read_under_their_tab_labels(tmp_path: Path) -> None:
    main = """<h1>Our strategy</h1>
<p>Our strategy has three ambitions, each with its own plan for the year.</p>
<div class="tabs"><ul role="tablist">
<li role="tab" id="t1" aria-controls="p1">Ambition 1: Healthier communities</li>
<li role="tab" id="t2" aria-controls="p2">Ambition 2: Excellent care</li></ul>
<div role="tabpanel" id="p1" aria-labelledby="t1">
<ul><li>Launch a smoking cessation service in every hospital</li>
<li>Work with councils to reduce obesity among children in our area</li></ul></div>
<div role="tabpanel" id="p2" aria-labelledby="t2" hidden><h3>Ambition 2: Excellent care</h3>
<ul><li>Reduce the number of patients waiting over a year for surgery to zero</li></ul></div></div>"""
    doc = read(write(tmp_path, "tabs.html", chrome_page(main)))
    texts = [b.text for b in doc.blocks]
    assert texts.count("Ambition 1: Healthier communities") == 1  # the tab list itself is not content
    assert texts.count("Ambition 2: Excellent care") == 1  # the panel's own heading, not the label again
    first = texts.index("Ambition 1: Healthier communities")
    assert doc.blocks[first].kind is BlockKind.HEADING
    assert texts[first + 1] == "Launch a smoking cessation service in every hospital"
    assert "Reduce the number of patients waiting over a year for surgery to zero" in texts


ROWSPAN_MAIN = """<h1>Measures of success</h1><p>How we will know that our plan is working for patients.</p>
<table><thead><tr><th>Measure</th><th>Baseline</th><th>Target</th></tr></thead>
<tbody><tr><td rowspan="2">Patients waiting over 18 weeks</td><td>52 weeks</td><td>below 18 weeks</td></tr>
<tr><td colspan="2">Reduce by 10% each quarter</td></tr>
<tr><th>Staff turnover</th><td><p>14%</p><p>(2023/24)</p></td><td>below 10%</td></tr></tbody></table>"""


def test_table_keeps_row_and_column_spans_and_header_flags(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "measures.html", chrome_page(ROWSPAN_MAIN)))
    tables = doc.tables
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (4, 3)
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.is_header, c.text) for c in table.cells}
    assert spans == {
        (0, 0): (1, 1, True, "Measure"), (0, 1): (1, 1, True, "Baseline"), (0, 2): (1, 1, True, "Target"),
        (1, 0): (2, 1, False, "Patients waiting over 18 weeks"), (1, 1): (1, 1, False, "52 weeks"),
        (1, 2): (1, 1, False, "below 18 weeks"), (2, 1): (1, 2, False, "Reduce by 10% each quarter"),
        (3, 0): (1, 1, True, "Staff turnover"), (3, 1): (1, 1, False, "14% (2023/24)"),
        (3, 2): (1, 1, False, "below 10%"),
    }
    assert table.cell_at(2, 0).text == "Patients waiting over 18 weeks"
    assert [line.text for line in table.cell_at(3, 1).lines] == ["14%", "(2023/24)"]


def test_rowspan_measures_table_gives_one_indicator_per_row(tmp_path: Path) -> None:
    plan = extract_plan(write(tmp_path, "measures.html", chrome_page(ROWSPAN_MAIN)))
    rows = [(i.text, i.target and (i.target.comparator, i.target.value, i.target.unit),
             i.baseline and (i.baseline.value, i.baseline.unit)) for i in plan.indicators]
    assert rows == [
        ("Patients waiting over 18 weeks", ("<", 18, "weeks"), (52, "weeks")),
        ("Patients waiting over 18 weeks", ("reduce_by", 10, "%"), None),  # one cell across two columns
        ("Staff turnover", ("<", 10, "%"), (14, "%")),
    ]
    assert plan.commitments == []


def test_meta_charset_and_byte_order_mark_decide_the_encoding(tmp_path: Path) -> None:
    main = "<h1>Café services</h1><p>We will open a café – run with volunteers – costing £12,000 by 2025.</p>"
    latin = chrome_page(main, meta='<meta charset="windows-1252">').encode("cp1252")
    doc = read(write(tmp_path, "latin.html", latin))
    assert doc.blocks[1].text == "We will open a café – run with volunteers – costing £12,000 by 2025."
    # a byte-order mark wins over a <meta> that names another charset
    bom = b"\xef\xbb\xbf" + chrome_page(main, meta='<meta charset="iso-8859-1">').encode("utf-8")
    assert read(write(tmp_path, "bom.html", bom)).blocks[0].text == "Café services"


@pytest.mark.parametrize("wrapper", ["main", "div"])
def test_short_page_keeps_its_content_and_drops_the_site_header_and_footer(tmp_path: Path, wrapper: str) -> None:
    page = f"""<html><head><title>Aims</title></head><body>
<header><a href="/">Example Trust</a></header><nav><a href="/">Home</a></nav>
<{wrapper}><h1>Our aims</h1><ul><li>Safer care</li><li>Shorter waits</li></ul></{wrapper}>
<footer><p>Copyright Example Trust</p></footer></body></html>"""
    doc = read(write(tmp_path, "short.html", page))
    assert kinds_and_texts(doc) == [("heading", "Our aims"), ("list_item", "Safer care"),
                                    ("list_item", "Shorter waits")]


# --------------------------------------------------------------------------- by URL


class _Pages(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        if self.path == "/slow":
            threading.Event().wait(2.0)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first: what the time-out and size tests want

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_with_the_charset_of_its_header(site: str, tmp_path: Path) -> None:
    main = "<h1>Our strategic aims</h1><p>Services for the whole community – from café to clinic.</p>"
    body = chrome_page(main, meta="").encode("iso-8859-1", errors="replace")
    _Pages.routes = {"/aims": (200, "text/html; charset=ISO-8859-1", body),
                     "/slow": (200, "text/html", b"<p>late</p>")}
    assert is_url(f"{site}/aims") and not is_url("data/raw/page.html")
    fetched = fetch_source(Source(f"{site}/aims"), FetchDirs(tmp_path), LOCAL)
    kept = Path(fetched.path).read_bytes()
    document = read_document(Path(fetched.path), fetched.sha256)
    assert kept.startswith(codecs.BOM_UTF8)  # re-encoded as UTF-8, and hashed as kept
    assert fetched.sha256 == hashlib.sha256(kept).hexdigest()
    assert document.format == "html"
    assert [b.text for b in document.blocks] == ["Our strategic aims",
                                                 "Services for the whole community ? from café to clinic."]


def test_a_pdf_url_is_saved_byte_for_byte(site: str, tmp_path: Path) -> None:
    pdf = b"%PDF-1.4\n% not a real PDF body, only its bytes matter here\n%%EOF\n"
    _Pages.routes = {"/plans/annual-plan.pdf": (200, "application/pdf", pdf)}
    fetched = fetch_source(Source(f"{site}/plans/annual-plan.pdf"), FetchDirs(tmp_path), LOCAL)
    assert Path(fetched.path).name.endswith("-annual-plan.pdf")
    assert Path(fetched.path).read_bytes() == pdf
    assert fetched.sha256 == hashlib.sha256(pdf).hexdigest()


def test_fetch_failures_name_the_url(site: str, tmp_path: Path) -> None:
    _Pages.routes = {"/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
                     "/slow": (200, "text/html", b"<p>late</p>")}
    with pytest.raises(FetchFailed, match="404") as missing:
        fetch_source(Source(f"{site}/missing"), FetchDirs(tmp_path), LOCAL)
    assert missing.value.source == f"{site}/missing"
    with pytest.raises(FetchFailed, match="byte limit"):
        fetch_source(Source(f"{site}/big"), FetchDirs(tmp_path), FetchLimits(max_bytes=1000, allow_private=True))
    with pytest.raises(FetchFailed, match="no answer within"):
        fetch_source(Source(f"{site}/slow"), FetchDirs(tmp_path), FetchLimits(timeout=0.3, allow_private=True))
