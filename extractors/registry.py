"""A file into the document model, by the extractor of its real format (schemas/formats.py)."""

from __future__ import annotations

import hashlib
from importlib import import_module
from pathlib import Path

from extractors.detect import sniff_format
from extractors.options import DEFAULT, ReadOptions
from schemas.document import Document


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path, sha256: str | None = None, options: ReadOptions = DEFAULT) -> Document:
    """Read any supported file into the document model. `sha256` is the file's, where the
    caller has hashed it already; else it is hashed here."""
    fmt = sniff_format(path)
    return import_module(fmt.extractor).extract(path, sha256 or file_sha256(path), options)
