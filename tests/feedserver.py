"""A local HTTP server for tests: fixed routes and scripted behaviours, on 127.0.0.1 only.

    with FeedServer() as srv:
        srv.add("/feed.xml", rss_bytes)
        srv.add_handler("/slow", drip(b"<rss/>", interval_s=1.0))
        url = srv.url("/feed.xml")

Behaviour factories (`conditional`, `retry_after`, `redirect`, `drip`, `endless`, `gzipped`)
return handlers for `add_handler`; `srv.hits[path]` counts the requests each path received.

The `feed_server` fixture is registered for every test by tests/conftest.py.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

XML = "application/xml; charset=utf-8"


@dataclass
class Request:
    """What a handler sees of a request."""

    method: str
    path: str
    query: str
    headers: Message  # case-insensitive: headers.get("if-none-match") works


@dataclass
class Response:
    """What a handler answers; an iterable body is streamed chunk by chunk (chunked encoding
    unless a Content-Length header is given)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Response]


class FeedServer:
    """An HTTP/1.1 server in a background thread on 127.0.0.1 with a random port."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.requests: list[Request] = []
        self._routes: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _make_handler(self))
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server."""
        return self.base_url + path

    def add(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = XML,
    ) -> None:
        """Serve a fixed body at `path`."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        fixed = {"Content-Type": content_type, **(headers or {})}
        self._routes[path] = lambda _request: Response(status, data, dict(fixed))

    def add_handler(self, path: str, handler: Handler) -> None:
        """Serve `path` with a callable that builds each response."""
        self._routes[path] = handler

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _serve(self) -> None:
        # A short poll interval keeps stop() (and so each test's teardown) quick.
        self._httpd.serve_forever(poll_interval=0.02)

    def _record(self, request: Request) -> Handler | None:
        with self._lock:
            self.hits[request.path] += 1
            self.requests.append(request)
        return self._routes.get(request.path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet: tests read hits and requests instead of logs."""

        def _serve(self, *, send_body: bool) -> None:
            parts = urlsplit(self.path)
            request = Request(self.command, parts.path, parts.query, self.headers)
            handler = server._record(request)
            if handler is None:
                response = Response(404, b"not found", {"Content-Type": "text/plain"})
            else:
                response = handler(request)
            try:
                self._write(response, send_body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _write(self, response: Response, send_body: bool) -> None:
            self.send_response(response.status)
            headers = {k.lower(): v for k, v in response.headers.items()}
            for name, value in response.headers.items():
                self.send_header(name, value)
            if isinstance(response.body, bytes | bytearray):
                if "content-length" not in headers:
                    self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(response.body)
                return
            chunked = "content-length" not in headers
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.close_connection = True
            self.end_headers()
            if send_body:
                self._stream(response.body, chunked)

        def _stream(self, chunks: Iterable[bytes], chunked: bool) -> None:
            for chunk in chunks:
                if server._closing.is_set():
                    self.close_connection = True
                    return
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    self.wfile.write(chunk)
                self.wfile.flush()
            if chunked:
                self.wfile.write(b"0\r\n\r\n")

    return _Handler


def conditional(
    body: bytes,
    *,
    etag: str | None = '"v1"',
    last_modified: str | None = None,
    content_type: str = XML,
) -> Handler:
    """Answer 304 when the request's validators match, else 200 with the validators."""

    def handle(request: Request) -> Response:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        headers = {k: v for k, v in validators.items() if v}
        if (etag and request.headers.get("If-None-Match") == etag) or (
            last_modified and request.headers.get("If-Modified-Since") == last_modified
        ):
            return Response(304, b"", headers)
        return Response(200, body, {"Content-Type": content_type, **headers})

    return handle


def retry_after(value: str | int, *, status: int = 429) -> Handler:
    """Answer `status` with a Retry-After header (seconds or an HTTP date)."""
    return lambda _request: Response(
        status, b"slow down", {"Retry-After": str(value), "Content-Type": "text/plain"}
    )


def redirect(location: str, *, status: int = 302) -> Handler:
    """Answer a redirect to `location` (absolute or relative)."""
    return lambda _request: Response(status, b"", {"Location": location})


def drip(
    body: bytes, *, interval_s: float = 1.0, chunk: int = 1, content_type: str = XML
) -> Handler:
    """Send `body` `chunk` bytes at a time, `interval_s` apart: a slow-loris source."""

    def pieces() -> Iterator[bytes]:
        for start in range(0, len(body), chunk):
            yield body[start : start + chunk]
            time.sleep(interval_s)

    return lambda _request: Response(200, pieces(), {"Content-Type": content_type})


def endless(
    *,
    chunk: bytes = b"<item>" + b"x" * 65_530,
    declared_length: int | None = None,
    content_type: str = XML,
) -> Handler:
    """Stream `chunk` for ever; `declared_length` adds a (lying or huge) Content-Length."""

    def forever() -> Iterator[bytes]:
        while True:
            yield chunk

    headers = {"Content-Type": content_type}
    if declared_length is not None:
        headers["Content-Length"] = str(declared_length)
    return lambda _request: Response(200, forever(), headers)


def gzipped(body: bytes, *, content_type: str = XML) -> Handler:
    """Send `body` gzip-compressed with Content-Encoding: gzip."""
    data = gzip.compress(body)
    headers = {"Content-Type": content_type, "Content-Encoding": "gzip"}
    return lambda _request: Response(200, data, headers)


@pytest.fixture(name="feed_server")
def feed_server_fixture() -> Iterator[FeedServer]:
    """The `feed_server` fixture: a started FeedServer, stopped after the test."""
    with FeedServer() as server:
        yield server
