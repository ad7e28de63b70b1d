"""What a run needs to know (database, folders, fetch limits) and which task runner it uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from pipeline import config
from pipeline.fetch.conditional import FetchDirs

DEFAULT_MAX_WORKERS = 8  # documents worked on at once by the default (thread) runner
DEFAULT_DASK_WORKERS = 2  # processes of the LocalCluster made when no scheduler address is given
DEFAULT_FETCH_RETRIES = 2
DEFAULT_RETRY_BACKOFF_S = 2.0  # first retry after this, then doubling


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Passed to every task (picklable, for Dask workers)."""

    database_url: str
    processed_dir: Path
    fetch_timeout: float = config.FETCH_TIMEOUT
    fetch_retries: int = DEFAULT_FETCH_RETRIES
    retry_backoff: float = DEFAULT_RETRY_BACKOFF_S

    @property
    def fetch_dirs(self) -> FetchDirs:
        return FetchDirs.under(self.processed_dir)

    @property
    def quarantine_dir(self) -> Path:
        return self.processed_dir / "quarantine"


def make_options(database_url: str | None = None, processed_dir: str | Path | None = None,
                 fetch_timeout: float | None = None, fetch_retries: int | None = None,
                 retry_backoff: float | None = None) -> RunOptions:
    """RunOptions from flow parameters; None means the configured default."""
    return RunOptions(
        database_url=database_url or config.database_url(),
        processed_dir=Path(processed_dir) if processed_dir else config.PROCESSED_DIR,
        fetch_timeout=config.FETCH_TIMEOUT if fetch_timeout is None else fetch_timeout,
        fetch_retries=DEFAULT_FETCH_RETRIES if fetch_retries is None else fetch_retries,
        retry_backoff=DEFAULT_RETRY_BACKOFF_S if retry_backoff is None else retry_backoff,
    )


def task_runner(*, dask: bool = False, dask_address: str | None = None, max_workers: int | None = None,
                ) -> TaskRunner:
    """The default runner: threads, at most `max_workers` tasks at once. With `dask` (or an
    address): a Dask cluster, the scheduler at `dask_address` or else a LocalCluster of
    `max_workers` single-threaded worker processes (PDF parsing is CPU-bound)."""
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    if dask:
        workers = max_workers or DEFAULT_DASK_WORKERS
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=max_workers or DEFAULT_MAX_WORKERS)


def subflow_runner(*, dask: bool = False, dask_address: str | None = None, max_workers: int | None = None,
                   ) -> TaskRunner | None:
    """The runner asked for, or None when the flows' own default (task_runner()) will do."""
    if not dask and not dask_address and max_workers in (None, DEFAULT_MAX_WORKERS):
        return None
    return task_runner(dask=dask, dask_address=dask_address, max_workers=max_workers)
