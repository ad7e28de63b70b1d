"""The NHS trust a document belongs to, resolved to its ODS code through data/nhs-trusts.csv."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from normalisers.text import clean_text, repair_ocr
from pipeline.config import TRUSTS_CSV
from schemas.plan import Organisation

# "Kingsbridge and District Hospitals NHS Foundation Trust": capitalised words (and small joining
# words) before "NHS (Foundation) Trust".
_TRUST_NAME = re.compile(
    r"(?:[A-Z][\w'’.&-]*\s+)(?:(?:[A-Z][\w'’.&-]*|and|of|the|for|&)\s+){0,12}?NHS\s+(?:Foundation\s+)?Trust\b"
)
_LEADING_WORDS = frozenset(
    {
        "welcome",
        "to",
        "at",
        "our",
        "the",
        "in",
        "this",
        "from",
        "by",
        "for",
        "about",
        "of",
        "and",
        "&",
        "a",
        "an",
        "is",
        "plan",
        "strategy",
        "nhs",
    }
)
_FILE_NAME = re.compile(r"^[^\s]+\.[A-Za-z0-9]{2,5}$")


class _Alias(NamedTuple):
    pattern: re.Pattern[str]
    length: int
    code: str
    name: str


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


@lru_cache(maxsize=4)
def _trusts(path: Path) -> tuple[dict[str, tuple[str, str]], tuple[_Alias, ...]]:
    """(normalised name -> (code, official name), aliases longest first) of a trusts CSV."""
    names: dict[str, tuple[str, str]] = {}
    aliases: list[_Alias] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, official = row["ods_code"].strip(), clean_text(row["name"])
            for alias in [official, *row.get("alt_names", "").split(";")]:
                alias = clean_text(alias)
                if not alias:
                    continue
                names.setdefault(_key(alias), (code, official))
                flags = re.I if " " in alias else 0  # one-word names ("Solent", "UHB") only as printed
                body = re.escape(alias).replace(r"\ ", r"\s+")
                pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags)
                aliases.append(_Alias(pattern, len(alias), code, official))
    aliases.sort(key=lambda a: a.length, reverse=True)
    return names, tuple(aliases)


def _printed_trust_names(text: str) -> list[str]:
    found = []
    for m in _TRUST_NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in _LEADING_WORDS:
            words.pop(0)
        if len(words) > 3:
            found.append(" ".join(words))
    return found


def _lookup(name: str, names: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    key = _key(name)
    return names.get(key) or names.get(f"the {key}") or names.get(key.removeprefix("the "))


def _file_name_words(text: str) -> str:
    stem = text.rsplit(".", 1)[0]
    return " ".join(part.upper() if len(part) <= 6 else part for part in re.split(r"[-_.\s]+", stem))


def resolve_organisation(texts: Sequence[str], trusts_csv: Path | None = None) -> Organisation | None:
    """The trust named in the texts (title, first lines, running headers, filename), or None."""
    try:
        names, aliases = _trusts(trusts_csv or TRUSTS_CSV)
    except (OSError, KeyError, csv.Error):
        names, aliases = {}, ()
    cleaned = [repair_ocr(t) for t in texts if t and t.strip()]
    candidates = [_file_name_words(t) if _FILE_NAME.match(t) else t for t in cleaned]
    for text in [*candidates, " ".join(cleaned)]:
        for printed in _printed_trust_names(text):
            known = _lookup(printed, names)
            return Organisation(name=known[1], code=known[0]) if known else Organisation(name=printed)
    for text in candidates:
        for alias in aliases:
            if alias.pattern.search(text):
                return Organisation(name=alias.name, code=alias.code)
    return None
