"""Reading an answer within limits: a size cap (after decompression) and a total deadline.

httpx bounds neither: its timeouts apply per socket read, so a server sending one byte a
second holds a call for as long as it likes, and ``response.content`` grows until memory
runs out (an endless body, or a small gzip body that inflates to gigabytes). Both clients
therefore stream every answer through ``read_capped``/``aread_capped``:

* ``max_response_bytes`` counts the bytes AFTER decoding, checked chunk by chunk, so a gzip
  bomb stops at the cap (plus at most one decoded network chunk, about 64 MB for a 64 KiB
  read at zlib's maximum ratio). A ``Content-Length`` over the cap fails before any read.
* ``deadline`` is wall time for the whole call: every attempt, every retry wait, and every
  read. The sync client cannot interrupt a blocking read from outside, so its own
  transport clamps the timeout of each socket operation to the time left (``_Clamped``);
  the async client runs the call inside an ``anyio`` cancel scope instead.

Past a limit the call fails with a clear ``APIError`` that is NOT retried: the same server
would send the same thing again. Both limits are configurable per client and through the
environment (``KICKFLIP_MAX_RESPONSE_BYTES``, ``KICKFLIP_CALL_DEADLINE``).
"""

from __future__ import annotations

import contextvars
import math
import os
import ssl
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpcore
import httpx

from .errors import ConfigError

__all__ = [
    "DEFAULT_CALL_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "Deadline",
    "DeadlineExceeded",
    "Limits",
    "ResponseTooLarge",
    "aread_capped",
    "deadline_scope",
    "deadline_transport",
    "read_capped",
]

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # a 10,000-word list is ~200 KB
DEFAULT_CALL_DEADLINE = 120.0  # seconds per call, retries included
MAX_BYTES_ENV = "KICKFLIP_MAX_RESPONSE_BYTES"
DEADLINE_ENV = "KICKFLIP_CALL_DEADLINE"


class ResponseTooLarge(Exception):
    """The decoded body passed ``max_response_bytes``."""


class DeadlineExceeded(Exception):
    """The call's total deadline passed while an answer was still arriving."""


def _env_number(name: str, default: float, kind: type[int] | type[float]) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw[:40]!r} is not a number") from None
    if not value > 0 or not math.isfinite(value):
        raise ConfigError(f"{name} must be a positive number, not {raw[:40]!r}")
    return value


@dataclass(frozen=True)
class Limits:
    """What one client call may cost. ``None`` fields take the environment or the default."""

    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    deadline: float = DEFAULT_CALL_DEADLINE

    @classmethod
    def resolve(cls, max_response_bytes: int | None = None,
                deadline: float | None = None) -> Limits:
        size = (max_response_bytes if max_response_bytes is not None
                else int(_env_number(MAX_BYTES_ENV, DEFAULT_MAX_RESPONSE_BYTES, int)))
        secs = (deadline if deadline is not None
                else _env_number(DEADLINE_ENV, DEFAULT_CALL_DEADLINE, float))
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"max_response_bytes must be a positive int, not {size!r}")
        if not isinstance(secs, int | float) or not secs > 0 or not math.isfinite(secs):
            raise ValueError(f"deadline must be a positive number of seconds, not {secs!r}")
        return cls(size, float(secs))


class Deadline:
    """A point in ``time.monotonic()`` time by which a call must be over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0


def _too_large(limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(f"the answer is larger than {limit:,} bytes (the limit; set "
                            f"{MAX_BYTES_ENV} to raise it)")


def _check_length(response: httpx.Response, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
        raise _too_large(limit)


def _gather(chunks: Iterable[bytes], limit: int, deadline: Deadline) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)
        if deadline.expired():
            raise DeadlineExceeded
        yield chunk


def read_capped(response: httpx.Response, limit: int, deadline: Deadline) -> bytes:
    """The decoded body of a streamed ``response``, or ``ResponseTooLarge``/``DeadlineExceeded``."""
    _check_length(response, limit)
    return b"".join(_gather(response.iter_bytes(), limit, deadline))


async def aread_capped(response: httpx.Response, limit: int) -> bytes:
    """``read_capped`` for an async response (the caller's cancel scope is the deadline)."""
    _check_length(response, limit)
    parts: list[bytes] = []
    total = 0
    chunks: AsyncIterator[bytes] = response.aiter_bytes()
    async for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)
        parts.append(chunk)
    return b"".join(parts)


# --- the sync deadline: every socket operation waits at most the time left ---------------
_CURRENT: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "kickflip_deadline", default=None)


class deadline_scope:  # noqa: N801 - used like a function: ``with deadline_scope(d):``
    """Within it, socket operations of a ``deadline_transport`` end by ``deadline``."""

    def __init__(self, deadline: Deadline) -> None:
        self._at = deadline.at
        self._token: contextvars.Token[float | None] | None = None

    def __enter__(self) -> None:
        self._token = _CURRENT.set(self._at)

    def __exit__(self, *exc: object) -> None:
        assert self._token is not None
        _CURRENT.reset(self._token)


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    at = _CURRENT.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the call's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _Clamped(httpcore.NetworkStream):
    """A socket whose every wait ends by the current call's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Clamped(self._inner.start_tls(ssl_context, server_hostname,
                                              _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _ClampedBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _Clamped(self._inner.connect_tcp(host, port, _clamp(
            timeout, httpcore.ConnectTimeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        return _Clamped(self._inner.connect_unix_socket(path, _clamp(
            timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """httpx's default context (certifi, ``SSL_CERT_FILE``), built once per process: it
    costs ~10 ms, which a short-lived client (a guard refresh) would pay every time."""
    return httpx.create_ssl_context()


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a pool whose sockets honour ``deadline_scope``.

    httpx offers no hook for the network backend, so the pool is built here with httpx's
    default settings (``handle_request`` and ``close`` use nothing else); a test over a
    drip server guards this."""

    def __init__(self) -> None:  # no super().__init__(): it would build a pool to discard
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(), max_connections=100, max_keepalive_connections=20,
            keepalive_expiry=5.0, network_backend=_ClampedBackend(),
        )


def deadline_transport() -> httpx.HTTPTransport:
    """The transport ``KickflipClient`` uses when none is given."""
    return _DeadlineTransport()
