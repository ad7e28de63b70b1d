"""What `trustplans ingest` reports: a line per document and per skipped file, then the
totals; or all of it as one JSON object for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.files import printable
from pipeline.runs.summary import DocumentResult, RunSummary


def _counts(result: DocumentResult) -> str:
    return ", ".join(f"{count} {part}" for part, count in result.counts.items())


def ingest_lines(summary: RunSummary, skipped: list[Path]) -> Iterator[str]:
    """A line per document that did not fail (failures go to stderr), per skipped file, and
    the totals last ("2 new, 0 changed, 1 unchanged, 0 failed")."""
    for result in summary.documents:
        if result.status == "failed":
            continue
        number = f"#{result.document_id}" if result.document_id is not None else "-"
        details = "  ".join(part for part in (result.trust, _counts(result)) if part)
        yield f"{result.status:<9} {number:>6}  {result.source}" + (f"  ({details})" if details else "")
    for path in skipped:
        yield f"{'skipped':<9} {'-':>6}  {printable(str(path))}  (not a plan file this tool reads)"
    yield ", ".join(f"{count} {status}" for status, count in summary.counts().items())


def ingest_json(summary: RunSummary, skipped: list[Path]) -> str:
    documents = [{"source": r.source, "status": r.status, "document_id": r.document_id, "trust": r.trust,
                  "counts": r.counts, "error": r.error, "error_type": r.error_type, "quarantined": r.quarantined}
                 for r in summary.documents]
    return json.dumps({"documents": documents, "skipped": [printable(str(path)) for path in skipped],
                       "counts": summary.counts()}, indent=1)
