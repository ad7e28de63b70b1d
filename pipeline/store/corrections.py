"""Analysts' corrections, kept apart from the extraction and applied again to every newer
version of the document.

A correction names an item (a commitment or an indicator, by its printed ref or the start of
its text; or the document itself), a field and its new value. It is stored with the item's
ref and text as first extracted, and applied at once to the loaded document. When a newer
version of that document is loaded, each correction finds its item again (same ref with much
the same text, else the same text) and is applied before the plan is stored; one whose item
is gone is kept, marked "unmatched", and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from normalisers.dates import parse_due, plan_period
from normalisers.organisations import resolve_organisation, trust_with_code
from normalisers.owners import normalise_owners
from normalisers.targets import parse_target
from pipeline.store.records import utc_now
from pipeline.store.renditions import agreement, words
from schemas import plan as pj
from schemas import tables as db
from schemas.errors import TrustplansError

FIELDS: dict[str, tuple[str, ...]] = {
    "commitment": ("text", "owners", "due"),
    "indicator": ("text", "target", "due"),
    "document": ("organisation", "kind", "period"),
}
_SAME_ITEM = 0.5  # share of words an item must keep, under its printed ref, to be the same item
_OWNER_LIST = re.compile(r"\s*;\s*")


@dataclass(frozen=True, slots=True)
class Fix:
    """One correction: which item, which field, what value."""

    item: str
    ref: str | None
    text: str | None
    field: str
    value: str


def check_fix(item: str, field: str) -> None:
    """Refuse a field that cannot be corrected on this kind of item."""
    if item not in FIELDS:
        raise TrustplansError(item, f"not an item that can be corrected ({', '.join(FIELDS)})")
    if field not in FIELDS[item]:
        raise TrustplansError(f"{item} {field}", f"not a field of a {item} that can be corrected "
                                                 f"({', '.join(FIELDS[item])})")


def find_item(plan: pj.Plan, item: str, selector: str) -> pj.Commitment | pj.Indicator:
    """The one commitment or indicator of `plan` with ref `selector`, else whose text starts with it."""
    items: list[pj.Commitment] | list[pj.Indicator] = plan.commitments if item == "commitment" else plan.indicators
    by_ref = [i for i in items if _ref_of(i) == selector]
    found = by_ref or [i for i in items if i.text.casefold().startswith(selector.casefold())]
    if len(found) != 1:
        problem = "nothing matches" if not found else f"{len(found)} match; give more of the text"
        raise TrustplansError(f"{item} {selector!r}", problem)
    return found[0]


def apply_fixes(plan: pj.Plan, fixes: list[Fix]) -> tuple[pj.Plan, list[bool]]:
    """A copy of `plan` with the fixes applied, and for each fix whether its item was found."""
    fixed = plan.model_copy(deep=True)
    targets = [None if fix.item == "document" else _match(fixed, fix) for fix in fixes]  # as extracted
    for fix, target in zip(fixes, targets, strict=True):
        if fix.item == "document":
            _fix_document(fixed, fix)
        elif target is not None:
            _fix_item(fixed, target, fix)
    return fixed, [fix.item == "document" or target is not None for fix, target in zip(fixes, targets, strict=True)]


def _ref_of(item: pj.Commitment | pj.Indicator) -> str | None:
    return item.ref if isinstance(item, pj.Commitment) else item.commitment_ref


def _match(plan: pj.Plan, fix: Fix) -> pj.Commitment | pj.Indicator | None:
    items = plan.commitments if fix.item == "commitment" else plan.indicators
    if fix.ref is not None:
        for item in items:
            if _ref_of(item) == fix.ref and agreement(words(item.text), words(fix.text)) >= _SAME_ITEM:
                return item
    key = words(fix.text)
    return next((item for item in items if words(item.text) == key), None)


def _fix_item(plan: pj.Plan, item: pj.Commitment | pj.Indicator, fix: Fix) -> None:
    year = plan.document.period.start.year if plan.document.period and plan.document.period.start else None
    glossary = {entry.abbreviation: entry.expansion for entry in plan.glossary}
    if fix.field == "text":
        item.text = fix.value
    elif fix.field == "owners" and isinstance(item, pj.Commitment):
        item.owners = normalise_owners(_OWNER_LIST.split(fix.value), glossary)
    elif fix.field == "due":
        item.due = parse_due(fix.value, year)
    elif fix.field == "target" and isinstance(item, pj.Indicator):
        item.target, item.baseline = parse_target(fix.value)


def _fix_document(plan: pj.Plan, fix: Fix) -> None:
    info = plan.document
    if fix.field == "organisation":  # an ODS code of the NHS lists, else a name (resolved as printed names are)
        named = trust_with_code(fix.value) or resolve_organisation((fix.value,))
        info.organisation = pj.Organisation(name=named.name, code=named.code) if named else \
            pj.Organisation(name=fix.value)
    elif fix.field == "kind":
        info.kind = fix.value
    else:
        info.period = plan_period([fix.value])


# --------------------------------------------------------------------------- in the database


def fixes_of(session: Session, document_ids: list[int]) -> list[db.Correction]:
    """The corrections made on these documents, oldest first."""
    if not document_ids:
        return []
    return list(session.scalars(select(db.Correction).where(db.Correction.document_id.in_(document_ids))
                                .order_by(db.Correction.id)))


def as_fix(row: db.Correction) -> Fix:
    return Fix(row.item, row.item_ref, row.item_text, row.field, row.value)


def carry_over(session: Session, plan: pj.Plan, replaced: list[int]) -> tuple[pj.Plan, list[db.Correction]]:
    """`plan` with the corrections of the versions it replaces applied; each correction's
    status set (applied or unmatched). Returns the plan and the corrections, to be moved to
    the new version once it has an id."""
    rows = fixes_of(session, replaced)
    if not rows:  # the usual case: nothing to copy the plan for
        return plan, []
    fixed, found = apply_fixes(plan, [as_fix(row) for row in rows])
    for row, matched in zip(rows, found, strict=True):
        row.status = "applied" if matched else "unmatched"
    return fixed, rows


def list_corrections(engine: Engine) -> list[db.Correction]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(db.Correction).order_by(db.Correction.id)))


def new_correction(document_id: int, plan: pj.Plan, earlier: list[db.Correction], item: str, selector: str | None,
                   field: str, value: str, note: str | None) -> db.Correction:
    """The correction row for a fix to `plan` (the loaded document's plan, with the `earlier`
    corrections applied): the item is named by its ref and its text as extracted."""
    check_fix(item, field)
    ref = text = None
    if item != "document":
        if not selector:
            raise TrustplansError(item, "name the item: its ref or the start of its text")
        target = find_item(plan, item, selector)
        ref, text = _ref_of(target), target.text
        for before in earlier:  # its text was corrected already: name it by the text as extracted
            if before.item == item and before.field == "text" and before.value == text:
                text = before.item_text
    return db.Correction(document_id=document_id, item=item, item_ref=ref, item_text=text, field=field,
                         value=value, note=note, made_at=utc_now(), status="applied")
