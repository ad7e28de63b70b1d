"""A URL downloaded (fetcher.py's `fetch_source` for a URL): streamed with a time-out, a size
cap and a deadline, redirects followed on the same host only and every address checked, with
a conditional GET where the state folder remembers the last fetch. httpx is imported here only."""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import ipaddress
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import httpx

from pipeline.fetch.fetcher import FetchDirs, Fetched, FetchLimits
from pipeline.fetch.sources import Source
from pipeline.fetch.validators import Validators, read_validators, url_key, write_validators
from pipeline.files import atomic_write
from schemas.errors import FetchFailed

USER_AGENT = "trustplans/0.1 (+https://trustplans.invalid)"
MAX_REDIRECTS = 5


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


def fetch_url(source: Source, dirs: FetchDirs, limits: FetchLimits, now: dt.datetime) -> Fetched:
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
