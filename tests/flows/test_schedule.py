"""The nightly-refresh deployment, applied to the session's Prefect server and read back."""

from __future__ import annotations

from prefect.client.orchestration import get_client
from prefect.client.schemas.schedules import CronSchedule

from flows.serve import DEPLOYMENT_NAME, nightly_deployment


def test_nightly_refresh_is_scheduled_at_two_london_time() -> None:
    deployment_id = nightly_deployment(registry="/srv/sources.csv", dask=True, max_workers=None).apply()
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment(deployment_id)
    assert deployment.name == DEPLOYMENT_NAME
    assert deployment.parameters == {"registry": "/srv/sources.csv", "dask": True}
    [schedule] = [s.schedule for s in deployment.schedules]
    assert isinstance(schedule, CronSchedule)
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Europe/London")
