"""The ingest flow: documents an analyst names (paths, folders of plan files, URLs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from prefect import flow

from flows.documents import in_flow
from flows.ephemeral import one_run_per_home
from flows.options import subflow_runner, task_runner
from pipeline import config
from pipeline.fetch.sources import sources_from_locations
from pipeline.runs.summary import RunSummary


@flow(name="ingest", persist_result=False, task_runner=task_runner())
def ingest_flow(locations: list[str], database_url: str | None = None, processed_dir: str | None = None,
                fetch_timeout: float | None = None, fetch_retries: int | None = None,
                retry_backoff: float | None = None, dask: bool = False, dask_address: str | None = None,
                max_workers: int | None = None, allow_private_urls: bool = False, ods_code: str | None = None,
                kind: str | None = None, period: str | None = None) -> RunSummary:
    """Fetch, extract, normalise and load each document; `dask`/`dask_address` run the
    per-document tasks on a Dask cluster, else on at most `max_workers` threads; `ods_code`,
    `kind` and `period` are what the caller knows of every document."""
    run_settings = config.settings(database_url, processed_dir, fetch_timeout, fetch_retries, retry_backoff,
                                   allow_private_urls or None)
    runner = subflow_runner(dask=dask, dask_address=dask_address, max_workers=max_workers)
    sources = sources_from_locations(locations, ods_code=ods_code, kind=kind, period=period)
    return in_flow(sources, run_settings, "ingest", runner)


def run_ingest_flow(paths: Sequence[str | Path], **parameters: object) -> RunSummary:
    """Run the ingest flow now (on the Prefect API configured, else an ephemeral one)."""
    with one_run_per_home():
        return ingest_flow([str(path) for path in paths], **parameters)
