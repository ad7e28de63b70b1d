"""Owners of plan items: splitting an Owner / Lead cell into people, spelling out their titles.

Titles come from the document's own glossary first, else from the role lexicon
(data/roles.csv); spelled-out roles keep their printed wording. The groups that assure an
item are read by normalisers/assurance.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.util import filter_spans

from normalisers.assurance import glossary_kind, names_a_group
from normalisers.cell_lines import (
    AND,
    glossary_get,
    is_acronym,
    join_wrapped,
    prepare_glossary,
    split_outside_brackets,
    unique,
)
from normalisers.nlp import analyse
from normalisers.roles import (
    expand_title_words,
    has_role_word,
    is_role_phrase,
    lookup_role,
    pluralise_title,
    portfolio_from_words,
    role_start_words,
    vocabulary,
)
from normalisers.text import alternation, clean_text
from schemas.plan import Owner

Glossary = Mapping[str, str]
_ENDS_OPEN = re.compile(r"(?:\b(?:of|and|for|the|to|in|with)|[&,/(\-–:])$", re.I)
_LONGEST_CELL = 200  # characters
_BRACKETED = re.compile(r"\(([^()]*)\)")
_CONTINUATION_STARTS = frozenset({"and", "of", "for", "&", "the", "in", "to", "with"})
_INCOMPLETE_ENDS = frozenset({"chief", "head", "heads", "dir", "deputy", "associate", "assistant", "interim", "acting"})


@lru_cache(maxsize=1)
def _deputy_label() -> re.Pattern[str]:
    return re.compile(r"^(?:" + alternation(vocabulary()["deputy_labels"]) + r")\s*[:\-–]?\s*", re.I)


def _known(text: str, glossary: Glossary) -> bool:
    return bool(glossary_get(glossary, text) or lookup_role(text))


def _owner_like(text: str, glossary: Glossary) -> bool:
    return _known(text, glossary) or is_role_phrase(text) or any(is_acronym(t) for t in text.split())


def _ends_role(text: str, glossary: Glossary) -> bool:
    """Whether a role's last word can end it ("Chief Operating" cannot; "Medical Director" can)."""
    text = text.strip()
    if _known(text, glossary) or all(is_acronym(t) for t in text.split()):
        return True
    words = re.findall(r"[A-Za-z]+", text)
    last = words[-1].lower() if words else ""
    return last in vocabulary()["role_heads"] and last not in _INCOMPLETE_ENDS


def _head_of(text: str) -> bool:
    """A role head, "of" / "for" and a name: "Director of Finance", "Head of Anything At All"."""
    if _ENDS_OPEN.search(text):
        return False
    words = re.findall(r"[A-Za-z&'-]+", text)
    heads = vocabulary()["role_heads"]
    return any(w.lower() in heads and words[i + 1].lower() in {"of", "for"} for i, w in enumerate(words[:-2]))


def _complete_role(text: str, glossary: Glossary) -> bool:
    """Whether a role is whole as printed: known (also once its words are spelled out), ending
    in a role word, or a "Director of X"."""
    return _ends_role(text, glossary) or _known(expand_title_words(text), glossary) or _head_of(text)


def _complete(text: str, glossary: Glossary) -> bool:
    """Whether a line can end an owner's name ("Chief Operating" cannot; "Medical Director" and
    "Ruth Okafor, Director of Finance" can)."""
    if _ends_role(text, glossary) or (_head_of(text) and not AND.search(text)):  # "Director for Surgery"
        return True
    role = _person_and_role(text, glossary)
    return role is not None and _complete_role(role, glossary)


def _person_name(name: str, glossary: Glossary) -> bool:
    """Whether text is a person's name as printed before a role: "Jane Doe", "Dr J. Sample",
    "Mrs P. Placeholder" (an honorific, an initial, or two to four capitalised words)."""
    words = name.split()
    if not 1 < len(words) <= 5 or _owner_like(name, glossary):
        return False
    honorific = words[0].lower().rstrip(".") in vocabulary()["honorifics"]
    initials = any(re.fullmatch(r"[A-Z]\.?", w) for w in words)
    capitalised = len(words) <= 4 and all(w[:1].isupper() for w in words)
    return honorific or initials or capitalised


def _starts_person(text: str, glossary: Glossary) -> bool:
    """Whether a line starts with a person's name and a comma ("Jane Doe, ...", "Dr J. Sample,")."""
    name, comma, _ = text.partition(",")
    return bool(comma) and all(w[:1].isupper() for w in name.split()) and _person_name(name, glossary)


def _starts_role(text: str, glossary: Glossary) -> bool:
    first = text.split()[0] if text.split() else ""
    return (
        is_acronym(first)
        or _known(first, glossary)
        or first.lower() in role_start_words()
        or first.lower().rstrip(".") in vocabulary()["honorifics"]
        or _starts_person(text, glossary)
    )


def _continues(previous: str, line: str, glossary: Glossary) -> bool:
    """Whether a visual line continues the owner name of the line above (a PDF wrap)."""
    if previous.count("(") > previous.count(")") or _ENDS_OPEN.search(previous):
        return True
    first = line.split()[0]
    if first[:1].islower() or first.lower() in _CONTINUATION_STARTS or first[:1] in ")&,/-(":
        return True
    if _starts_person(line, glossary):
        return False  # "Jane Doe, Chief People Officer" under another owner: a new owner
    complete = _complete(previous, glossary)
    if complete and first.lower().rstrip(".") in vocabulary()["honorifics"]:
        return False  # "Mrs P." (wrapped before "Placeholder, ...") under a whole owner: a new owner
    if not complete and not _starts_role(line, glossary):
        return True
    return not _owner_like(line, glossary)


def _person_and_role(text: str, glossary: Glossary) -> str | None:
    """The role of "Mr A. Example, Director of Finance" (a person's name before the role), else None."""
    name, comma, role = text.partition(",")
    role = role.strip()
    if not comma or not (_owner_like(role, glossary) or _known(expand_title_words(role), glossary)):
        return None
    return role if _person_name(name, glossary) else None


def _qualified(text: str, glossary: Glossary) -> tuple[str, str | None]:
    """("DOp", "Spec Med") for "DOp Spec Med": an abbreviation followed by words that are no role."""
    words = text.split()
    if len(words) < 2 or not (is_acronym(words[0]) or _known(words[0], glossary)):
        return text, None
    rest = words[1:]
    if rest[0].lower() in _CONTINUATION_STARTS or any(is_acronym(w) or has_role_word(w) for w in rest):
        return text, None
    return words[0], " ".join(rest)


def _known_role_run(text: str, glossary: Glossary) -> list[str] | None:
    """The roles of a line made only of known roles and abbreviations ("Chief Nurse Medical Director")."""
    doc = analyse(text, "roles")
    spans = {s.start: s for s in filter_spans(list(doc.spans["roles"]))}
    pieces, i = [], 0
    while i < len(doc):
        if i in spans:
            pieces.append(spans[i].text)
            i = spans[i].end
            continue
        token = doc[i].text
        if is_acronym(token) or _known(token, glossary):
            pieces.append(token)
        elif not (doc[i].is_punct or token.lower() in {"and", "&"}):
            return None
        i += 1
    return pieces if len(pieces) > 1 else None


# (raw owner, qualifier shared from a neighbour as in "DD & DOp Spec Med", the owner a deputy deputises for)
Part = tuple[str, str | None, str | None]


def _split_unit(text: str, glossary: Glossary) -> list[Part]:
    text = text.strip(" ,;:/&")
    if not text or _known(text, glossary):
        return [(text, None, None)] if text else []
    if len(text) > _LONGEST_CELL:  # prose, not a lead cell: split on separators only
        return [(part, None, None) for part in split_outside_brackets(text, "/;|+")]
    if bracket := _BRACKETED.search(text):
        inner = _deputy_label().sub("", bracket.group(1)).strip()
        outer = clean_text(text[: bracket.start()] + " " + text[bracket.end() :])
        if inner and outer and _owner_like(inner, glossary):
            principals = _split_unit(outer, glossary)
            principal = principals[0][0] if principals else None
            deputies = [(raw, q, principal) for raw, q, _ in _split_unit(inner, glossary)]
            return principals + deputies
    parts = split_outside_brackets(text, "/;|+")
    if len(parts) > 1:
        return [p for part in parts for p in _split_unit(part, glossary)]
    if _person_and_role(text, glossary):
        return [(text, None, None)]
    commas = split_outside_brackets(text, ",")
    if len(commas) > 1 and all(_owner_like(c, glossary) and _complete(c, glossary) for c in commas):
        return [p for c in commas for p in _split_unit(c, glossary)]
    for m in AND.finditer(text):
        left, right = text[: m.start()].strip(), text[m.end() :].strip()
        if (
            _complete(left, glossary)
            and _owner_like(left, glossary)
            and _starts_role(right, glossary)
            and _owner_like(right, glossary)
        ):
            rights = _split_unit(right, glossary)
            shared = _qualified(rights[0][0], glossary)[1] if rights else None
            lefts = [(raw, q or (shared if is_acronym(raw) else None), p) for raw, q, p in _split_unit(left, glossary)]
            return lefts + rights
    tokens = text.split()
    if len(tokens) > 1 and all(is_acronym(t) or _known(t, glossary) for t in tokens):
        return [(t, None, None) for t in tokens]
    run = _known_role_run(text, glossary) if len(tokens) > 2 else None
    return [(r, None, None) for r in run] if run else [(text, None, None)]


def _split(lines: Sequence[str], glossary: Glossary) -> list[Part]:
    if isinstance(lines, str):
        lines = [lines]
    units = join_wrapped(lines, lambda previous, line: _continues(previous, line, glossary))
    parts = [p for unit in units for p in _split_unit(unit, glossary)]
    seen: dict[str, Part] = {}
    for raw, qualifier, principal in parts:
        raw = raw.strip(" ,;:/&")
        if raw and raw not in seen:
            seen[raw] = (raw, qualifier, principal)
    return list(seen.values())


def split_owner_cell(lines: Sequence[str], glossary: Glossary | None = None) -> list[str]:
    """The owners one Owner / Lead cell names, each as printed (paragraphs or wrapped PDF lines)."""
    try:
        return unique(raw for raw, _, _ in _split(lines, prepare_glossary(glossary)))
    except (ValueError, IndexError, RecursionError):
        return [clean_text(" ".join(lines))] if clean_text(" ".join(lines)) else []


def _portfolio(title: str) -> str | None:
    found = lookup_role(title)
    return found[0].portfolio if found else portfolio_from_words(title)


def _spell_abbreviations(text: str, glossary: Glossary) -> str:
    """Role abbreviations inside a spelled-out title spelled out too: "Deputy CEO" -> "Deputy Chief
    Executive Officer"."""
    words = text.split()
    if len(words) < 2:
        return text
    spelled = []
    for word in words:
        title = None
        if is_acronym(word):
            found = glossary_get(glossary, word)
            if found and glossary_kind(word, found[0]) == "owner":
                title = found[0]
            elif (role := lookup_role(word)) and not role[1]:
                title = role[0].title
        spelled.append(title or word)
    return " ".join(spelled)


def role_title(text: str, glossary: Glossary) -> tuple[str | None, str | None]:
    """(title, portfolio) of one owner's role: glossary first, then the lexicon, then its own words."""
    found = glossary_get(glossary, text)
    if found and (glossary_kind(text, found[0]) == "owner" or not lookup_role(text)):
        expansion, plural = found
        title = pluralise_title(expansion) if plural else expansion
        return title, _portfolio(title)
    if " " in text.strip() or not is_acronym(text):
        title = expand_title_words(_spell_abbreviations(text, glossary))
        if not is_role_phrase(text) and not is_role_phrase(title):
            return None, None
        return title, _portfolio(text) or _portfolio(title)
    role = lookup_role(text)
    return (role[0].title, role[0].portfolio) if role else (None, None)


def _owner(raw: str, shared_qualifier: str | None, glossary: Glossary) -> Owner:
    role_text = _person_and_role(raw, glossary) or raw
    base, qualifier = _qualified(role_text, glossary)
    qualifier = qualifier or shared_qualifier
    title, portfolio = role_title(base, glossary)
    if title and qualifier:
        title = f"{title}, {expand_title_words(qualifier)}"
    return Owner(raw=raw, title=title, portfolio=portfolio)


def normalise_owners(lines: Sequence[str], glossary: Glossary) -> list[Owner]:
    """Each owner a cell names: raw as printed, title spelled out, portfolio.

    A deputy named in brackets ("Chief Nurse (Deputy: Head of Patient Safety)") takes the
    portfolio of the executive they deputise for.
    """
    glossary = prepare_glossary(glossary)
    try:
        parts = _split(lines, glossary)
    except (ValueError, IndexError, RecursionError):
        return []
    owners = {raw: _owner(raw, qualifier, glossary) for raw, qualifier, _ in parts}
    for raw, _, principal in parts:
        lead = owners.get(principal) if principal else None
        if lead is not None and lead.portfolio:
            owners[raw] = owners[raw].model_copy(update={"portfolio": lead.portfolio})
    return list(owners.values())


def names_roles(text: str, glossary: Glossary) -> bool:
    """The text names only people or roles the lexicon or the document's key knows ("CFO / COO",
    "Jane Smith, Chief Nurse"), or acronyms shaped like a director's or a chief officer's ("DoE",
    "CTO"): evidence of an owner column, whatever its header says."""
    owners = normalise_owners([text], glossary)
    return bool(owners) and all((owner.title and owner.portfolio and not names_a_group(owner.title))
                                or (owner.title is None and _ROLE_ACRONYM.match(owner.raw.strip())) for owner in owners)


_ROLE_ACRONYM = re.compile(r"^(?:Do[A-Z][A-Za-z&]{0,5}|C[A-Z]{1,4}O)$")  # Director of ..., Chief ... Officer


_TRAILING = (re.compile(r"\[([^\[\]]{2,120})\]\s*\.?$"), re.compile(r"\(([^()]{2,120})\)\s*\.?$"),
             re.compile(r"\s[\u2013\u2014-]\s+([^\u2013\u2014]{2,120}?)\s*\.?$"))


def trailing_owner(text: str, glossary: Glossary) -> str | None:
    """The owner printed after an item ("... [Jane Chen, Director of Estates]", "... – CFO",
    "... (COO)"), when what follows the item names only roles or people in them."""
    for pattern in _TRAILING:
        match = pattern.search(text)
        if match and names_roles(match.group(1).strip(), glossary):
            return match.group(1).strip()
    return None
