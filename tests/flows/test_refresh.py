"""Refresh flow runs for real against plans served on 127.0.0.1: a first run loads every
document, a second finds each unchanged (conditional GET, nothing extracted), a changed
document becomes the next version of its predecessor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.fetch.sources import write_registry
from pipeline.runs.summary import RunSummary
from schemas import tables as db
from tests.flows.flowsupport import CORPUS, count, database_url, publish, refresh, rows
from tests.flows.httpsite import Site, serving

CHANGED = "hwhc-improvement-plan.html"


@dataclass
class Scenario:
    site: Site
    url: str  # the database's
    urls: list[str]
    first: RunSummary
    second: RunSummary
    third: RunSummary  # after CHANGED was republished with other bytes
    second_requests: list[tuple[str, str | None]]
    second_responses: list[tuple[str, int]]
    documents_after_second: int
    loads_after_second: int


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    work = tmp_path_factory.mktemp("refresh")
    with serving(work / "site") as site:
        urls = publish(site.root, site.base_url, CORPUS)
        registry = write_registry(work / "sources.csv", urls)
        first = refresh(registry, work)
        seen = len(site.requests), len(site.responses)
        second = refresh(registry, work)
        second_requests, second_responses = site.requests[seen[0]:], site.responses[seen[1]:]
        url = database_url(work)
        documents_after_second = count(url, db.Document)
        loads_after_second = count(url, db.ExtractionRun, db.ExtractionRun.status == "loaded")
        changed = site.root / CHANGED
        changed.write_bytes(changed.read_bytes().replace(b"</body>", b"<!-- revised --></body>"))
        third = refresh(registry, work)
    return Scenario(site, url, urls, first, second, third, second_requests, second_responses,
                    documents_after_second, loads_after_second)


def test_first_run_loads_every_document(scenario: Scenario) -> None:
    n = len(CORPUS)
    assert scenario.first.counts() == {"new": n, "changed": 0, "unchanged": 0, "failed": 0}, scenario.first
    assert scenario.first.extracted == n
    assert sorted(location for (location,) in rows(
        scenario.url, db.Document.location, where=(db.Document.version == 1,))) == sorted(scenario.urls)


def test_second_run_extracts_and_loads_nothing(scenario: Scenario) -> None:
    n = len(CORPUS)
    assert scenario.second.counts() == {"new": 0, "changed": 0, "unchanged": n, "failed": 0}
    assert scenario.second.extracted == 0
    assert scenario.documents_after_second == n
    assert scenario.loads_after_second == n
    # every fetch was a conditional GET, answered 304 Not Modified
    assert len(scenario.second_requests) == n
    assert all(etag for _, etag in scenario.second_requests)
    assert {status for _, status in scenario.second_responses} == {304}


def test_each_run_summary_is_stored(scenario: Scenario) -> None:
    stored = rows(scenario.url, db.RefreshRun.id, db.RefreshRun.trigger, db.RefreshRun.new,
                  db.RefreshRun.changed, db.RefreshRun.unchanged, db.RefreshRun.failed)
    n = len(CORPUS)
    assert sorted(stored) == [
        (scenario.first.run_id, "refresh", n, 0, 0, 0),
        (scenario.second.run_id, "refresh", 0, 0, n, 0),
        (scenario.third.run_id, "refresh", 0, 1, n - 1, 0),
    ]


def test_changed_document_becomes_a_new_version(scenario: Scenario) -> None:
    changed_url = scenario.site.url(CHANGED)
    assert scenario.third.counts() == {"new": 0, "changed": 1, "unchanged": len(CORPUS) - 1, "failed": 0}
    assert [r.source for r in scenario.third.documents if r.extracted] == [changed_url]
    versions = rows(scenario.url, db.Document.version, db.Document.id, db.Document.superseded_by_id,
                    where=(db.Document.location == changed_url,))
    (old_version, _, superseded_by), (new_version, new_id, current) = sorted(versions)
    assert (old_version, new_version) == (1, 2)
    assert superseded_by == new_id and current is None
    assert next(r.document_id for r in scenario.third.documents if r.source == changed_url) == new_id


def test_failed_documents_are_recorded_and_kept_while_the_rest_load(site: Site, tmp_path: Path) -> None:
    good = publish(site.root, site.base_url, ["swbh-2020-vision.html", "uhb-2021-22-plan.docx"])
    corrupt_bytes = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 4
    corrupt = site.write("broken.pdf", corrupt_bytes)
    slow = site.write("slow/plan.html", (site.root / "swbh-2020-vision.html").read_bytes() + b"<!-- slow -->")
    missing = site.url("gone.pdf")
    registry = write_registry(tmp_path / "sources.csv", [*good, corrupt, slow, missing])

    summary = refresh(registry, tmp_path, fetch_timeout=1.0, fetch_retries=1, retry_backoff=0.1)

    assert summary.counts() == {"new": 2, "changed": 0, "unchanged": 0, "failed": 3}, summary
    by_source = {r.source: r for r in summary.documents}
    assert "HTTP 404" in by_source[missing].error
    assert "no answer within 1 s" in by_source[slow].error
    assert "CorruptFile" in by_source[corrupt].failure
    assert site.requested("gone.pdf") == 1  # a 404 is not retried
    assert site.requested("slow/plan.html") == 2  # a time-out is, once here

    url = database_url(tmp_path)
    failed = rows(url, db.ExtractionRun.source, db.ExtractionRun.error,
                  where=(db.ExtractionRun.status == "failed",))
    assert sorted(source for source, _ in failed) == sorted([corrupt, slow, missing])
    assert count(url, db.Document) == 2

    kept = Path(by_source[corrupt].quarantined)
    assert kept.parent == tmp_path / "processed" / "quarantine"
    assert kept.read_bytes() == corrupt_bytes
    assert kept.with_name(kept.name + ".error.json").is_file()
