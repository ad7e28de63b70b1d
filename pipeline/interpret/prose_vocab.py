"""The vocabulary of prose plans (pipeline/data/prose.yaml) as compiled recognisers."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import yaml

from normalisers.owners import names_roles
from normalisers.text import alternation
from pipeline.interpret.data import data_file
from pipeline.interpret.labels import numbered_heading, objective_code, ref_from_word

_END = r"\s*[:.?!]?\s*"
_SEP = r"\s*[:.\-–—)]\s*"
_REF = r"(\d{1,2}(?:\.\d{1,2})?|[a-z]{1,3}\d{1,2}(?:\.\d{1,2})?|[a-z]{3,9}|[ivx]{1,4}|[a-z])"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return yaml.safe_load(data_file("prose.yaml").read_text("utf-8"))


def _phrases(key: str) -> str:
    """The vocabulary's phrases under `key` (regular expressions) as one alternation."""
    return alternation(vocabulary()[key], patterns=True)


_QUALIFIERS = r"(?:(?:our|the|key|main|core|headline|primary|principal)\s+)*"  # "Key measures" is "measures"


@cache
def _heading(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^{_QUALIFIERS}(?:{_phrases(kind)}){_END}$", re.I)


@cache
def _start(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_phrases(kind)})\b", re.I)


@cache
def _label(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:our\s+)?(?:{_phrases(kind)})\s+{_REF}\b{_SEP}(.+)$", re.I)


def heading_ref(text: str) -> tuple[str, str] | None:
    """A heading's printed ref and its title without the label ("Priority 1 - Digital" -> "1",
    "Digital"; "BS1 Work with partners"; "1.2 Reduce harm"), else None. Labels of either level
    are stripped: a heading's level comes from where it sits, not from its word."""
    found = labelled("theme_labels", text) or labelled("objective_labels", text) or objective_code(text) \
        or numbered_heading(text)
    return (found[0], found[1]) if found else None


def is_heading_of(kind: str, text: str) -> bool:
    """Whether a heading is exactly one of the `kind` headings ("Measures", "Why this matters")."""
    return bool(_heading(kind).match(text.strip()))


def starts_with(kind: str, text: str) -> bool:
    return bool(_start(kind).match(text.strip()))


def labelled(kind: str, text: str) -> tuple[str, str] | None:
    """"Priority 2 - Safer care" with kind objective_labels -> ("2", "Safer care")."""
    match = _label(kind).match(text.strip())
    if not match:
        return None
    word = match.group(1)
    ref = ref_from_word(word)
    if not any(ch.isdigit() for ch in ref) and len(word) > 1:
        return None  # "Priority areas: ..." is no numbered label
    return ref.upper() if len(ref) == 1 and ref.isalpha() else ref, match.group(2).strip()


@cache
def _lead_line() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_phrases('objective_lead_labels')})\s*:\s*(.+)$", re.I)


_LABELLED = re.compile(r"^([A-Za-z][\w ’'-]{0,40}?)\s*:\s*(.+)$")
_LABEL_WORDS = 4


def lead_line(text: str) -> str | None:
    """"Priority leads: Medical Director and ..." -> "Medical Director and ..."; also a line of
    any short label whose value names only roles ("Senior owner: DoF")."""
    match = _lead_line().match(text.strip())
    if match:
        return match.group(1).strip()
    labelled_line = _LABELLED.match(text.strip())
    if labelled_line and len(labelled_line.group(1).split()) <= _LABEL_WORDS \
            and names_roles(labelled_line.group(2).strip(), {}):
        return labelled_line.group(2).strip()
    return None


@lru_cache(maxsize=1)
def _inline_lead() -> re.Pattern[str]:
    return re.compile(rf"\((?:{_phrases('inline_lead_labels')})\s*[:\-–]\s*([^()]+)\)", re.I)


def inline_lead(text: str) -> tuple[str, str] | None:
    """"... (Lead: Chief Digital Officer, by March 2026)" -> ("Chief Digital Officer", "by March 2026")."""
    match = _inline_lead().search(text)
    if not match:
        return None
    who, _, rest = match.group(1).partition(",")
    if ";" in who:
        who, _, rest = match.group(1).partition(";")
    return who.strip(), rest.strip()


@cache
def _cue(kind: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_phrases(kind)})\b", re.I)


def mentions(kind: str, text: str) -> bool:
    """Whether any phrase of `kind` occurs in the text as whole words."""
    return _cue(kind).search(text) is not None


def cue_after(kind: str, sentence: str) -> str | None:
    """The text after a goal or measure cue in a sentence, or None without the cue."""
    match = _cue(kind).search(sentence)
    return sentence[match.end():] if match else None


def column_kind(header: str) -> str | None:
    """"Baseline (2023/24)" -> "baseline", "Key measure" -> "text": the kind of the longest
    measure_columns phrase the header holds as whole words."""
    key = " " + " ".join(re.sub(r"[^a-z ]+", " ", re.sub(r"\(.*?\)", "", header).lower()).split()) + " "
    found = [(len(n), kind) for kind, names in vocabulary()["measure_columns"].items() for n in names
             if f" {n} " in key]
    return max(found)[1] if found else None
