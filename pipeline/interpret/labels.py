"""Recognisers for the labelled lines plans use: theme banners, outcome lines, assurance lines,
audience labels, coded priorities, numbered headings. Vocabulary in data/layout.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from normalisers.assurance import names_groups
from normalisers.text import alternation
from pipeline.interpret.data import data_file

_SEP = r"\s*[:.\-–—]\s*"
_LABEL_WORDS = 3  # words of a label before its colon


@lru_cache(maxsize=1)
def layout() -> dict[str, Any]:
    return yaml.safe_load(data_file("layout.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = layout()
    words = alternation(data["number_words"])
    glossary = f"(?:{alternation(data['glossary_headings'])})"
    return {
        "theme": re.compile(
            rf"^(?:{alternation(data['theme_keywords'])})\s+(\d+|{words}|[ivx]+|[a-z])\b{_SEP}(.+)$", re.I),
        "outcome": re.compile(rf"^(?:{alternation(data['outcome_labels'])})\s*:\s*(.+)$", re.I),
        "assurance": re.compile(rf"^(?:{alternation(data['assurance_labels'])})\s*:\s*(.+)$", re.I),
        "audience": re.compile(rf"^({alternation(list(data['audiences']))})\b\s*(?::\s*|$)(.*)$", re.I),
        "glossary": re.compile(rf"^(?:(?:appendix|annex|annexe)\s+\w{{1,3}}{_SEP})?"
                               rf"(?:(?:key to|list of|glossary of)\s+(?:the\s+)?)?{glossary}"
                               rf"(?:\s+(?:and|&)\s+{glossary})?(?:\s+used)?\s*:?$", re.I),
    }


_CODE = re.compile(r"^([A-Z]{1,6}\d{1,2}(?:\.\d{1,2})?[a-z]?)(?!\.[A-Za-z0-9])(?:\s*[:.\-–—]\s*|\s+|$)(.*)$")
# A printed item ref at the start of a cell: "1.1 Reduce ...", "1.2: Open ...", "P1.a Develop ...", "2a ..."
_ITEM_REF = re.compile(r"^((?:[A-Z]{1,6})?\d{1,2}(?:\.\d{1,2}|\.[a-z]\b|[a-z]\b)+)(?:\s*[.:)\-–—])?\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:[.)]|\s*[:\-–—])?\s+(\S.*)$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_NOT_CODES = re.compile(r"^(?:(?:FY|COVID|Q|NHS|WTE|KPI|CQUIN)\d|H[12](?:\s*\(|\s*\d|\s*$))", re.I)  # H1 2024: a half


def ref_from_word(word: str) -> str:
    """"two" -> "2", "IV" -> "4", "3" -> "3"."""
    lowered = word.lower()
    numbers = layout()["number_words"]
    if lowered in numbers:
        return str(numbers.index(lowered))
    if lowered in _ROMAN and not lowered.isdigit():
        return str(_ROMAN[lowered])
    return word


def theme_banner(text: str) -> tuple[str, str] | None:
    """"Strategic theme 4: Digital ..." -> ("4", "Digital ...")."""
    match = _patterns()["theme"].match(text.strip())
    if not match:
        return None
    return ref_from_word(match.group(1)), match.group(2).strip()


def group_label(text: str) -> str:
    """A measures group's label: a known audience's own name ("Patients" -> "Patient"), else the
    label as printed ("Our people")."""
    text = text.strip().rstrip(":").strip()
    return layout()["audiences"].get(text.lower(), text)


def outcome_line(text: str) -> str | None:
    match = _patterns()["outcome"].match(text.strip())
    return match.group(1).strip() if match else None


def assurance_line(text: str) -> str | None:
    """"Assuring committees: FPC and ARC" -> "FPC and ARC"; any short label whose value names
    only committees ("Assurance: PODC", "Governance route: Quality Committee") too."""
    match = _patterns()["assurance"].match(text.strip())
    if match:
        return match.group(1).strip()
    label, colon, value = text.strip().partition(":")
    if colon and 0 < len(label.split()) <= _LABEL_WORDS and value.strip() and names_groups(value.strip(), {}):
        return value.strip()
    return None


def audience_label(text: str) -> tuple[str, str] | None:
    """"Corporate:" -> ("Corporate", ""); "Patients: Friends and family test" -> ("Patient", "Friends ...")."""
    match = _patterns()["audience"].match(text.strip())
    if not match:
        return None
    return layout()["audiences"][match.group(1).lower()], match.group(2).strip()


def objective_code(text: str) -> tuple[str, str] | None:
    """"BS2: develop our role ..." -> ("BS2", "develop our role ...")."""
    stripped = text.strip()
    if _NOT_CODES.match(stripped):
        return None
    match = _CODE.match(stripped)
    if not match:
        return None
    return match.group(1), match.group(2).strip()


def item_ref(text: str) -> tuple[str, str] | None:
    """"P1.a Develop a ..." -> ("P1.a", "Develop a ..."): a sub-numbered ref printed before an item."""
    match = _ITEM_REF.match(text.strip())
    return (match.group(1), match.group(2).strip()) if match else None


def numbered_heading(text: str) -> tuple[str, str] | None:
    """"1. Quality and safety" -> ("1", "Quality and safety")."""
    match = _NUMBERED.match(text.strip())
    return (match.group(1), match.group(2).strip()) if match else None


def is_glossary_heading(text: str) -> bool:
    return bool(_patterns()["glossary"].match(text.strip()))
