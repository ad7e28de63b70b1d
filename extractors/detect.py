"""What a file really is, from its bytes, whatever its extension says: each format of
schemas/formats.py in turn asks its extractor's `sniff`."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from schemas.errors import CorruptFile, SourceNotFound, UnsupportedFormat
from schemas.formats import FORMATS, SourceFormat

HEAD_BYTES = 2048  # what sniffing reads of a file


def sniff_format(path: Path) -> SourceFormat:
    """The format of the file at `path`, or a specific error naming it."""
    source = str(path)
    if not path.exists():
        raise SourceNotFound(source, "no such file")
    if path.is_dir():
        raise UnsupportedFormat(source, "is a folder, not a document")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        raise CorruptFile(source, "the file is empty")
    for fmt in FORMATS:
        if import_module(fmt.extractor).sniff(head, path):
            return fmt
    raise UnsupportedFormat(source, f"not a {', '.join(f.label for f in FORMATS[:-1])} "
                                    f"or {FORMATS[-1].label} document")
