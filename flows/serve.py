"""The nightly refresh as a deployment: 02:00 Europe/London, served by this process against
a Prefect server (an ephemeral API cannot schedule runs)."""

from __future__ import annotations

import httpx
from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL

from flows.refresh import refresh_flow
from schemas.errors import FetchFailed

DEPLOYMENT_NAME = "nightly-refresh"
NIGHTLY = Cron("0 2 * * *", timezone="Europe/London")


def api_url() -> str | None:
    """The Prefect server this process talks to (PREFECT_API_URL), if one is configured."""
    return PREFECT_API_URL.value() or None


def nightly_deployment(**parameters: object) -> RunnerDeployment:
    """The refresh flow as the nightly-refresh deployment (cron 0 2 * * *, Europe/London);
    `parameters` (those of refresh_flow; None and False left out) become its defaults."""
    return refresh_flow.to_deployment(
        name=DEPLOYMENT_NAME, schedules=[NIGHTLY],
        description="Re-read every document of the sources registry.",
        parameters={name: value for name, value in parameters.items() if value not in (None, False)})


def check_server(url: str, timeout_s: float = 10.0) -> None:
    """Raise FetchFailed, naming the server, unless the Prefect server at `url` answers its health check."""
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s).raise_for_status()
    except httpx.HTTPError as exc:
        raise FetchFailed(url, f"no Prefect server answers here ({exc or type(exc).__name__}): start "
                               "`prefect server start`, or set PREFECT_API_URL to a server that runs") from exc


def serve_refresh(**parameters: object) -> None:
    """Create (or update) the nightly-refresh deployment and run its scheduled runs; blocks."""
    serve(nightly_deployment(**parameters))
