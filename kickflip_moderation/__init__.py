"""kickflip-moderation: keep offensive text off products made with the Kickflip customizer.

The public names are imported lazily (PEP 562), so ``import kickflip_moderation`` stays cheap
for checkout code that only needs the matcher.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("kickflip-moderation")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

_EXPORTS: dict[str, str] = {
    # matching
    "Match": "matching.match",
    "Matcher": "matching.matcher",
    "Normalized": "matching.normalization",
    "entry_key": "matching.normalization",
    "normalize": "matching.normalization",
    # designs and checkout validation
    "CheckoutGuard": "guard",
    "Finding": "design",
    "TextItem": "design",
    "Verdict": "guard",
    "check_design": "design",
    "extract_texts": "design",
    # word-list files
    "read_wordlist": "wordlist",
    "write_wordlist": "wordlist",
    # the Kickflip API
    "AsyncKickflipClient": "client",
    "Design": "resources",
    "KickflipClient": "client",
    "Order": "resources",
    "RetryPolicy": "retry",
    "Wordfilter": "resources",
    # errors
    "APIConnectionError": "errors",
    "APIError": "errors",
    "APIResponseError": "errors",
    "APIStatusError": "errors",
    "AuthenticationError": "errors",
    "BadRequestError": "errors",
    "ConfigError": "errors",
    "KickflipModerationError": "errors",
    "NotFoundError": "errors",
    "PaginationError": "errors",
    "RateLimitedError": "errors",
    "ServerError": "errors",
    "UnknownBrandError": "errors",
    "WordlistError": "errors",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kickflip_moderation' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .client import AsyncKickflipClient, KickflipClient
    from .design import Finding, TextItem, check_design, extract_texts
    from .errors import (
        APIConnectionError,
        APIError,
        APIResponseError,
        APIStatusError,
        AuthenticationError,
        BadRequestError,
        ConfigError,
        KickflipModerationError,
        NotFoundError,
        PaginationError,
        RateLimitedError,
        ServerError,
        UnknownBrandError,
        WordlistError,
    )
    from .guard import CheckoutGuard, Verdict
    from .matching.match import Match
    from .matching.matcher import Matcher
    from .matching.normalization import Normalized, entry_key, normalize
    from .resources import Design, Order, Wordfilter
    from .retry import RetryPolicy
    from .wordlist import read_wordlist, write_wordlist

    __all__ = [  # noqa: F822 - the same names, spelled out for static tools
        "APIConnectionError", "APIError", "APIResponseError", "APIStatusError",
        "AsyncKickflipClient", "AuthenticationError", "BadRequestError", "CheckoutGuard",
        "ConfigError", "Design", "Finding", "KickflipClient", "KickflipModerationError",
        "Match", "Matcher", "Normalized", "NotFoundError", "Order", "PaginationError",
        "RateLimitedError", "RetryPolicy", "ServerError", "TextItem", "UnknownBrandError",
        "Verdict", "Wordfilter", "WordlistError", "__version__", "check_design", "entry_key",
        "extract_texts", "normalize", "read_wordlist", "write_wordlist",
    ]  # fmt: skip
