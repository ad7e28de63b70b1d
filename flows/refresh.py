"""The refresh flow: every document of the sources registry, again (nightly)."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows.documents import in_flow
from flows.ephemeral import one_run_per_home
from flows.options import subflow_runner, task_runner
from pipeline import config
from pipeline.fetch.sources import read_registry
from pipeline.runs.summary import RunSummary


@flow(name="refresh", persist_result=False, task_runner=task_runner())
def refresh_flow(registry: str | None = None, database_url: str | None = None,
                 processed_dir: str | None = None, fetch_timeout: float | None = None,
                 fetch_retries: int | None = None, retry_backoff: float | None = None, dask: bool = False,
                 dask_address: str | None = None, max_workers: int | None = None,
                 allow_private_urls: bool = False) -> RunSummary:
    """Re-read every registered document (data/sources.csv unless `registry` names another);
    task runner options as for the ingest flow."""
    run_settings = config.settings(database_url, processed_dir, fetch_timeout, fetch_retries, retry_backoff,
                                   allow_private_urls or None)
    sources = read_registry(Path(registry) if registry else config.SOURCES_FILE)
    runner = subflow_runner(dask=dask, dask_address=dask_address, max_workers=max_workers)
    return in_flow(sources, run_settings, "refresh", runner)


def run_refresh_flow(registry: str | None = None, **parameters: object) -> RunSummary:
    """Run the refresh flow now (on the Prefect API configured, else an ephemeral one)."""
    with one_run_per_home():
        return refresh_flow(registry, **parameters)
