"""Both clients against the fake Kickflip API over real loopback HTTP, with injected faults.

The fake imports nothing from the client, so these tests check the client against an
independent model of the reference (fake_api/app.py), sockets, timeouts and all.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import pytest

from kickflip_moderation.client import AsyncKickflipClient, KickflipClient
from kickflip_moderation.errors import (
    APIConnectionError,
    AuthenticationError,
    NotFoundError,
    UnknownBrandError,
)
from kickflip_moderation.fake_api import FakeKickflip, FakeServer
from kickflip_moderation.retry import RetryPolicy

pytestmark = [pytest.mark.e2e, pytest.mark.kickflip(demo_orders=300)]  # the plugin's brand

FAST = RetryPolicy(max_attempts=6, max_total_seconds=10, base_delay=0.01, max_delay=0.05,
                   max_retry_after=0.1)


@pytest.fixture(name="server")
def _server(kickflip_server: FakeServer) -> FakeServer:
    """A fresh fake brand with 300 orders, served on 127.0.0.1."""
    return kickflip_server


@pytest.fixture(name="fake")
def _fake(kickflip_fake: FakeKickflip) -> FakeKickflip:
    return kickflip_fake


@pytest.fixture(name="client")
def _client(server: FakeServer, fake: FakeKickflip) -> Iterator[KickflipClient]:
    """A sync client for the fake brand with fast retries."""
    with KickflipClient(fake.brand, fake.token, server.url, retry=FAST, timeout=2) as client:
        yield client


def order_ids(fake: FakeKickflip) -> list[int]:
    return sorted(int(o["orderId"]) for o in fake.orders)


class TestPaging:
    """Every order and design exactly once, whatever the server's lastIndex reading."""

    @pytest.mark.parametrize("mode", ["running", "echo"])
    @pytest.mark.parametrize("page_size", [1000, 37, 25])
    def test_orders(self, fake, client, mode, page_size):
        fake.pagination_mode = mode
        got = [o.order_id for o in client.iter_orders(page_size=page_size)]
        assert got == order_ids(fake)

    def test_server_caps_page_size(self, fake, client):
        fake.max_count = 20
        assert [o.order_id for o in client.iter_orders(page_size=100)] == order_ids(fake)

    def test_repeating_last_index(self, fake, client):
        fake.faults.repeat_last_index(3)
        assert [o.order_id for o in client.iter_orders(page_size=40)] == order_ids(fake)

    def test_descending_since(self, fake, client):
        ids = order_ids(fake)
        since = ids[-10]
        got = [o.order_id for o in client.iter_orders(sort_order="descending",
                                                      since_order_id=since, page_size=7)]
        assert got == ids[-1:-10:-1]

    @pytest.mark.parametrize("backwards", [False, True])
    def test_designs(self, fake, client, backwards):
        designs = list(client.iter_designs(backwards=backwards, page_size=50))
        assert sorted(d.id for d in designs) == sorted(fake.designs)
        assert len(designs) == len(fake.designs)

    def test_orders_reference_designs(self, fake, client):
        order = next(client.iter_orders())
        assert client.get_order(order.order_id).id == order.id
        assert client.get_order(order.id).order_id == order.order_id
        design = client.get_design(order.design_ids[0])
        assert design.raw == fake.designs[order.design_ids[0]]


class TestFaults:
    """Injected failures are retried within the budget; the data still arrives whole."""

    @pytest.mark.parametrize("fault", [
        lambda f: f.fail_every(3, status=502, times=5),
        lambda f: f.fail_every(2, status=503, times=3),
        lambda f: f.fail_every(4, status=500, times=2),
        lambda f: f.fail_every(2, status=504, times=2),
        lambda f: f.rate_limit(2, retry_after=0),
        lambda f: f.truncate(2),
        lambda f: f.invalid_json(2),
        lambda f: f.drop_connection(2),
    ], ids=["502", "503", "500", "504", "429", "truncated", "invalid json", "dropped"])
    def test_iteration_survives(self, fake, client, fault):
        fault(fake.faults)
        assert [o.order_id for o in client.iter_orders(page_size=50)] == order_ids(fake)

    def test_slow_answer_times_out_then_succeeds(self, server, fake):
        fake.faults.slow(1.0, times=1)
        with KickflipClient(fake.brand, fake.token, server.url, retry=FAST,
                            timeout=0.2) as client:
            assert client.get_wordfilter().words == fake.wordfilter["words"]

    def test_persistent_outage_gives_up(self, server, fake, caplog):
        caplog.set_level(logging.DEBUG, logger="kickflip_moderation")
        fake.faults.drop_connection(100)
        with KickflipClient(fake.brand, fake.token, server.url, retry=FAST) as client:
            with pytest.raises(APIConnectionError) as info:
                client.get_wordfilter()
        assert len(fake.requests) == FAST.max_attempts
        assert fake.token not in "".join(traceback.format_exception(info.value))
        assert all(fake.token not in r.getMessage() for r in caplog.records)


class TestErrors:
    """Errors from a real server land on the right branch of the tree."""

    def test_unknown_brand(self, server, fake):
        with KickflipClient("no-such-brand", fake.token, server.url, retry=FAST) as client:
            with pytest.raises(UnknownBrandError, match="no-such-brand"):
                list(client.iter_designs())

    def test_expired_token(self, server, fake):
        with KickflipClient(fake.brand, fake.expired_token(), server.url) as client:
            with pytest.raises(AuthenticationError, match="expired at 2000-01-01"):
                client.get_wordfilter()

    def test_unknown_order(self, client):
        with pytest.raises(NotFoundError, match="'no-such-order'"):
            client.get_order("no-such-order")


class TestWordfilter:
    """GET and POST round-trip through the fake."""

    def test_round_trip(self, fake, client):
        words = ["bad-word-1", "bad word 2", "Ünïcode", "badWord3"]
        assert client.set_wordfilter(words) == words
        assert fake.posts == [{"words": words}]
        assert client.get_wordfilter().words == words
        client.set_wordfilter(is_active=False)
        assert client.get_wordfilter().is_active is False

    def test_post_retried_after_rate_limit(self, fake, client):
        fake.faults.restrict_to("/wordfilter").rate_limit(1, retry_after=0)
        assert client.set_wordfilter(["x"]) == ["x"]
        assert fake.wordfilter["words"] == ["x"]


class TestAsync:
    """The async client over the same server."""

    def test_orders_designs_and_wordfilter(self, server, fake):
        fake.pagination_mode = "echo"
        fake.faults.fail_every(3, status=503, times=3)

        async def main() -> tuple[list[int], int, Any]:
            async with AsyncKickflipClient(fake.brand, fake.token, server.url,
                                           retry=FAST) as client:
                orders = [o.order_id async for o in client.iter_orders(page_size=60)]
                designs = [d async for d in client.iter_designs(page_size=60)]
                return orders, len(designs), await client.get_wordfilter()

        orders, n_designs, wordfilter = asyncio.run(main())
        assert orders == order_ids(fake)
        assert n_designs == len(fake.designs)
        assert wordfilter.words == fake.wordfilter["words"]

    def test_expired_token(self, server, fake):
        async def main() -> None:
            async with AsyncKickflipClient(fake.brand, fake.expired_token(),
                                           server.url) as client:
                await client.get_wordfilter()

        with pytest.raises(AuthenticationError, match="expired"):
            asyncio.run(main())
