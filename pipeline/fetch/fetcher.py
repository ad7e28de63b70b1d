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
import ipaddress
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import httpx

from extractors.detect import sniff_format
from extractors.registry import file_sha256
from pipeline import config
from pipeline.fetch.sources import Source
from pipeline.fetch.validators import Validators, read_validators, url_key, write_validators
from pipeline.files import atomic_write
from schemas.errors import FetchFailed, LimitExceeded, SourceNotFound, UnsupportedFormat

USER_AGENT = "trustplans/0.1 (+https://trustplans.invalid)"
MAX_REDIRECTS = 5


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
    return _fetch_url(source, dirs, limits, now)


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


def _fetch_url(source: Source, dirs: FetchDirs, limits: FetchLimits, now: dt.datetime) -> Fetched:
    url = source.location
    last = read_validators(dirs.state, url) if dirs.state is not None else None
    if last is not None and not Path(last.path).is_file():
        last = None  # the kept bytes are gone: fetch them again in full
    deadline = time.monotonic() + limits.deadline
    with _http_errors(url, limits.timeout):
        response = _get(url, _conditional(last), limits)
        try:
            if response.status_code == 304 and last is not None:
                return Fetched(source, last.path, last.sha256, not_modified=True, retrieved_at=now)
            response.raise_for_status()
            path, sha256 = _keep(response, dirs.downloads, url, limits.max_bytes, deadline)
            validators = Validators(etag=response.headers.get("ETag"),
                                    last_modified=response.headers.get("Last-Modified"),
                                    sha256=sha256, path=str(path))
        finally:
            response.close()
    if dirs.state is not None:
        write_validators(dirs.state, url, validators)
    return Fetched(source, str(path), sha256, not_modified=False, retrieved_at=now)


def _get(url: str, headers: dict[str, str], limits: FetchLimits) -> httpx.Response:
    """GET `url` (streamed), following redirects on the same host only, each address checked."""
    client = _client(limits.timeout)
    current = httpx.URL(url)
    for _ in range(MAX_REDIRECTS + 1):
        _check_address(url, current, limits.allow_private)
        response = client.send(client.build_request("GET", current, headers=headers), stream=True)
        if not response.is_redirect or response.next_request is None:
            return response
        target = response.next_request.url
        response.close()
        if target.host != current.host and limits.same_host_redirects:
            raise FetchFailed(url, f"redirected to another host ({target.host}): refused "
                                   "(--allow-private-urls allows it)")
        current = target
    raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects")


def _check_address(url: str, target: httpx.URL, allow_private: bool) -> None:
    """Refuse a host that resolves to a loopback, private, link-local or other non-public
    address (a fetch must not reach into the machine or its network). A host that does not
    resolve is left to the request to fail."""
    if allow_private:
        return
    try:
        found = {info[4][0] for info in socket.getaddrinfo(target.host, target.port or None)}
    except (socket.gaierror, UnicodeError):
        return
    for address in sorted(found):
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise FetchFailed(url, f"{target.host} is a non-public address ({address}): refused "
                                   "(--allow-private-urls allows it)")


@functools.cache
def _client(timeout: float) -> httpx.Client:
    """One client (and connection pool) per process and time-out, shared by threads."""
    return httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT})


def _conditional(last: Validators | None) -> dict[str, str]:
    if last is None:
        return {}
    headers = {}
    if last.etag:
        headers["If-None-Match"] = last.etag
    if last.last_modified:
        headers["If-Modified-Since"] = last.last_modified
    return headers


def _keep(response: httpx.Response, downloads: Path, url: str, max_bytes: int, deadline: float) -> tuple[Path, str]:
    """Keep the document at downloads/<url key>-<name> (written atomically); return the path
    and the sha256 of the file as kept."""
    content_type = response.headers.get("Content-Type", "").lower()
    body = _read_capped(response, url, max_bytes, deadline)
    charset = _header_charset(response)
    if "html" in content_type and charset:
        body = codecs.BOM_UTF8 + body.decode(charset, errors="replace").encode("utf-8")
    downloads.mkdir(parents=True, exist_ok=True)
    target = downloads / f"{url_key(url)}-{_local_name(url, content_type)}"
    atomic_write(target, body)
    return target, hashlib.sha256(body).hexdigest()


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(url, f"larger than the {max_bytes} byte limit ({declared} bytes)")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchFailed(url, f"larger than the {max_bytes} byte limit")
        if time.monotonic() > deadline:
            raise FetchFailed(url, "not downloaded within its deadline: stopped")
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
