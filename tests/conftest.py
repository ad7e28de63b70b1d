"""Fixtures shared by the test packages: a real PostgreSQL server for the session."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

POSTGRES_START_TIMEOUT_S = 60


def _postgres_bindir() -> Path | None:
    """Debian's newest PostgreSQL server binaries (/usr/lib/postgresql/N/bin)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_user() -> str | None:
    """initdb and postgres refuse to run as root: run them as `postgres` (else `nobody`)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail("running as root and neither a `postgres` nor a `nobody` user exists")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL server (Debian's packages) on 127.0.0.1 and a free port, trust
    auth, data in a temporary folder; yields the SQLAlchemy URL of its `postgres` database."""
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: "
                    "run scripts/setup.sh (apt-get install postgresql)")
    user = _server_user()
    as_user = {"user": user, "group": pwd.getpwnam(user).pw_gid} if user else {}
    root = Path(tempfile.mkdtemp(prefix="trustplans-pg-"))
    if user:
        shutil.chown(root, user=user, group=pwd.getpwnam(user).pw_gid)
    data = root / "data"
    subprocess.run([bindir / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"], check=True, capture_output=True, cwd=root, **as_user)
    port = _free_port()
    log_path = root / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [bindir / "postgres", "-D", data, "-h", "127.0.0.1", "-p", str(port), "-k", root,
             "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
            stdout=log, stderr=subprocess.STDOUT, cwd=root, **as_user)
    try:
        _wait_until_accepting(server, port, log_path)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        server.send_signal(signal.SIGINT)  # fast shutdown: disconnects clients
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_accepting(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + POSTGRES_START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            pytest.fail(f"PostgreSQL exited on start:\n{log_path.read_text(errors='replace')}")
        try:
            psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                            connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                pytest.fail(f"PostgreSQL did not start in {POSTGRES_START_TIMEOUT_S}s:\n"
                            f"{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
