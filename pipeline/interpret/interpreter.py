"""The interpreter: a Document in, a Plan out. Stages run in one direction:
glossary and document meta first (they give the context), then the table stage, then the
prose stage for documents whose plan is not a table."""

from __future__ import annotations

from pipeline.interpret.context import Context
from pipeline.interpret.document_meta import read_meta
from pipeline.interpret.glossary import find_glossary, glossary_map
from pipeline.interpret.plan_confidence import commitment_confidence, plan_confidence
from pipeline.interpret.table_plan import interpret_tables
from schemas.document import Document
from schemas.errors import NoPlanFound
from schemas.plan import DocumentInfo, Plan


def interpret(document: Document, *, kind: str | None = None, ods_code: str | None = None,
              period: str | None = None) -> Plan:
    """The plan in `document`; `kind`, `ods_code` and `period`, where the caller knows them,
    name the kind of document, its trust and the years it covers. Raises NoPlanFound when it
    holds none."""
    glossary, glossary_tables = find_glossary(document)
    meta = read_meta(document, kind=kind, ods_code=ods_code, period=period)
    year_start = meta.period.start.year if meta.period.start else None
    ctx = Context(source=document.source, glossary=glossary_map(glossary), year_start=year_start,
                  title=meta.title)
    parts = interpret_tables(document, ctx, glossary_tables)
    if parts.is_empty():
        from pipeline.interpret.prose import interpret_prose

        parts = interpret_prose(document, ctx)
    if parts.is_empty():
        raise NoPlanFound(document.source, "no plan found: no plan table and no objectives, "
                                           "commitments or measures in the text")
    for item in parts.commitments:
        item.confidence = commitment_confidence(item)
    confidence = plan_confidence(parts, meta.kind, kind_given=kind is not None)
    if not confidence.is_plan:
        raise NoPlanFound(document.source, f"no plan found: plan confidence {confidence.score:.2f} "
                                           f"({confidence.reason})")
    info = DocumentInfo(source=document.source, sha256=document.sha256, format=document.format,
                        title=meta.title, kind=meta.kind, organisation=meta.organisation,
                        period=meta.period, plan_confidence=confidence.score)
    return Plan(document=info, themes=parts.themes, objectives=parts.objectives,
                commitments=parts.commitments, indicators=parts.indicators, glossary=glossary)
