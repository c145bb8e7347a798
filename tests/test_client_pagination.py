"""Following pages (notes #1-#3): both lastIndex readings, every stop, never a loop."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_client import TOKEN, FakeTime, Script, ok

from kickflip_moderation.api_requests import Routes
from kickflip_moderation.client import KickflipClient
from kickflip_moderation.errors import APIResponseError, PaginationError
from kickflip_moderation.pagination import Paginator, parse_page
from kickflip_moderation.resources import Design, Order


def order(n: int) -> dict[str, Any]:
    return {"_id": f"o{n}", "id": f"o{n}", "orderId": n, "items": [{"design": f"d{n}"}]}


class Pages:
    """A paginated /orders or /designs route.

    ``mode="running"``: the response lastIndex counts results returned so far (literal
    reading); ``"echo"``: it repeats the request's lastIndex (the orders example);
    ``"last_item"``: the index of the last result returned (pages overlap by one).
    ``stuck_after``: from that lastIndex on, always answer the same page.
    """

    def __init__(self, n: int, mode: str = "running", stuck_after: int | None = None,
                 max_count: int | None = None) -> None:
        self.items = [order(i) for i in range(1, n + 1)]
        self.mode = mode
        self.stuck_after = stuck_after
        self.max_count = max_count
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        params = request.url.params
        start = int(params.get("lastIndex", "0"))
        if self.stuck_after is not None and start >= self.stuck_after:
            start = self.stuck_after
        count = min(int(params["count"]), self.max_count or 10**9)
        results = self.items[start:start + count]
        last = {"running": start + len(results), "echo": start,
                "last_item": start + max(len(results) - 1, 0)}[self.mode]
        pagination = {"collectionSize": len(self.items), "resultSize": len(results),
                      "lastIndex": last, "sortOrder": "ascending", "sortKey": "orderId"}
        return ok({"pagination": pagination, "results": results})

    def sent(self, name: str) -> list[str | None]:
        return [r.url.params.get(name) for r in self.requests]


def connect(handler: Any, **kwargs: Any) -> KickflipClient:
    return KickflipClient("acme", TOKEN, transport=httpx.MockTransport(handler),
                          retry=FakeTime().policy(), **kwargs)


class TestReadings:
    """The response lastIndex may be a running count or an echo: both work."""

    @pytest.mark.parametrize("mode", ["running", "echo"])
    def test_every_order_once(self, mode):
        pages = Pages(10, mode)
        got = [o.order_id for o in connect(pages, page_size=3).iter_orders()]
        assert got == list(range(1, 11))
        assert pages.sent("lastIndex") == [None, "3", "6", "9"]  # first page omits it
        assert set(pages.sent("count")) == {"3"}
        assert pages.sent("sortKey")[0] == "orderId"
        assert pages.sent("sortOrder")[0] == "ascending"

    @pytest.mark.parametrize("mode", ["running", "echo"])
    def test_server_caps_the_page_size(self, mode):
        pages = Pages(10, mode, max_count=4)
        got = [o.order_id for o in connect(pages).iter_orders(page_size=50)]
        assert got == list(range(1, 11))

    def test_exact_multiple_stops_on_collection_size(self):
        pages = Pages(9)
        assert len(list(connect(pages, page_size=3).iter_orders())) == 9
        assert len(pages.requests) == 3

    def test_designs_never_send_sort_key(self):
        pages = Pages(4)
        designs = list(connect(pages, page_size=2).iter_designs(backwards=True))
        assert [d.id for d in designs] == ["o1", "o2", "o3", "o4"]
        assert pages.requests[0].url.path == "/brands/acme/designs"
        assert pages.sent("sortKey") == [None, None]
        assert pages.sent("backwards") == ["true", "true"]


class TestOverlappingPages:
    """The third reading (note #1): each page starts with the last result of the one before."""

    @pytest.mark.parametrize("n", [1, 2, 9, 10, 11])
    @pytest.mark.parametrize("page_size", [1, 2, 3, 5])
    def test_every_order_once_and_a_clean_stop(self, n, page_size):
        pages = Pages(n, "last_item")
        got = [o.order_id for o in connect(pages, page_size=page_size).iter_orders()]
        assert got == list(range(1, n + 1))
        assert len(pages.requests) <= n + 1  # at least one new result per page, then stop

    @given(n=st.integers(0, 40), page_size=st.integers(1, 7),
           mode=st.sampled_from(["running", "echo", "last_item"]),
           cap=st.one_of(st.none(), st.integers(1, 5)))
    def test_any_reading_any_size(self, n, page_size, mode, cap):
        pages = Pages(n, mode, max_count=cap)
        got = [o.order_id for o in connect(pages, page_size=page_size).iter_orders()]
        assert got == list(range(1, n + 1))

    def test_memory_is_a_window_of_recent_pages(self):
        pages = Pages(3000, "last_item")
        paginator = Paginator(Routes("acme").orders("orderId", "ascending"), Order.from_json, 50)
        client = connect(pages)
        seen = 0
        while (call := paginator.next_call()) is not None:
            seen += len(paginator.feed(client._send(call)))
            assert sum(len(ids) for ids in paginator._recent) <= 3 * 50
        assert seen == 3000


class TestStops:
    """Each documented end of the collection ends iteration cleanly."""

    @pytest.mark.parametrize("page", [
        {"pagination": {"collectionSize": 5, "resultSize": 0, "lastIndex": 0}, "results": []},
        {"pagination": {"collectionSize": 5, "lastIndex": 0}, "results": []},
        {"pagination": {"resultSize": 0}, "results": [order(1)]},
    ], ids=["resultSize 0", "empty results", "resultSize 0 with results"])
    def test_stop(self, page):
        script = Script(ok(page))
        list(connect(script).iter_orders())
        assert len(script.requests) == 1

    def test_stuck_page_raises(self):
        pages = Pages(10, "echo", stuck_after=3)
        with pytest.raises(PaginationError, match="repeated 3 results"):
            list(connect(pages, page_size=3).iter_orders())
        assert len(pages.requests) == 3  # page 1, page 2, the repeat of page 2

    def test_ignored_last_index_raises(self):
        pages = Pages(10, "running", stuck_after=0)
        with pytest.raises(PaginationError):
            list(connect(pages, page_size=3).iter_orders())

    def test_backwards_last_index_raises(self):
        first = {"pagination": {"collectionSize": 9, "lastIndex": 5}, "results": [order(1)]}
        second = {"pagination": {"collectionSize": 9, "lastIndex": 2}, "results": [order(2)]}
        with pytest.raises(PaginationError, match="went backwards"):
            list(connect(Script(ok(first), ok(second))).iter_orders())

    def test_page_cap(self):
        counter = iter(range(1, 1000))

        def creeping(request: httpx.Request) -> httpx.Response:
            """New results every time, but lastIndex creeps by one: would never end."""
            last = int(request.url.params.get("lastIndex", "0")) + 1
            results = [order(next(counter)) for _ in range(3)]
            return ok({"pagination": {"collectionSize": 9, "lastIndex": last},
                       "results": results})

        with pytest.raises(PaginationError, match="pages fetched for a collection of 9"):
            list(connect(creeping, page_size=3).iter_orders())

    def test_partial_overlap_is_deduplicated(self):
        first = {"pagination": {"collectionSize": 4, "lastIndex": 2},
                 "results": [order(1), order(2)]}
        second = {"pagination": {"collectionSize": 4, "lastIndex": 4},
                  "results": [order(2), order(3)]}
        got = [o.order_id for o in connect(Script(ok(first), ok(second))).iter_orders()]
        assert got == [1, 2, 3]


class TestSince:
    """since_order_id keeps orderId > N; newest-first stops early."""

    def test_ascending_filters(self):
        got = [o.order_id for o in connect(Pages(10), page_size=3).iter_orders(since_order_id=7)]
        assert got == [8, 9, 10]

    def test_descending_stops_early(self):
        items = [order(i) for i in range(10, 0, -1)]

        def newest_first(request: httpx.Request) -> httpx.Response:
            start = int(request.url.params.get("lastIndex", "0"))
            results = items[start:start + 3]
            return ok({"pagination": {"collectionSize": 10, "lastIndex": start + len(results)},
                       "results": results})

        handler = Script(newest_first)
        got = connect(handler).iter_orders(sort_order="descending", since_order_id=7,
                                           page_size=3)
        assert [o.order_id for o in got] == [10, 9, 8]
        assert len(handler.requests) == 2  # page 2 reaches orderId 7; page 3 never asked


class TestValidation:
    """Bad arguments fail at the call, before any request."""

    @pytest.mark.parametrize("kwargs", [{"page_size": 0}, {"page_size": -1},
                                        {"page_size": True}, {"sort_key": "price"},
                                        {"sort_order": "up"}, {"sort_key": "dsfdsdf"}])
    def test_orders(self, kwargs):
        script = Script(ok({}))
        with pytest.raises(ValueError):
            connect(script).iter_orders(**kwargs)
        assert script.requests == []

    def test_designs(self):
        with pytest.raises(ValueError):
            connect(Script(ok({}))).iter_designs(page_size=0)

    def test_client_page_size(self):
        with pytest.raises(ValueError):
            connect(Script(ok({})), page_size=0)


class TestShapes:
    """A 2xx of the wrong shape names the field."""

    @pytest.mark.parametrize(("page", "message"), [
        ([], "the page is not an object"),
        ({"results": []}, "pagination is missing or not an object"),
        ({"pagination": {}, "results": {}}, "results is missing or not a list"),
        ({"pagination": {"lastIndex": "3"}, "results": []}, "pagination.lastIndex is not an int"),
        ({"pagination": {"collectionSize": True}, "results": []}, "pagination.collectionSize"),
        ({"pagination": {}, "results": [order(1)] * 3 + [7]}, r"results\[3\] is not an object"),
        ({"pagination": {}, "results": [{"_id": "x"}]}, r"results\[0\].orderId is not an int"),
        ({"pagination": {}, "results": [{"orderId": 1}]}, r"results\[0\]._id is missing"),
        ({"pagination": {}, "results": [{**order(1), "items": [3]}]},
         r"results\[0\].items\[0\] is not an object"),
    ])
    def test_wrong_shape(self, page, message):
        with pytest.raises(APIResponseError, match=message):
            list(connect(Script(ok(page))).iter_orders())


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
PAGE_LIKE = st.fixed_dictionaries({
    "pagination": st.dictionaries(
        st.sampled_from(["lastIndex", "collectionSize", "resultSize"]),
        st.integers(-2, 20) | JSON),
    "results": st.lists(st.fixed_dictionaries(
        {"_id": st.sampled_from(["a", "b", "c"]) | JSON, "orderId": st.integers() | JSON,
         "items": st.lists(st.fixed_dictionaries({"design": JSON})) | JSON}), max_size=3),
})


@given(st.lists(JSON | PAGE_LIKE, min_size=1, max_size=4))
def test_any_json_gives_items_or_our_error(bodies):
    """Arbitrary bodies fed to the page parser: items, or one of our errors, nothing else."""
    for parse in (Order.from_json, Design.from_json):
        pager = Paginator(Routes("acme").orders("orderId", "ascending"), parse, 3)
        try:
            for body in bodies:
                if pager.next_call() is None:
                    break
                assert isinstance(pager.feed(body), list)
        except (APIResponseError, PaginationError):
            pass
        try:
            parse_page(bodies[0])
        except APIResponseError:
            pass

