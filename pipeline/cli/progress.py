"""A progress bar for a batch of documents, on stderr's terminal, counting what is loaded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from pipeline.fetch.sources import Source
from pipeline.runs.summary import DocumentResult


@dataclass(slots=True)
class Bar:
    progress: Progress
    task: TaskID
    loaded: int = 0  # documents whose bytes are in the database now (new, changed or unchanged)

    def start(self, source: Source) -> None:
        name = PurePath(source.location).name or source.location
        self.progress.update(self.task, description=escape(name))

    def done(self, result: DocumentResult) -> None:
        self.loaded += result.status in ("new", "changed", "unchanged")
        self.progress.advance(self.task)


@contextmanager
def progress_bar(total: int, shown: bool = True) -> Iterator[Bar]:
    """On stderr when it is a terminal and `shown` (never into logs)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    console = Console(stderr=True)
    with Progress(*columns, console=console, disable=not (shown and console.is_terminal)) as progress:
        yield Bar(progress, progress.add_task("ingest", total=total))
