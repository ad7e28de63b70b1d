"""How a file is to be read, beyond its path: handed by the registry to every extractor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """`page_processes`: how many processes may read a PDF's pages at once
    (extractors/forked_pages.py). `meanwhile`: work for this process to do once while others
    read (the reader warms its interpreter); an extractor that starts none does it first."""

    page_processes: int = 1
    meanwhile: Callable[[], object] | None = None

    def do_meanwhile(self) -> None:
        if self.meanwhile is not None:
            self.meanwhile()


DEFAULT = ReadOptions()
