"""Serve a ``FakeKickflip`` over real HTTP on 127.0.0.1 (stdlib ``http.server``).

HTTP/1.1 with Content-Length on every answer, so httpx keeps connections alive; one thread
per connection. Binding is loopback-only on purpose: the fake has a fixed, printed token.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from ..wording import plural
from .app import FakeKickflip
from .faults import Response

__all__ = ["HOST", "FakeServer", "banner", "serve"]

HOST = "127.0.0.1"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeKickflip/1"
    timeout = 60  # idle keep-alive connections close eventually
    disable_nagle_algorithm = True  # headers and body are two writes: avoid the 40 ms stall
    server: _HTTPServer

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        target = urlsplit(self.path)
        resp = self.server.fake.handle(self.command, target.path, target.query,
                                       dict(self.headers.items()), body)
        if resp.delay:
            time.sleep(resp.delay)
        if resp.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:  # pragma: no cover - the client went away first
                pass
            return
        if resp.drip:
            self._drip(resp)
            return
        self.send_response(resp.status)
        for name, value in resp.header_list():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "HEAD":
            return
        if resp.stream is None:
            self.wfile.write(resp.body)
            return
        self.close_connection = True
        try:
            for chunk in resp.stream():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:  # the client gave up: that is the point
            pass

    def _drip(self, resp: Response) -> None:
        """The whole answer, status line included, one byte at a time."""
        self.close_connection = True
        head = f"HTTP/1.1 {resp.status} X\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in resp.header_list())
        data = head.encode("latin-1") + b"\r\n" + resp.body
        try:
            for i in range(len(data)):
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                time.sleep(resp.drip)
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _dispatch

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: tests and the demo do not want one stderr line per request."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port in use must fail loudly, not be shared

    def __init__(self, fake: FakeKickflip, port: int) -> None:
        self.fake = fake
        super().__init__((HOST, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and closed its socket is normal here, not a traceback."""


class FakeServer:
    """A bound server; ``start()`` serves in a daemon thread, ``serve_forever()`` blocks.

    Binding happens in the constructor, so a port in use raises ``OSError`` right away.
    """

    def __init__(self, fake: FakeKickflip, port: int = 0) -> None:
        self.fake = fake
        self.httpd = _HTTPServer(fake, port)
        self.port: int = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}"
        self._thread: threading.Thread | None = None

    def start(self) -> FakeServer:
        if self._thread is None:
            # stop() waits up to one poll interval: short, since tests start and stop a
            # server each (0.05 s cost the suite ~10 s of teardowns).
            self._thread = threading.Thread(target=self.httpd.serve_forever,
                                            kwargs={"poll_interval": 0.01},
                                            name=f"fake-kickflip-{self.port}", daemon=True)
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Block until interrupted (KeyboardInterrupt propagates), then close the socket."""
        try:
            self.httpd.serve_forever(poll_interval=0.2)
        finally:
            self.httpd.server_close()

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def serve(fake: FakeKickflip, port: int = 0) -> FakeServer:
    """Serve ``fake`` on 127.0.0.1 (a free port by default) in a daemon thread.

    ``with serve(fake) as server: httpx.get(f"{server.url}/brands/{fake.brand}/orders", ...)``
    """
    return FakeServer(fake, port).start()


def banner(fake: FakeKickflip, url: str) -> list[str]:
    """The lines the CLI prints: where to connect, and a ready-to-paste export line."""
    return [
        f"Fake Kickflip API on {url} ({plural(len(fake.orders), 'order')}, "
        f"{plural(len(fake.designs), 'design')})",
        f"Brand: {fake.brand}",
        f"Token: {fake.token}",
        f"export KICKFLIP_API_URL={url} KICKFLIP_BRAND={fake.brand} KICKFLIP_TOKEN={fake.token}",
        "Press Ctrl-C to stop.",
    ]
