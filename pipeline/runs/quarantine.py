"""Keep the file of a document that failed, with why, in data/processed/quarantine/."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from pipeline.fetch.validators import atomic_write


def quarantine(path: str | None, source: str, error: str, sha256: str | None,
               quarantine_dir: Path) -> Path | None:
    """Copy the failed file (if there is one) to `quarantine_dir` as <sha256[:12]>-<name>,
    with <that>.error.json beside it (source, error, when); return the copy's path."""
    if path is None or not Path(path).is_file():
        return None
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    original = Path(path)
    target = quarantine_dir / f"{(sha256 or 'unhashed')[:12]}-{original.name}"
    shutil.copyfile(original, target)
    note = {"source": source, "error": error, "sha256": sha256,
            "quarantined_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    atomic_write(target.with_name(target.name + ".error.json"), json.dumps(note, indent=1).encode("utf-8"))
    return target
