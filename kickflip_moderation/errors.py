"""The one exception tree of kickflip_moderation.

Callers catch ``KickflipModerationError``; the CLI maps each branch to an exit code.
httpx exceptions never escape: ``client`` translates them at a single boundary.

* KickflipModerationError        base: the one thing the CLI and callers catch
  + ConfigError                  missing/invalid brand, token or URL; insecure transport
  + WordlistError                a word-list file or entry that cannot be used (.path, .line)
  + APIError                     anything from talking to Kickflip
    + APIConnectionError         network failure or timeout, after retries
    + APIResponseError           a 2xx whose body is not JSON or not the documented shape
    + PaginationError            a page that does not advance (would loop forever)
    + APIStatusError             4xx/5xx (.status_code, .body: the first 200 chars)
      + AuthenticationError      401/403: wrong or expired token
      + NotFoundError            404: unknown order or design id
        + UnknownBrandError      404 "Trying to launch invalid tenant."
      + RateLimitedError         429 after retries
      + ServerError              5xx after retries
      + BadRequestError          the API rejected the request itself (e.g. 500 "Invalid sort value")
"""

from __future__ import annotations

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseError",
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigError",
    "KickflipModerationError",
    "NotFoundError",
    "PaginationError",
    "RateLimitedError",
    "ServerError",
    "UnknownBrandError",
    "WordlistError",
]


class KickflipModerationError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(KickflipModerationError):
    """Configuration that cannot work: no token, a bad brand name, an insecure URL."""


class WordlistError(KickflipModerationError):
    """A word list (file or entry) that cannot be used.

    ``str()`` reads ``path:line: message`` when the location is known, like a compiler.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class APIError(KickflipModerationError):
    """Anything that went wrong talking to the Kickflip API."""


class APIConnectionError(APIError):
    """The API could not be reached (connection refused/dropped, timeout), after retries."""


class APIResponseError(APIError):
    """A successful status whose body is not JSON or not the documented shape."""


class PaginationError(APIError):
    """A page that does not advance; iteration stops instead of looping forever."""


class APIStatusError(APIError):
    """An error status from the API. ``body`` keeps (at most 200 chars of) what it said."""

    def __init__(self, message: str, *, status_code: int, body: str = "") -> None:
        self.status_code = status_code
        self.body = body
        super().__init__(message)


class AuthenticationError(APIStatusError):
    """401/403: the token is wrong, expired, or not allowed for this brand."""


class NotFoundError(APIStatusError):
    """404: the order or design id does not exist."""


class UnknownBrandError(NotFoundError):
    """404 "Trying to launch invalid tenant.": the brand name is not known to Kickflip."""


class RateLimitedError(APIStatusError):
    """429: still rate limited after the retry budget was spent."""


class ServerError(APIStatusError):
    """5xx: still failing after the retry budget was spent."""


class BadRequestError(APIStatusError):
    """The API rejected the request itself (it answers 500 for a bad sort value)."""
