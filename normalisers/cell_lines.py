"""The lines of an owner or assurance cell, as both normalisers read them: labels dropped, OCR
repaired, wrapped names re-joined, split outside brackets; abbreviations and the document's
glossary looked up."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from normalisers.roles import vocabulary
from normalisers.text import alternation, clean_text, known_acronyms, repair_ocr

_ACRONYM = re.compile(r"(?:[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*|[A-Z]{2,}|[A-Z]&[A-Z])s?")
AND = re.compile(r"\s+(?:and|&)\s+", re.I)  # "and" / "&" between two names, or inside one
_STOP_WORDS = frozenset({"of", "and", "for", "the", "to", "in", "on", "at", "by", "with", "all", "a", "an", "or"})


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    return re.compile(r"^(?:" + alternation(vocabulary()["labels"]) + r")\s*[:\-–]\s*", re.I)


def strip_label(text: str) -> str:
    """Drop a printed label: "Lead: Chief Digital Officer" -> "Chief Digital Officer"."""
    return _label_pattern().sub("", text, count=1)


def clean_line(text: str) -> str:
    """OCR repair, lower-case OCR'd abbreviations restored ("coo" -> "COO"), label dropped."""
    text = repair_ocr(text)
    acronyms = known_acronyms()
    words = [
        w.upper() if w.islower() and w not in _STOP_WORDS and w.upper() in acronyms else w for w in text.split(" ")
    ]
    return strip_label(" ".join(words)).strip()


def join_wrapped(lines: Sequence[str], continues: Callable[[str, str], bool]) -> list[str]:
    """The cell's lines cleaned (clean_line), each joined to the one before where
    `continues(previous, line)`: a PDF line that wraps inside a name."""
    units: list[str] = []
    for line in lines:
        line = clean_line(line)
        if not line.strip(" -–—"):
            continue
        if units and continues(units[-1], line):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    return units


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split on any of the separator characters that are not inside brackets."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in map(clean_text, parts) if part]


@lru_cache(maxsize=8192)
def is_acronym(token: str) -> bool:
    """Whether a token is a printed abbreviation ("CFO", "DDs", "DP&C", "DOp") rather than a word."""
    token = token.strip(".,;:()")
    return bool(_ACRONYM.fullmatch(token)) and len(token) <= 10


class Glossary(dict[str, str]):
    """A document's glossary prepared for look-ups: also keyed by case-folded abbreviation."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        super().__init__(entries)
        self.folded = {k.casefold(): v for k, v in entries.items()}


def prepare_glossary(glossary: Mapping[str, str] | None) -> Glossary:
    return glossary if isinstance(glossary, Glossary) else Glossary(glossary or {})


def glossary_get(glossary: Mapping[str, str], key: str) -> tuple[str, bool] | None:
    """(expansion, is_plural) of a key in the document's glossary, exact case first, plurals too."""
    key = key.strip(" .,;:")
    if key in glossary:
        return clean_text(glossary[key]), False
    folded = prepare_glossary(glossary).folded
    if key.casefold() in folded:
        return clean_text(folded[key.casefold()]), False
    if len(key) > 2 and key.endswith("s") and key[:-1].casefold() in folded:
        return clean_text(folded[key[:-1].casefold()]), True
    return None


def unique(items: Iterable[str]) -> list[str]:
    """Items in order, repeats dropped."""
    return list(dict.fromkeys(items))
