"""AsyncKickflipClient: the async twins of the main sync tests (same handlers, same rules)."""

from __future__ import annotations

import asyncio
import json
import traceback
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
from test_client import EXPIRED, ORDER, TOKEN, WORDFILTER, FakeTime, Script, ok, text
from test_client_pagination import Pages

from kickflip_moderation.client import AsyncKickflipClient
from kickflip_moderation.errors import (
    APIConnectionError,
    APIResponseError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    NotFoundError,
    PaginationError,
    RateLimitedError,
    ServerError,
    UnknownBrandError,
)

T = TypeVar("T")


def run(handler: Any, use: Callable[[AsyncKickflipClient], Awaitable[T]],
        clock: FakeTime | None = None, token: str = TOKEN, **kwargs: Any) -> T:
    """Open a client over ``handler``, await ``use(client)``, close it."""

    async def main() -> T:
        policy = (clock or FakeTime()).policy(**kwargs.pop("retry", {}))
        async with AsyncKickflipClient("acme", token, transport=httpx.MockTransport(handler),
                                       retry=policy, **kwargs) as client:
            return await use(client)

    return asyncio.run(main())


async def collect(iterator: Any) -> list[Any]:
    return [item async for item in iterator]


class TestAsyncRequests:
    """Headers, pagination and the wordfilter, awaited."""

    def test_headers(self):
        script = Script(ok(WORDFILTER))
        wf = run(script, lambda c: c.get_wordfilter())
        assert wf.words == WORDFILTER["words"]
        headers = script.requests[0].headers
        assert headers["authorization"] == f"Bearer {TOKEN}"
        assert headers["accept"] == "application/json"
        assert headers["user-agent"].startswith("kickflip-moderation/")

    @pytest.mark.parametrize("mode", ["running", "echo"])
    def test_pagination_both_readings(self, mode):
        pages = Pages(10, mode)
        orders = run(pages, lambda c: collect(c.iter_orders()), page_size=4)
        assert [o.order_id for o in orders] == list(range(1, 11))
        assert pages.sent("lastIndex") == [None, "4", "8"]

    def test_designs(self):
        pages = Pages(3)
        designs = run(pages, lambda c: collect(c.iter_designs(backwards=True, page_size=2)))
        assert [d.id for d in designs] == ["o1", "o2", "o3"]
        assert pages.sent("sortKey") == [None, None]

    def test_since_order_id(self):
        orders = run(Pages(10), lambda c: collect(c.iter_orders(since_order_id=8)))
        assert [o.order_id for o in orders] == [9, 10]

    def test_stuck_page(self):
        with pytest.raises(PaginationError):
            run(Pages(10, "echo", stuck_after=3), lambda c: collect(c.iter_orders(page_size=3)))

    def test_bad_arguments_fail_at_the_call(self):
        async def use(client: AsyncKickflipClient) -> None:
            with pytest.raises(ValueError):
                client.iter_orders(sort_key="price")
            with pytest.raises(ValueError):
                client.iter_designs(page_size=0)

        script = Script(ok({}))
        run(script, use)
        assert script.requests == []

    @pytest.mark.parametrize("answer", [["a"], {"words": ["a"]}])
    def test_set_wordfilter(self, answer):
        script = Script(text(503, "busy"), ok(answer))
        assert run(script, lambda c: c.set_wordfilter(["a"], is_active=True)) == ["a"]
        assert json.loads(script.requests[-1].content) == {"words": ["a"], "isActive": True}
        assert len(script.requests) == 2

    def test_get_order_and_design(self):
        assert run(Script(ok(ORDER)), lambda c: c.get_order("5e69")).order_id == 2
        design = {"_id": "d1", "designId": 3, "productName": "Guitar",
                  "designImage": {"url": "https://cdn/x.png"}}
        got = run(Script(ok(design)), lambda c: c.get_design(3))
        assert (got.id, got.design_id, got.product_name, got.image_url) == (
            "d1", 3, "Guitar", "https://cdn/x.png")


class TestAsyncErrors:
    """The same status -> error mapping and retry budget as the sync client."""

    def test_expired_token(self):
        with pytest.raises(AuthenticationError, match="expired at 2020-01-01 00:00:00 UTC"):
            run(Script(text(401, "Invalid credentials")), lambda c: c.get_wordfilter(),
                token=EXPIRED)

    def test_unknown_brand(self):
        with pytest.raises(UnknownBrandError):
            run(Script(text(404, "Trying to launch invalid tenant.")),
                lambda c: collect(c.iter_orders()))

    def test_unknown_id(self):
        with pytest.raises(NotFoundError, match="design '9' not found"):
            run(Script(text(404, "Not Found")), lambda c: c.get_design(9))

    def test_429_retry_after_with_async_sleep(self):
        clock = FakeTime()
        script = Script(text(429, "", **{"Retry-After": "3"}), ok(WORDFILTER))
        run(script, lambda c: c.get_wordfilter(), clock=clock)
        assert clock.sleeps == [3.0]

    def test_429_gives_up_when_the_time_budget_is_spent(self):
        script = Script(text(429, ""))
        clock = FakeTime()
        with pytest.raises(RateLimitedError):
            run(script, lambda c: c.get_wordfilter(), clock=clock,
                retry={"max_attempts": 2, "max_total_seconds": 10})
        assert len(script.requests) == 7  # waits 0.1 ... 3.2 s; 6.4 more would pass 10 s
        assert sum(clock.sleeps) <= 10

    def test_invalid_sort_not_retried(self):
        script = Script(text(500, "Invalid sort value: { orderId: x }"))
        with pytest.raises(BadRequestError):
            run(script, lambda c: collect(c.iter_orders()))
        assert len(script.requests) == 1

    def test_503_then_success(self):
        clock = FakeTime()
        script = Script(text(503, "x"), ok(ORDER))
        run(script, lambda c: c.get_order(2), clock=clock)
        assert clock.sleeps == [0.1]

    def test_502_gives_up_with_truncated_body(self):
        with pytest.raises(ServerError) as info:
            run(Script(text(502, "<html>" + "x" * 500)), lambda c: c.get_order(2))
        assert len(info.value.body) <= 200

    def test_truncated_json_retried(self):
        script = Script(httpx.Response(200, content=b'{"_id": "5e'), ok(ORDER))
        assert run(script, lambda c: c.get_order(2)).id == "5e69"

    def test_wrong_shape(self):
        with pytest.raises(APIResponseError, match=r"words\[1\] is not a string"):
            run(Script(ok({"isActive": True, "words": ["a", None]})),
                lambda c: c.get_wordfilter())

    def test_connection_error_never_leaks_httpx_or_the_token(self):
        script = Script(httpx.ConnectError("refused"))
        with pytest.raises(APIConnectionError) as info:
            run(script, lambda c: c.get_order(2))
        assert len(script.requests) == 5
        assert TOKEN not in "".join(traceback.format_exception(info.value))

    def test_config_checked_before_any_request(self):
        with pytest.raises(ConfigError):
            AsyncKickflipClient("a/b", TOKEN)
        with pytest.raises(ConfigError):
            AsyncKickflipClient("acme", TOKEN, "http://example.com")
        client = AsyncKickflipClient("acme", TOKEN, "http://localhost:1")
        assert TOKEN not in repr(client) and TOKEN not in repr(vars(client))
        asyncio.run(client.aclose())
