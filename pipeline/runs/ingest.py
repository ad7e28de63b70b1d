"""Files and folders into the database: each file extracted and loaded on its own; a file
that fails is recorded (extraction run, failed) and the batch goes on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import Engine

from extractors.registry import file_sha256
from pipeline.store.load import LoadOutcome, known_sha256, load_plan, record_failure, record_run_summary, utc_now
from schemas.errors import SourceNotFound

# In a folder, the files read are those with these suffixes (a file named on its own is always read).
PLAN_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm"})


@dataclass
class IngestReport:
    new: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "changed": len(self.changed), "unchanged": len(self.unchanged),
                "failed": len(self.failed)}


def expand(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file named, and the plan files under each folder (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in PLAN_SUFFIXES and not p.name.startswith(".")))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _sha256_if_readable(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def ingest_file(path: Path, engine: Engine) -> LoadOutcome:
    """Load one file: "unchanged" without extracting if its bytes are already loaded.
    Raises what extraction or loading raises."""
    from pipeline.runs.extract import extract_plan

    if not path.is_file():
        raise SourceNotFound(str(path), "no such file")
    sha256 = file_sha256(path)
    if known_sha256(engine, sha256):
        return LoadOutcome("unchanged", None)
    plan = extract_plan(path)
    plan.document.sha256 = sha256  # the loaded version is identified by the bytes read here
    return load_plan(engine, plan, source=str(path))


def ingest_paths(paths: Sequence[Path], engine: Engine, *, progress: bool = True) -> IngestReport:
    """Ingest every file under `paths`, each in its own transaction, with a progress bar."""
    files = expand(paths)
    report = IngestReport()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, disable=not progress) as bar:
        task = bar.add_task("ingest", total=len(files))
        for path in files:
            bar.update(task, description=path.name)
            try:
                outcome = ingest_file(path, engine)
            except Exception as err:  # any failure is recorded; the batch goes on
                record_failure(engine, str(path), f"{type(err).__name__}: {err}", _sha256_if_readable(path))
                report.failed.append((path, str(err)))
            else:
                getattr(report, outcome.status).append(path)
            bar.advance(task)
    return report


def ingest_and_record(paths: Sequence[Path], engine: Engine, *, trigger: str = "cli") -> IngestReport:
    """ingest_paths, then store the batch's summary (refresh_runs)."""
    started_at = utc_now()
    report = ingest_paths(paths, engine)
    record_run_summary(engine, trigger=trigger, started_at=started_at, finished_at=utc_now(),
                       **report.counts())
    return report
