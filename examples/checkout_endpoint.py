"""Checkout validation in a small web endpoint (standard library WSGI, no framework).

Your storefront POSTs the design JSON (or ``{"texts": {field: text}}`` for form fields
before a design exists) just before checkout:

    POST /validate   design JSON            -> 200 {"ok": true, "checked": true}
    POST /validate   {"texts": {"Name": ".."}} -> 422 {"ok": false, "problems": [...]}
    GET  /healthz                             -> 200 where the word list came from

A 422 names each offending ``field`` (the design's option id, or your key), its ``label``,
the ``spans`` to highlight (half-open offsets into the shopper's text) and the ``censored``
text; the matched list entries are not sent back to the browser. With no list at all (API
down and no cache) the guard is fail-closed here and the answer is 503.

Validation never waits on the network: ``CheckoutGuard`` refreshes the brand's wordfilter
in a background thread every ``ttl`` seconds and caches it on disk.

Run it:

    export KICKFLIP_BRAND=acme KICKFLIP_TOKEN=...        # the token only in the environment
    python examples/checkout_endpoint.py --port 8080
    python examples/checkout_endpoint.py --demo          # against the embedded fake API
    curl -s -X POST localhost:8080/validate -d '{"texts": {"Name": "sh1t happens"}}'
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from kickflip_moderation import CheckoutGuard, KickflipClient, Verdict

MAX_BODY = 1_000_000  # a design JSON is a few kB; refuse anything huge before parsing

StartResponse = Callable[..., Any]


def build_guard(client: KickflipClient | None = None, *, ttl: float = 300.0) -> CheckoutGuard:
    """A fail-closed guard for ``client`` (default: ``KickflipClient.from_env()``), with a
    first blocking refresh so the endpoint starts with a list (or the cached one)."""
    client = client or KickflipClient.from_env()
    guard = CheckoutGuard(client, ttl=ttl, on_unavailable="closed")
    # The constructor already started the first load: wait for it (bounded) at startup
    # rather than in the first checkout, or than calling refresh() too, which would race
    # it on the cache file.
    guard.wait_ready(timeout=30)
    guard.join(timeout=30)  # a cached list makes wait_ready return at once: let the load end
    if guard.status.source != "api":
        print(f"warning: wordfilter not loaded from the API ({guard.last_error}); "
              f"using: {guard.status.source}", file=sys.stderr)
    return guard


def verdict_body(verdict: Verdict) -> tuple[str, dict[str, Any]]:
    """The HTTP status and JSON body for a verdict."""
    if verdict.ok:
        return "200 OK", {"ok": True, "checked": verdict.checked}
    if not verdict.problems:  # no list at all and fail-closed: not the shopper's fault
        return "503 Service Unavailable", {"ok": False, "reason": verdict.reason}
    problems = [
        {"field": p.field, "choice_id": p.choice_id, "label": p.label, "reason": p.reason,
         "spans": [list(s) for s in p.spans], "censored": p.censored}
        for p in verdict.problems
    ]
    return "422 Unprocessable Entity", {"ok": False, "reason": verdict.reason,
                                        "problems": problems}


def validate_body(guard: CheckoutGuard, raw: bytes) -> tuple[str, dict[str, Any]]:
    """``POST /validate`` for any framework: the request body in, status and JSON out.

    Every adapter (this WSGI app, ``checkout_flask.py``, ``checkout_fastapi.py``) calls
    this, so they answer alike: 400 for a body that is not a JSON object or not a design.
    """
    if not raw:
        return "400 Bad Request", {"error": "a JSON body is required"}
    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return "400 Bad Request", {"error": "invalid JSON"}
    if not isinstance(payload, dict):
        return "400 Bad Request", {"error": "expected a JSON object"}
    texts = payload.get("texts")
    try:
        if isinstance(texts, dict):
            verdict = guard.validate_texts(texts)
        else:
            verdict = guard.validate_design(payload)
    except TypeError as exc:  # e.g. {} or an object with no "configuration": not a design
        return "400 Bad Request", {"error": str(exc)}
    return verdict_body(verdict)


def health_body(guard: CheckoutGuard) -> dict[str, Any]:
    """``GET /healthz``: where the word list came from, when, and the last error."""
    s = guard.status
    return {"source": s.source, "active": s.active, "words": s.words,
            "fetched_at": s.fetched_at, "last_error": s.last_error}


def make_app(guard: CheckoutGuard) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application: ``POST /validate`` and ``GET /healthz``."""

    def reply(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                                ("Content-Length", str(len(data)))])
        return [data]

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        if path == "/healthz" and method == "GET":
            return reply(start_response, "200 OK", health_body(guard))
        if path != "/validate":
            return reply(start_response, "404 Not Found", {"error": "not found"})
        if method != "POST":
            return reply(start_response, "405 Method Not Allowed", {"error": "POST only"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return reply(start_response, "413 Content Too Large" if length > MAX_BODY
                         else "400 Bad Request", {"error": "a JSON body is required"})
        return reply(start_response, *validate_body(guard, environ["wsgi.input"].read(length)))

    return app


class _QuietHandler(WSGIRequestHandler):
    timeout = 10  # a client that stops sending mid-request is dropped, not waited for

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        print(f"{self.address_string()} {format % args}", file=sys.stderr)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    """One thread per connection: a slow client cannot hold up every other checkout."""

    daemon_threads = True


def make_http_server(app: Any, host: str = "127.0.0.1", port: int = 8080) -> WSGIServer:
    """A ``wsgiref`` server (port 0: a free one), a thread per connection and a 10 s socket
    timeout. Fine for a demo or a sidecar; put a real WSGI server (gunicorn, uwsgi) in
    front for production traffic."""
    return make_server(host, port, app, server_class=_ThreadingServer,
                       handler_class=_QuietHandler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Checkout validation endpoint (WSGI).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--ttl", type=float, default=300.0, help="list refresh interval (s)")
    parser.add_argument("--demo", action="store_true",
                        help="use the embedded fake Kickflip API (its demo wordfilter)")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        if args.demo:
            from kickflip_moderation.fake_api import FakeKickflip, serve

            fake = FakeKickflip.demo()
            server = stack.enter_context(serve(fake))
            client = KickflipClient(fake.brand, fake.token, base_url=server.url)
        else:
            client = KickflipClient.from_env()
        stack.callback(client.close)
        guard = build_guard(client, ttl=args.ttl)
        httpd = make_http_server(make_app(guard), args.host, args.port)
        stack.callback(httpd.server_close)
        host, port = httpd.server_address[:2]
        print(f"listening on http://{host}:{port}/validate "
              f"({guard.status.words} words from {guard.status.source})", file=sys.stderr)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
