"""What the runs leave in the database besides plans: which bytes are loaded, the files that
failed (extraction runs), and each batch's totals (refresh runs)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline import config
from schemas import tables as db


def utc_now() -> dt.datetime:
    """Now in UTC, naive (the database stores UTC without a zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment as the database stores it: UTC, naive."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def known_sha256(engine: Engine, sha256: str) -> bool:
    """Whether a document with these bytes is already loaded."""
    return document_with_sha256(engine, sha256) is not None


def document_with_sha256(engine: Engine, sha256: str) -> int | None:
    """The id of the document loaded from these bytes, if any."""
    with Session(engine) as session:
        return loaded_as(session, sha256)


def loaded_as(session: Session, sha256: str) -> int | None:
    """The document these bytes were loaded as (its own file or another rendition), if any."""
    return session.scalar(select(db.Document.id).where(db.Document.sha256 == sha256)) or \
        session.scalar(select(db.Rendition.document_id).where(db.Rendition.sha256 == sha256))


def record_failure(engine: Engine, source: str, error: str, sha256: str | None = None) -> None:
    """Record a file that could not be fetched, extracted or loaded (an extraction run, failed)."""
    with Session(engine) as session, session.begin():
        session.add(db.ExtractionRun(ran_at=utc_now(), extractor_version=config.EXTRACTOR_VERSION,
                                     status="failed", source=source, sha256=sha256, error=error))


def record_run_summary(engine: Engine, *, trigger: str, started_at: dt.datetime,
                       finished_at: dt.datetime, new: int, changed: int, unchanged: int,
                       failed: int) -> int:
    """Store the totals of one batch (an ingest, a refresh); returns its id."""
    run = db.RefreshRun(trigger=trigger, started_at=as_utc(started_at), finished_at=as_utc(finished_at),
                        new=new, changed=changed, unchanged=unchanged, failed=failed)
    with Session(engine) as session, session.begin():
        session.add(run)
        session.flush()
        return run.id
