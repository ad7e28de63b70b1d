"""Whether a plan is another rendition of a loaded document: the same plan in another format
(the Word and the PDF copy a trust publishes side by side), told by its content: the texts of
its objectives, commitments and indicators, compared word for word after case and punctuation
are set aside, agree within SAME_CONTENT."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from schemas import plan as pj
from schemas import tables as db

SAME_CONTENT = 0.9  # share of item texts two files must have in common to be one document
_WORD = re.compile(r"\w+")


def same_content(session: Session, document_id: int, plan: pj.Plan) -> bool:
    """Whether the loaded document and `plan` hold the same items (within SAME_CONTENT)."""
    stored = [*session.scalars(select(db.Objective.title).where(db.Objective.document_id == document_id)),
              *session.scalars(select(db.Commitment.text).where(db.Commitment.document_id == document_id)),
              *session.scalars(select(db.Indicator.text).where(db.Indicator.document_id == document_id))]
    found = [*(o.title for o in plan.objectives), *(c.text for c in plan.commitments),
             *(i.text for i in plan.indicators)]
    return agreement(stored, found) >= SAME_CONTENT


def agreement(first: Iterable[str], second: Iterable[str]) -> float:
    """The share of item texts the two lists have in common (0 when either is empty)."""
    a, b = Counter(map(_key, first)), Counter(map(_key, second))
    larger = max(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / larger if larger and a and b else 0.0


def words(text: str | None) -> list[str]:
    """The words of a text in lower case, punctuation set aside: how items are compared."""
    return _WORD.findall((text or "").casefold())


def _key(text: str) -> str:
    return " ".join(words(text))
