"""Fetch one document by URL for `trustplans extract https://...`: a time-out, a size cap, and
the page's own charset (from the Content-Type header) carried to the HTML reader.

A web page whose header names its charset is saved re-encoded as UTF-8 with a byte-order mark,
which the HTML reader (like a browser) trusts before any <meta charset>; other documents are
saved byte for byte. The sha256 is always that of the bytes the server sent.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import httpx

from pipeline import config
from schemas.errors import FetchFailed

USER_AGENT = "trustplans/0.1 (+https://trustplans.invalid)"


@dataclass(frozen=True, slots=True)
class FetchedFile:
    url: str
    path: Path  # the local copy to extract from
    sha256: str  # of the bytes as served


@contextmanager
def http_errors(url: str, timeout: float) -> Iterator[None]:
    """httpx's failures as FetchFailed naming the URL (the httpx error kept as the cause)."""
    try:
        yield
    except httpx.HTTPStatusError as exc:
        raise FetchFailed(url, f"the server answered HTTP {exc.response.status_code}") from exc
    except httpx.TimeoutException as exc:
        raise FetchFailed(url, f"no answer within {timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed(url, f"could not be fetched ({exc})") from exc


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


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


def fetch_to_file(url: str, folder: Path, *, timeout: float = config.FETCH_TIMEOUT,
                  max_bytes: int = config.FETCH_MAX_BYTES) -> FetchedFile:
    """Download `url` into `folder`. Raises FetchFailed naming the URL and what went wrong."""
    headers = {"User-Agent": USER_AGENT}
    with http_errors(url, timeout), \
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client, \
            client.stream("GET", url) as response:
        response.raise_for_status()
        body = _read_capped(response, url, max_bytes)
        content_type = response.headers.get("Content-Type", "").lower()
        charset = _header_charset(response)
    path = folder / _local_name(url, content_type)
    if "html" in content_type and charset:
        path.write_bytes(codecs.BOM_UTF8 + body.decode(charset, errors="replace").encode("utf-8"))
    else:
        path.write_bytes(body)
    return FetchedFile(url=url, path=path, sha256=hashlib.sha256(body).hexdigest())


def document_bytes(response: httpx.Response, url: str, *, max_bytes: int = config.FETCH_MAX_BYTES) -> bytes:
    """What to save of a successful response, as fetch_to_file saves it (a web page whose header
    names its charset re-encoded as UTF-8 with a byte-order mark, anything else as served).
    Used by the refresh flow's conditional fetch (pipeline/fetch_conditional.py)."""
    body = _read_capped(response, url, max_bytes)
    charset = _header_charset(response)
    if "html" in response.headers.get("Content-Type", "").lower() and charset:
        return codecs.BOM_UTF8 + body.decode(charset, errors="replace").encode("utf-8")
    return body
