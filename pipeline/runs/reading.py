"""Reading a fetched file: detect its format and extract it, then interpret the plan in it. The
part of a run that a reader process (isolation.py) does, so it imports nothing of the database."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from extractors.options import DEFAULT, ReadOptions
from extractors.registry import read_document
from pipeline.fetch.fetcher import Fetched
from pipeline.runs.warmup import warm_interpreter
from schemas.document import Document
from schemas.errors import NoPlanFound, TrustplansError
from schemas.plan import Plan


def extract(fetched: Fetched, options: ReadOptions = DEFAULT) -> Document:
    """The file in the document model, by the extractor of its real format."""
    document = read_document(Path(fetched.path), fetched.sha256, options)
    if fetched.source.is_url:
        document.source = fetched.source.location
    return document


def interpret_plan(document: Document, fetched: Fetched) -> Plan:
    """The plan in the document, with the kind, trust and period the source gives."""
    from pipeline.interpret.interpreter import interpret  # spaCy and the lexicons: readers load them, not runners

    source = fetched.source
    try:
        return interpret(document, kind=source.kind, ods_code=source.ods_code, period=source.period)
    except NoPlanFound as err:  # name the file as the user gave it
        raise NoPlanFound(source.location, err.problem) from None


def read_plan(fetched: Fetched, page_processes: int = 1) -> Plan:
    """Detect, extract and interpret: the part of a run that reads the file's contents. A PDF's
    pages are read by up to `page_processes` processes, while this one warms the interpreter."""
    with collection_paused():
        document = extract(fetched, ReadOptions(page_processes, meanwhile=warm_interpreter))
        return interpret_plan(document, fetched)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector off while a document is read: reading makes many objects that
    live until the end, which each collection would scan again, so that a long table took time
    growing faster than its rows. Memory stays bounded by the reader's limit; what became
    garbage is collected once at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect()


def as_error(exc: BaseException, source: str) -> TrustplansError:
    """Any failure as a TrustplansError naming the source (an unexpected one: "could not be read")."""
    if isinstance(exc, TrustplansError):
        return exc
    return TrustplansError(source, f"could not be read ({type(exc).__name__}: {exc})")


