"""What the last fetch of each URL saw (ETag, Last-Modified, sha256 and where the bytes are
kept), for conditional GET. One small JSON file per URL under a state folder, replaced
atomically, so that runs at the same time never see a half-written file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.files import atomic_write


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None
    last_modified: str | None
    sha256: str
    path: str


def url_key(url: str) -> str:
    """A short file-name-safe key for a URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def read_validators(state_dir: Path, url: str) -> Validators | None:
    try:
        data = json.loads((state_dir / f"{url_key(url)}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    if data.get("url") != url:
        return None
    return Validators(etag=data.get("etag"), last_modified=data.get("last_modified"),
                      sha256=data["sha256"], path=data["path"])


def write_validators(state_dir: Path, url: str, validators: Validators) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(state_dir / f"{url_key(url)}.json",
                 json.dumps({"url": url, **asdict(validators)}, indent=1).encode("utf-8"))
