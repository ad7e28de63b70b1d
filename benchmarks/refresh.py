"""Refresh flow timings, on documents served by a local HTTP server (127.0.0.1, its own process):

1. 1,000 registered documents (copies of the corpus web pages, each with its own bytes):
   the first full run (fetch, extract, normalise, load every one), then a refresh with none
   of them changed (conditional GET answered 304; nothing extracted). Goal: < 10 s.
2. The corpus PDFs (each published `--pdf-copies` times with its own bytes), a first run on
   the default thread runner against one on Dask: a LocalCluster made for the run (`--dask`;
   its workers import the pipeline first) and a cluster already running (`--dask-address`).

    .venv/bin/python benchmarks/refresh.py [--documents 1000] [--pdf-copies 4] [--dask-workers 2]

Prefect runs on a temporary ephemeral API (PREFECT_HOME in a temporary folder), started by
a warm-up run that is not timed; each timed figure is the wall time of one flow call, started
once the server has finished recording the runs before it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from distributed import LocalCluster  # noqa: E402

from pipeline import config  # noqa: E402
from pipeline.fetch.sources import write_registry  # noqa: E402

if TYPE_CHECKING:
    from pipeline.runs.summary import RunSummary

WEB_PAGES = sorted(config.RAW_DIR.glob("*.html"))
PDFS = sorted(config.RAW_DIR.glob("*.pdf"))


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """A static file server (the standard library's, which answers If-Modified-Since with 304)
    in its own process, as a trust's web server is: serving must not share this process's CPU."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the benchmark's HTTP server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def publish_copies(root: Path, base_url: str, originals: list[Path], n: int, folder: str) -> list[str]:
    """n documents cycling through `originals`, each with its own bytes (a numbered comment)."""
    urls = []
    for i in range(n):
        original = originals[i % len(originals)]
        data = original.read_bytes()
        if original.suffix == ".html":
            data = data.replace(b"</body>", f"<!-- copy {i} --></body>".encode())
        else:  # a PDF comment after %%EOF: still the same PDF to a reader
            data += f"\n% copy {i}\n".encode()
        target = root / folder / str(i) / original.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        urls.append(f"{base_url}/{folder}/{i}/{original.name}")
    return urls


def wait_until_api_idle(poll_s: float = 2.0) -> None:
    """Wait until the Prefect server has recorded the last runs' task runs (their count stops
    changing), as a nightly refresh finds it: its SQLite database is otherwise still busy
    writing the events of the run just before, and every API call of the next run waits."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        last = -1
        while (now := client.request("POST", "/task_runs/count").json()) != last:
            last = now
            time.sleep(poll_s)


def timed_refresh(registry: Path, work: Path, **parameters: object) -> tuple[float, RunSummary]:
    from flows.refresh import refresh_flow

    started = time.perf_counter()
    summary = refresh_flow(str(registry), database_url=f"sqlite:///{work / 'trustplans.db'}",
                           processed_dir=str(work / "processed"), allow_private_urls=True, **parameters)
    return time.perf_counter() - started, summary


def check(summary: RunSummary, **expected: int) -> None:
    counts = summary.counts()
    if any(counts[status] != number for status, number in expected.items()):
        raise SystemExit(f"unexpected run: {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pdf-copies", type=int, default=4)
    parser.add_argument("--dask-workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trustplans-bench-refresh-"))
    os.environ["PREFECT_HOME"] = str(work / "prefect-home")  # read when prefect is first imported
    site = work / "site"
    site.mkdir()
    try:
        with serving(site) as base_url:
            warm_up = write_registry(work / "warm-up.csv", [])
            timed_refresh(warm_up, work / "warm-up")  # starts the ephemeral Prefect API

            registry = write_registry(work / "pages.csv",
                                      publish_copies(site, base_url, WEB_PAGES, args.documents, "pages"))
            wait_until_api_idle()
            first_s, first = timed_refresh(registry, work / "pages")
            check(first, failed=0)
            wait_until_api_idle()
            again_s, again = timed_refresh(registry, work / "pages")
            check(again, unchanged=args.documents)
            print(f"{args.documents} registered documents: first full run {first_s:.1f} s; "
                  f"refresh with none changed {again_s:.1f} s (goal < 10 s; "
                  f"{first_s / again_s:.0f}x faster than the first run; extracted {again.extracted})")

            n_pdfs = len(PDFS) * args.pdf_copies
            registry = write_registry(work / "pdfs.csv", publish_copies(site, base_url, PDFS, n_pdfs, "pdfs"))
            runs = {"default thread runner": {},
                    f"Dask, a LocalCluster of {args.dask_workers} made for the run":
                        {"dask": True, "max_workers": args.dask_workers}}
            with LocalCluster(n_workers=args.dask_workers, threads_per_worker=1,
                              dashboard_address=None) as cluster:
                warm = {"dask_address": cluster.scheduler_address}
                wait_until_api_idle()
                timed_refresh(registry, work / "pdfs-warm-up", **warm)  # workers import the pipeline
                runs[f"Dask, a running cluster of {args.dask_workers} (warm workers)"] = warm
                times = {}
                for i, (name, parameters) in enumerate(runs.items()):
                    wait_until_api_idle()
                    times[name], summary = timed_refresh(registry, work / f"pdfs-{i}", **parameters)
                    check(summary, failed=0)
            default_s = times.pop("default thread runner")
            print(f"{n_pdfs} corpus PDFs, first run ({os.cpu_count()} CPUs): default thread runner "
                  f"{default_s:.1f} s; " + "; ".join(
                      f"{name} {seconds:.1f} s (speed-up {default_s / seconds:.2f}x)"
                      for name, seconds in times.items()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
