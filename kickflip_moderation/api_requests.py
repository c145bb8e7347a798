"""Everything about talking to Kickflip except the talking: shared by both clients.

Like httpx's ``BaseClient``, this module has no I/O, so ``KickflipClient`` and
``AsyncKickflipClient`` differ only in how they send bytes and sleep. It holds the checks
made before any request (brand, token, URL), the request descriptions (``Call``), the
mapping of a response or transport failure to a value or one of our errors (``Failure``),
the pagination state machine (``Paginator``), JWT ``exp`` decoding and token redaction.
``docs/kickflip-api.md`` (in the repository) says why each rule exists: "note #N" below
is its point N.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from . import __version__
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnknownBrandError,
)
from .redaction import echoes_secret, redact
from .resources import parse_words
from .retry import parse_retry_after
from .safetext import map_strings, printable, scrub_json

__all__ = [
    "DEFAULT_BASE_URL",
    "USER_AGENT",
    "BearerAuth",
    "Call",
    "Failure",
    "Routes",
    "interpret",
    "parse_set_wordfilter",
    "redact",
    "safe_cause",
    "token_expiry",
    "transport_failure",
    "validate_base_url",
    "validate_brand",
    "validate_page_size",
    "validate_token",
]

DEFAULT_BASE_URL = "https://api.mycustomizer.com"
USER_AGENT = f"kickflip-moderation/{__version__}"
BODY_LIMIT = 200  # chars of an error body kept in messages (bodies may be proxy HTML)
TENANT_TEXT = "Trying to launch invalid tenant."
SORT_KEYS = ("orderId", "date")
SORT_ORDERS = ("ascending", "descending")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_BRAND_RE = re.compile(r"[A-Za-z0-9._-]{1,100}")
_BAD_PARAM_RE = re.compile(r"\bInvalid \w+ value\b")  # a 500 that blames the request itself


# --- checks made before any request ------------------------------------------------------
def validate_brand(brand: str) -> str:
    """The brand becomes ONE URL path segment, so anything that could escape it is refused."""
    if not isinstance(brand, str) or not _BRAND_RE.fullmatch(brand) or brand in (".", ".."):
        raise ConfigError(
            f"invalid brand name {str(brand)[:40]!r}: use 1-100 letters, digits, '-', '_' or '.'"
        )
    return brand


def validate_token(token: str) -> str:
    if not isinstance(token, str) or not token.strip():
        raise ConfigError("the Kickflip API token is empty (set KICKFLIP_TOKEN)")
    if any(c.isspace() for c in token):
        raise ConfigError("the Kickflip API token contains whitespace")
    return token


def validate_base_url(url: str | httpx.URL) -> httpx.URL:
    """The token is a bearer secret: only https carries it, except to this very machine."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigError(f"invalid Kickflip API URL: {exc}") from None
    if parsed.scheme not in ("https", "http") or not parsed.host:
        raise ConfigError(f"invalid Kickflip API URL {str(url)[:100]!r}: need https://host")
    if parsed.scheme == "http" and not _is_loopback(parsed.host):
        raise ConfigError(
            f"refusing to send the API token over plain http to {parsed.host!r}: use https "
            "(http is allowed only for 127.0.0.0/8, ::1 and localhost)"
        )
    return parsed.copy_with(query=None, fragment=None)


def _is_loopback(host: str) -> bool:
    # "localhost." is a fully qualified name: resolvers send it to DNS, which may answer
    # with any address, so only the bare name (resolved from /etc/hosts) counts.
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate_page_size(page_size: int) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size <= 0:
        raise ValueError(f"page_size must be a positive integer, not {page_size!r}")
    return page_size


def _segment(value: str | int, what: str) -> str:
    """An id as one path segment: quoted, so ``../x`` cannot climb out of the route."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"{what} must be a str or int, not {type(value).__name__}")
    text = str(value)
    if text in ("", ".", ".."):
        raise ValueError(f"invalid {what} {text!r}")
    return quote(text, safe="")


# --- secrets ------------------------------------------------------------------------------
def token_expiry(token: str) -> datetime | None:
    """The JWT ``exp`` claim, decoded WITHOUT verifying (we have no key); None if absent."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        exp = payload["exp"]
        if isinstance(exp, bool) or not isinstance(exp, int | float):
            return None
        return datetime.fromtimestamp(exp, UTC)
    except (ValueError, TypeError, KeyError, binascii.Error, OverflowError, OSError):
        return None


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` on every request; its repr never shows the token."""

    def __init__(self, token: str) -> None:
        self._token = token

    @property
    def token(self) -> str:
        return self._token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(token='***')"


# --- requests -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One logical request; ``subject`` names it in errors (``order '12'``)."""

    method: str
    path: str
    subject: str
    params: Mapping[str, str] = field(default_factory=dict)
    json: Any = None
    allow_empty: bool = False  # a 2xx with no body is a valid answer (POST)


class Routes:
    """The documented endpoints of one brand (``docs/kickflip-api.md``, notes #2-#7, #11)."""

    def __init__(self, brand: str) -> None:
        self.prefix = f"/brands/{validate_brand(brand)}"

    def orders(self, sort_key: str, sort_order: str) -> Call:
        # Checked here because the API answers a bad sort with a 500 (note #4).
        if sort_key not in SORT_KEYS:
            raise ValueError(f"sort_key must be one of {SORT_KEYS}, not {sort_key!r}")
        if sort_order not in SORT_ORDERS:
            raise ValueError(f"sort_order must be one of {SORT_ORDERS}, not {sort_order!r}")
        params = {"sortKey": sort_key, "sortOrder": sort_order}
        return Call("GET", f"{self.prefix}/orders", "orders", params)

    def order(self, order_id: str | int) -> Call:
        seg = _segment(order_id, "order id")
        return Call("GET", f"{self.prefix}/orders/{seg}", f"order {str(order_id)!r}")

    def designs(self, backwards: bool) -> Call:
        # Never sortKey: its documentation is placeholder text (note #5).
        params = {"backwards": "true" if backwards else "false"}
        return Call("GET", f"{self.prefix}/designs", "designs", params)

    def design(self, design_id: str | int) -> Call:
        seg = _segment(design_id, "design id")
        return Call("GET", f"{self.prefix}/designs/{seg}", f"design {str(design_id)!r}")

    def wordfilter(self) -> Call:
        return Call("GET", f"{self.prefix}/wordfilter", "wordfilter")

    def set_wordfilter(self, words: Sequence[str] | None, is_active: bool | None) -> Call:
        if words is None and is_active is None:
            raise ValueError("set_wordfilter needs words, is_active or both")
        body: dict[str, Any] = {}
        if words is not None:
            if isinstance(words, str | bytes) or not all(isinstance(w, str) for w in words):
                raise TypeError("words must be a sequence of str (the FULL list)")
            body["words"] = list(words)
        if is_active is not None:
            body["isActive"] = bool(is_active)
        return Call("POST", f"{self.prefix}/wordfilter", "wordfilter update", json=body,
                    allow_empty=True)


# --- responses ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Failure:
    """A failed attempt: the error to raise if we give up, and whether to try again."""

    error: APIError
    retryable: bool
    retry_after: float | None = None


def _snippet(content: bytes, token: str) -> str:
    """The start of a body for messages and logs: one line, token pieces hidden, and
    terminal escapes shown as ``\x1b`` (it reaches terminals through errors and logs)."""
    text = " ".join(content[: BODY_LIMIT * 8].decode("utf-8", errors="replace").split())
    text = printable(redact(text, token))
    return text if len(text) <= BODY_LIMIT else text[: BODY_LIMIT - 1] + "…"


def interpret(
    call: Call, status: int, headers: Mapping[str, str], content: bytes, *, brand: str,
    token: str,
) -> Any:
    """A response -> its decoded JSON, or a ``Failure`` (returned, never raised)."""
    if 200 <= status < 300:
        if call.allow_empty and not content.strip():
            return None
        try:
            decoded = json.loads(content)
        except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError
            msg = f"{call.subject}: the response is not valid JSON (cut off?): "
            return Failure(APIResponseError(msg + repr(_snippet(content, token))), True)
        # a lone surrogate arrives escaped (UTF-8 cannot hold one) or in a UTF-16/32 body:
        # look for either before walking the whole value
        if b"\\u" in content or b"\0" in content:
            decoded = scrub_json(decoded)
        if echoes_secret(content, token):  # an echo must not be stored (see redaction)
            decoded = map_strings(decoded, lambda s: redact(s, token))
        return decoded
    body = _snippet(content, token)
    said = f"HTTP {status}: {body!r}"
    if status in (401, 403):
        msg = f"{call.subject}: Kickflip refused the token ({said}); "
        expiry = token_expiry(token)
        if expiry is not None and expiry <= datetime.now(UTC):
            msg += f"the token expired at {expiry:%Y-%m-%d %H:%M:%S} UTC"
        else:
            msg += "the token is wrong or expired"
        return Failure(AuthenticationError(msg, status_code=status, body=body), False)
    if status == 404 and TENANT_TEXT in content.decode("utf-8", errors="replace"):
        msg = f"unknown brand {brand!r}: Kickflip does not know it ({said})"
        return Failure(UnknownBrandError(msg, status_code=status, body=body), False)
    if status == 404:
        msg = f"{call.subject} not found ({said})"
        return Failure(NotFoundError(msg, status_code=status, body=body), False)
    if status == 500 and _BAD_PARAM_RE.search(body):  # "Invalid sort value: {...}" (note #4)
        msg = f"{call.subject}: Kickflip rejected the request ({said})"
        return Failure(BadRequestError(msg, status_code=status, body=body), False)
    retry = status in RETRY_STATUSES
    after = parse_retry_after(headers.get("retry-after")) if retry else None
    if status == 429:
        msg = f"{call.subject}: rate limited by Kickflip ({said})"
        return Failure(RateLimitedError(msg, status_code=status, body=body), True, after)
    if status >= 500:
        msg = f"{call.subject}: Kickflip server error ({said})"
        return Failure(ServerError(msg, status_code=status, body=body), retry, after)
    msg = f"{call.subject}: unexpected answer from Kickflip ({said})"
    return Failure(APIStatusError(msg, status_code=status, body=body), False)


def transport_failure(exc: Exception, call: Call, *, token: str) -> Failure:
    """An httpx exception -> one of ours (the client raises it ``from exc``)."""
    detail = printable(redact(f"{type(exc).__name__}: {exc}", token))[:BODY_LIMIT]
    if isinstance(exc, httpx.TimeoutException):
        msg = f"{call.subject}: Kickflip did not answer in time ({detail})"
        return Failure(APIConnectionError(msg), True)
    if isinstance(exc, httpx.DecodingError):  # e.g. a gzip body cut off mid-stream
        return Failure(APIResponseError(f"{call.subject}: undecodable body ({detail})"), True)
    retry = isinstance(exc, httpx.TransportError) and not isinstance(
        exc, httpx.UnsupportedProtocol
    )
    return Failure(APIConnectionError(f"{call.subject}: could not reach Kickflip ({detail})"),
                   retry)


def safe_cause(exc: BaseException, token: str) -> BaseException | None:
    """``exc`` if it may be chained as ``__cause__``; None if its text shows the token.

    httpx messages do not normally contain headers, but a chained exception is printed
    verbatim in tracebacks, so the whole chain is checked rather than trusted.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if redact(str(seen), token) != str(seen):
            return None
        seen = seen.__cause__ or seen.__context__
    return exc


def parse_set_wordfilter(data: Any) -> list[str] | None:
    """Documented as a bare array; an object with ``words`` is accepted too (note #11)."""
    if data is None:
        return None
    if isinstance(data, list):
        return parse_words(data)
    if isinstance(data, dict):
        return parse_words(data["words"]) if "words" in data else None
    raise APIResponseError("wordfilter update response is not a list or an object")
