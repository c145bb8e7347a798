"""When to try a request again, and how long to wait first.

Hand-written rather than a library (tenacity, stamina, backoff): the whole policy is ~100
lines, it must honour ``Retry-After`` from a response we have already turned into one of
our errors, it must share one budget between the sync and async clients, and tests need to
inject the sleep and the clock. A dependency for that would cost more than it saves.

Delays: exponential backoff ``base_delay * 2**(n-1)`` capped at ``max_delay``, with *full
jitter* (uniform in ``[0, backoff]``) so that many clients hit by the same outage do not
retry in lockstep. A ``Retry-After`` header (seconds or an HTTP date) replaces the backoff,
capped at ``max_retry_after``. The budget is both ``max_attempts`` and ``max_total_seconds``:
no new attempt starts (and no sleep begins) that would end past the deadline.

A 429 is a normal condition, not a fault: it does not use up ``max_attempts``. Its budget is
the time (``max_total_seconds``), so a request that meets intermittent 429s gets through
once the API recovers; ``max_rate_limited`` only stops a server that answers 429 forever
with ``Retry-After: 0``. The wait itself is shared by all requests of the client
(``throttle.Throttle``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import anyio

__all__ = ["RetryBudget", "RetryPolicy", "parse_retry_after"]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry. ``RetryPolicy(max_attempts=1)`` never retries.

    ``sleep``, ``async_sleep``, ``clock`` and ``random`` are injectable for tests.
    """

    max_attempts: int = 5
    max_total_seconds: float = 60.0
    base_delay: float = 0.5
    max_delay: float = 8.0
    jitter: bool = True
    max_retry_after: float = 30.0
    max_rate_limited: int = 50
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(
        default=anyio.sleep, repr=False, compare=False
    )
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.max_rate_limited < 1:
            raise ValueError("max_attempts and max_rate_limited must be at least 1")
        for name in ("max_total_seconds", "base_delay", "max_delay", "max_retry_after"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    def backoff(self, failures: int) -> float:
        """The wait after the ``failures``-th failed attempt (1-based), before jitter."""
        return min(self.max_delay, self.base_delay * 2.0 ** min(failures - 1, 62))

    def start(self) -> RetryBudget:
        """A fresh budget for one logical request (all its attempts)."""
        return RetryBudget(self, started=self.clock())


@dataclass
class RetryBudget:
    """The attempts left for one request. Not thread-safe: one per call."""

    policy: RetryPolicy
    started: float
    failures: int = 0
    rate_limited: int = 0  # 429s: they count against the time, not max_attempts

    @property
    def attempts(self) -> int:
        return self.failures + self.rate_limited

    def next_delay(self, retry_after: float | None = None, *,
                   rate_limited: bool = False) -> float | None:
        """Record a failed attempt; return how long to wait, or ``None`` to give up."""
        policy = self.policy
        if rate_limited:
            self.rate_limited += 1
            if self.rate_limited >= policy.max_rate_limited:
                return None
        else:
            self.failures += 1
            if self.failures >= policy.max_attempts:
                return None
        if retry_after is not None:
            delay = min(max(retry_after, 0.0), policy.max_retry_after)
        else:
            delay = policy.backoff(self.attempts)
            if policy.jitter:
                delay *= policy.random()
        if self.elapsed() + delay > policy.max_total_seconds:
            return None
        return delay

    def elapsed(self) -> float:
        return self.policy.clock() - self.started


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date).

    Garbage gives ``None`` (fall back to backoff) rather than an error: the header is
    advice, and a proxy's odd value must not turn a retry into a crash.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if seconds >= 0 and seconds == seconds else None  # NaN check
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return max(delta, 0.0)
