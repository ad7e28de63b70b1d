"""The database: engines (read-write and read-only), migrations, and the organisations
reference data from data/nhs-trusts.csv."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from pipeline import config
from schemas.errors import SourceNotFound, TrustplansError
from schemas.tables import Organisation, OrganisationName, PredecessorCode

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: config.database_url()). SQLite: the file's folder is
    created, foreign keys are enforced and the journal is WAL."""
    parsed = make_url(url or config.database_url())
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed)
    path = _sqlite_path(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


def read_only_engine(url: str | None = None) -> Engine:
    """An engine whose connections refuse writes: SQLite opened with mode=ro (SourceNotFound
    if the file does not exist), PostgreSQL sessions with default_transaction_read_only."""
    parsed = make_url(url or config.database_url())
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(parsed)
        if path is None:
            raise ValueError(f"a read-only SQLite database needs a file, not {parsed}")
        if not path.is_file():
            raise SourceNotFound(str(path), "no database here (load plans with `trustplans ingest` first)")
        ro = parsed.set(database=f"file:{path}", query={"mode": "ro", "uri": "true"})
        engine = create_engine(ro)

        @event.listens_for(engine, "connect")
        def _sqlite_ro_pragmas(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            dbapi_connection.execute("PRAGMA query_only=ON")

        return engine
    if backend == "postgresql":
        return create_engine(parsed, connect_args={"options": "-c default_transaction_read_only=on"})
    raise ValueError(f"read-only connections are supported for SQLite and PostgreSQL, not {backend}")


def database_error(exc: Exception, doing: str, url: str | None = None) -> TrustplansError:
    """A one-line error naming the database (password hidden) and the driver's first line."""
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    name = make_url(url or config.database_url()).render_as_string(hide_password=True)
    return TrustplansError(name, f"{doing}: {lines[0] if lines else type(cause).__name__}")


def _sqlite_path(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve()


def alembic_config() -> Config:
    """Alembic configuration with the migrations of this package, from any working dir."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest schema (alembic upgrade head) and bring the
    organisations up to date with data/nhs-trusts.csv."""
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
    sync_organisations(engine)


@dataclass(frozen=True)
class TrustRow:
    ods_code: str
    name: str
    alt_names: tuple[str, ...]
    type: str | None
    region: str | None
    ics: str | None
    url: str | None
    predecessor_codes: tuple[str, ...]
    merger_date: dt.date | None


def read_trusts(path: Path = config.TRUSTS_CSV) -> Iterator[TrustRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield TrustRow(
                ods_code=row["ods_code"].strip(),
                name=row["name"].strip(),
                alt_names=_split(row.get("alt_names")),
                type=row.get("type") or None,
                region=row.get("region") or None,
                ics=row.get("ics") or None,
                url=row.get("url") or None,
                predecessor_codes=_split(row.get("predecessor_codes")),
                merger_date=dt.date.fromisoformat(row["merger_date"]) if row.get("merger_date") else None,
            )


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def name_key(name: str) -> str:
    """How organisation names are matched: case-folded, white space collapsed."""
    return " ".join(name.casefold().split())


def sync_organisations(engine: Engine, path: Path = config.TRUSTS_CSV) -> None:
    """Insert or update one organisation per row of the trusts CSV (by ODS code), with its
    names and predecessor codes. Organisations not in the CSV are left alone."""
    with Session(engine) as session, session.begin():
        by_code = {org.ods_code: org for org in session.scalars(
            select(Organisation).where(Organisation.ods_code.is_not(None)))}
        names: dict[int, set[tuple[str, bool]]] = {}
        for org_id, name, primary in session.execute(
                select(OrganisationName.organisation_id, OrganisationName.name, OrganisationName.is_primary)):
            names.setdefault(org_id, set()).add((name, primary))
        predecessors: dict[int, set[str]] = {}
        for org_id, code in session.execute(
                select(PredecessorCode.organisation_id, PredecessorCode.ods_code)):
            predecessors.setdefault(org_id, set()).add(code)

        for trust in read_trusts(path):
            org = by_code.get(trust.ods_code)
            if org is None:
                org = Organisation(ods_code=trust.ods_code, name=trust.name)
                session.add(org)
            for field in ("name", "type", "region", "ics", "url", "merger_date"):
                if getattr(org, field) != getattr(trust, field):
                    setattr(org, field, getattr(trust, field))
            session.flush()
            by_key = {name_key(trust.name): (trust.name, True)}
            for alt in trust.alt_names:
                by_key.setdefault(name_key(alt), (alt, False))
            wanted = set(by_key.values())
            if names.get(org.id, set()) != wanted:
                session.execute(delete(OrganisationName).where(OrganisationName.organisation_id == org.id))
                session.add_all(OrganisationName(organisation_id=org.id, name=name, name_key=name_key(name),
                                                 is_primary=primary) for name, primary in sorted(wanted))
            if predecessors.get(org.id, set()) != set(trust.predecessor_codes):
                session.execute(delete(PredecessorCode).where(PredecessorCode.organisation_id == org.id))
                session.add_all(PredecessorCode(organisation_id=org.id, ods_code=code)
                                for code in trust.predecessor_codes)
