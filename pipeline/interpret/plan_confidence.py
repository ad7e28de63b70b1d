"""How plan-like a reading is: a confidence for each commitment and one for the document,
weighed from evidence every layout has, not from where the items were found.

A commitment is surer when its text reads as an action ("Deliver ...", "We will ...") and when
it has an owner, a due date and a printed ref. A document is surer when its title names a plan
kind (data/layout.yaml `document_kinds`) and its commitments are sure; a title naming a kind of
document that is not a plan (`non_plan_kinds`: a constitution, an operating procedure) counts
against it. Below `PLAN_THRESHOLD` the interpreter answers "no plan found".
"""

from __future__ import annotations

from dataclasses import dataclass

from normalisers.actions import is_action
from pipeline.interpret.context import PlanParts
from pipeline.interpret.document_meta import is_non_plan_kind, is_plan_kind
from schemas.plan import Commitment

PLAN_THRESHOLD = 0.45
_PRIOR = {"plan": 0.8, "unknown": 0.5, "not_plan": 0.1}  # by the kind the title names
_PRIOR_WEIGHT = 0.5
# a commitment's confidence: a base, plus each piece of evidence it shows
_BASE, _ACTION, _OWNER, _DUE, _REF = 0.2, 0.45, 0.2, 0.1, 0.05
_INDICATOR_BASE, _INDICATOR_TARGET = 0.2, 0.6  # a plan of measures only: how many state a target


def commitment_confidence(item: Commitment) -> float:
    score = _BASE + _ACTION * is_action(item.text) + _OWNER * bool(item.owners) + _DUE * (item.due is not None) \
        + _REF * (item.ref is not None)
    return round(min(score, 1.0), 2)


@dataclass(frozen=True, slots=True)
class PlanConfidence:
    score: float
    reason: str  # the evidence, in words, for a "no plan found" message

    @property
    def is_plan(self) -> bool:
        return self.score >= PLAN_THRESHOLD


def _prior(kind: str) -> tuple[float, str]:
    if is_plan_kind(kind):
        return _PRIOR["plan"], f"the title names a {kind.replace('_', ' ')}"
    if is_non_plan_kind(kind):
        return _PRIOR["not_plan"], f"the title names a {kind.replace('_', ' ')}, not a plan"
    return _PRIOR["unknown"], "the title names no kind of plan"


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def _content(parts: PlanParts) -> tuple[float, str]:
    commitments = parts.commitments
    if commitments:
        scores = [c.confidence if c.confidence is not None else commitment_confidence(c) for c in commitments]
        n = len(commitments)
        actions = sum(is_action(c.text) for c in commitments)
        owned = sum(bool(c.owners) for c in commitments)
        dated = sum(c.due is not None for c in commitments)
        return sum(scores) / n, (f"{_share(actions, n)} of {n} items read as actions, {_share(owned, n)} have an "
                                 f"owner and {_share(dated, n)} a due date")
    indicators = parts.indicators
    if indicators:
        targets = sum(i.target is not None for i in indicators)
        share = targets / len(indicators)
        return _INDICATOR_BASE + _INDICATOR_TARGET * share, \
            f"no commitments; {_share(targets, len(indicators))} of {len(indicators)} measures state a target"
    return _INDICATOR_BASE, "only objectives, with no commitments or measures"


def plan_confidence(parts: PlanParts, kind: str, *, kind_given: bool = False) -> PlanConfidence:
    """The document's confidence of holding a plan; `kind_given` when the caller (a sources
    registry, an analyst) says what the document is, which is then taken as a plan kind."""
    prior, prior_reason = (_PRIOR["plan"], "it is registered as a plan") if kind_given else _prior(kind)
    content, content_reason = _content(parts)
    score = round(_PRIOR_WEIGHT * prior + (1 - _PRIOR_WEIGHT) * content, 2)
    return PlanConfidence(score=score, reason=f"{prior_reason}; {content_reason}")
