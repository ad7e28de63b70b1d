"""NHS trusts and integrated care boards: the reference lists (data/nhs-trusts.csv,
data/nhs-icbs.csv and data/nhs-icb-predecessors.csv, CC0: ODS code, names, region, ICS, mergers),
how two names are judged the same, and the organisation a document belongs to.

An ICB resolves to its own code, never to a similarly named trust: "NHS Cambridgeshire and
Peterborough Integrated Care Board" is the ICB (QUE, merged in April 2026), not Cambridgeshire
and Peterborough NHS Foundation Trust. Other bodies ("NHS England", a council, a university) are
kept by name without a code.

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
ICBS_CSV = Path(str(resources.files("normalisers.data").joinpath("nhs-icbs.csv")))
ICB_PREDECESSORS_CSV = Path(str(resources.files("normalisers.data").joinpath("nhs-icb-predecessors.csv")))
REFERENCE_CSVS = (TRUSTS_CSV, ICBS_CSV, ICB_PREDECESSORS_CSV)
ICB_TYPE = "Integrated Care Board"

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
# "NHS Cambridgeshire and Peterborough Integrated Care Board", "Black Country ICB"
_ICB_NAME = re.compile(
    r"(?:NHS\s+)?(?:[A-Z][\w'’.&,-]*\s+)(?:(?:[A-Z][\w'’.&,-]*|and|of|the|&)\s+){0,8}?(?:Integrated\s+Care\s+Board|ICB)\b"
)
# Bodies with no ODS code in the lists, kept by the name printed
_OTHER_BODY = re.compile(
    r"\bNHS England(?: and NHS Improvement)?\b|\bNHS Improvement\b|\bDepartment of Health(?: and Social Care)?\b"
    r"|\b(?:[A-Z][\w'’-]+\s+){1,4}(?:City|County|Borough|District|Metropolitan Borough)?\s*Council\b"
    r"|\bUniversity of (?:[A-Z][\w'’-]+\s?){1,4}|\b(?:[A-Z][\w'’-]+\s+){1,3}University\b"
)


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
    """The rows of a trusts or ICBs CSV (ods_code, name, alt_names, type, region, ics, url,
    predecessor_codes, merger_date; lists separated by ";"). An ICB (a name ending "ICB")
    also answers to "NHS <place>", "<place> Integrated Care Board" and the like."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = clean_text(row["name"])
            is_icb = name.endswith(" ICB")
            alt_names = _split(row.get("alt_names"))
            yield TrustRow(
                ods_code=row["ods_code"].strip(),
                name=name,
                alt_names=alt_names + _icb_names(name) if is_icb else alt_names,
                type=row.get("type") or (ICB_TYPE if is_icb else None),
                region=row.get("region") or None,
                ics=row.get("ics") or None,
                url=row.get("url") or None,
                predecessor_codes=_split(row.get("predecessor_codes")),
                merger_date=dt.date.fromisoformat(row["merger_date"]) if row.get("merger_date") else None,
            )


def read_organisations(paths: Sequence[Path] = REFERENCE_CSVS) -> Iterator[TrustRow]:
    """Every row of the reference lists: trusts, ICBs, and the ICBs merged into them."""
    for path in paths:
        yield from read_trusts(path)


def _icb_names(name: str) -> tuple[str, ...]:
    place = name.removesuffix(" ICB")
    return tuple(f"{prefix}{place}{suffix}" for prefix in ("", "NHS ")
                 for suffix in (" Integrated Care Board", " ICB", "")
                 if f"{prefix}{place}{suffix}" != name and (prefix or suffix))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part for part in map(clean_text, (cell or "").split(";")) if part)


def name_key(name: str) -> str:
    """How two organisation names are judged the same: case, punctuation and spacing aside,
    "&" read as "and"."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


def _paths(lists: Path | Sequence[Path]) -> tuple[Path, ...]:
    return (lists,) if isinstance(lists, Path) else tuple(lists)


def trust_with_code(ods_code: str, lists: Path | Sequence[Path] = REFERENCE_CSVS) -> Organisation | None:
    """The trust or ICB of an ODS code (or a code it has replaced), under its official name;
    None if the lists have no such code."""
    return _directory(_paths(lists)).by_code.get(ods_code.strip().upper())


class _Directory(NamedTuple):
    """A trusts CSV prepared for look-ups."""

    names: dict[str, tuple[str, str]]  # name key -> (code, official name)
    aliases: tuple[_Alias, ...]  # longest first
    by_code: dict[str, Organisation]  # ODS code, or a code it has replaced -> the organisation


@lru_cache(maxsize=4)
def _directory(paths: tuple[Path, ...]) -> _Directory:
    names: dict[str, tuple[str, str]] = {}
    aliases: list[_Alias] = []
    by_code: dict[str, Organisation] = {}
    replaced: list[tuple[str, Organisation]] = []
    for trust in read_organisations(paths):
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


def _printed_names(pattern: re.Pattern[str], text: str, leading: frozenset[str],
                   min_words: int) -> list[tuple[int, str]]:
    """Organisation names the pattern finds, with where each starts, leading words dropped."""
    found = []
    for m in pattern.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in leading:
            words.pop(0)
        if len(words) >= min_words:
            found.append((m.start(), " ".join(words)))
    return found


def _printed(text: str, names: dict[str, tuple[str, str]]) -> Organisation | None:
    """The first trust or ICB name printed in the text; a trust name the lists lack is kept by
    name, an unknown ICB-like phrase is passed over."""
    icbs = [(at, _lookup(name, names), name)
            for at, name in _printed_names(_ICB_NAME, text, _LEADING_WORDS - {"nhs"}, 2)]
    trusts = [(at, _lookup(name, names), name)
              for at, name in _printed_names(_TRUST_NAME, text, _LEADING_WORDS, 4)]
    found = sorted([m for m in icbs if m[1]] + trusts, key=lambda m: m[0])
    if not found:
        return None
    _, known, printed = found[0]
    return Organisation(name=known[1], code=known[0]) if known else Organisation(name=printed)


def _lookup(name: str, names: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    key = name_key(name)
    return names.get(key) or names.get(f"the {key}") or names.get(key.removeprefix("the "))


def _file_name_words(text: str) -> str:
    stem = text.rsplit(".", 1)[0]
    return " ".join(part.upper() if len(part) <= 6 else part for part in re.split(r"[-_.\s]+", stem))


def resolve_organisation(texts: Sequence[str], lists: Path | Sequence[Path] = REFERENCE_CSVS) -> Organisation | None:
    """The trust or ICB named in the texts (title, first lines, running headers, filename), else
    another body they name (kept without a code), else None."""
    try:
        names, aliases, _ = _directory(_paths(lists))
    except (OSError, KeyError, csv.Error):
        names, aliases = {}, ()
    cleaned = [repair_ocr(t) for t in texts if t and t.strip()]
    candidates = [_file_name_words(t) if _FILE_NAME.match(t) else t for t in cleaned]
    for text in [*candidates, " ".join(cleaned)]:
        printed = _printed(text, names)
        if printed:
            return printed
    for text in candidates:
        for alias in aliases:
            if alias.pattern.search(text):
                return Organisation(name=alias.name, code=alias.code)
    for text in candidates:
        other = _OTHER_BODY.search(text)
        if other:
            return Organisation(name=clean_text(other.group(0)))
    return None
