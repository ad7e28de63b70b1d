"""What a fetch refuses: loopback and private addresses unless allowed, redirects to another
host, and a download that drips in past its deadline (a real server on 127.0.0.1)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.fetch.fetcher import FetchDirs, FetchLimits, fetch_source
from pipeline.fetch.sources import Source
from schemas.errors import FetchFailed

PAGE = b"<html><body><h1>Our plan</h1><p>We will open a new ward.</p></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    port = 0

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        try:
            if self.path == "/elsewhere":  # the same server, named by another host name
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{self.port}/page")
                self.end_headers()
            elif self.path == "/here":
                self.send_response(302)
                self.send_header("Location", "/page")
                self.end_headers()
            elif self.path == "/drip":  # one byte at a time, each well within the read time-out
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                for byte in PAGE:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what the deadline test wants

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{_Handler.port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_loopback_address_is_refused_unless_allowed(server: str, tmp_path: Path) -> None:
    with pytest.raises(FetchFailed, match="non-public address"):
        fetch_source(Source(f"{server}/page"), FetchDirs(tmp_path))
    assert not (tmp_path).joinpath("downloads").exists()
    fetched = fetch_source(Source(f"{server}/page"), FetchDirs(tmp_path), FetchLimits(allow_private=True))
    assert Path(fetched.path).read_bytes() == PAGE


def test_redirects_stay_on_their_host(server: str, tmp_path: Path) -> None:
    same_host = FetchLimits(allow_private=True, same_host_redirects=True)
    fetched = fetch_source(Source(f"{server}/here"), FetchDirs(tmp_path), same_host)
    assert Path(fetched.path).read_bytes() == PAGE
    with pytest.raises(FetchFailed, match="redirected to another host"):
        fetch_source(Source(f"{server}/elsewhere"), FetchDirs(tmp_path), same_host)


def test_a_download_that_drips_in_stops_at_its_deadline(server: str, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="deadline"):
        fetch_source(Source(f"{server}/drip"), FetchDirs(tmp_path),
                     FetchLimits(timeout=2.0, deadline=0.5, allow_private=True))
    assert time.monotonic() - started < 2.0  # not the 3.5 s the whole page would take
