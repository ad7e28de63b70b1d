"""The lexicon of NHS board and senior roles (data/roles.csv) and the word lists around it.

Pure look-ups: an abbreviation or title -> (canonical title, portfolio), the portfolio a
spelled-out title implies, and the vocabulary (data/vocabulary.yaml) that tells roles, groups
and organisations apart.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from normalisers.data import data_file

_PUNCT_EDGES = " .,;:-/()"
_LONGEST_TITLE = 120  # characters
_AND = re.compile(r"\s*&\s*")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[A-Za-z&'-]+")
_PLURAL_HEADS = {
    "Director": "Directors",
    "Officer": "Officers",
    "Nurse": "Nurses",
    "Head": "Heads",
    "Lead": "Leads",
    "Manager": "Managers",
    "Executive": "Executives",
    "Matron": "Matrons",
}


class Role(NamedTuple):
    title: str
    portfolio: str | None


@lru_cache(maxsize=8192)
def role_key(text: str) -> str:
    """Lookup key: lower case, "&" read as "and", white space collapsed, edge punctuation dropped."""
    text = _AND.sub(" and ", text.strip(_PUNCT_EDGES))
    return _SPACES.sub(" ", text).lower()


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Role]:
    with data_file("roles.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    table: dict[str, Role] = {}
    for row in rows:
        table.setdefault(row["variant"], Role(row["title"], row["portfolio"]))  # exact spelling first
    for row in rows:
        table.setdefault(role_key(row["variant"]), Role(row["title"], row["portfolio"]))
    return table


@lru_cache(maxsize=1)
def lexicon_abbreviations() -> frozenset[str]:
    """The lexicon's abbreviations ("COO", "DP&C", "DOp"): variants of one token."""
    with data_file("roles.csv").open(encoding="utf-8") as fh:
        return frozenset(row["variant"] for row in csv.DictReader(fh) if " " not in row["variant"])


@lru_cache(maxsize=1)
def lexicon_titles() -> tuple[str, ...]:
    """Every spelled-out variant of the lexicon (for the spaCy role recogniser)."""
    with data_file("roles.csv").open(encoding="utf-8") as fh:
        return tuple(row["variant"] for row in csv.DictReader(fh) if " " in row["variant"])


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    with data_file("vocabulary.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {name: frozenset(words) for name, words in data.items()}


@lru_cache(maxsize=1)
def role_start_words() -> frozenset[str]:
    """Words a role title can begin with: the lexicon's first words plus the vocabulary's list."""
    firsts = {title.split()[0].lower() for title in lexicon_titles()}
    return frozenset(firsts | vocabulary()["role_starts"])


@lru_cache(maxsize=1)
def _title_words() -> dict[str, str]:
    with data_file("title_words.csv").open(encoding="utf-8") as fh:
        return {row["word"]: row["expansion"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _portfolio_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    with data_file("portfolio_words.csv").open(encoding="utf-8") as fh:
        return tuple((re.compile(rf"\b{re.escape(row['keyword'])}\b"), row["portfolio"]) for row in csv.DictReader(fh))


def expand_title_words(text: str) -> str:
    """Spell out abbreviated words inside a title ("Dir of Estates" -> "Director of Estates")."""
    words = _title_words()
    return " ".join(
        words.get(tok.rstrip(",."), tok.rstrip(",.")) + tok[len(tok.rstrip(",.")) :] for tok in text.split()
    )


@lru_cache(maxsize=4096)
def portfolio_from_words(title: str) -> str | None:
    """The portfolio a spelled-out title implies from its words, by the priority of portfolio_words.csv."""
    lowered = role_key(title)
    for pattern, portfolio in _portfolio_words():
        if pattern.search(lowered):
            return portfolio
    return None


def pluralise_title(title: str) -> str:
    """The plural of a title: "Divisional Director of Operations" -> "Divisional Directors of Operations"."""
    words = title.split()
    head = next((i for i, w in enumerate(words) if w.lower() in {"of", "for"}), len(words)) - 1
    if head >= 0:
        word = words[head]
        words[head] = _PLURAL_HEADS.get(word, word if word.endswith("s") else word + "s")
    return " ".join(words)


_SINGULAR_HEADS = {plural.lower(): singular for singular, plural in _PLURAL_HEADS.items()}


def singular_variants(text: str) -> list[str]:
    """Singular readings of a plural role: "DDs" -> "DD", "Directors of Finance" -> "Director of Finance"."""
    out = []
    if len(text) > 2 and text.endswith("s") and " " not in text:
        out.append(text[:-1])
    words = text.split()
    for i, w in enumerate(words):
        singular = _SINGULAR_HEADS.get(w.lower()) or (
            w[:-1] if len(w) > 3 and w.endswith("s") and w[-2] != "s" else None
        )
        if singular:
            out.append(" ".join([*words[:i], singular, *words[i + 1 :]]))
    return out


@lru_cache(maxsize=8192)
def lookup_role(text: str) -> tuple[Role, bool] | None:
    """(role, is_plural) for an abbreviation or title in the lexicon, else None."""
    if len(text) > _LONGEST_TITLE:
        return None
    table = _lexicon()
    found = table.get(text.strip(_PUNCT_EDGES)) or table.get(role_key(text))
    if found:
        return found, False
    for singular in singular_variants(text.strip(_PUNCT_EDGES)):
        found = table.get(singular) or table.get(role_key(singular))
        if found:
            return Role(pluralise_title(found.title), found.portfolio), True
    return None


def has_role_word(text: str) -> bool:
    heads = vocabulary()["role_heads"]
    return any(w.lower() in heads for w in _WORDS.findall(text))


def last_word(text: str) -> str:
    words = _WORDS.findall(re.sub(r"\([^)]*\)", " ", text))
    return words[-1].lower() if words else ""


_WEAK_ROLE_WORDS = frozenset({"lead", "leads", "owner", "executive", "executives", "head", "heads", "dir", "mgr"})


@lru_cache(maxsize=8192)
def is_role_phrase(text: str) -> bool:
    """A known role, or a phrase built on a role word ("Head of Patient Safety", "Clinical Lead")."""
    if lookup_role(text):
        return True
    words = {w.lower() for w in _WORDS.findall(text)}
    heads = vocabulary()["role_heads"]
    return bool(words & (heads - _WEAK_ROLE_WORDS)) or last_word(text) in heads or "head of" in role_key(text)
