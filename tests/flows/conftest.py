"""Fixtures for the flow tests: one Prefect test server for the session (PREFECT_HOME in a
temporary folder), and a real HTTP server on 127.0.0.1 serving files a test writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.flows.httpsite import Site, serving

PREFECT_SERVER_STARTUP_TIMEOUT_S = 180  # a fresh PREFECT_HOME makes the first start slow


@pytest.fixture(scope="session", autouse=True)
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Prefect API for the whole session; yields its URL."""
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    home = tmp_path_factory.mktemp("prefect-home")
    with temporary_settings(updates={PREFECT_HOME: home}), \
            prefect_test_harness(server_startup_timeout=PREFECT_SERVER_STARTUP_TIMEOUT_S):
        yield PREFECT_API_URL.value()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with serving(tmp_path / "site") as served:
        yield served
