"""`trustplans browse`: a real Datasette server over the loaded corpus (a snapshot opened
immutable, from SQLite or PostgreSQL), on 127.0.0.1, queried over HTTP: titles and
descriptions from the data dictionary, facets, canned queries; visitors' own SQL only with
--allow-sql; the database file left byte for byte as it was (a snapshot is served)."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from pipeline.store.load import load_plan
from tests.db.dbsupport import extracted_plan, gold_plans, rendition_of, with_changes
from tests.db.test_research import current_gold

TRUSTPLANS = str(Path(sys.executable).with_name("trustplans"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(engine: Engine, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(base URL of the database in Datasette, the sha256 of the SQLite file or '')."""
    renditions = rendition_of()
    for path, plan in gold_plans():  # PDFs as read, with the pages their items were printed on
        as_read = path.suffix == ".pdf" and path.name not in renditions
        load_plan(engine, extracted_plan(path) if as_read else plan, source=str(path))
    url = engine.url.render_as_string(hide_password=False)
    database = make_url(url).database if engine.dialect.name == "sqlite" else None
    before = hashlib.sha256(Path(database).read_bytes()).hexdigest() if database else ""
    port = _free_port()
    server = subprocess.Popen([TRUSTPLANS, "browse", "--port", str(port), *getattr(request, "param", [])],
                              env={**os.environ, "TRUSTPLANS_DATABASE_URL": url}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/trustplans"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.communicate()[1]
            assert time.monotonic() < deadline, "Datasette did not start"
            time.sleep(0.3)
        yield base, before
    finally:
        server.terminate()
        server.wait(timeout=30)
    if database:
        assert hashlib.sha256(Path(database).read_bytes()).hexdigest() == before  # immutable


def test_views_are_described_and_faceted(served: tuple[str, str]) -> None:
    base, _ = served
    table = httpx.get(f"{base}/v_commitment_owners.json", params={"_facet": "role", "_size": "1"}).json()
    assert table["facet_results"]["role"]["results"]  # the role facet counts roles
    nurses = httpx.get(f"{base}/v_commitment_owners.json", params={"role": "Chief Nurse", "_size": "max"}).json()
    printed = {row[nurses["columns"].index("printed_title")] for row in nurses["rows"]}
    assert {"ECN", "Chief Nurse"} <= printed  # one role however the trust titles it
    metadata = httpx.get(f"{base.rsplit('/', 1)[0]}/-/metadata.json").json()
    [database] = metadata["databases"].values()
    owners = database["tables"]["v_commitment_owners"]
    assert owners["description"].startswith("Commitments of current documents, one row per commitment and owner")
    assert "Canonical role" in owners["columns"]["role"]
    assert set(owners["facets"][:3]) == {"trust", "region", "ics"}


def test_canned_queries_answer_the_cross_trust_questions(served: tuple[str, str]) -> None:
    base, _ = served
    per_portfolio = httpx.get(f"{base}/commitments_per_portfolio.json", params={"_shape": "array"}).json()
    assert sum(row["commitments"] for row in per_portfolio) >= sum(len(p.commitments) for p in current_gold())
    owned = httpx.get(f"{base}/who_owns_what.json", params={"trust": "Kingsbridge", "_shape": "array"}).json()
    assert owned and all(row["commitments"] > 0 for row in owned)
    due = httpx.get(f"{base}/due_in_a_quarter.json", params={"quarter": "2023/24 Q2", "_shape": "array"}).json()
    assert due and all("2023-07-01" <= row["due_end"] <= "2023-09-30" for row in due)
    targets = httpx.get(f"{base}/numeric_targets_by_theme.json", params={"_shape": "array"}).json()
    assert targets and all(row["target_value"] is not None for row in targets)


def test_visitors_own_sql_is_refused(served: tuple[str, str]) -> None:
    base, _ = served
    assert httpx.get(f"{base}.json", params={"sql": "SELECT 1"}).status_code == 403


@pytest.mark.parametrize("served", [["--allow-sql"]], indirect=True)
def test_allow_sql_lets_visitors_query_but_never_write(served: tuple[str, str]) -> None:
    base, _ = served
    answer = httpx.get(f"{base}.json", params={"sql": "SELECT count(*) AS n FROM v_commitments", "_shape": "array"})
    assert answer.json() == [{"n": sum(len(p.commitments) for p in current_gold())}]
    assert httpx.get(f"{base}.json", params={"sql": "DELETE FROM commitments"}).status_code >= 400


def test_a_commitments_page_links_to_its_source_document_at_that_page(served: tuple[str, str]) -> None:
    base, _ = served
    root = base.rsplit("/", 1)[0]
    rows = httpx.get(f"{base}/v_commitments.json", params={"document_format": "pdf", "_size": "max",
                                                          "_shape": "array"}).json()
    on_page = next(row for row in rows if row["page"])
    html = httpx.get(f"{base}/v_commitments", params={"commitment_id": on_page["commitment_id"]}).text
    link = f'href="/-/source/{on_page["document_id"]}#page={on_page["page"]}"'
    assert f'<a class="source-link" {link}>p. {on_page["page"]}</a>' in html
    document = httpx.get(f"{root}/-/source/{on_page['document_id']}")
    location = httpx.get(f"{base}/documents/{on_page['document_id']}.json", params={"_shape": "object"}).json()
    [row] = location.values()
    assert document.status_code == 200 and document.headers["content-type"] == "application/pdf"
    assert document.content == Path(row["location"]).read_bytes()


def test_a_web_page_source_is_shown_sandboxed_and_unknown_ids_are_not_found(served: tuple[str, str]) -> None:
    base, _ = served
    root = base.rsplit("/", 1)[0]
    [web] = httpx.get(f"{base}/documents.json", params={"format": "html", "_size": "1", "_shape": "array"}).json()
    page = httpx.get(f"{root}/-/source/{web['id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == "sandbox"  # none of the saved page's scripts run
    assert httpx.get(f"{root}/-/source/999999").status_code == 404
    elsewhere = httpx.get(f"{root}/-/source/..%2F..%2Fetc%2Fpasswd", follow_redirects=True)  # ids only
    assert elsewhere.status_code == 404 and "root:" not in elsewhere.text


def test_the_chart_plugin_is_loaded_and_linked(served: tuple[str, str]) -> None:
    base, _ = served
    root = base.rsplit("/", 1)[0]
    plugins = {plugin["name"] for plugin in httpx.get(f"{root}/-/plugins.json").json()}
    assert {"datasette-vega", "source_links.py"} <= plugins
    assert 'class="chart-link"' in httpx.get(f"{base}/v_portfolio_by_trust").text


def test_the_changes_query_finds_what_was_added_dropped_moved_and_slipped(engine: Engine) -> None:
    import datetime as dt

    from sqlalchemy import text

    from pipeline.store.browse import QUERIES
    from schemas.plan import Due, Owner

    _, plan = next((path, plan) for path, plan in gold_plans()
                   if sum(bool(c.owners and c.due and c.due.end) for c in plan.commitments) >= 4)
    first = load_plan(engine, plan, source="plan.docx").document_id
    newer = with_changes(plan, sha256=f"{int(plan.document.sha256, 16) ^ 1:064x}")
    dated = [c for c in newer.commitments if c.owners and c.due and c.due.end]
    reworded, moved, slipped, dropped = dated[:4]
    old_text, reworded.text = reworded.text, reworded.text + " (revised)"
    moved.owners = [Owner(raw="Chief Finance Officer", title="Chief Finance Officer", portfolio="finance")]
    slipped.due = Due(raw="Q4 2030/31", start=dt.date(2031, 1, 1), end=dt.date(2031, 3, 31))
    newer.commitments.remove(dropped)
    second = load_plan(engine, newer, source="plan.docx").document_id
    assert second != first
    with engine.connect() as connection:
        rows = connection.execute(text(QUERIES["changes_since_previous_plan"]["sql"]),
                                  {"document_id": second}).all()
    changes = {(row.change, row.text) for row in rows}
    assert changes == {("added", reworded.text), ("dropped", old_text), ("dropped", dropped.text),
                       ("moved to another owner", moved.text), ("slipped", slipped.text)}
