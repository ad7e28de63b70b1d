"""Assurance groups (committees, boards, meetings) and the kind of a glossary entry."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Literal

from normalisers.cell_lines import (
    AND,
    glossary_get,
    is_acronym,
    join_wrapped,
    prepare_glossary,
    split_outside_brackets,
    unique,
)
from normalisers.roles import is_role_phrase, last_word, lookup_role, vocabulary
from normalisers.text import clean_text
from schemas.plan import Assurance

_LONGEST_NAME = 200  # characters
_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "to", "the", "in"})
_ENDS_OPEN = re.compile(r"(?:\b(?:of|and|for|the|to|in|on)|[&,(\-–:])$", re.I)
_BRACKETS = re.compile(r"\([^)]*\)")
_HEAD_BEFORE_OF = re.compile(r"\b([A-Za-z-]+)\s+(?:of|in|for)\s", re.I)


def _group_heads() -> frozenset[str]:
    return vocabulary()["group_heads"]


def names_a_group(text: str) -> bool:
    """A committee's name: it ends in a group word, or one stands before "of"/"in"/"for"
    ("Board of Directors", "Committees in Common")."""
    heads = _group_heads()
    lowered = text.lower().strip(" .")
    if last_word(text) in heads or any(lowered.endswith(p) for p in vocabulary()["group_phrases"]):
        return True
    head = _HEAD_BEFORE_OF.search(text)
    return bool(head) and head.group(1).lower() in heads


@lru_cache(maxsize=4096)
def glossary_kind(abbreviation: str, expansion: str) -> Literal["owner", "group", "other"]:
    """The kind of a glossary entry: a role ("owner"), a committee / group / board / meeting
    ("group"), or anything else ("other")."""
    text = clean_text(expansion)
    lowered = text.lower()
    if any(name in lowered for name in vocabulary()["organisation_names"]):
        return "other"
    core = _BRACKETS.sub(" ", text)
    if names_a_group(core) or names_a_group(core.split(",")[0]):
        return "group"
    if is_role_phrase(core) or (not text and lookup_role(abbreviation)):
        return "owner"
    return "other"


def _is_group_like(text: str, glossary: Mapping[str, str]) -> bool:
    words = text.split()
    if len(words) == 1 and (is_acronym(words[0]) or glossary_get(glossary, words[0])):
        return True
    return last_word(text) in _name_ends()


def _glossary_group(token: str, glossary: Mapping[str, str]) -> bool:
    found = glossary_get(glossary, token)
    return bool(found) and glossary_kind(token, found[0]) == "group"


def _name_ends() -> frozenset[str]:
    return _group_heads() | vocabulary()["group_name_ends"]


def _ends_name(line: str, glossary: Mapping[str, str]) -> bool:
    """Whether a line can end a group's name ("Quality and Safety" cannot; "STP CFOs" can)."""
    words = line.split()
    return bool(words) and (
        last_word(line) in _name_ends() or is_acronym(words[-1]) or bool(glossary_get(glossary, words[-1]))
    )


def _continues_name(previous: str, line: str, glossary: Mapping[str, str]) -> bool:
    """Whether a PDF line goes on with the name before it ("Quality and Safety" / "Committee")."""
    first = line.split()[0]
    return bool(_ENDS_OPEN.search(previous)
                or first[:1].islower()
                or first.lower() in _CONNECTORS
                or first.strip(".,;:").lower() in _group_heads()
                or not _ends_name(previous, glossary))


def _split_run_on(text: str, glossary: Mapping[str, str]) -> list[str]:
    """Split a line that runs several names together at the end of each name:
    "ERP Steering Committee Business Systems Board Corporate CEAG" -> three names."""
    tokens = text.split()
    heads = _name_ends()
    pieces, current = [], []
    for i, token in enumerate(tokens):
        current.append(token)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is None or following.lower() in _CONNECTORS or not following[:1].isupper():
            continue
        word = token.strip(".,;:").lower()
        ends_name = word in heads and following.strip(".,;:").lower() not in heads \
            and (len(current) >= 2 or word in _group_heads())  # "Executive Management Committee" is one
        after_of = len(current) >= 3 and current[-2].lower() in {"of", "for"} and current[-3].lower() in heads
        lone_group_abbreviation = len(current) == 1 and _glossary_group(token, glossary)
        if ends_name or after_of or lone_group_abbreviation:
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_and(text: str, glossary: Mapping[str, str]) -> list[str]:
    """Split at "and" / "&" between two groups: "FPC and ARC"; "Audit and Risk Committee" stays one."""
    for m in AND.finditer(text):
        left, right = text[: m.start()], text[m.end() :]
        if _is_group_like(left, glossary) and _is_group_like(right, glossary):
            return [left, *_split_and(right, glossary)]
    return [text]


def split_assurance_cell(lines: Sequence[str], glossary: Mapping[str, str] | None = None) -> list[str]:
    """The names of the groups one assurance cell (or "Assuring committees:" line) names."""
    glossary = prepare_glossary(glossary)
    names: list[str] = []
    cell = [lines] if isinstance(lines, str) else lines
    for line in join_wrapped(cell, lambda previous, line: _continues_name(previous, line, glossary)):
        for part in split_outside_brackets(line, "/;|\n"):
            commas = split_outside_brackets(part, ",")
            all_groups = len(commas) > 1 and all(_is_group_like(c, glossary) for c in commas)
            for chunk in commas if all_groups else [part]:
                if len(chunk) > _LONGEST_NAME:  # prose, not a list of names
                    names.append(chunk)
                    continue
                for piece in _split_and(chunk, glossary):
                    names.extend(_split_run_on(piece, glossary))
    return unique(n.strip(" .,;:") for n in names if n.strip(" .,;:-–"))


def assurance_title(raw: str, glossary: Mapping[str, str]) -> str | None:
    """The glossary's expansion, else the name itself when spelled out, else None."""
    found = glossary_get(glossary, raw)
    if found:
        return found[0]
    words = raw.split()
    if len(words) == 1:
        return raw if words[0].lower() in _group_heads() else None
    if last_word(raw) not in _group_heads():
        groups = [w for w in words if _glossary_group(w, glossary)]
        if len(groups) == 1:
            return glossary_get(glossary, groups[0])[0]
    return raw


def normalise_assurance(lines: Sequence[str], glossary: Mapping[str, str]) -> list[Assurance]:
    """Each assuring group a cell names: raw as printed, title spelled out where known."""
    glossary = prepare_glossary(glossary)
    return [
        Assurance(raw=name, title=assurance_title(name, glossary)) for name in split_assurance_cell(lines, glossary)
    ]


def names_groups(text: str, glossary: Mapping[str, str]) -> bool:
    """The text names only committees or groups, by their names or by acronyms the document's key
    expands to one ("QC / FPC" with a key giving "Quality Committee", "Finance and Performance
    Committee"), or, with no key for them, by acronyms shaped like a committee's: evidence of an
    assurance column."""
    parts = split_assurance_cell([text], glossary)
    return bool(parts) and all(names_a_group(part) or _glossary_group(part, glossary)
                               or (not glossary_get(glossary, part) and is_committee_acronym(part)) for part in parts)


_COMMITTEE_ACRONYM = re.compile(r"^[A-Z][A-Z&]{0,5}[CGB]$")


def is_committee_acronym(text: str) -> bool:
    """An acronym that ends in the initial of Committee, Group or Board ("FPC", "QSC", "EMG", "TMB")
    and is no role's ("DoC" is a director) nor a service's or body's ("UEC", "CDC", "ICB")."""
    return bool(_COMMITTEE_ACRONYM.match(text.strip())) and lookup_role(text) is None \
        and text.strip().lower() not in vocabulary()["not_group_acronyms"]
