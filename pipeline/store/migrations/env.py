"""Alembic environment: migrates the connection given by pipeline.store.engine.upgrade, else the
database of `sqlalchemy.url` (alembic.ini or -x) or TRUSTPLANS_DATABASE_URL / the default."""

from __future__ import annotations

from alembic import context

from pipeline.config import default_database_url
from pipeline.store.engine import make_engine
from schemas.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or default_database_url())
    try:
        with engine.begin() as conn:
            run_migrations(conn)
    finally:
        engine.dispose()
