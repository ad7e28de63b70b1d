"""One loaded document back as plan JSON: the same plan it was loaded from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from schemas import plan as pj
from schemas import tables as db
from schemas.errors import TrustplansError


def plan_from_db(engine: Engine, document_id: int) -> pj.Plan:
    """The plan of document `document_id`; TrustplansError if there is no such document."""
    with Session(engine) as session:
        document = session.get(db.Document, document_id)
        if document is None:
            raise TrustplansError(f"document {document_id}", "no such document in the database")
        return _Reader(session, document_id).plan(document)


class _Reader:
    def __init__(self, session: Session, document_id: int) -> None:
        self.session = session
        self.document_id = document_id

    def _rows(self, model: type[db.Base]) -> list[Any]:
        return list(self.session.scalars(
            select(model).where(model.document_id == self.document_id)  # type: ignore[attr-defined]
            .order_by(getattr(model, "position", model.id))))  # type: ignore[attr-defined]

    def _links(self, link: type[db.Base], parent: type[db.Objective | db.Commitment], child: str,
               values: dict[int, Any]) -> dict[int, list]:
        """parent id -> its linked values, in order."""
        parent_column = getattr(link, f"{parent.__tablename__[:-1]}_id")
        linked: dict[int, list] = defaultdict(list)
        rows = self.session.execute(
            select(parent_column, getattr(link, child)).join(parent, parent.id == parent_column)
            .where(parent.document_id == self.document_id)
            .order_by(parent_column, link.position))  # type: ignore[attr-defined]
        for parent_id, child_id in rows:
            linked[parent_id].append(values[child_id])
        return linked

    def plan(self, document: db.Document) -> pj.Plan:
        owners = {o.id: pj.Owner(raw=o.raw, title=o.title, portfolio=o.portfolio)
                  for o in self._rows(db.Owner)}
        groups = {g.id: pj.Assurance(raw=g.raw, title=g.title) for g in self._rows(db.AssuranceGroup)}
        dues = {d.id: pj.Due(raw=d.raw, start=d.start_date, end=d.end_date) for d in self._rows(db.DueDate)}
        objective_owners = self._links(db.ObjectiveOwner, db.Objective, "owner_id", owners)
        commitment_owners = self._links(db.CommitmentOwner, db.Commitment, "owner_id", owners)
        assurance = self._links(db.CommitmentAssurance, db.Commitment, "assurance_group_id", groups)
        period = pj.Period(label=document.period_label, start=document.period_start,
                           end=document.period_end) if document.has_period else None
        return pj.Plan(
            document=pj.DocumentInfo(
                source=document.source, sha256=document.sha256, format=document.format,
                title=document.title, kind=document.kind, period=period,
                plan_confidence=document.plan_confidence,
                organisation=pj.Organisation(name=document.organisation_name,
                                             code=document.organisation_code)),
            themes=[pj.Theme(ref=t.ref, title=t.title, outcome=t.outcome, provenance=_provenance(t))
                    for t in self._rows(db.Theme)],
            objectives=[pj.Objective(ref=o.ref, theme_ref=o.theme_ref, title=o.title, outcome=o.outcome,
                                     owners=objective_owners[o.id], provenance=_provenance(o))
                        for o in self._rows(db.Objective)],
            commitments=[pj.Commitment(ref=c.ref, objective_ref=c.objective_ref, text=c.text,
                                       owners=commitment_owners[c.id], assurance=assurance[c.id],
                                       due=dues.get(c.due_id), confidence=c.confidence,
                                       provenance=_provenance(c))
                         for c in self._rows(db.Commitment)],
            indicators=[_indicator(n, dues) for n in self._rows(db.Indicator)],
            glossary=[pj.GlossaryEntry(abbreviation=g.abbreviation, expansion=g.expansion, kind=g.kind)
                      for g in self._rows(db.GlossaryEntry)],
        )


def _indicator(row: db.Indicator, dues: dict[int, pj.Due]) -> pj.Indicator:
    target = (pj.Target(comparator=row.target_comparator, value=row.target_value, unit=row.target_unit)
              if row.target_comparator is not None else None)
    baseline = (pj.Baseline(value=row.baseline_value, unit=row.baseline_unit)
                if row.baseline_value is not None else None)
    return pj.Indicator(objective_ref=row.objective_ref, commitment_ref=row.commitment_ref,
                        audience=row.audience, text=row.text, target=target, baseline=baseline,
                        due=dues.get(row.due_id), provenance=_provenance(row))


def _provenance(row: db.ProvenanceMixin) -> pj.Provenance | None:
    bbox = [row.bbox_x0, row.bbox_top, row.bbox_x1, row.bbox_bottom]
    fields = (row.page, *bbox, row.table_index, row.table_row, row.table_col, row.ocr_confidence)
    if all(value is None for value in fields):
        return None
    return pj.Provenance(page=row.page, bbox=None if all(v is None for v in bbox) else bbox,
                         table=row.table_index, row=row.table_row, col=row.table_col,
                         confidence=row.ocr_confidence)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One loaded document, as `trustplans documents` lists it."""

    id: int
    ods_code: str | None
    trust: str
    kind: str
    period: str | None
    format: str  # "docx+pdf" for a document with renditions in other formats
    version: int
    current: bool
    location: str
    renditions: tuple[str, ...] = ()  # where its other renditions were read from

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def list_documents(engine: Engine, *, all_versions: bool = False) -> list[DocumentRow]:
    """The loaded documents, current ones only unless `all_versions`, by trust then id."""
    statement = select(db.Document).order_by(db.Document.organisation_name, db.Document.id)
    if not all_versions:
        statement = statement.where(db.Document.superseded_by_id.is_(None))
    with Session(engine) as session:
        others: dict[int, list[db.Rendition]] = {}
        for rendition in session.scalars(select(db.Rendition).order_by(db.Rendition.id)):
            others.setdefault(rendition.document_id, []).append(rendition)
        rows = []
        for d in session.scalars(statement):
            copies = others.get(d.id, [])
            rows.append(DocumentRow(id=d.id, ods_code=d.organisation_code, trust=d.organisation_name, kind=d.kind,
                                    period=d.period_label, format="+".join([d.format, *(r.format for r in copies)]),
                                    version=d.version, current=d.superseded_by_id is None, location=d.location,
                                    renditions=tuple(r.location for r in copies)))
        return rows
