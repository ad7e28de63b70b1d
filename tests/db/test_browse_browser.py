"""`trustplans browse` in a real browser: Playwright drives Debian's Chromium (headless, no
background networking) over the Datasette server: a facet narrows a view, a canned query
answers, and the page is screenshotted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from tests.db.test_browse import served  # noqa: F401  (the Datasette server fixture)

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the browser sees Datasette; the backend behind it is tested in test_browse.py


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--disable-background-networking", "--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def test_a_facet_narrows_the_owners_to_one_role(served: tuple[str, str], browser: Browser) -> None:  # noqa: F811
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/v_commitment_owners?_facet=role&_facet_size=max")
    assert "Commitments of current documents, one row per commitment and owner" in page.content()
    page.get_by_role("link", name="Chief Nurse", exact=True).first.click()
    page.wait_for_load_state()
    assert "role=Chief+Nurse" in page.url
    titles = page.locator("td.col-printed_title").all_inner_texts()
    assert titles and {"ECN", "Chief Nurse"} <= {title.strip() for title in titles}


def test_a_canned_query_answers_and_the_page_is_pictured(served: tuple[str, str], browser: Browser,  # noqa: F811
                                                          tmp_path: Path) -> None:
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/who_owns_what?trust=Kingsbridge")
    assert "Who owns what in one trust" in page.content()
    assert page.locator("td.col-role").count() > 0
    shot = tmp_path / "who-owns-what.png"  # the README shows one such picture
    page.screenshot(path=str(shot), full_page=True)
    with Image.open(shot) as image:
        assert image.format == "PNG" and image.size[0] >= 1280 and image.size[1] >= 400


def test_a_commitment_links_to_its_source_page(served: tuple[str, str], browser: Browser) -> None:  # noqa: F811
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/v_commitments?document_format=pdf&page__notblank=1&_size=5")
    link = page.locator("td.col-page a.source-link").first
    href = link.get_attribute("href") or ""
    assert "#page=" in href and link.inner_text().startswith("p. ")
    source = page.request.get(base.rsplit("/", 1)[0] + href.split("#")[0])
    assert source.headers["content-type"] == "application/pdf" and source.body().startswith(b"%PDF")
    page.goto(f"{base}/v_commitments?document_format=html&_size=5")
    commitment = page.locator("td.col-commitment").first.inner_text().strip()
    page.locator("td.col-document_title a.source-link").first.click()
    page.wait_for_load_state()
    assert "/-/source/" in page.url
    assert " ".join(commitment.split()[:4]) in " ".join(page.inner_text("body").split())


def test_the_chart_link_draws_a_chart(served: tuple[str, str], browser: Browser, tmp_path: Path) -> None:  # noqa: F811
    base, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/v_portfolio_by_trust")
    page.locator("a.chart-link").click()
    chart = page.locator("canvas").first
    chart.wait_for(state="visible", timeout=15000)
    shot = tmp_path / "chart.png"
    chart.screenshot(path=str(shot))
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert image.size[0] > 200 and colours is not None and len(colours) > 5  # bars drawn, not a blank box
