"""Plan JSON into the database: one transaction per document, idempotent by sha256.

A plan whose sha256 is already loaded adds nothing ("unchanged"). Otherwise its document
row is added with everything extracted from it; where a current document of the same kind
for the same organisation and period exists (or one loaded from the same location), the
new one is its next version and the old one is marked superseded ("changed"); else "new".
A plan in another format with the same content as such a document (the Word copy of a loaded
PDF) is a rendition of it: its file is recorded against that document ("unchanged").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from psycopg import Connection, sql
from sqlalchemy import Engine, Table, and_, delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from normalisers.canonical_roles import canonical_role
from pipeline import config
from pipeline.store.corrections import apply_fixes, as_fix, carry_over, fixes_of, new_correction
from pipeline.store.links import link_indicators_by_row
from pipeline.store.organisations import organisation_id
from pipeline.store.read import plan_from_db
from pipeline.store.records import as_utc, loaded_as, utc_now
from pipeline.store.renditions import same_content
from schemas import plan as pj
from schemas import tables as db
from schemas.errors import TrustplansError

PROVENANCE_COLUMNS = ("page", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom",
                      "table_index", "table_row", "table_col", "ocr_confidence")


@dataclass(frozen=True)
class LoadOutcome:
    status: Literal["new", "changed", "unchanged"]
    document_id: int | None
    corrections_applied: int = 0  # analysts' corrections of the replaced version, applied again
    corrections_unmatched: int = 0  # ... and those whose item this version no longer has


def load_plan(engine: Engine, plan: pj.Plan, *, source: str, retrieved_at: dt.datetime | None = None,
              published_on: dt.date | None = None) -> LoadOutcome:
    """Load one plan in one transaction; `source` is where it was read (path or URL)."""
    sha256 = plan.document.sha256
    try:
        with Session(engine) as session, session.begin():
            existing = loaded_as(session, sha256)
            if existing is not None:
                return LoadOutcome("unchanged", existing)
            org_id, replaced = _chain(session, plan, source)
            twin = next((old for old in replaced if old.format != plan.document.format
                         and same_content(session, old.id, plan)), None)
            if twin is not None:  # the same plan in another format: a rendition, not a version
                _add_rendition(session, twin, plan, source, as_utc(retrieved_at))
                return LoadOutcome("unchanged", twin.id)
            plan, carried = carry_over(session, plan, [old.id for old in replaced])
            document = _add_document(session, plan, org_id, replaced, source, as_utc(retrieved_at), published_on)
            _Contents(session, document.id).add(plan)
            for correction in carried:
                correction.document_id = document.id  # they follow the document to its newest version
            unmatched = sum(correction.status == "unmatched" for correction in carried)
            outcome = LoadOutcome("changed" if replaced else "new", document.id, len(carried) - unmatched, unmatched)
    except IntegrityError:
        with Session(engine) as session:
            existing = loaded_as(session, sha256)
        if existing is None:
            raise
        return LoadOutcome("unchanged", existing)  # the same file was loaded concurrently
    return outcome


def correct(engine: Engine, document_id: int, item: str, selector: str | None, field: str, value: str,
            note: str | None = None) -> db.Correction:
    """Record an analyst's correction of the current document `document_id` and apply it to
    the loaded document at once (its items stored again, corrected), in one transaction."""
    plan = plan_from_db(engine, document_id)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        document = session.get(db.Document, document_id)
        if document is None or document.superseded_by_id is not None:
            raise TrustplansError(f"document {document_id}", "only the current version of a document can be corrected")
        correction = new_correction(document_id, plan, fixes_of(session, [document_id]), item, selector, field,
                                    value, note)
        fixed, _ = apply_fixes(plan, [as_fix(correction)])
        _replace_contents(session, document, fixed)
        session.add(correction)
    return correction


def _replace_contents(session: Session, document: db.Document, plan: pj.Plan) -> None:
    """The document's items (and its trust, kind and period) stored again from `plan`."""
    commitments = select(db.Commitment.id).where(db.Commitment.document_id == document.id)
    objectives = select(db.Objective.id).where(db.Objective.document_id == document.id)
    session.execute(delete(db.Indicator).where(db.Indicator.document_id == document.id))
    session.execute(delete(db.CommitmentOwner).where(db.CommitmentOwner.commitment_id.in_(commitments)))
    session.execute(delete(db.CommitmentAssurance).where(db.CommitmentAssurance.commitment_id.in_(commitments)))
    session.execute(delete(db.ObjectiveOwner).where(db.ObjectiveOwner.objective_id.in_(objectives)))
    for model in (db.Commitment, db.Objective, db.Theme, db.Owner, db.AssuranceGroup, db.DueDate, db.GlossaryEntry):
        session.execute(delete(model).where(model.document_id == document.id))
    info, period = plan.document, plan.document.period or pj.Period()
    document.organisation_id = organisation_id(session, info.organisation)
    document.organisation_name, document.organisation_code = info.organisation.name, info.organisation.code
    document.kind, document.has_period = info.kind, info.period is not None
    document.period_label, document.period_start, document.period_end = period.label, period.start, period.end
    _Contents(session, document.id).add(plan)


def _chain(session: Session, plan: pj.Plan, location: str) -> tuple[int | None, list[db.Document]]:
    """The plan's organisation, and the current documents it follows on from: from the same
    location, or of the same organisation, kind and period."""
    info = plan.document
    period = info.period or pj.Period()
    org_id = organisation_id(session, info.organisation)
    same_chain = db.Document.location == location
    if period.start is not None:
        same_chain = or_(same_chain, and_(
            db.Document.organisation_id == org_id, db.Document.kind == info.kind,
            db.Document.period_start == period.start, db.Document.period_end == period.end))
    return org_id, list(session.scalars(select(db.Document).where(db.Document.superseded_by_id.is_(None), same_chain)))


def _add_rendition(session: Session, document: db.Document, plan: pj.Plan, location: str,
                   retrieved_at: dt.datetime | None) -> None:
    info, now = plan.document, utc_now()
    session.add(db.Rendition(document_id=document.id, source=info.source, location=location, sha256=info.sha256,
                             format=info.format, retrieved_at=retrieved_at, loaded_at=now))
    session.add(db.ExtractionRun(ran_at=now, extractor_version=config.EXTRACTOR_VERSION, status="loaded",
                                 source=location, sha256=info.sha256, document_id=document.id))


def _add_document(session: Session, plan: pj.Plan, org_id: int | None, replaced: list[db.Document], location: str,
                  retrieved_at: dt.datetime | None, published_on: dt.date | None) -> db.Document:
    info = plan.document
    period = info.period or pj.Period()
    kind = info.kind
    now = utc_now()
    document = db.Document(
        organisation_id=org_id, organisation_name=info.organisation.name,
        organisation_code=info.organisation.code, source=info.source, location=location,
        sha256=info.sha256, format=info.format, title=info.title, kind=kind, plan_confidence=info.plan_confidence,
        has_period=info.period is not None, period_label=period.label, period_start=period.start,
        period_end=period.end, retrieved_at=retrieved_at, published_on=published_on, loaded_at=now,
        version=1 + max((old.version for old in replaced), default=0))
    session.add(document)
    session.flush()
    for old in replaced:
        old.superseded_by_id = document.id
    session.add(db.ExtractionRun(ran_at=now, extractor_version=config.EXTRACTOR_VERSION, status="loaded",
                                 source=location, sha256=info.sha256, document_id=document.id))
    return document


def _provenance(item: pj.Provenance | None) -> dict[str, Any]:
    if item is None:
        return dict.fromkeys(PROVENANCE_COLUMNS)
    bbox = item.bbox if item.bbox is not None else [None] * 4
    if len(bbox) != 4:
        raise ValueError(f"provenance bbox must have 4 numbers [x0, top, x1, bottom], not {bbox}")
    return {"page": item.page, "bbox_x0": bbox[0], "bbox_top": bbox[1], "bbox_x1": bbox[2],
            "bbox_bottom": bbox[3], "table_index": item.table, "table_row": item.row,
            "table_col": item.col, "ocr_confidence": item.confidence}


def _next_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids of `table` from its sequence (PostgreSQL), ascending."""
    sequence = select(func.pg_get_serial_sequence(table.name, "id")).scalar_subquery()  # once, not once per id
    nextval = func.array_agg(func.nextval(sequence))
    return sorted(session.scalar(select(nextval).select_from(func.generate_series(1, count))))


def _copy(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY `rows` (dicts with the same keys) into `table`, in the session's transaction
    (PostgreSQL through psycopg, the driver trustplans uses)."""
    connection: Connection = session.connection().connection.driver_connection
    columns = sql.SQL(", ").join(map(sql.Identifier, rows[0]))
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), columns)
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(tuple(row.values()))


def _first_by_ref(refs: Iterable[str | None], ids: list[int]) -> dict[str, int]:
    """ref -> id of the first item printing that ref."""
    found: dict[str, int] = {}
    for ref, row_id in zip(refs, ids, strict=True):
        if ref is not None:
            found.setdefault(ref, row_id)
    return found


class _Contents:
    """Bulk-inserts everything extracted from one document (inside the caller's transaction)."""

    def __init__(self, session: Session, document_id: int) -> None:
        self.session = session
        self.document_id = document_id
        self.postgresql = session.get_bind().dialect.name == "postgresql"

    def _insert(self, model: type[db.Base], rows: list[dict[str, Any]]) -> list[int]:
        """Insert the rows; their ids, in order."""
        if not rows:
            return []
        table = model.__table__
        if not self.postgresql:  # Core insert: one batched INSERT ... RETURNING (the ORM's is slower)
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(self.session.execute(statement, rows).scalars())
        # PostgreSQL: the ids from the sequence first, then COPY (psycopg parses insertmanyvalues'
        # long INSERT ... RETURNING slowly, and an executemany takes about twice COPY's CPU time)
        ids = _next_ids(self.session, table, len(rows))
        _copy(self.session, table, [{"id": row_id, **row} for row_id, row in zip(ids, rows, strict=True)])
        return ids

    def _insert_unique(self, model: type[db.Base], keys: Iterable[Hashable],
                       row: Any) -> dict[Hashable, int]:
        """Insert one row per distinct key (row(key) -> columns); key -> id."""
        distinct = list(dict.fromkeys(keys))
        ids = self._insert(model, [{"document_id": self.document_id, **row(key)} for key in distinct])
        return dict(zip(distinct, ids, strict=True))

    def add(self, plan: pj.Plan) -> None:
        doc = {"document_id": self.document_id}
        theme_ids = _first_by_ref((t.ref for t in plan.themes), self._insert(db.Theme, [
            {**doc, "position": i, "ref": t.ref, "title": t.title, "outcome": t.outcome,
             **_provenance(t.provenance)} for i, t in enumerate(plan.themes)]))

        dues = [item.due for item in (*plan.commitments, *plan.indicators) if item.due is not None]
        due_ids = self._insert_unique(db.DueDate, (_due_key(d) for d in dues),
                                      lambda k: {"raw": k[0], "start_date": k[1], "end_date": k[2]})
        owners = [o for item in (*plan.objectives, *plan.commitments) for o in item.owners]
        owner_ids = self._insert_unique(db.Owner, (_owner_key(o) for o in owners), _owner_row)
        groups = [g for c in plan.commitments for g in c.assurance]
        group_ids = self._insert_unique(db.AssuranceGroup, ((g.raw, g.title) for g in groups),
                                        lambda k: {"raw": k[0], "title": k[1]})

        objective_id_list = self._insert(db.Objective, [
            {**doc, "position": i, "ref": o.ref, "theme_ref": o.theme_ref,
             "theme_id": theme_ids.get(o.theme_ref) if o.theme_ref is not None else None,
             "title": o.title, "outcome": o.outcome, **_provenance(o.provenance)}
            for i, o in enumerate(plan.objectives)])
        objective_ids = _first_by_ref((o.ref for o in plan.objectives), objective_id_list)

        commitment_id_list = self._insert(db.Commitment, [
            {**doc, "position": i, "ref": c.ref, "objective_ref": c.objective_ref,
             "objective_id": objective_ids.get(c.objective_ref) if c.objective_ref is not None else None,
             "text": c.text, "due_id": due_ids[_due_key(c.due)] if c.due is not None else None,
             "confidence": c.confidence,
             **_provenance(c.provenance)}
            for i, c in enumerate(plan.commitments)])
        commitment_ids = _first_by_ref((c.ref for c in plan.commitments), commitment_id_list)

        self._link(db.ObjectiveOwner, "objective_id", "owner_id", objective_id_list,
                   ([owner_ids[_owner_key(o)] for o in item.owners] for item in plan.objectives))
        self._link(db.CommitmentOwner, "commitment_id", "owner_id", commitment_id_list,
                   ([owner_ids[_owner_key(o)] for o in item.owners] for item in plan.commitments))
        self._link(db.CommitmentAssurance, "commitment_id", "assurance_group_id", commitment_id_list,
                   ([group_ids[(g.raw, g.title)] for g in item.assurance] for item in plan.commitments))

        self._insert(db.Indicator, [
            {**doc, "position": i, "objective_ref": n.objective_ref,
             "objective_id": objective_ids.get(n.objective_ref) if n.objective_ref is not None else None,
             "commitment_ref": n.commitment_ref,
             "commitment_id": commitment_ids.get(n.commitment_ref) if n.commitment_ref is not None else None,
             "audience": n.audience, "text": n.text,
             "target_comparator": n.target.comparator if n.target else None,
             "target_value": n.target.value if n.target else None,
             "target_unit": n.target.unit if n.target else None,
             "baseline_value": n.baseline.value if n.baseline else None,
             "baseline_unit": n.baseline.unit if n.baseline else None,
             "due_id": due_ids[_due_key(n.due)] if n.due is not None else None,
             **_provenance(n.provenance)}
            for i, n in enumerate(plan.indicators)])
        link_indicators_by_row(self.session.connection(), self.document_id)
        self._insert(db.GlossaryEntry, [
            {**doc, "position": i, "abbreviation": g.abbreviation, "expansion": g.expansion, "kind": g.kind}
            for i, g in enumerate(plan.glossary)])

    def _link(self, model: type[db.Base], parent: str, child: str, parent_ids: list[int],
              children: Iterable[list[int]]) -> None:
        rows = [{parent: parent_id, "position": position, child: child_id}
                for parent_id, child_ids in zip(parent_ids, children, strict=True)
                for position, child_id in enumerate(child_ids)]
        if not rows:
            return
        if self.postgresql:
            _copy(self.session, model.__table__, rows)
        else:
            self.session.execute(insert(model.__table__), rows)


def _due_key(due: pj.Due) -> tuple[str, dt.date | None, dt.date | None]:
    return due.raw, due.start, due.end


def _owner_key(owner: pj.Owner) -> tuple[str, str | None, str | None]:
    return owner.raw, owner.title, owner.portfolio


def _owner_row(key: tuple[str, str | None, str | None]) -> dict[str, Any]:
    raw, title, portfolio = key
    canonical = canonical_role(title)
    return {"raw": raw, "title": title, "portfolio": portfolio, "role": canonical.role if canonical else None,
            "is_lead": canonical.is_lead if canonical else None}
