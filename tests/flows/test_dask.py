"""The per-document tasks on a Dask LocalCluster of 2 worker processes."""

from __future__ import annotations

from pathlib import Path

from pipeline.fetch.sources import write_registry
from schemas import tables as db
from tests.flows.flowsupport import CORPUS_PDFS, count, database_url, publish, refresh
from tests.flows.httpsite import Site


def test_refresh_on_a_dask_local_cluster_of_two_workers(site: Site, tmp_path: Path) -> None:
    urls = publish(site.root, site.base_url, CORPUS_PDFS)
    registry = write_registry(tmp_path / "sources.csv", urls)

    first = refresh(registry, tmp_path, dask=True, max_workers=2)
    second = refresh(registry, tmp_path, dask=True, max_workers=2)

    n = len(CORPUS_PDFS)
    assert first.counts() == {"new": n, "changed": 0, "unchanged": 0, "failed": 0}, first
    assert second.counts() == {"new": 0, "changed": 0, "unchanged": n, "failed": 0}, second
    assert count(database_url(tmp_path), db.Document) == n
