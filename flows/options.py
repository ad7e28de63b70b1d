"""Which task runner a flow's per-document tasks run on."""

from __future__ import annotations

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from pipeline import config


def task_runner(*, dask: bool = False, dask_address: str | None = None, max_workers: int | None = None,
                ) -> TaskRunner:
    """The default runner: threads, at most `max_workers` tasks at once. With `dask` (or an
    address): a Dask cluster, the scheduler at `dask_address` or else a LocalCluster of
    `max_workers` single-threaded worker processes (PDF parsing is CPU-bound)."""
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    if dask:
        workers = max_workers or config.DASK_WORKERS
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=max_workers or config.JOBS)


def subflow_runner(*, dask: bool = False, dask_address: str | None = None, max_workers: int | None = None,
                   ) -> TaskRunner | None:
    """The runner asked for, or None when the flows' own default (task_runner()) will do."""
    if not dask and not dask_address and max_workers in (None, config.JOBS):
        return None
    return task_runner(dask=dask, dask_address=dask_address, max_workers=max_workers)
