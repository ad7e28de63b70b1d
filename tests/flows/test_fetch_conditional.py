"""pipeline/fetch/fetcher.py against the test HTTP server: conditional GET, kept bytes,
and which failures are worth a retry."""

from __future__ import annotations

import os
from email.utils import formatdate
from pathlib import Path

import pytest

from pipeline import config
from pipeline.fetch.fetcher import FetchDirs, FetchLimits, fetch_source, is_transient
from pipeline.fetch.sources import Source
from schemas.errors import FetchFailed, SourceNotFound
from tests.flows.httpsite import Site

LOCAL = FetchLimits(allow_private=True)  # the test server is on 127.0.0.1


def test_second_fetch_is_conditional_and_not_modified(site: Site, tmp_path: Path) -> None:
    url = site.write("plan.docx", (config.RAW_DIR / "uhb-2021-22-plan.docx").read_bytes())
    dirs = FetchDirs.under(tmp_path)

    first = fetch_source(Source(url), dirs, LOCAL)
    second = fetch_source(Source(url), dirs, LOCAL)

    assert not first.not_modified and second.not_modified
    assert Path(first.path).read_bytes() == (site.root / "plan.docx").read_bytes()
    assert (second.path, second.sha256) == (first.path, first.sha256)
    (_, first_etag), (_, second_etag) = site.requests
    assert first_etag is None and second_etag is not None
    assert [status for _, status in site.responses] == [200, 304]


def test_changed_bytes_are_fetched_again(site: Site, tmp_path: Path) -> None:
    url = site.write("page.html", b"<html><body><p>one</p></body></html>")
    dirs = FetchDirs.under(tmp_path)
    first = fetch_source(Source(url), dirs, LOCAL)
    site.write("page.html", b"<html><body><p>two</p></body></html>")

    second = fetch_source(Source(url), dirs, LOCAL)

    assert not second.not_modified and second.sha256 != first.sha256
    assert Path(second.path).read_bytes().endswith(b"<p>two</p></body></html>")


def test_last_modified_alone_makes_a_conditional_get(site: Site, tmp_path: Path) -> None:
    """Servers without ETags: If-Modified-Since from the Last-Modified of the last fetch."""
    url = site.write("old.html", b"<html><body><p>unchanged</p></body></html>")
    past = 1_700_000_000
    os.utime(site.root / "old.html", (past, past))
    site.etags = False
    dirs = FetchDirs.under(tmp_path)

    fetch_source(Source(url), dirs, LOCAL)
    second = fetch_source(Source(url), dirs, LOCAL)

    assert second.not_modified
    assert site.if_modified_since[-1] == formatdate(past, usegmt=True)


def test_missing_page_is_a_fetch_failure_not_worth_a_retry(site: Site, tmp_path: Path) -> None:
    with pytest.raises(FetchFailed, match="HTTP 404") as failure:
        fetch_source(Source(site.url("gone.pdf")), FetchDirs.under(tmp_path), LOCAL)
    assert not is_transient(failure.value)


def test_time_out_is_a_fetch_failure_worth_a_retry(site: Site, tmp_path: Path) -> None:
    url = site.write("slow/plan.html", b"<html><body><p>late</p></body></html>")
    with pytest.raises(FetchFailed, match="no answer within 0.5 s") as failure:
        fetch_source(Source(url), FetchDirs.under(tmp_path), FetchLimits(timeout=0.5, allow_private=True))
    assert is_transient(failure.value)


def test_local_file_is_read_where_it_is(tmp_path: Path) -> None:
    fetched = fetch_source(Source(str(config.RAW_DIR / "swbh-2020-vision.html")), FetchDirs.under(tmp_path))
    assert fetched.path == str(config.RAW_DIR / "swbh-2020-vision.html")
    assert not (tmp_path / "downloads").exists()
    with pytest.raises(SourceNotFound):
        fetch_source(Source(str(tmp_path / "nothing.pdf")), FetchDirs.under(tmp_path))
