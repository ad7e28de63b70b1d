"""Fetch one source: a local file is read where it is; a URL is downloaded (download.py) with a
time-out and a size cap into a downloads folder, with a conditional GET (If-None-Match /
If-Modified-Since from the last fetch) where a state folder remembers one.

A web page whose Content-Type names its charset is kept re-encoded as UTF-8 with a
byte-order mark, which the HTML reader (like a browser) trusts before any <meta charset>;
anything else is kept byte for byte. The sha256 is always that of the file as kept, which is
what extraction reads, so a document is hashed once, here.

Errors are FetchFailed naming the URL (SourceNotFound for a missing local file);
`is_transient` tells those worth retrying (time-outs, connection errors, 5xx, 429).
"""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import dataclass
from pathlib import Path

from extractors.detect import sniff_format
from extractors.registry import file_sha256
from pipeline import config
from pipeline.fetch.sources import Source
from schemas.errors import LimitExceeded, SourceNotFound, UnsupportedFormat


@dataclass(frozen=True, slots=True)
class Fetched:
    source: Source
    path: str  # the local file holding the document's bytes
    sha256: str  # of that file
    not_modified: bool  # the server answered 304: the bytes are those of the last fetch
    retrieved_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FetchDirs:
    """Where downloads are kept, and where what each URL's last fetch saw is remembered
    (None: no conditional GET, as for a one-off `extract` of a URL)."""

    downloads: Path
    state: Path | None = None

    @classmethod
    def under(cls, processed_dir: Path) -> FetchDirs:
        """downloads/ and fetch-state/ under the processed-data folder."""
        return cls(downloads=processed_dir / "downloads", state=processed_dir / "fetch-state")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout: float = config.FETCH_TIMEOUT_S  # for each read from the server
    deadline: float = config.FETCH_DEADLINE_S  # for a whole download
    max_bytes: int = config.MAX_INPUT_BYTES
    allow_private: bool = False  # fetch from loopback, private and link-local hosts
    same_host_redirects: bool = True  # follow redirects only on the host first asked


def fetch_source(source: Source, dirs: FetchDirs, limits: FetchLimits = FetchLimits()) -> Fetched:
    """The source's bytes as a local file, and their sha256. A local file is checked before it
    is opened (a regular file, within `max_bytes`) and recognised by its first bytes before it
    is hashed, so that nothing large or strange is read."""
    now = dt.datetime.now(dt.UTC)
    if not source.is_url:
        path = Path(source.location)
        _check_local(path, source.location, limits.max_bytes)
        sniff_format(path)
        return Fetched(source, str(path), file_sha256(path), not_modified=False, retrieved_at=now)
    from pipeline.fetch.download import fetch_url  # httpx: only for a URL

    return fetch_url(source, dirs, limits, now)


def _check_local(path: Path, location: str, max_bytes: int) -> None:
    try:
        found = path.stat()  # follows links: a link is judged by what it points to
    except FileNotFoundError:
        raise SourceNotFound(location, "no such file") from None
    if stat.S_ISDIR(found.st_mode):
        raise UnsupportedFormat(location, "is a folder, not a document")
    if not stat.S_ISREG(found.st_mode):
        raise UnsupportedFormat(location, "is not a regular file (a device, pipe or socket)")
    if found.st_size > max_bytes:
        raise LimitExceeded(location, f"larger than the {max_bytes // (1024 * 1024)} MB input limit "
                                      f"({found.st_size // (1024 * 1024)} MB)")


def is_transient(error: BaseException) -> bool:
    """Whether a fetch error may go away on a later attempt."""
    import httpx  # only a download's errors have an httpx cause

    cause = error.__cause__
    if isinstance(cause, httpx.TransportError):
        return True
    if isinstance(cause, httpx.HTTPStatusError):
        status = cause.response.status_code
        return status >= 500 or status == 429
    return False
