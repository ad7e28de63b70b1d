"""What an analyst should look at in an extraction: a document that reads as a plan only just,
commitments without an owner or a due date, read with low confidence, text that stops
mid-sentence, words OCR was unsure of. One line per kind of problem, with the first few
items it concerns and where they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from schemas.plan import Commitment, Plan, Provenance

OCR_CONFIDENCE_FLOOR = 60.0  # mean word confidence (0-100) below which OCR'd text needs a look
PLAN_CONFIDENCE_FLOOR = 0.6  # a document read as a plan below this is one only just
COMMITMENT_CONFIDENCE_FLOOR = 0.5  # a commitment below this may be context, not a commitment
EXAMPLES = 5  # items named per warning
_OPEN_END = re.compile(r"(?:[,;:(&/\-–]|\b(?:and|or|of|to|the|for|with|in|by|a|an))$", re.I)


def where(provenance: Provenance | None) -> str:
    """"p.3, table 2 row 5" (1-based), or "" where the item's place is not known."""
    if provenance is None:
        return ""
    parts = [f"p.{provenance.page}"] if provenance.page is not None else []
    if provenance.table is not None:
        parts.append(f"table {provenance.table + 1}" + (f" row {provenance.row + 1}" if provenance.row is not None
                                                         else ""))
    return ", ".join(parts)


def plan_warnings(plan: Plan) -> list[str]:
    checks: Sequence[tuple[str, Callable[[Commitment], bool]]] = (
        ("without an owner", lambda c: not c.owners),
        ("without a due date", lambda c: c.due is None),
        ("ending mid-sentence", lambda c: bool(_OPEN_END.search(c.text.rstrip()))),
        (f"read with confidence below {COMMITMENT_CONFIDENCE_FLOOR:g} (context rather than commitments?)",
         lambda c: c.confidence is not None and c.confidence < COMMITMENT_CONFIDENCE_FLOOR),
        (f"read by OCR with confidence below {OCR_CONFIDENCE_FLOOR:g}",
         lambda c: c.provenance is not None and c.provenance.confidence is not None
         and c.provenance.confidence < OCR_CONFIDENCE_FLOOR),
    )
    warnings = []
    confidence = plan.document.plan_confidence
    if confidence is not None and confidence < PLAN_CONFIDENCE_FLOOR:
        warnings.append(f"plan confidence {confidence:.2f}: this reads as a plan only just; check that it is one")
    for problem, applies in checks:
        found = [c for c in plan.commitments if applies(c)]
        if found:
            named = [f"{c.ref or _short(c.text)}" + (f" ({where(c.provenance)})" if where(c.provenance) else "")
                     for c in found[:EXAMPLES]]
            more = f" (+{len(found) - EXAMPLES} more)" if len(found) > EXAMPLES else ""
            warnings.append(f"{len(found)} commitments {problem}: {'; '.join(named)}{more}")
    return warnings


def _short(text: str, length: int = 40) -> str:
    """The text in quotes, cut after its last whole word within `length` characters."""
    if len(text) <= length:
        return f'"{text}"'
    return f'"{text[:length + 1].rsplit(" ", 1)[0].rstrip(" ,;:")}…"'
