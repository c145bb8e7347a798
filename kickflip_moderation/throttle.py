"""One client's manners under load: a shared pause after a 429, and adaptive concurrency.

One ``Throttle`` per client, shared by every thread (and task) that sends through it,
because a 429 is about the client, not the request. When one request hears
``Retry-After: N``, every other worker holds off until N seconds have passed - requests sent
meanwhile are refused anyway and may extend the ban - and they come back spread over a short
random window (jitter) instead of all at the same instant.

Concurrency adapts the way TCP's congestion window does (AIMD): a 429 or 5xx halves the
number of requests allowed in flight (once per round: the requests already in flight when
it was halved do not halve it again), and each run of calm successes raises it by one,
until it exceeds what the caller ever ran at once and the limit is lifted. A scan started
with 8 workers thus settles where the API stops refusing, and speeds up again when it can.

Sleeps and the clock come from the ``RetryPolicy``, so tests drive the pauses with a fake
clock; a sleep that returns early (a no-op stand-in) ends the pause instead of spinning.
"""

from __future__ import annotations

import threading

from .retry import RetryPolicy

__all__ = ["Throttle"]

JITTER_SHARE = 0.2  # each waiter comes back up to this share of the pause late ...
JITTER_MAX = 2.0  # ... at most this many seconds
CALM_ROUNDS = 2  # successes needed per allowed request before one more is allowed
SLOT_POLL = 0.05  # seconds between checks for a free slot in async code


class Throttle:
    """Shared by all requests of one client; thread-safe. See the module docstring."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._cond = threading.Condition()
        self._resume_at = 0.0  # policy.clock() time before which nobody sends
        self._pause = 0.0  # the length of the current pause (scales the jitter)
        self._limit: int | None = None  # None: no limit beyond the caller's own
        self._in_flight = 0
        self._peak = 0
        self._calm = 0
        self._round = 0
        self.pauses = 0  # 429s that paused every request
        self.lowest_limit: int | None = None  # the fewest requests allowed at once so far

    @property
    def limit(self) -> int | None:
        """Requests allowed in flight now (``None``: no limit)."""
        return self._limit

    def _try_enter(self) -> tuple[float, int | None]:
        """(seconds to pause first, 0 if none; the round ticket once a slot is taken)."""
        with self._cond:
            pause = self._resume_at - self._policy.clock()
            if pause > 0:
                jitter = self._policy.random() * min(JITTER_MAX, JITTER_SHARE * self._pause)
                return pause + (jitter if self._policy.jitter else 0.0), None
            if self._limit is not None and self._in_flight >= self._limit:
                return 0.0, None
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
            return 0.0, self._round

    def enter(self) -> int:
        """Wait out any pause and for a free slot; returns a ticket for ``leave``."""
        while True:
            pause, ticket = self._try_enter()
            if ticket is not None:
                return ticket
            if pause > 0:
                before = self._policy.clock()
                self._policy.sleep(pause)
                if self._policy.clock() < before + pause / 2:  # a no-op sleep: no spinning
                    self._skip_pause()
                continue
            with self._cond:
                if self._limit is not None and self._in_flight >= self._limit:
                    self._cond.wait(SLOT_POLL)

    async def aenter(self) -> int:
        """``enter`` for async code: sleeps with the policy's ``async_sleep``."""
        while True:
            pause, ticket = self._try_enter()
            if ticket is not None:
                return ticket
            before = self._policy.clock()
            await self._policy.async_sleep(pause if pause > 0 else SLOT_POLL)
            if pause > 0 and self._policy.clock() < before + pause / 2:
                self._skip_pause()

    def _skip_pause(self) -> None:
        with self._cond:
            self._resume_at = self._policy.clock()

    def leave(self, ticket: int, *, congested: bool = False,
              pause: float | None = None) -> None:
        """The request is answered. ``congested``: a 429 or 5xx; ``pause``: seconds every
        request must wait from now (a 429's Retry-After, or its backoff)."""
        with self._cond:
            self._in_flight -= 1
            if pause is not None and pause > 0:
                until = self._policy.clock() + pause
                if until > self._resume_at:
                    self._resume_at, self._pause = until, pause
                    self.pauses += 1
            if congested:
                if ticket == self._round:  # once per round of requests in flight
                    current = self._limit if self._limit is not None else self._in_flight + 1
                    self._limit = max(1, current // 2)
                    self._round += 1
                    self._calm = 0
                    self.lowest_limit = min(self._limit, self.lowest_limit or self._limit)
            elif self._limit is not None:
                self._calm += 1
                if self._calm >= CALM_ROUNDS * self._limit:
                    self._limit += 1
                    self._calm = 0
                    if self._limit > self._peak:
                        self._limit = None
            self._cond.notify_all()
