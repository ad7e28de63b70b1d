"""A real HTTP server on 127.0.0.1 (the standard library's) serving a folder, with a strong
ETag per file (If-None-Match answered 304), a slow path, and a log of what it was asked."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SLOW_PREFIX = "/slow/"  # files under this path are served only after SLOW_DELAY_S
SLOW_DELAY_S = 3.0


@dataclass
class Site:
    """A folder served over HTTP. `requests`: (path, If-None-Match sent) as each arrives;
    `responses`: (path, status) as each is answered."""

    root: Path
    base_url: str
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    if_modified_since: list[str | None] = field(default_factory=list)
    etags: bool = True  # False: Last-Modified only, as the standard library serves files

    def url(self, name: str) -> str:
        return f"{self.base_url}/{name}"

    def write(self, name: str, data: bytes) -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return self.url(name)

    def requested(self, name: str) -> int:
        return sum(path == f"/{name}" for path, _ in self.requests)


class _Handler(SimpleHTTPRequestHandler):
    """Static files with Last-Modified (If-Modified-Since -> 304, the standard library's) and,
    unless site.etags is False, a strong ETag (the content's sha256; If-None-Match -> 304);
    files under /slow/ answered after SLOW_DELAY_S."""

    site: Site

    def send_head(self):  # noqa: ANN201 - the stdlib's signature
        self.site.requests.append((self.path, self.headers.get("If-None-Match")))
        self.site.if_modified_since.append(self.headers.get("If-Modified-Since"))
        if self.path.startswith(SLOW_PREFIX):
            time.sleep(SLOW_DELAY_S)
        path = Path(self.translate_path(self.path))
        if self.site.etags and path.is_file():
            etag = '"' + hashlib.sha256(path.read_bytes()).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            self._etag = etag
        return super().send_head()

    def end_headers(self) -> None:
        etag = getattr(self, "_etag", None)
        if etag:
            self.send_header("ETag", etag)
            self._etag = None
        super().end_headers()

    def send_response(self, code: int, message: str | None = None) -> None:
        self.site.responses.append((self.path, int(code)))
        super().send_response(code, message)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def serving(root: Path) -> Iterator[Site]:
    """Serve `root` on 127.0.0.1 (a free port) while in the block."""
    root.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    server.daemon_threads = True
    handler.site = Site(root=root, base_url=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.site
    finally:
        server.shutdown()
        server.server_close()
