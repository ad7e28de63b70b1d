"""The document's title, kind, organisation and plan period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from normalisers.dates import plan_period
from normalisers.organisations import resolve_organisation, trust_with_code
from normalisers.text import clean_text
from pipeline.interpret.labels import layout
from schemas.document import BlockKind, Document
from schemas.plan import UNKNOWN_KIND, Organisation, Period

_EARLY_BLOCKS = 25
_COVER_BLOCKS = 6  # a cover's headings: the title printed over several lines ("NHS X" / "CONSTITUTION")
UNKNOWN_ORGANISATION = "Unknown organisation"


@dataclass(slots=True)
class DocumentMeta:
    title: str | None
    kind: str
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


def _organisation(texts: list[str], ods_code: str | None) -> Organisation:
    """The organisation the texts name; under `ods_code` where one is given (a code the
    trusts list lacks)."""
    named = resolve_organisation(texts) or Organisation(name=UNKNOWN_ORGANISATION, code=None)
    return Organisation(name=named.name, code=ods_code.strip().upper()) if ods_code else named


@lru_cache(maxsize=2)
def _kind_rules(entry: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"\b(?:{words})\b", re.I), kind) for words, kind in layout()[entry])


def _named_kind(entry: str, texts: list[str]) -> str | None:
    return next((kind for text in texts for pattern, kind in _kind_rules(entry) if pattern.search(text)), None)


def document_kind(title: str | None, cover: list[str] | None = None) -> str:
    """The plan kind its title names ("annual_plan", "strategy", ...); else a kind of document
    that is not a plan ("constitution", "policy", ...) named by the title or a cover heading;
    else "other"."""
    titles = [title] if title else []
    return _named_kind("document_kinds", titles) or _named_kind("non_plan_kinds", titles + (cover or [])) \
        or UNKNOWN_KIND


def is_plan_kind(kind: str) -> bool:
    return any(kind == known for _, known in layout()["document_kinds"])


def is_non_plan_kind(kind: str) -> bool:
    return any(kind == known for _, known in layout()["non_plan_kinds"])


def read_meta(document: Document, *, kind: str | None = None, ods_code: str | None = None,
              period: str | None = None) -> DocumentMeta:
    """What the document says of itself; `kind`, `ods_code` and `period` ("2024/25", "2024-2027"),
    where the caller knows them (a sources registry, `ingest --period`), win over what the
    document seems to say."""
    title = _title(document)
    early = [clean_text(b.text) for b in document.blocks[:_EARLY_BLOCKS] if b.kind is not BlockKind.TABLE]
    stem = PurePath(document.source).stem.replace("-", " ").replace("_", " ")
    texts = [t for t in [title, document.title, *early, *document.furniture, stem] if t]
    organisation = (trust_with_code(ods_code) if ods_code else None) or _organisation(texts, ods_code)
    period_texts = [t for t in [title, document.title, *early, PurePath(document.source).stem] if t]
    cover = [clean_text(b.text) for b in document.blocks[:_COVER_BLOCKS] if b.kind is BlockKind.HEADING]
    if document.title:
        cover.append(clean_text(document.title))
    given = plan_period([period]) if period else None
    return DocumentMeta(title=title, kind=kind or document_kind(title, cover), organisation=organisation,
                        period=given if given is not None and given.label else plan_period(period_texts))
