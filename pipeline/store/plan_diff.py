"""What changed between two plans (two versions, or two years, of one trust's plan): the
commitments added, dropped, reworded, moved to another owner, and slipped or brought forward.

Commitments are paired in three passes: the same text (case and punctuation aside); the same
printed ref with much the same words; the most similar remaining text above SIMILAR. Owners
are compared by canonical role, so "ECN" and "Chief Nurse" are the same owner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from normalisers.canonical_roles import canonical_role
from pipeline.store.renditions import agreement, words
from schemas import plan as pj

SIMILAR = 0.6  # share of words two texts share to be one commitment reworded


@dataclass(frozen=True, slots=True)
class Change:
    change: str  # added, dropped, reworded, moved, slipped, brought forward
    ref: str | None
    commitment: str
    before: str | None = None
    after: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def diff_plans(first: pj.Plan, second: pj.Plan) -> list[Change]:
    """Every change from `first` to `second`, in the order of `second` (dropped ones last)."""
    pairs = _pairs(first.commitments, second.commitments)
    paired_first = {id(a) for a, _ in pairs}
    changes = []
    by_second = {id(b): a for a, b in pairs}
    for commitment in second.commitments:
        before = by_second.get(id(commitment))
        if before is None:
            changes.append(Change("added", commitment.ref, commitment.text))
        else:
            changes.extend(_changes(before, commitment))
    changes.extend(Change("dropped", c.ref, c.text) for c in first.commitments if id(c) not in paired_first)
    return changes


def _pairs(first: list[pj.Commitment], second: list[pj.Commitment]) -> list[tuple[pj.Commitment, pj.Commitment]]:
    left, right = list(first), list(second)
    pairs = []

    def take(a: pj.Commitment, b: pj.Commitment) -> None:
        pairs.append((a, b))
        left.remove(a)
        right.remove(b)

    for b in list(right):
        if a := next((a for a in left if words(a.text) == words(b.text)), None):
            take(a, b)
    for b in list(right):
        if b.ref and (a := next((a for a in left if a.ref == b.ref
                                 and agreement(words(a.text), words(b.text)) >= SIMILAR / 2), None)):
            take(a, b)
    scored = sorted(((agreement(words(a.text), words(b.text)), i, j) for i, a in enumerate(left)
                     for j, b in enumerate(right)), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((left[i], right[j]))
    return pairs


def _roles(commitment: pj.Commitment) -> list[str]:
    return [role.role if (role := canonical_role(o.title)) else o.raw for o in commitment.owners]


def _changes(before: pj.Commitment, after: pj.Commitment) -> Iterator[Change]:
    ref, text = after.ref, after.text
    if words(before.text) != words(after.text):
        yield Change("reworded", ref, text, before.text, after.text)
    if sorted(_roles(before)) != sorted(_roles(after)):
        yield Change("moved", ref, text, "; ".join(_roles(before)) or None, "; ".join(_roles(after)) or None)
    was, now = before.due.end if before.due else None, after.due.end if after.due else None
    if was and now and was != now:
        yield Change("slipped" if now > was else "brought forward", ref, text,
                     before.due.raw if before.due else None, after.due.raw if after.due else None)
