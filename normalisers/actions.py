"""Does a text read as an action to be done ("Deliver ...", "We will roll out ...",
"Continuing to ...")? The evidence a commitment is what it seems, whatever column or list it
was read from. Verbs are data (data/action_verbs.txt)."""

from __future__ import annotations

import re
from functools import lru_cache

from normalisers.data import data_file

# "We will", "The trust is going to": who commits, and how
_PLEDGE = (r"(?:we|the trust|the icb|the board|the organisation) (?:will|shall|are going to|plan to|aim to|"
           r"intend to|commit to|are committed to)")
_LEAD = re.compile(
    r"^(?:[^\w]*(?:(?:[a-z]{1,3}\d[\w.]*|\d+(?:\.\d+)*)[.):]?|(?:[a-z]|[ivx]+)[.)])\s+)?"  # "1.2 ", "a) ", "BS1.3: "
    r"[\s\W]*"  # list markers
    r"(?:(?:by|in|during|from|over) [^,]{1,40},\s*)?"  # "By March 2025, "
    rf"(?:{_PLEDGE}\s+|we are\s+|we'll\s+|to\s+)?",
    re.I,
)
_WORD = re.compile(r"[a-z][a-z-]*", re.I)
_WE_WILL = re.compile(rf"\b{_PLEDGE}\b", re.I)


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    with data_file("action_verbs.txt").open(encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip() and not line.startswith("#"))


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected verb: "continuing" -> continu, continue; "embedding" ->
    embed. A past participle ("Improved outcomes") describes a result, not an action."""
    forms = [word]
    for suffix in ("ing", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # embedding -> embed
            if suffix == "es" and stem.endswith("i"):
                forms.append(stem[:-1] + "y")  # simplifies -> simplify
    return forms


def action_verb(text: str) -> str | None:
    """The action verb a text starts with, after any ref, list marker, "By <date>," or
    "We will", in its base form; else None."""
    rest = _LEAD.sub("", text.strip(), count=1)
    match = _WORD.match(rest)
    if match is None:
        return None
    verbs = _verbs()
    return next((form for form in _base_forms(match.group().lower()) if form in verbs), None)


def is_action(text: str) -> bool:
    """True when the text starts with an action verb or says what "we will" do."""
    return action_verb(text) is not None or bool(_WE_WILL.search(text[:200]))
