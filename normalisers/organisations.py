"""NHS trusts: the reference list (data/nhs-trusts.csv, CC0: ODS code, names, region, ICS,
mergers), how two names are judged the same, and the trust a document belongs to.

The one rule for matching names is `name_key`: the database keys organisation names with it
too, so a name the resolver knows is a name the database finds.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from normalisers.text import clean_text, repair_ocr
from schemas.plan import Organisation

TRUSTS_CSV = Path(str(resources.files("normalisers.data").joinpath("nhs-trusts.csv")))

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


@dataclass(frozen=True)
class TrustRow:
    ods_code: str
    name: str
    alt_names: tuple[str, ...]
    type: str | None
    region: str | None
    ics: str | None
    url: str | None
    predecessor_codes: tuple[str, ...]
    merger_date: dt.date | None


def read_trusts(path: Path = TRUSTS_CSV) -> Iterator[TrustRow]:
    """The rows of a trusts CSV (ods_code, name, alt_names, type, region, ics, url,
    predecessor_codes, merger_date; lists separated by ";")."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield TrustRow(
                ods_code=row["ods_code"].strip(),
                name=clean_text(row["name"]),
                alt_names=_split(row.get("alt_names")),
                type=row.get("type") or None,
                region=row.get("region") or None,
                ics=row.get("ics") or None,
                url=row.get("url") or None,
                predecessor_codes=_split(row.get("predecessor_codes")),
                merger_date=dt.date.fromisoformat(row["merger_date"]) if row.get("merger_date") else None,
            )


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part for part in map(clean_text, (cell or "").split(";")) if part)


def name_key(name: str) -> str:
    """How two organisation names are judged the same: case, punctuation and spacing aside,
    "&" read as "and"."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


def trust_with_code(ods_code: str, trusts_csv: Path = TRUSTS_CSV) -> Organisation | None:
    """The trust of an ODS code (or a code it has replaced), under its official name; None if
    the list has no such code."""
    return _directory(trusts_csv).by_code.get(ods_code.strip().upper())


class _Directory(NamedTuple):
    """A trusts CSV prepared for look-ups."""

    names: dict[str, tuple[str, str]]  # name key -> (code, official name)
    aliases: tuple[_Alias, ...]  # longest first
    by_code: dict[str, Organisation]  # ODS code, or a code it has replaced -> the trust


@lru_cache(maxsize=4)
def _directory(path: Path) -> _Directory:
    names: dict[str, tuple[str, str]] = {}
    aliases: list[_Alias] = []
    by_code: dict[str, Organisation] = {}
    replaced: list[tuple[str, Organisation]] = []
    for trust in read_trusts(path):
        code, official = trust.ods_code, trust.name
        by_code[code] = Organisation(name=official, code=code)
        replaced.extend((old, by_code[code]) for old in trust.predecessor_codes)
        for alias in (official, *trust.alt_names):
            names.setdefault(name_key(alias), (code, official))
            flags = re.I if " " in alias else 0  # one-word names ("Solent", "UHB") only as printed
            body = re.escape(alias).replace(r"\ ", r"\s+")
            pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags)
            aliases.append(_Alias(pattern, len(alias), code, official))
    for old, successor in replaced:  # a code still in use names its own trust
        by_code.setdefault(old, successor)
    aliases.sort(key=lambda a: a.length, reverse=True)
    return _Directory(names, tuple(aliases), by_code)


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
    key = name_key(name)
    return names.get(key) or names.get(f"the {key}") or names.get(key.removeprefix("the "))


def _file_name_words(text: str) -> str:
    stem = text.rsplit(".", 1)[0]
    return " ".join(part.upper() if len(part) <= 6 else part for part in re.split(r"[-_.\s]+", stem))


def resolve_organisation(texts: Sequence[str], trusts_csv: Path = TRUSTS_CSV) -> Organisation | None:
    """The trust named in the texts (title, first lines, running headers, filename), or None."""
    try:
        names, aliases, _ = _directory(trusts_csv)
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
