"""The document's title, organisation and plan period."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from normalisers.dates import plan_period
from normalisers.organisations import resolve_organisation
from normalisers.text import clean_text
from schemas.document import BlockKind, Document
from schemas.plan import Organisation, Period

_EARLY_BLOCKS = 25
UNKNOWN_ORGANISATION = "Unknown organisation"


@dataclass(slots=True)
class DocumentMeta:
    title: str | None
    organisation: Organisation
    period: Period


def _title(document: Document) -> str | None:
    """The top heading near the start (Word's Title style, the largest PDF text), else the
    file's own title property."""
    early = [b for b in document.blocks[:_EARLY_BLOCKS] if b.kind is BlockKind.HEADING and clean_text(b.text)]
    if early:
        top = min(early, key=lambda b: (b.level if b.level is not None else 9, -(b.font_size or 0)))
        return clean_text(top.text)
    return clean_text(document.title) if document.title else None


def read_meta(document: Document) -> DocumentMeta:
    title = _title(document)
    early = [clean_text(b.text) for b in document.blocks[:_EARLY_BLOCKS] if b.kind is not BlockKind.TABLE]
    stem = PurePath(document.source).stem.replace("-", " ").replace("_", " ")
    texts = [t for t in [title, document.title, *early, *document.furniture, stem] if t]
    organisation = resolve_organisation(texts) or Organisation(name=UNKNOWN_ORGANISATION, code=None)
    period_texts = [t for t in [title, document.title, *early, PurePath(document.source).stem] if t]
    return DocumentMeta(title=title, organisation=organisation, period=plan_period(period_texts))
