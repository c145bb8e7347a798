"""Validate a design at checkout against the brand's word list, without waiting on the API.

A storefront calls ``validate_design`` (or ``validate_texts``) while a shopper waits, so the
hot path is pure CPU: it reads one immutable reference (the current matcher) and never does
I/O. The list is pulled from Kickflip in the background:

* When the list is older than ``ttl`` seconds, the next validation starts a daemon thread
  that refreshes it (at most one at a time); validation goes on with the current list.
* A failed refresh keeps the last good list and tries again after ``retry_after_failure``;
  one that takes longer than ``refresh_timeout`` counts as failed (it cannot hang).
* Every good list is written to ``cache_dir()/<brand>-wordfilter.json`` (0600, atomic),
  so a cold start with the API down uses the last list seen.
* ``isActive`` is respected by default: an inactive list lets everything pass
  (``respect_inactive=False`` checks anyway).
* A cold start (no cache) has no list until the first load: validations in the first
  ``ready_timeout`` seconds (default 5) wait for that load, so the first checkouts are
  checked rather than waved through; ``0`` never waits. ``wait_ready(timeout)`` waits at
  startup instead and says whether a list is loaded.
* With no list at all (API down and no cache) the ``on_unavailable`` policy decides:
  ``"open"`` (default) passes the design with ``checked=False``, so the shop keeps selling
  and can log or hold the order (the order scan catches it later); ``"closed"`` rejects it
  with a reason. Call ``refresh()`` at startup to begin with a list.

Async apps: validation is plain CPU and safe to call from a coroutine; the background thread
serves them too, and ``await guard.arefresh()`` refreshes without blocking the event loop.

    guard = CheckoutGuard(KickflipClient(brand, token))
    guard.wait_ready(10)  # optional: at startup, instead of in the first checkout
    verdict = guard.validate_design(design)
    if not verdict.ok:
        for p in verdict.problems:
            print(p.label, p.censored)
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol

from .design import MAX_TEXT_CHARS, design_mapping, iter_raw_texts, label_index
from .errors import ConfigError
from .paths import cache_file, write_state_file
from .remote_lists import cap_entries
from .safetext import safe_json

__all__ = ["CheckoutGuard", "FieldProblem", "GuardStatus", "Verdict", "cache_path_for"]

log = logging.getLogger("kickflip_moderation.guard")
_DEFAULT = object()


class _GuardMatcher(Protocol):
    def find(self, text: str) -> Sequence[Any]: ...

    def censor(self, text: str) -> str: ...


class _WordfilterSource(Protocol):
    def get_wordfilter(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One text the shopper must change. ``field`` is the option id (design) or the key
    given to ``validate_texts``; ``spans`` are half-open offsets into ``text`` to highlight."""

    field: str
    choice_id: str | None
    label: str
    text: str
    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...]
    censored: str
    reason: str = "matched"  # "matched" | "too long"


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok``: may be ordered. ``checked``: a word list was actually applied."""

    ok: bool
    checked: bool
    problems: tuple[FieldProblem, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class GuardStatus:
    """For health checks: where the list came from, how old it is, the last error."""

    source: str  # "api" | "cache" | "none"
    active: bool
    words: int
    fetched_at: str | None
    last_error: str | None
    #: remote entries left out of the checks (unusable, or past the entry-count limit)
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _State:
    matcher: _GuardMatcher | None
    active: bool
    words: int
    source: str
    fetched_at: str | None
    skipped: tuple[str, ...] = ()


class _NoWords:
    """The matcher for an empty list: nothing is flagged."""

    def find(self, text: str) -> Sequence[Any]:
        return ()

    def censor(self, text: str) -> str:
        return text


def cache_path_for(brand: str) -> Path:
    """``cache_dir()/<brand>-wordfilter.json`` (brand sanitised for a file name)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", brand) or "_"
    return cache_file(f"{safe}-wordfilter.json")


class CheckoutGuard:
    """Holds a brand's matcher and keeps it fresh; thread-safe. See the module docstring.

    ``client`` is a ``KickflipClient`` (shared, not closed) or a zero-argument factory
    returning one (closed after each refresh). ``cache_path=None`` disables the cache.
    ``background=False`` never starts threads (call ``refresh()`` yourself).
    ``ready_timeout``: how long after construction a validation may wait for the first
    load when no list is available yet (seconds; 0: never wait).
    """

    def __init__(
        self,
        client: _WordfilterSource | Callable[[], Any],
        *,
        brand: str | None = None,
        allow: Iterable[str] = (),
        ttl: float = 300.0,
        retry_after_failure: float = 30.0,
        respect_inactive: bool = True,
        on_unavailable: Literal["open", "closed"] = "open",
        cache_path: Any = _DEFAULT,
        clock: Callable[[], float] = time.monotonic,
        background: bool = True,
        max_text_chars: int = MAX_TEXT_CHARS,
        refresh_timeout: float = 60.0,
        matcher_factory: Callable[[Sequence[str], Sequence[str]], _GuardMatcher] | None = None,
        ready_timeout: float = 5.0,
    ) -> None:
        if on_unavailable not in ("open", "closed"):
            raise ValueError("on_unavailable must be 'open' or 'closed'")
        if not ready_timeout >= 0:
            raise ValueError("ready_timeout must be a number of seconds >= 0")
        # real time (Event.wait's), not the injectable ``clock`` of the refresh schedule
        self._ready_until = time.monotonic() + ready_timeout
        self._loaded = threading.Event()  # set when the first refresh has ended, either way
        self._client = client
        self.brand = brand or getattr(client, "brand", None)
        self.allow = tuple(allow)
        self.ttl, self.retry_after_failure = ttl, retry_after_failure
        self.respect_inactive, self.on_unavailable = respect_inactive, on_unavailable
        self.max_text_chars = max_text_chars
        self.refresh_timeout = refresh_timeout
        self._clock, self._background = clock, background
        self._factory = matcher_factory or _default_matcher
        if cache_path is _DEFAULT:
            if not self.brand:
                raise ValueError("brand= is needed to name the cache file (or cache_path=None)")
            cache_path = cache_path_for(self.brand)
        self.cache_path: Path | None = None if cache_path is None else Path(cache_path)
        self.last_error: str | None = None
        self._refresh_lock = threading.Lock()
        self._kick_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._state = _State(None, False, 0, "none", None)
        self._next_refresh = clock()  # due now: the first validation starts a refresh
        self._load_cache()
        if background:
            self._kick()

    # -- the list -----------------------------------------------------------------------
    def _build(self, words: Sequence[str], active: bool, source: str, when: str) -> _State:
        kept, over = cap_entries(words)  # see remote_lists: skipped, and said in status
        matcher = self._factory(kept, self.allow) if kept else _NoWords()
        skipped = (*getattr(matcher, "skipped", ()), *(s.entry for s in over))
        if skipped:
            log.warning("%d wordfilter entries left out of the checks", len(skipped))
        return _State(matcher, active, len(words), source, when, tuple(skipped))

    def _load_cache(self) -> None:
        if self.cache_path is None or not self.cache_path.exists():
            return
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
            words, active = data["words"], data["isActive"]
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError("words is not a list of strings")
            self._state = self._build(words, bool(active), "cache", str(data.get("fetchedAt")))
        except Exception as exc:  # a bad cache is only a missed head start
            log.warning("ignoring the wordfilter cache %s: %s", self.cache_path, exc)

    def _save_cache(self, words: Sequence[str], active: bool, when: str) -> None:
        if self.cache_path is None:
            return
        data = {"version": 1, "brand": self.brand, "isActive": active, "words": list(words),
                "fetchedAt": when}
        try:
            write_state_file(self.cache_path, safe_json(data, indent=1))
        except (OSError, ConfigError) as exc:
            log.warning("could not write the wordfilter cache %s: %s", self.cache_path, exc)

    def _fetch(self) -> Any:
        if hasattr(self._client, "get_wordfilter"):
            return self._client.get_wordfilter()
        client = self._client()
        try:
            return client.get_wordfilter()
        finally:
            close = getattr(client, "close", None)
            if callable(close):
                close()

    def refresh(self) -> bool:
        """Pull the list now, waiting at most ``refresh_timeout`` seconds. False if it failed
        or is still running (``status.last_error`` says which); the last good list stays.

        The pull runs in its own thread, so no server and no client can make this hang: a
        pull that is still going when the time is up is left to finish on its own (a good
        list it brings is still used) and the next refresh is scheduled as after a failure.
        """
        outcome: list[bool] = []
        worker = threading.Thread(target=self._pull, args=(outcome,),
                                  name="kfmod-guard-pull", daemon=True)
        worker.start()
        worker.join(self.refresh_timeout)
        if outcome:
            return outcome[0]
        with self._refresh_lock:
            self.last_error = (f"the wordfilter refresh did not finish within "
                               f"{self.refresh_timeout:g} s; keeping the last list")
            self._next_refresh = self._clock() + self.retry_after_failure
        log.warning("%s", self.last_error)
        return False

    def _pull(self, outcome: list[bool]) -> None:
        """Fetch and build (no lock held: a stuck fetch blocks nobody), then swap."""
        try:
            wf = self._fetch()
            words, active = list(wf.words), bool(wf.is_active)
            when = datetime.now(UTC).isoformat(timespec="seconds")
            state = self._build(words, active, "api", when)
        except Exception as exc:  # keep serving; the reason is in status()
            with self._refresh_lock:
                self.last_error = f"{type(exc).__name__}: {exc}"
                self._next_refresh = self._clock() + self.retry_after_failure
                self._loaded.set()
            log.warning("wordfilter refresh failed, keeping the last list: %s", exc)
            outcome.append(False)
            return
        # written before the swap, so a guard that reports ready has left its cache for the
        # next process (a write that fails only costs that head start)
        self._save_cache(words, active, when)
        with self._refresh_lock:
            self._state = state  # one reference swap: readers see old or new, never half
            self.last_error = None
            self._next_refresh = self._clock() + self.ttl
            self._loaded.set()
        outcome.append(True)

    async def arefresh(self) -> bool:
        """``refresh()`` in a worker thread, for async code."""
        return await asyncio.to_thread(self.refresh)

    def _kick(self) -> None:
        """Start a background refresh unless one is running (never blocks)."""
        if not self._kick_lock.acquire(blocking=False):
            return
        try:
            if self._thread is not None and self._thread.is_alive():
                return
            self._next_refresh = self._clock() + self.retry_after_failure  # no re-kick storm
            self._thread = threading.Thread(
                target=self.refresh, name="kfmod-guard-refresh", daemon=True
            )
            self._thread.start()
        finally:
            self._kick_lock.release()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait (at most ``timeout`` seconds; ``None``: as long as it takes) until a word list
        is loaded or the first load has failed; True if a list is available (from the API
        or the cache). Starts the first load if background refreshes are on."""
        if self._state.matcher is None and self._background:
            self._kick()
            self._loaded.wait(timeout)
        return self._state.matcher is not None

    def join(self, timeout: float | None = None) -> None:
        """Wait for a background refresh in flight (tests, orderly shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    @property
    def status(self) -> GuardStatus:
        s = self._state
        return GuardStatus(s.source, s.active, s.words, s.fetched_at, self.last_error,
                           s.skipped)

    # -- validation (hot path: no I/O) --------------------------------------------------
    def _current(self) -> _State:
        if self._background and self._clock() >= self._next_refresh:
            self._kick()
        if self._state.matcher is None and self._background and not self._loaded.is_set():
            left = self._ready_until - time.monotonic()  # cold start: wait for the first load
            if left > 0:
                self._loaded.wait(left)
        return self._state

    def _gate(self, state: _State) -> Verdict | None:
        if state.matcher is None:
            if self.on_unavailable == "closed":
                return Verdict(False, False, (), "no word list available (API unreachable "
                               "and no cache); rejected by the fail-closed policy")
            return Verdict(True, False, (), "no word list available; not checked")
        if not state.active and self.respect_inactive:
            return Verdict(True, False, (), "the brand's word filter is inactive")
        return None

    def _problem(self, matcher: _GuardMatcher, field: str, choice: str | None,
                 label: Callable[[], str], text: str) -> FieldProblem | None:
        if len(text) > self.max_text_chars:
            return FieldProblem(field, choice, label(), text[:200], (), (), "", "too long")
        matches = matcher.find(text)
        if not matches:
            return None
        spans = tuple((m.start, m.end) for m in matches)
        words = tuple(dict.fromkeys(m.word for m in matches))
        return FieldProblem(field, choice, label(), text, spans, words, matcher.censor(text))

    @staticmethod
    def _verdict(problems: list[FieldProblem]) -> Verdict:
        return Verdict(not problems, True, tuple(problems), "" if not problems else
                       f"{len(problems)} text(s) must be changed")

    def validate_design(self, design: Any) -> Verdict:
        """Check every text of a ``Design`` or its raw dict (odd parts inside are skipped).

        ``TypeError`` for what is not a design (``None``, a str, ``{}``...), even with no
        list loaded: a caller's mistake must not read as "checked and clean"."""
        raw = design_mapping(design)
        labels = label_index(raw)  # built once, and only if a text is rejected
        return self._validate(
            (option, choice, partial(labels.label, option, choice, name, text), text)
            for option, choice, name, _view, text in iter_raw_texts(raw, max_chars=None)
        )

    def validate_texts(self, texts: Mapping[Any, Any] | Iterable[Any]) -> Verdict:
        """Check ``{field: text}`` (e.g. form fields before a design exists) or an iterable
        of texts (field: its index as a str); non-str values are skipped. A bare str (or
        bytes) would be checked letter by letter, so it raises ``TypeError`` like ``None``."""
        if isinstance(texts, Mapping):
            pairs: Iterable[tuple[Any, Any]] = texts.items()
        elif isinstance(texts, Iterable) and not isinstance(texts, (str, bytes, bytearray)):
            pairs = enumerate(texts)
        else:
            raise TypeError("expected a mapping of field -> text or an iterable of texts, "
                            f"got {type(texts).__name__}")
        return self._validate(
            (str(field), None, partial(str, field), text)
            for field, text in pairs
            if isinstance(text, str) and text
        )

    def _validate(
        self, candidates: Iterable[tuple[str, str | None, Callable[[], str], str]]
    ) -> Verdict:
        """The one validation loop: gate on the list's state, then collect the problems.

        ``candidates`` is lazy, so a design is not even walked when the gate answers."""
        state = self._current()
        gate = self._gate(state)
        if gate is not None:
            return gate
        assert state.matcher is not None
        problems = []
        for field, choice, label, text in candidates:
            problem = self._problem(state.matcher, field, choice, label, text)
            if problem is not None:
                problems.append(problem)
        return self._verdict(problems)


def _default_matcher(words: Sequence[str], allow: Sequence[str]) -> _GuardMatcher:
    from .matching.matcher import Matcher

    # one odd remote entry (an emoji, "!!!") must not stop checkout validation; what the
    # first checks would build is built here, with the list, not during a shopper's
    return Matcher(words, allow=allow, skip_unusable=True).warm_up()
