"""A PostgreSQL role that can only read the plans, for `trustplans query` and for researchers'
own tools: SELECT on the tables and views of the public schema, and nothing else."""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Engine

from schemas.errors import TrustplansError


def create_reader(engine: Engine, name: str, password: str) -> str:
    """Create the LOGIN role `name` (or give an existing one this password), grant it SELECT
    on every table and view of the database's public schema, and return the URL to connect
    as it (the password in it)."""
    if engine.dialect.name != "postgresql":
        raise TrustplansError(engine.url.render_as_string(hide_password=True),
                              "readers are PostgreSQL roles: a SQLite database is queried read-only already")
    role = sql.Identifier(name)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
        verb = "ALTER" if cursor.fetchone() else "CREATE"
        cursor.execute(sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD {}")
                       .format(role, sql.Literal(password)))
        cursor.execute("SELECT current_database()")
        database = sql.Identifier(cursor.fetchone()[0])
        cursor.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, role))
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
        cursor.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(role))
        connection.commit()
    finally:
        connection.close()
    return engine.url.set(username=name, password=password).render_as_string(hide_password=False)
