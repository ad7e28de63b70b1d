"""The normalised database: SQLAlchemy 2 typed ORM (one class per table).

One document row per loaded file; everything extracted from it (themes, objectives,
commitments, owners, assurance groups, due dates, indicators, glossary) hangs off it and
carries its provenance (page, bbox, table cell). Refs are kept as printed (`*_ref`) beside
the resolved links (`*_id`) so that a document gives back exactly the plan JSON it was
loaded from. Views for comparison across trusts are created by the migrations
(pipeline/migrations/); their names are in VIEWS.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Double, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Each v_X shows current documents only; v_X_all_versions every version, with is_current.
VIEWS = tuple(f"v_{name}{twin}" for name in ("commitments", "commitment_owners", "indicators", "portfolio_by_trust")
              for twin in ("", "_all_versions"))

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _document_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class ProvenanceMixin:
    """Where in the source an extracted row was read."""

    page: Mapped[int | None]
    bbox_x0: Mapped[float | None] = mapped_column(Double)
    bbox_top: Mapped[float | None] = mapped_column(Double)
    bbox_x1: Mapped[float | None] = mapped_column(Double)
    bbox_bottom: Mapped[float | None] = mapped_column(Double)
    table_index: Mapped[int | None]
    table_row: Mapped[int | None]
    table_col: Mapped[int | None]
    ocr_confidence: Mapped[float | None] = mapped_column(Double)


class Organisation(Base):
    """An NHS trust (from data/nhs-trusts.csv), or a trust named in a document and not
    found there (ods_code null)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ods_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    ics: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    merger_date: Mapped[dt.date | None]


class OrganisationName(Base):
    """A name an organisation is known by: its own name and each alternative name.
    `name_key` is normalisers.organisations.name_key(name), for matching."""

    __tablename__ = "organisation_names"
    __table_args__ = (UniqueConstraint("organisation_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    is_primary: Mapped[bool]


class PredecessorCode(Base):
    __tablename__ = "organisation_predecessors"
    __table_args__ = (UniqueConstraint("organisation_id", "ods_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    ods_code: Mapped[str] = mapped_column(String(16), index=True)


class Document(Base):
    """One loaded file or page. A newer document of the same kind for the same trust and
    period (or from the same location) supersedes the older: `superseded_by_id` is set on
    the old one, which is kept."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_version_key", "organisation_id", "kind", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    organisation_name: Mapped[str] = mapped_column(Text)
    organisation_code: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    plan_confidence: Mapped[float | None] = mapped_column(Double)  # 0-1: how plan-like it reads
    has_period: Mapped[bool]
    period_label: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    retrieved_at: Mapped[dt.datetime | None]
    published_on: Mapped[dt.date | None]
    loaded_at: Mapped[dt.datetime]
    version: Mapped[int]
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)


class Rendition(Base):
    """Another file of a loaded document: the same plan published in another format (the Word
    and the PDF copy), with the same content. The document row names the first file loaded."""

    __tablename__ = "renditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    source: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(16))
    retrieved_at: Mapped[dt.datetime | None]
    loaded_at: Mapped[dt.datetime]


class Correction(Base):
    """An analyst's fix to an extracted item (or to the document's trust, kind or period), kept
    apart from the extraction and applied again whenever a newer version of the document is
    loaded. The item is found again by its printed ref, else by its text as first extracted."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()  # the latest version it was applied to
    item: Mapped[str] = mapped_column(String(16))  # document, commitment or indicator
    item_ref: Mapped[str | None] = mapped_column(Text)
    item_text: Mapped[str | None] = mapped_column(Text)  # as extracted, before any correction
    field: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    made_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16))  # applied, or unmatched (the item is gone)


class ExtractionRun(Base):
    """One attempt to extract and load a file: status "loaded" (document_id set) or
    "failed" (error set)."""

    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[dt.datetime]
    extractor_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class RefreshRun(Base):
    """Summary of one batch (a CLI ingest or a scheduled refresh)."""

    __tablename__ = "refresh_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime]
    new: Mapped[int]
    changed: Mapped[int]
    unchanged: Mapped[int]
    failed: Mapped[int]


class Theme(ProvenanceMixin, Base):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int]
    ref: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)


class Objective(ProvenanceMixin, Base):
    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int]
    ref: Mapped[str] = mapped_column(Text)
    theme_ref: Mapped[str | None] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)


class DueDate(Base):
    """A due date as printed, with its bounds (either may be null)."""

    __tablename__ = "due_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    raw: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]


class Owner(Base):
    """An accountable person or role as a document names it."""

    __tablename__ = "owners"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    raw: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    portfolio: Mapped[str | None] = mapped_column(String(32), index=True)
    role: Mapped[str | None] = mapped_column(Text)  # canonical: Chief Nurse for Director of Nursing ...
    is_lead: Mapped[bool | None]  # False for a deputy, assistant or associate of the role


class AssuranceGroup(Base):
    __tablename__ = "assurance_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    raw: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)


class Commitment(ProvenanceMixin, Base):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int]
    ref: Mapped[str | None] = mapped_column(Text)
    objective_ref: Mapped[str | None] = mapped_column(Text)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due_id: Mapped[int | None] = mapped_column(ForeignKey("due_dates.id"), index=True)
    confidence: Mapped[float | None] = mapped_column(Double)  # 0-1: how surely it is a commitment


class CommitmentOwner(Base):
    __tablename__ = "commitment_owners"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"), index=True)


class ObjectiveOwner(Base):
    __tablename__ = "objective_owners"

    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"), index=True)


class CommitmentAssurance(Base):
    __tablename__ = "commitment_assurance"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    assurance_group_id: Mapped[int] = mapped_column(ForeignKey("assurance_groups.id"), index=True)


class Indicator(ProvenanceMixin, Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int]
    objective_ref: Mapped[str | None] = mapped_column(Text)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"), index=True)
    commitment_ref: Mapped[str | None] = mapped_column(Text)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    audience: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    target_comparator: Mapped[str | None] = mapped_column(String(16))
    target_value: Mapped[float | None] = mapped_column(Double)
    target_unit: Mapped[str | None] = mapped_column(String(16))
    baseline_value: Mapped[float | None] = mapped_column(Double)
    baseline_unit: Mapped[str | None] = mapped_column(String(16))
    due_id: Mapped[int | None] = mapped_column(ForeignKey("due_dates.id"), index=True)


class GlossaryEntry(Base):
    __tablename__ = "glossary_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    position: Mapped[int]
    abbreviation: Mapped[str] = mapped_column(Text)
    expansion: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))

