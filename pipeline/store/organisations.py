"""Organisations in the database: kept in step with the trusts list, and found for a plan.

Which trust a document belongs to is decided by the normaliser (normalisers/organisations.py);
here a plan's organisation is only looked up, by ODS code, else by its name under the same
`name_key` rule, else added as an organisation of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from normalisers.organisations import REFERENCE_CSVS, name_key, read_organisations
from schemas import plan as pj
from schemas.tables import Organisation, OrganisationName, PredecessorCode


def sync_organisations(engine: Engine, paths: Sequence[Path] = REFERENCE_CSVS) -> None:
    """Insert or update one organisation per row of the reference lists (trusts, ICBs, merged
    ICBs; by ODS code), with its names and predecessor codes. Organisations not in the lists
    are left alone, but for names keyed by an older rule, which are keyed again."""
    with Session(engine) as session, session.begin():
        by_code = {org.ods_code: org for org in session.scalars(
            select(Organisation).where(Organisation.ods_code.is_not(None)))}
        names: dict[int, set[tuple[str, bool, str]]] = {}
        for org_id, name, primary, key in session.execute(select(
                OrganisationName.organisation_id, OrganisationName.name, OrganisationName.is_primary,
                OrganisationName.name_key)):
            names.setdefault(org_id, set()).add((name, primary, key))
        predecessors: dict[int, set[str]] = {}
        for org_id, code in session.execute(
                select(PredecessorCode.organisation_id, PredecessorCode.ods_code)):
            predecessors.setdefault(org_id, set()).add(code)

        synced: set[int] = set()
        for trust in read_organisations(paths):
            org = by_code.get(trust.ods_code)
            if org is None:
                org = Organisation(ods_code=trust.ods_code, name=trust.name)
                session.add(org)
            for field in ("name", "type", "region", "ics", "url", "merger_date"):
                if getattr(org, field) != getattr(trust, field):
                    setattr(org, field, getattr(trust, field))
            session.flush()
            synced.add(org.id)
            by_key = {name_key(trust.name): (trust.name, True)}
            for alt in trust.alt_names:
                by_key.setdefault(name_key(alt), (alt, False))
            wanted = {(name, primary, key) for key, (name, primary) in by_key.items()}
            if names.get(org.id, set()) != wanted:
                session.execute(delete(OrganisationName).where(OrganisationName.organisation_id == org.id))
                session.add_all(OrganisationName(organisation_id=org.id, name=name, name_key=key,
                                                 is_primary=primary) for name, primary, key in sorted(wanted))
            if predecessors.get(org.id, set()) != set(trust.predecessor_codes):
                session.execute(delete(PredecessorCode).where(PredecessorCode.organisation_id == org.id))
                session.add_all(PredecessorCode(organisation_id=org.id, ods_code=code)
                                for code in trust.predecessor_codes)
        for row in session.scalars(select(OrganisationName).where(OrganisationName.organisation_id.not_in(synced))):
            if row.name_key != name_key(row.name):
                row.name_key = name_key(row.name)


def organisation_id(session: Session, organisation: pj.Organisation) -> int:
    """The id of the organisation a plan names: by ODS code, else by name or alternative
    name (a trust's own name wins over another's alternative name). A name that matches no
    trust, or several equally, gets an organisation of its own with a null ODS code (reused
    by later documents naming it the same way)."""
    if organisation.code:
        found = session.scalar(select(Organisation.id).where(
            Organisation.ods_code == organisation.code.strip().upper()))
        if found is not None:
            return found
    key = name_key(organisation.name)
    matches = session.execute(
        select(OrganisationName.organisation_id, OrganisationName.is_primary, Organisation.ods_code)
        .join(Organisation, Organisation.id == OrganisationName.organisation_id)
        .where(OrganisationName.name_key == key)
        .order_by(OrganisationName.organisation_id)).all()
    known = [m for m in matches if m.ods_code is not None]
    for candidates in ([m for m in known if m.is_primary], known):
        if len({m.organisation_id for m in candidates}) == 1:
            return candidates[0].organisation_id
    unknown = [m.organisation_id for m in matches if m.ods_code is None]
    if unknown:
        return unknown[0]
    org = Organisation(name=organisation.name)
    session.add(org)
    session.flush()
    session.add(OrganisationName(organisation_id=org.id, name=organisation.name, name_key=key, is_primary=True))
    return org.id
