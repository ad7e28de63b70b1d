"""What one table cell holds, judged from its own text: the evidence that decides a column's
kind where its header is unknown, missing or misleading (pipeline/interpret/columns.py).

Role titles and the document's acronyms are owners; committee names assurance; dates, quarters
and financial years due dates; numbers with a comparator measures; imperative sentences
actions; short codes refs; RAG words a status; ticks mark a period column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from normalisers.actions import is_action
from normalisers.assurance import names_groups
from normalisers.cell_lines import AND, split_outside_brackets
from normalisers.dates import is_date_text
from normalisers.owners import names_roles
from normalisers.targets import parse_target
from normalisers.text import clean_text

_REF = re.compile(r"^[A-Z]{0,4}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\.?$")
_TICK = re.compile(r"^[\u2713\u2714\u2715\u2717\u2718\u25cf\u25a0\u2022xX*✓✔]$|^(?:yes|y)$", re.I)
_STATUS = re.compile(r"^(?:green|amber|red|blue|grey|complete[d]?|on track|off track|at risk|in progress|"
                     r"not started|delayed|ongoing - on track|g|a|r|rag)$", re.I)
_SHORT = 12  # words: a longer cell is a sentence, not a name or a date
_TARGET_WORDS = 4  # words: a cell this short that states a target is the target
_SHORT_ACTION = 3  # words: "Recruit 50 nurses"; "Lead Nurse" is a role
_SHORT_NAME = 8  # words: each name in a longer list of them ("Director of Strategy and Partnerships / ...")

KINDS = ("ref", "tick", "status", "due", "owner", "assurance", "indicator", "deliverable", "text")


def cell_kind(text: str, glossary: Mapping[str, str], year_start: int | None = None) -> str | None:
    """The kind of content a cell holds (one of KINDS), or None for an empty cell."""
    text = clean_text(text)
    if not text or text.lower() in {"-", "–", "—", "n/a", "na"}:
        return None
    words = len(text.split())
    if _TICK.match(text):
        return "tick"
    if _STATUS.match(text):
        return "status"
    if is_date_text(text, year_start):
        return "due"
    if _REF.match(text):
        return "ref"
    target = parse_target(text)[0] if words <= _TARGET_WORDS else None
    if target is not None and (target.comparator != "=" or target.unit != "count"):
        return "indicator"  # "reduce by 20%", "more than 95%": a level to reach; "Open 2 wards" is work
    action = words >= _SHORT_ACTION and is_action(text)  # "Recruit 50 nurses" is work, not a role
    names = not action and (words <= _SHORT or all(len(part.split()) <= _SHORT_NAME for part in _names(text)))
    if names and names_groups(text, glossary):
        return "assurance"
    if names and names_roles(text, glossary):
        return "owner"
    if action:
        return "deliverable"
    if words >= 2 and parse_target(text)[0] is not None:
        return "indicator"
    return "text"


def _names(text: str) -> list[str]:
    """The parts of a list of names: split at / ; , and at "and" / "&"."""
    return [part for piece in split_outside_brackets(text, "/;,") for part in AND.split(piece)]


TARGET = "+target"  # a profile's count of sentence cells that state a target, whatever their kind
SAMPLE = 400  # cells of a long column that are judged


def profile(texts: Iterable[str], glossary: Mapping[str, str], year_start: int | None = None) -> Counter[str]:
    """How many of a column's cells hold each kind (empty cells left out), and how many of its
    sentences state a target (under TARGET)."""
    return Counter(_profile(tuple(texts), frozenset(glossary.items()), year_start))


@lru_cache(maxsize=256)  # a column is profiled by several stages (header, body, glossary check)
def _profile(texts: tuple[str, ...], glossary: frozenset[tuple[str, str]], year_start: int | None) -> Counter[str]:
    """A column of more than SAMPLE cells is judged from SAMPLE cells spread evenly down it,
    its counts scaled to the whole column: what the column holds shows as well, at a bounded cost."""
    sample = texts if len(texts) <= SAMPLE else tuple(texts[i * len(texts) // SAMPLE] for i in range(SAMPLE))
    expansions = dict(glossary)
    judged: dict[str, tuple[str | None, bool]] = {}  # a text repeated down the column is judged once
    found: Counter[str] = Counter()
    for text in sample:
        if text not in judged:
            kind = cell_kind(text, expansions, year_start)
            judged[text] = kind, kind in ("deliverable", "indicator", "text") and parse_target(text)[0] is not None
        kind, states_target = judged[text]
        if kind is not None:
            found[kind] += 1
        found[TARGET] += states_target
    if len(sample) < len(texts):
        found = Counter({kind: round(n * len(texts) / len(sample)) for kind, n in found.items()})
    return +found  # zero counts left out
