"""``KickflipClient`` and ``AsyncKickflipClient``: the I/O, and nothing else.

Everything that is not sending bytes or sleeping lives in ``api_requests`` (shared, pure),
so the two clients are mirror images, as httpx's ``Client``/``AsyncClient`` are. Each has
exactly one place that talks to httpx (``_attempt``) and one retry loop (``_send``); no
httpx exception reaches callers, and no message, log line or repr contains the token.

    with KickflipClient("acme", token) as client:
        for order in client.iter_orders(since_order_id=1000):
            design = client.get_design(order.design_ids[0])
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import replace
from types import TracebackType
from typing import Any, Self

import anyio
import httpx

from .api_requests import (
    DEFAULT_BASE_URL,
    USER_AGENT,
    BearerAuth,
    Call,
    Failure,
    Routes,
    interpret,
    parse_set_wordfilter,
    safe_cause,
    transport_failure,
    validate_base_url,
    validate_page_size,
    validate_token,
)
from .errors import (
    APIConnectionError,
    APIResponseError,
    ConfigError,
    RateLimitedError,
    ServerError,
)
from .pagination import Paginator, parse_page, select_since
from .resources import Design, Order, Wordfilter
from .retry import RetryBudget, RetryPolicy
from .throttle import Throttle
from .transfer import (
    Deadline,
    DeadlineExceeded,
    Limits,
    ResponseTooLarge,
    aread_capped,
    deadline_scope,
    deadline_transport,
    read_capped,
)

__all__ = ["AsyncKickflipClient", "KickflipClient"]

log = logging.getLogger("kickflip_moderation.client")


class _Base:
    """Settings and request descriptions shared by both clients (no I/O)."""

    def __init__(
        self, brand: str, token: str, base_url: str,
        retry: RetryPolicy | None, page_size: int, limits: Limits,
    ) -> None:
        self._routes = Routes(brand)  # validates the brand before any request
        self.brand = brand
        # Held only inside BearerAuth, whose repr masks it: even vars(client) stays clean.
        self._auth = BearerAuth(validate_token(token))
        self.base_url = validate_base_url(base_url)
        self.retry = retry or RetryPolicy()
        self._throttle = Throttle(self.retry)  # shared by every request of this client
        self.page_size = validate_page_size(page_size)
        self.limits = limits  # response size cap and total deadline per call (transfer.py)
        self._generation = 0  # cancel() moves it on: calls begun before it stop
        self._cancel_lock = threading.Lock()
        self._headers = {"Accept": "application/json", "User-Agent": USER_AGENT}

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """Build from ``KICKFLIP_BRAND``, ``KICKFLIP_TOKEN``, ``KICKFLIP_API_URL``."""
        names = {"brand": "KICKFLIP_BRAND", "token": "KICKFLIP_TOKEN"}
        for key, env in names.items():
            if overrides.get(key) is None:
                value = os.environ.get(env, "").strip()
                if not value:
                    raise ConfigError(f"{env} is not set")
                overrides[key] = value
        if overrides.get("base_url") is None:
            overrides["base_url"] = os.environ.get("KICKFLIP_API_URL") or DEFAULT_BASE_URL
        return cls(**overrides)

    def cancel(self) -> None:
        """Stop every call in flight, from any thread: none starts another attempt or logs
        a retry (after Ctrl-C or a fatal error, nothing may print after the last line).
        Calls made after ``cancel()`` run normally."""
        with self._cancel_lock:
            self._generation += 1

    def _check_cancelled(self, call: Call, generation: int) -> None:
        if generation != self._generation:
            raise APIConnectionError(f"{call.subject}: cancelled")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(brand={self.brand!r}, base_url={str(self.base_url)!r})"

    def _interpret(self, call: Call, response: httpx.Response, content: bytes,
                   started: float) -> Any:
        log.debug("%s %s -> %d (%.3f s)", call.method, response.url.raw_path.decode(),
                  response.status_code, time.monotonic() - started)
        return interpret(call, response.status_code, response.headers, content,
                         brand=self.brand, token=self._auth.token)

    def _limit_failure(self, call: Call, exc: Exception) -> Failure:
        """Past a limit: not retried, since the same server would send the same again."""
        if isinstance(exc, ResponseTooLarge):
            return Failure(APIResponseError(f"{call.subject}: {exc}"), False)
        return Failure(APIConnectionError(
            f"{call.subject}: no complete answer within {self.limits.deadline:g} s (the total "
            "deadline per call; set KICKFLIP_CALL_DEADLINE to change it)"), False)

    def _orders_pages(self, sort_key: str, sort_order: str, page_size: int | None,
                      since_order_id: int | None) -> tuple[Paginator[Order], bool]:
        """Checked eagerly, so a bad argument fails at the call, not at the first page."""
        if since_order_id is not None and (
            isinstance(since_order_id, bool) or not isinstance(since_order_id, int)
        ):
            raise TypeError(f"since_order_id must be an int, not {since_order_id!r}")
        size = self.page_size if page_size is None else page_size
        pages = Paginator(self._routes.orders(sort_key, sort_order), Order.from_json, size)
        return pages, sort_key == "orderId" and sort_order == "descending"

    def _count_call(self) -> Call:
        call = self._routes.orders("orderId", "descending")
        return replace(call, params={**call.params, "count": "1"})

    @staticmethod
    def _count(data: Any) -> int | None:
        return parse_page(data).collection_size

    def _designs_pages(self, backwards: bool, page_size: int | None) -> Paginator[Design]:
        size = self.page_size if page_size is None else page_size
        return Paginator(self._routes.designs(backwards), Design.from_json, size)

    def _failed(self, call: Call, exc: Exception) -> tuple[Failure, BaseException | None]:
        token = self._auth.token
        return transport_failure(exc, call, token=token), safe_cause(exc, token)

    def _retry_delay(self, failure: Failure, budget: RetryBudget, ticket: int,
                     deadline: Deadline, generation: int) -> float | None:
        """How long this request waits before retrying, or None (the caller raises). A 429
        pauses every request of the client instead (``Throttle``), so its own wait is 0."""
        limited = isinstance(failure.error, RateLimitedError)
        delay = (budget.next_delay(failure.retry_after, rate_limited=limited)
                 if failure.retryable else None)
        pause = delay if limited else None
        if limited and delay is None and failure.retry_after is not None:
            pause = min(failure.retry_after, self.retry.max_retry_after)  # others still wait
        congested = limited or isinstance(failure.error, ServerError)
        self._throttle.leave(ticket, congested=congested, pause=pause)
        if generation != self._generation:  # cancelled: give up without a word
            return None
        if delay is not None and delay >= deadline.remaining():
            failure.error.add_note(f"gave up: the total deadline of {deadline.seconds:g} s "
                                   "per call would pass before the next attempt")
            return None
        if delay is None:
            if budget.attempts > 1:
                failure.error.add_note(
                    f"gave up after {budget.attempts} attempts in {budget.elapsed():.1f} s"
                )
            return None
        with self._cancel_lock:  # cancel() cannot come between this check and the line
            if generation != self._generation:
                return None
            log.warning("%s; retrying in %.2f s (attempt %d)", failure.error, delay,
                        budget.attempts + 1)
        return 0.0 if limited else delay


class KickflipClient(_Base):
    """Blocking client for one brand. Use as a context manager, or call ``close()``."""

    def __init__(
        self, brand: str, token: str, base_url: str = DEFAULT_BASE_URL, *,
        timeout: float | httpx.Timeout = 10.0, retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None, page_size: int = 100,
        max_response_bytes: int | None = None, deadline: float | None = None,
    ) -> None:
        super().__init__(brand, token, base_url, retry, page_size,
                         Limits.resolve(max_response_bytes, deadline))
        self._http = httpx.Client(
            base_url=self.base_url, auth=self._auth, headers=self._headers,
            timeout=timeout, transport=transport or deadline_transport(),
            follow_redirects=False,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _attempt(self, call: Call, deadline: Deadline) -> tuple[Any, BaseException | None]:
        """The only place httpx is called: (decoded value or ``Failure``, httpx error)."""
        started = time.monotonic()
        try:
            with deadline_scope(deadline), self._http.stream(
                call.method, call.path, params=call.params, json=call.json,
            ) as response:
                content = read_capped(response, self.limits.max_response_bytes, deadline)
        except (ResponseTooLarge, DeadlineExceeded) as exc:
            return self._limit_failure(call, exc), None
        except (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL) as exc:
            if deadline.expired():
                return self._limit_failure(call, DeadlineExceeded()), None
            return self._failed(call, exc)
        return self._interpret(call, response, content, started), None

    def _send(self, call: Call) -> Any:
        # Every call is safe to repeat: GETs, and the wordfilter POST is a full replace.
        budget, deadline = self.retry.start(), Deadline(self.limits.deadline)
        generation = self._generation
        while True:
            self._check_cancelled(call, generation)
            ticket = self._throttle.enter()
            try:
                self._check_cancelled(call, generation)  # cancelled while it waited its turn
                result, cause = self._attempt(call, deadline)
            except BaseException:
                self._throttle.leave(ticket)
                raise
            if not isinstance(result, Failure):
                self._throttle.leave(ticket)
                return result
            delay = self._retry_delay(result, budget, ticket, deadline, generation)
            if delay is None:
                raise result.error from cause
            if delay > 0:
                self.retry.sleep(delay)

    def _paginate(self, paginator: Paginator[Any]) -> Iterator[Any]:
        while (call := paginator.next_call()) is not None:
            yield from paginator.feed(self._send(call))

    def iter_orders(
        self, *, sort_key: str = "orderId", sort_order: str = "ascending",
        page_size: int | None = None, since_order_id: int | None = None,
    ) -> Iterator[Order]:
        """Every order, following pagination; ``since_order_id``: only ``orderId > N``."""
        pages, newest_first = self._orders_pages(sort_key, sort_order, page_size, since_order_id)
        return self._iter_orders(pages, since_order_id, newest_first)

    def _iter_orders(self, pages: Paginator[Order], since: int | None,
                     newest_first: bool) -> Iterator[Order]:
        while (call := pages.next_call()) is not None:
            kept, stop = select_since(pages.feed(self._send(call)), since, newest_first)
            yield from kept
            if stop:
                return

    def order_count(self) -> int | None:
        """How many orders the brand has (``collectionSize``, one small request), or
        ``None`` when the API does not say: a progress total, nothing more."""
        return self._count(self._send(self._count_call()))

    def get_order(self, order_id: str | int) -> Order:
        return Order.from_json(self._send(self._routes.order(order_id)))

    def iter_designs(self, *, backwards: bool = False,
                     page_size: int | None = None) -> Iterator[Design]:
        return self._paginate(self._designs_pages(backwards, page_size))

    def get_design(self, design_id: str | int) -> Design:
        return Design.from_json(self._send(self._routes.design(design_id)))

    def get_wordfilter(self) -> Wordfilter:
        return Wordfilter.from_json(self._send(self._routes.wordfilter()))

    def set_wordfilter(self, words: Sequence[str] | None = None,
                       is_active: bool | None = None) -> list[str] | None:
        """POST the FULL list (it replaces the remote one); returns the words echoed back."""
        return parse_set_wordfilter(self._send(self._routes.set_wordfilter(words, is_active)))


class AsyncKickflipClient(_Base):
    """The same client for asyncio/trio code: awaitables and async iterators."""

    def __init__(
        self, brand: str, token: str, base_url: str = DEFAULT_BASE_URL, *,
        timeout: float | httpx.Timeout = 10.0, retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None, page_size: int = 100,
        max_response_bytes: int | None = None, deadline: float | None = None,
    ) -> None:
        super().__init__(brand, token, base_url, retry, page_size,
                         Limits.resolve(max_response_bytes, deadline))
        self._http = httpx.AsyncClient(
            base_url=self.base_url, auth=self._auth, headers=self._headers,
            timeout=timeout, transport=transport, follow_redirects=False,
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _attempt(self, call: Call,
                       deadline: Deadline) -> tuple[Any, BaseException | None]:
        """The only place httpx is called: (decoded value or ``Failure``, httpx error)."""
        started = time.monotonic()
        try:
            with anyio.fail_after(max(deadline.remaining(), 0.0)):
                async with self._http.stream(call.method, call.path, params=call.params,
                                             json=call.json) as response:
                    content = await aread_capped(response, self.limits.max_response_bytes)
        except (ResponseTooLarge, TimeoutError) as exc:
            return self._limit_failure(call, exc), None
        except (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL) as exc:
            return self._failed(call, exc)
        return self._interpret(call, response, content, started), None

    async def _send(self, call: Call) -> Any:
        # Every call is safe to repeat: GETs, and the wordfilter POST is a full replace.
        budget, deadline = self.retry.start(), Deadline(self.limits.deadline)
        generation = self._generation
        while True:
            self._check_cancelled(call, generation)
            ticket = await self._throttle.aenter()
            try:
                self._check_cancelled(call, generation)  # cancelled while it waited its turn
                result, cause = await self._attempt(call, deadline)
            except BaseException:
                self._throttle.leave(ticket)
                raise
            if not isinstance(result, Failure):
                self._throttle.leave(ticket)
                return result
            delay = self._retry_delay(result, budget, ticket, deadline, generation)
            if delay is None:
                raise result.error from cause
            if delay > 0:
                await self.retry.async_sleep(delay)

    def iter_orders(
        self, *, sort_key: str = "orderId", sort_order: str = "ascending",
        page_size: int | None = None, since_order_id: int | None = None,
    ) -> AsyncIterator[Order]:
        """Every order, following pagination; ``since_order_id``: only ``orderId > N``."""
        pages, newest_first = self._orders_pages(sort_key, sort_order, page_size, since_order_id)
        return self._iter_orders(pages, since_order_id, newest_first)

    async def _iter_orders(self, pages: Paginator[Order], since_order_id: int | None,
                           newest_first: bool) -> AsyncIterator[Order]:
        while (call := pages.next_call()) is not None:
            kept, stop = select_since(pages.feed(await self._send(call)), since_order_id,
                                      newest_first)
            for order in kept:
                yield order
            if stop:
                return

    async def order_count(self) -> int | None:
        """How many orders the brand has (``collectionSize``), or ``None``."""
        return self._count(await self._send(self._count_call()))

    async def get_order(self, order_id: str | int) -> Order:
        return Order.from_json(await self._send(self._routes.order(order_id)))

    def iter_designs(self, *, backwards: bool = False,
                     page_size: int | None = None) -> AsyncIterator[Design]:
        return self._paginate(self._designs_pages(backwards, page_size))

    async def _paginate(self, pages: Paginator[Any]) -> AsyncIterator[Any]:
        while (call := pages.next_call()) is not None:
            for item in pages.feed(await self._send(call)):
                yield item

    async def get_design(self, design_id: str | int) -> Design:
        return Design.from_json(await self._send(self._routes.design(design_id)))

    async def get_wordfilter(self) -> Wordfilter:
        return Wordfilter.from_json(await self._send(self._routes.wordfilter()))

    async def set_wordfilter(self, words: Sequence[str] | None = None,
                             is_active: bool | None = None) -> list[str] | None:
        """POST the FULL list (it replaces the remote one); returns the words echoed back."""
        call = self._routes.set_wordfilter(words, is_active)
        return parse_set_wordfilter(await self._send(call))
