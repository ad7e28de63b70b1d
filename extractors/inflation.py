"""Compressed parts measured before any library inflates them: a Word file's zip members by
their declared sizes (zipfile never inflates a member past its declared size), a PDF's deflated
streams by inflating them piecewise and counting, never holding more than a piece. A part
that would inflate past the limit (pipeline.config.MAX_INFLATED_BYTES) is refused as
LimitExceeded naming the part, so a bomb costs a scan, not the memory it asks for."""

from __future__ import annotations

import mmap
import re
import zipfile
import zlib
from pathlib import Path

from pipeline.config import MAX_INFLATED_BYTES
from schemas.errors import LimitExceeded

_STREAM = re.compile(rb"stream\r?\n")  # where a PDF stream's data starts
_PIECE = 1 << 20  # bytes inflated at a time


def check_zip(path: Path, limit: int = MAX_INFLATED_BYTES) -> None:
    """Refuse a zip package (a Word file) a member of which declares more than `limit` bytes
    inflated. A file that is not a zip is left to its reader."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    for member in members:
        if member.file_size > limit:
            raise LimitExceeded(str(path), f"its part {member.filename} inflates to {_mb(member.file_size)}, "
                                           f"past the {_mb(limit)} limit (a zip bomb?)")


def check_pdf_streams(path: Path, limit: int = MAX_INFLATED_BYTES) -> None:
    """Refuse a PDF one deflated stream of which inflates past `limit` bytes."""
    with path.open("rb") as handle:
        if path.stat().st_size == 0:
            return
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for start in _STREAM.finditer(data):
                if _inflates_past(data, start.end(), limit):
                    raise LimitExceeded(str(path), f"a stream at byte {start.start()} inflates past the "
                                                   f"{_mb(limit)} limit (a deflate bomb?)")


def _inflates_past(data: mmap.mmap, offset: int, limit: int) -> bool:
    """Whether the deflated data starting at `offset` inflates to more than `limit` bytes; data
    that is not deflated (another filter, or no stream at all) stops at once."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        while offset < len(data) and not inflater.eof:
            pending = data[offset:offset + _PIECE]
            offset += _PIECE
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, _PIECE))
                if total > limit:
                    return True
                pending = inflater.unconsumed_tail
    except zlib.error:
        return False
    return False


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"
