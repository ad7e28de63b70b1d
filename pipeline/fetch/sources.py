"""Where documents come from: the sources registry (data/sources.csv or .yaml) and
locations given on the command line.

A registry row names one document: the trust's ODS code (blank for a trust not in
data/nhs-trusts.csv), the kind of document, and its location (an http(s) URL, or a path,
relative paths being relative to the project).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pipeline import config
from schemas.errors import SourceNotFound, UnsupportedFormat
from schemas.formats import PLAN_SUFFIXES

REGISTRY_FIELDS = ("ods_code", "kind", "location")


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


@dataclass(frozen=True, slots=True)
class Source:
    """One document to fetch: a URL, or an absolute path."""

    location: str
    ods_code: str | None = None
    kind: str | None = None
    period: str | None = None  # "2024/25", "2024-2027": the years the plan covers, if known

    @property
    def is_url(self) -> bool:
        return is_url(self.location)


def read_registry(path: Path = config.SOURCES_FILE, root: Path = config.SOURCES_ROOT) -> list[Source]:
    """The sources in a registry file (.csv with a header row, or .yaml: a list of mappings,
    or a mapping with a `sources` list). Relative paths are taken relative to `root`."""
    if not path.exists():
        raise SourceNotFound(str(path), "no such sources registry")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    elif suffix in (".yaml", ".yml"):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        rows = loaded.get("sources", []) if isinstance(loaded, dict) else loaded
    else:
        raise UnsupportedFormat(str(path), "a sources registry must be .csv or .yaml")
    return [_source(path, number, row, root) for number, row in enumerate(rows, start=1)]


def write_registry(path: Path, locations: Iterable[str], *, kind: str = "plan") -> Path:
    """A .csv registry of `locations` (no ODS codes: the loader resolves each document's trust)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ods_code", "kind", "location"])
        writer.writerows(["", kind, location] for location in locations)
    return path


def _source(registry: Path, number: int, row: dict, root: Path) -> Source:
    missing = [name for name in REGISTRY_FIELDS if name not in row]
    if missing or not str(row.get("location") or "").strip():
        raise UnsupportedFormat(str(registry), f"entry {number} needs {', '.join(REGISTRY_FIELDS)}")
    return Source(
        location=resolve_location(str(row["location"]).strip(), root),
        ods_code=_cell(row["ods_code"]),
        kind=_cell(row["kind"]),
        period=_cell(row.get("period")),  # optional column
    )


def _cell(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def resolve_location(location: str, root: Path) -> str:
    """A URL as it is; a path made absolute (relative to `root`)."""
    if is_url(location):
        return location
    path = Path(location).expanduser()
    return os.path.abspath(path if path.is_absolute() else root / path)


def sources_from_locations(locations: Iterable[str], *, ods_code: str | None = None, kind: str | None = None,
                           period: str | None = None) -> list[Source]:
    """Sources for URLs and paths given by a user; a folder stands for the plan files under
    it (as `trustplans ingest` reads folders). Paths are made absolute (links are not followed:
    a source keeps the name it was given). `ods_code`, `kind` and `period`, when given, are
    what the user knows of every one of them."""
    known = {"ods_code": ods_code, "kind": kind, "period": period}
    sources: list[Source] = []
    for location in locations:
        if is_url(location):
            sources.append(Source(location=location, **known))
        else:
            sources.extend(Source(location=os.path.abspath(path), **known) for path in expand([Path(location)]))
    return sources


def expand(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file named, and the plan files under each folder (sorted; by
    the suffixes of schemas/formats.py, hidden files left out)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in PLAN_SUFFIXES and not p.name.startswith(".")))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def skipped_files(paths: Sequence[Path]) -> list[Path]:
    """The files under the folders in `paths` that a folder scan does not read (other
    suffixes, hidden files, pipes and devices), for a user to see what was left out."""
    read = set(expand(paths))
    return sorted(p for path in paths if path.is_dir() for p in path.rglob("*")
                  if not p.is_dir() and p not in read)
