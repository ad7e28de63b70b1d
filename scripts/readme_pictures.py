"""The README's pictures, made from the sample plans: `trustplans browse` (a faceted view and a
chart) and `trustplans report` (the page comparing trusts), screenshotted in Debian's Chromium.

    .venv/bin/python scripts/readme_pictures.py [OUT (default docs/images)]

Everything is built in a temporary folder (a new SQLite database of data/raw); only the PNGs
are written to OUT.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TRUSTPLANS = str(Path(sys.executable).with_name("trustplans"))
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 860}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([TRUSTPLANS, "-q", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def _browse_pictures(page: Page, env: dict[str, str], out: Path) -> list[Path]:
    port = _free_port()
    server = subprocess.Popen([TRUSTPLANS, "browse", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/trustplans"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        page.goto(f"{base}/v_commitment_owners?role=Chief+Nurse")
        page.locator(".facet-results").first.evaluate("element => element.scrollIntoView()")
        page.screenshot(path=str(out / "browse.png"))
        page.goto(f"{base}/v_portfolio_by_trust")
        page.locator("a.chart-link").click()
        chart = page.locator("canvas").first
        chart.wait_for(state="visible", timeout=15000)
        chart.evaluate("element => element.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(out / "browse-chart.png"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return [out / "browse.png", out / "browse-chart.png"]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trustplans-pictures-") as work:
        env = {**os.environ, "TRUSTPLANS_DATABASE_URL": f"sqlite:///{work}/trustplans.db",
               "TRUSTPLANS_DATA_DIR": work}
        _run("ingest", str(ROOT / "data" / "raw"), env=env)
        _run("report", "--out", f"{work}/report", env=env)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--disable-background-networking", "--no-sandbox"])
            page = browser.new_page(viewport=VIEWPORT)
            written = _browse_pictures(page, env, out)
            page.goto(Path(f"{work}/report/index.html").as_uri())
            page.screenshot(path=str(out / "report.png"))
            browser.close()
    for path in [*written, out / "report.png"]:
        print(path)


if __name__ == "__main__":
    main()
