"""Fetch one source for a refresh: a local file is read where it is; a URL is fetched with a
conditional GET (If-None-Match / If-Modified-Since from the last fetch), its bytes kept
under a downloads folder. Either way the result names a local file and its sha256.

Errors are FetchFailed (or SourceNotFound for a missing local file). `is_transient` tells
the ones worth retrying (time-outs, connection errors, 5xx, 429) from the rest (404, ...).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import httpx

from extractors.registry import file_sha256
from pipeline import config
from pipeline.fetch.fetcher import USER_AGENT, document_bytes, http_errors
from pipeline.fetch.sources import Source
from pipeline.fetch.validators import Validators, atomic_write, read_validators, url_key, write_validators
from schemas.errors import SourceNotFound


@dataclass(frozen=True, slots=True)
class Fetched:
    source: Source
    path: str  # the local file holding the document's bytes
    sha256: str
    not_modified: bool  # the server answered 304: the bytes are those of the last fetch
    retrieved_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FetchDirs:
    """Where fetched bytes (downloads/) and what each URL's last fetch saw (fetch-state/) live."""

    downloads: Path
    state: Path

    @classmethod
    def under(cls, processed_dir: Path) -> FetchDirs:
        return cls(downloads=processed_dir / "downloads", state=processed_dir / "fetch-state")


def fetch_source(source: Source, dirs: FetchDirs, *, timeout: float = config.FETCH_TIMEOUT,
                 max_bytes: int = config.FETCH_MAX_BYTES) -> Fetched:
    now = dt.datetime.now(dt.UTC)
    if not source.is_url:
        path = Path(source.location)
        if not path.is_file():
            raise SourceNotFound(source.location, "no such file")
        return Fetched(source, str(path), file_sha256(path), not_modified=False, retrieved_at=now)
    return _fetch_url(source, dirs, timeout, max_bytes, now)


def is_transient(error: BaseException) -> bool:
    """Whether a fetch error may go away on a later attempt."""
    cause = error.__cause__
    if isinstance(cause, httpx.TransportError):
        return True
    if isinstance(cause, httpx.HTTPStatusError):
        status = cause.response.status_code
        return status >= 500 or status == 429
    return False


def _fetch_url(source: Source, dirs: FetchDirs, timeout: float, max_bytes: int, now: dt.datetime) -> Fetched:
    url = source.location
    last = read_validators(dirs.state, url)
    if last is not None and not Path(last.path).is_file():
        last = None  # the kept bytes are gone: fetch them again in full
    headers = _conditional_headers(last)
    with http_errors(url, timeout), _client(timeout).stream("GET", url, headers=headers) as response:
        if response.status_code == 304 and last is not None:
            return Fetched(source, last.path, last.sha256, not_modified=True, retrieved_at=now)
        response.raise_for_status()
        path, sha256 = _save(response, dirs.downloads, url, max_bytes)
        validators = Validators(etag=response.headers.get("ETag"),
                                last_modified=response.headers.get("Last-Modified"),
                                sha256=sha256, path=str(path))
    write_validators(dirs.state, url, validators)
    return Fetched(source, str(path), sha256, not_modified=False, retrieved_at=now)


@functools.cache
def _client(timeout: float) -> httpx.Client:
    """One client (and connection pool) per process and time-out, shared by threads."""
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _conditional_headers(last: Validators | None) -> dict[str, str]:
    if last is None:
        return {}
    headers = {}
    if last.etag:
        headers["If-None-Match"] = last.etag
    if last.last_modified:
        headers["If-Modified-Since"] = last.last_modified
    return headers


def _save(response: httpx.Response, downloads: Path, url: str, max_bytes: int) -> tuple[Path, str]:
    """Keep the document at downloads/<key>-<name> (written atomically); return the path and
    the sha256 of the file as kept, which is what extraction and loading see."""
    data = document_bytes(response, url, max_bytes=max_bytes)
    downloads.mkdir(parents=True, exist_ok=True)
    name = PurePosixPath(urlsplit(url).path).name or "index.html"
    target = downloads / f"{url_key(url)}-{name}"
    atomic_write(target, data)
    return target, hashlib.sha256(data).hexdigest()
