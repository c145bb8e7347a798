"""Injected faults: the failures a real API behind a proxy produces, on demand and bounded.

Every knob is a count of how many more requests it affects, so a client with a retry bug
cannot make a test loop forever. Faults apply to ``/brands/...`` requests only (never to the
``/__fake__`` control routes), optionally only to paths containing a substring.

Precedence for one request: ``slow`` (delay, combines with anything), then ``drop_connection``,
``rate_limit`` (429), ``fail_every`` (5xx); if none of these answered, the real route runs and
a 200 JSON answer may then be ``truncate``-d or replaced by ``invalid_json``.

Hostile servers (``hostile``): whatever the route answered is then replaced by an endless
body, a gzip bomb, an answer dripped one byte at a time (status line and headers too), or a
500 whose text echoes part of the token. The transport bounds each: an endless body stops
after 16 GB, a drip ends when the client hangs up.

Rate limits are enforced as a real API would: once a 429 has announced ``Retry-After: N``,
every request that arrives before the N seconds have passed is answered 429 too, and
counted in ``early_requests`` - the measure of a client that does not wait. Requests that
arrive within ``grace`` seconds of the 429 are not counted: they were on the wire already.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = ["Faults", "Response"]

_PROXY_HTML = (
    "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Time-out"}
INVALID_JSON = b"{isActive: true, results: [undefined], }"


@dataclass
class Response:
    """One answer: status, body, headers; ``delay`` and ``drop`` are fault actions the
    transport carries out (sleep first; close the socket without answering)."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0
    drop: bool = False
    stream: Callable[[], Iterator[bytes]] | None = None  # sent chunked instead of ``body``
    drip: float = 0.0  # seconds between single bytes of the whole answer

    def header_list(self) -> list[tuple[str, str]]:
        size = (("Transfer-Encoding", "chunked") if self.stream is not None
                else ("Content-Length", str(len(self.body))))
        return [("Content-Type", self.content_type), size, *self.headers]

    def json(self) -> Any:
        return json.loads(self.body)


class Faults:
    """Fault knobs for one ``FakeKickflip``; every setter returns ``self`` so calls chain.

    Example: ``fake.faults.restrict_to("/designs/").fail_every(3, status=502, times=2)``.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        # What a Retry-After is measured with; a test may put a fake clock here instead of
        # waiting it out (``clear()`` keeps it).
        self.clock: Callable[[], float] = time.monotonic
        self.clear()

    def clear(self) -> Faults:
        """Switch every fault off (and forget the path restriction)."""
        with self._lock:
            self.path_contains: str | None = None
            self.error_every = 0
            self.error_status = 500
            self.error_times = 0
            self._error_seen = 0
            self.rate_limit_times = 0
            self.retry_after = 0
            self.rate_limit_every = 1
            self.grace = 0.1
            self.early_requests = 0
            self._rate_seen = 0
            self._quiet_from = self._quiet_until = 0.0
            self.slow_times = 0
            self.slow_delay = 0.0
            self.truncate_times = 0
            self.invalid_json_times = 0
            self.drop_times = 0
            self.repeat_last_index_times = 0
            self.words_after_get: list[str] = []
            self.lost_post_answers = 0
            self.orders_unsorted = False
            self.hostile_kind: str | None = None
            self.hostile_times = 0
            self.hostile_arg: Any = None
        return self

    # -- setters ---------------------------------------------------------------------------
    def restrict_to(self, path_contains: str | None) -> Faults:
        """Apply faults only to request paths containing this substring (None: all)."""
        with self._lock:
            self.path_contains = path_contains or None
        return self

    def fail_every(self, n: int, *, status: int = 500, times: int = 100) -> Faults:
        """Every ``n``-th matching request answers ``status`` (500/502/503/504), at most
        ``times`` times. 502 and 504 carry an HTML proxy page, 500 and 503 a short text."""
        if n < 1 or status not in _REASONS or times < 0:
            raise ValueError("fail_every needs n >= 1, status in 500/502/503/504, times >= 0")
        with self._lock:
            self.error_every, self.error_status, self.error_times = n, status, times
            self._error_seen = 0
        return self

    def rate_limit(self, times: int = 1, *, retry_after: int = 0, every: int = 1,
                   grace: float = 0.1) -> Faults:
        """Every ``every``-th matching request (the next ones by default) answers 429 with
        ``Retry-After: retry_after``, ``times`` times; requests arriving before that has
        elapsed (``grace`` seconds after the 429 on) get 429 and count as early."""
        if times < 0 or retry_after < 0 or every < 1 or grace < 0:
            raise ValueError("rate_limit needs times >= 0, retry_after >= 0, every >= 1 "
                             "and grace >= 0")
        with self._lock:
            self.rate_limit_times, self.retry_after = times, int(retry_after)
            self.rate_limit_every, self.grace, self._rate_seen = every, float(grace), 0
        return self

    def slow(self, delay: float, *, times: int = 1) -> Faults:
        """Delay the next ``times`` matching responses by ``delay`` seconds (timeout tests)."""
        if delay < 0 or times < 0:
            raise ValueError("slow needs delay >= 0 and times >= 0")
        with self._lock:
            self.slow_delay, self.slow_times = float(delay), times
        return self

    def truncate(self, times: int = 1) -> Faults:
        """The next ``times`` 200 JSON answers lose their second half (Content-Length fits)."""
        with self._lock:
            self.truncate_times = max(0, times)
        return self

    def invalid_json(self, times: int = 1) -> Faults:
        """The next ``times`` 200 JSON answers carry a JS-object-literal body, not JSON."""
        with self._lock:
            self.invalid_json_times = max(0, times)
        return self

    def drop_connection(self, times: int = 1) -> Faults:
        """The next ``times`` matching requests get the socket closed with no response."""
        with self._lock:
            self.drop_times = max(0, times)
        return self

    def repeat_last_index(self, times: int = 1) -> Faults:
        """The next ``times`` paginated answers report the request's lastIndex (0 when absent)
        instead of advancing it: a cursor that never moves."""
        with self._lock:
            self.repeat_last_index_times = max(0, times)
        return self

    def change_words_after_get(self, words: list[str]) -> Faults:
        """"Another admin": once the next GET wordfilter has been answered, append ``words``
        to the stored list, so a later read sees them and a blind POST would erase them."""
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError("change_words_after_get needs a list of strings")
        with self._lock:
            self.words_after_get = list(words)
        return self

    def unsorted_orders(self, on: bool = True) -> Faults:
        """List orders in the order they are stored, whatever sort was asked for (an API
        whose index is not what its documentation says)."""
        with self._lock:
            self.orders_unsorted = bool(on)
        return self

    def lose_post_answers(self, times: int = 1) -> Faults:
        """The next ``times`` POSTs are carried out (the list is stored) but answered 500,
        as when a proxy times out after the backend has written."""
        with self._lock:
            self.lost_post_answers = max(0, times)
        return self

    def take_lost_post_answer(self, method: str, path: str) -> bool:
        with self._lock:
            if method == "POST" and self.lost_post_answers > 0 and self._applies(path):
                self.lost_post_answers -= 1
                return True
            return False

    def hostile(self, kind: str, *, times: int = 1, arg: Any = None) -> Faults:
        """The next ``times`` matching answers come from a hostile server (``HOSTILE``):

        ``endless`` (a 200 JSON body that never ends), ``gzip_bomb`` (``arg`` MB of
        spaces gzipped, a few KB on the wire; default 1024), ``drip`` (the real answer, one
        byte every ``arg`` seconds, default 1.0), ``echo_token`` (a 500 whose text holds
        the ``arg`` part of the token: ``token``, ``signature``, ``payload``,
        ``minus_last``, ``middle``)."""
        if kind not in HOSTILE or times < 0:
            raise ValueError(f"hostile needs a kind in {sorted(HOSTILE)} and times >= 0")
        if kind == "echo_token" and arg not in (None, *ECHOES):
            raise ValueError(f"echo_token arg must be one of {ECHOES}")
        with self._lock:
            self.hostile_kind, self.hostile_times, self.hostile_arg = kind, times, arg
        return self

    def configure(self, spec: dict[str, Any]) -> Faults:
        """Apply a JSON spec (the ``POST /__fake__/faults`` body): keys are setter names with
        an object of keyword arguments, e.g. ``{"clear": true, "restrict_to": "/designs/",
        "fail_every": {"n": 2, "status": 503}, "rate_limit": {"times": 1}}``."""
        if spec.get("clear"):
            self.clear()
        for name, args in spec.items():
            if name == "clear":
                continue
            if name not in _SETTERS:
                raise ValueError(f"unknown fault {name!r}")
            method = getattr(self, name)
            if isinstance(args, dict):
                method(**args)
            elif isinstance(args, list) and name == "change_words_after_get":
                method(args)
            elif args is None:
                method()
            else:
                method(args)
        return self

    def describe(self) -> dict[str, Any]:
        """The current settings as JSON (what ``GET /__fake__/faults`` shows)."""
        with self._lock:
            return {k: v for k, v in vars(self).items()
                    if not k.startswith("_") and not callable(v)}  # settings, not the clock

    # -- used by the request handler ---------------------------------------------------------
    def _applies(self, path: str) -> bool:
        return self.path_contains is None or self.path_contains in path

    def before(self, path: str) -> tuple[float, Response | None]:
        """Called for each /brands request before routing: (delay, fault answer or None)."""
        with self._lock:
            if not self._applies(path):
                return 0.0, None
            delay = 0.0
            if self.slow_times > 0:
                self.slow_times -= 1
                delay = self.slow_delay
            if self.drop_times > 0:
                self.drop_times -= 1
                return delay, Response(0, drop=True)
            now = self.clock()
            if now < self._quiet_until:  # a Retry-After announced earlier is still running
                self.early_requests += now >= self._quiet_from
                left = max(1, int(self._quiet_until - now + 0.999))
                return delay, _too_many(left)
            if self.rate_limit_times > 0:
                self._rate_seen += 1
                if self._rate_seen % self.rate_limit_every == 0:
                    self.rate_limit_times -= 1
                    self._quiet_from = now + self.grace
                    self._quiet_until = now + self.retry_after
                    return delay, _too_many(self.retry_after)
            if self.error_every and self.error_times > 0:
                self._error_seen += 1
                if self._error_seen % self.error_every == 0:
                    self.error_times -= 1
                    return delay, _error(self.error_status)
            return delay, None

    def after(self, path: str, body: bytes) -> bytes:
        """Called with each 200 JSON body: maybe truncate it or replace it with invalid JSON."""
        with self._lock:
            if not self._applies(path):
                return body
            if self.truncate_times > 0:
                self.truncate_times -= 1
                return body[: max(1, len(body) // 2)]
            if self.invalid_json_times > 0:
                self.invalid_json_times -= 1
                return INVALID_JSON
            return body

    def shape(self, path: str, resp: Response, token: str) -> Response:
        """Called with every routed answer: maybe replace it with a hostile one."""
        with self._lock:
            if self.hostile_times <= 0 or self.hostile_kind is None or not self._applies(path):
                return resp
            self.hostile_times -= 1
            kind, arg = self.hostile_kind, self.hostile_arg
        if kind == "endless":
            return Response(200, content_type="application/json", stream=_endless)
        if kind == "gzip_bomb":
            return Response(200, _bomb(int(arg or 1024)), "application/json",
                            headers=[("Content-Encoding", "gzip")])
        if kind == "drip":
            resp.drip = float(1.0 if arg is None else arg)
            return resp
        return Response(500, f"Invalid token {_echo(token, arg or 'token')}".encode())

    def take_repeat(self, path: str) -> bool:
        """True if this paginated answer must not advance its lastIndex."""
        with self._lock:
            if self.repeat_last_index_times > 0 and self._applies(path):
                self.repeat_last_index_times -= 1
                return True
            return False

    def take_words_after_get(self, path: str) -> list[str]:
        """The words "another admin" adds now (empty when that fault is off)."""
        with self._lock:
            if not self.words_after_get or not self._applies(path):
                return []
            words, self.words_after_get = self.words_after_get, []
            return words


_SETTERS = {"restrict_to", "fail_every", "rate_limit", "slow", "truncate", "invalid_json",
            "drop_connection", "repeat_last_index", "change_words_after_get", "hostile",
            "lose_post_answers", "unsorted_orders"}
HOSTILE = frozenset({"endless", "gzip_bomb", "drip", "echo_token"})
ECHOES = ("token", "signature", "payload", "minus_last", "middle")
_ENDLESS_LIMIT = 16 * 1024**3


def _endless() -> Iterator[bytes]:
    """A JSON array that never closes, 64 KiB at a time (16 GB at most)."""
    chunk = b'"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",' * 2048
    yield b'{"isActive": true, "words": ['
    yield from itertools.repeat(chunk, _ENDLESS_LIMIT // len(chunk))


@lru_cache(maxsize=4)
def _bomb(megabytes: int) -> bytes:
    """``megabytes`` MB of spaces as a gzip body (4 GB is about 4 MB on the wire), built in
    milliseconds: after a full flush deflate forgets its window, so one compressed MB can be
    repeated. The trailer's checksum is wrong on purpose: no client should read that far."""
    block = b" " * (1024 * 1024)
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeat = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    return first + repeat * max(0, megabytes - 1) + deflate.flush()


def _echo(token: str, part: str) -> str:
    """The part of ``token`` a careless server might reflect."""
    pieces = token.split(".")
    if part == "signature" and len(pieces) == 3:
        return pieces[2]
    if part == "payload" and len(pieces) == 3:
        return pieces[1]
    if part == "minus_last":
        return token[:-1]
    if part == "middle":
        return token[len(token) // 4: len(token) * 3 // 4]
    return token


def _too_many(retry_after: int) -> Response:
    return Response(429, b"Too Many Requests", headers=[("Retry-After", str(retry_after))])


def _error(status: int) -> Response:
    reason = _REASONS[status]
    if status in (502, 504):
        html = _PROXY_HTML.format(code=status, reason=reason).encode()
        return Response(status, html, "text/html")
    return Response(status, reason.encode())
