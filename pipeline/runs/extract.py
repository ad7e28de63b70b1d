"""File or URL to plan: extractor -> document model -> interpreter -> normalisers -> Plan."""

from __future__ import annotations

import tempfile
from pathlib import Path

from extractors.registry import read_document
from pipeline.fetch.fetcher import fetch_to_file, is_url
from pipeline.interpret.interpreter import interpret
from schemas.document import Document
from schemas.errors import NoPlanFound
from schemas.plan import Plan


def _read_url(url: str) -> Document:
    """Fetch to a temporary folder and extract; the document's source is the URL."""
    with tempfile.TemporaryDirectory(prefix="trustplans-fetch-") as folder:
        fetched = fetch_to_file(url, Path(folder))
        document = read_document(fetched.path)
    document.source = url
    document.sha256 = fetched.sha256
    return document


def extract_plan(source: Path | str) -> Plan:
    """Read the plan in one local file or at one http(s) URL.

    Raises a TrustplansError subclass on bad input (FetchFailed for a URL that cannot be fetched).
    """
    document = _read_url(source) if isinstance(source, str) and is_url(source) else read_document(Path(source))
    try:
        return interpret(document)
    except NoPlanFound as err:  # name the file as the user gave it
        raise NoPlanFound(str(source), err.problem) from None
