"""Fetch one source: a local file is read where it is; a URL is downloaded with a time-out
and a size cap into a downloads folder, with a conditional GET (If-None-Match /
If-Modified-Since from the last fetch) where a state folder remembers one.

A web page whose Content-Type names its charset is kept re-encoded as UTF-8 with a
byte-order mark, which the HTML reader (like a browser) trusts before any <meta charset>;
anything else is kept byte for byte. The sha256 is always that of the file as kept, which is
what extraction reads, so a document is hashed once, here.

Errors are FetchFailed naming the URL (SourceNotFound for a missing local file);
`is_transient` tells those worth retrying (time-outs, connection errors, 5xx, 429).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import httpx

from extractors.registry import file_sha256
from pipeline import config
from pipeline.fetch.sources import Source
from pipeline.fetch.validators import Validators, read_validators, url_key, write_validators
from pipeline.files import atomic_write
from schemas.errors import FetchFailed, SourceNotFound, UnsupportedFormat

USER_AGENT = "trustplans/0.1 (+https://trustplans.invalid)"


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


def fetch_source(source: Source, dirs: FetchDirs, *, timeout: float = config.FETCH_TIMEOUT_S,
                 max_bytes: int = config.FETCH_MAX_BYTES) -> Fetched:
    now = dt.datetime.now(dt.UTC)
    if not source.is_url:
        path = Path(source.location)
        if not path.exists():
            raise SourceNotFound(source.location, "no such file")
        if not path.is_file():
            raise UnsupportedFormat(source.location, "is a folder, not a document" if path.is_dir()
                                    else "is not a regular file")
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


@contextmanager
def _http_errors(url: str, timeout: float) -> Iterator[None]:
    """httpx's failures as FetchFailed naming the URL (the httpx error kept as the cause)."""
    try:
        yield
    except httpx.HTTPStatusError as exc:
        raise FetchFailed(url, f"the server answered HTTP {exc.response.status_code}") from exc
    except httpx.TimeoutException as exc:
        raise FetchFailed(url, f"no answer within {timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed(url, f"could not be fetched ({exc})") from exc


def _fetch_url(source: Source, dirs: FetchDirs, timeout: float, max_bytes: int, now: dt.datetime) -> Fetched:
    url = source.location
    last = read_validators(dirs.state, url) if dirs.state is not None else None
    if last is not None and not Path(last.path).is_file():
        last = None  # the kept bytes are gone: fetch them again in full
    with _http_errors(url, timeout), _client(timeout).stream("GET", url, headers=_conditional(last)) as response:
        if response.status_code == 304 and last is not None:
            return Fetched(source, last.path, last.sha256, not_modified=True, retrieved_at=now)
        response.raise_for_status()
        path, sha256 = _keep(response, dirs.downloads, url, max_bytes)
        validators = Validators(etag=response.headers.get("ETag"),
                                last_modified=response.headers.get("Last-Modified"),
                                sha256=sha256, path=str(path))
    if dirs.state is not None:
        write_validators(dirs.state, url, validators)
    return Fetched(source, str(path), sha256, not_modified=False, retrieved_at=now)


@functools.cache
def _client(timeout: float) -> httpx.Client:
    """One client (and connection pool) per process and time-out, shared by threads."""
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _conditional(last: Validators | None) -> dict[str, str]:
    if last is None:
        return {}
    headers = {}
    if last.etag:
        headers["If-None-Match"] = last.etag
    if last.last_modified:
        headers["If-Modified-Since"] = last.last_modified
    return headers


def _keep(response: httpx.Response, downloads: Path, url: str, max_bytes: int) -> tuple[Path, str]:
    """Keep the document at downloads/<url key>-<name> (written atomically); return the path
    and the sha256 of the file as kept."""
    content_type = response.headers.get("Content-Type", "").lower()
    body = _read_capped(response, url, max_bytes)
    charset = _header_charset(response)
    if "html" in content_type and charset:
        body = codecs.BOM_UTF8 + body.decode(charset, errors="replace").encode("utf-8")
    downloads.mkdir(parents=True, exist_ok=True)
    target = downloads / f"{url_key(url)}-{_local_name(url, content_type)}"
    atomic_write(target, body)
    return target, hashlib.sha256(body).hexdigest()


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(url, f"larger than the {max_bytes} byte limit ({declared} bytes)")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchFailed(url, f"larger than the {max_bytes} byte limit")
    return bytes(body)


def _header_charset(response: httpx.Response) -> str | None:
    charset = response.charset_encoding  # from the Content-Type header only
    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _local_name(url: str, content_type: str) -> str:
    name = PurePosixPath(urlsplit(url).path).name
    if not name or "." not in name:
        name = "page.html" if "html" in content_type else "download"
    return name
