"""File to plan: extractor -> document model -> interpreter -> normalisers -> Plan."""

from __future__ import annotations

from pathlib import Path

from extractors.registry import read_document
from pipeline.interpret import interpret
from schemas.plan import Plan


def extract_plan(path: Path | str) -> Plan:
    """Read the plan in one local file. Raises a TrustplansError subclass on bad input."""
    document = read_document(Path(path))
    return interpret(document)
