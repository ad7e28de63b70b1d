"""Every database test runs on SQLite (a file) and on PostgreSQL (a real server).

Migrated databases are copies of one migrated template per backend (a file copy; CREATE
DATABASE ... TEMPLATE), so each test starts from `upgrade()`'s result without paying for it.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from pipeline.store.engine import make_engine
from pipeline.store.migrate import upgrade
from tests.db.dbsupport import BACKENDS

PG_TEMPLATE = "trustplans_migrated"


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_admin(postgres_url: str) -> Iterator[Engine]:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str, postgres_admin: Engine) -> str:
    """The name of a migrated PostgreSQL database to copy."""
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{PG_TEMPLATE}"'))
    _migrate(make_url(postgres_url).set(database=PG_TEMPLATE).render_as_string(hide_password=False))
    return PG_TEMPLATE


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file to copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """new_database(backend, migrated=False) -> the URL of a new database, empty or migrated
    (dropped after the test)."""
    created: list[str] = []

    def new(backend: str, migrated: bool = False) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            path = tmp_path / f"{name}.db"
            if migrated:
                shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        admin = request.getfixturevalue("postgres_admin")
        template = f' TEMPLATE "{request.getfixturevalue("postgres_template")}"' if migrated else ""
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
        created.append(name)
        return admin.url.set(database=name).render_as_string(hide_password=False)

    yield new
    if created:
        with request.getfixturevalue("postgres_admin").connect() as connection:
            for name in created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def empty_url(backend: str, new_database: Callable[..., str]) -> str:
    """The URL of a new, empty database."""
    return new_database(backend)


@pytest.fixture
def engine(backend: str, new_database: Callable[..., str]) -> Iterator[Engine]:
    """A migrated database (alembic upgrade head, organisations from the trusts CSV)."""
    engine = make_engine(new_database(backend, migrated=True))
    yield engine
    engine.dispose()
