"""Incremental scans cost what is new: end to end over HTTP against the fake (loopback).

The 1M-order history is made on demand by the fake (``FakeKickflip.long_history``) and never
walked here: the store is given the state a finished first scan leaves, and the tests count
the order pages that reruns ask for.
"""

from __future__ import annotations

import math
import threading

import pytest
from test_scan import FAST_RETRY, checkable_designs, design_fetches, kinds, shipped_words

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.fake_api.history import design_id
from kickflip_moderation.scan import build_scan_matcher, run_scan, scan_orders
from kickflip_moderation.store import DesignResult, ScanBusyError, ScanStore, StoredOrder

pytestmark = pytest.mark.e2e
HISTORY = 1_000_000
STORED_TOP = 300  # more than any page size used here


def order_pages(fake) -> list[str]:
    return [path for _method, path in fake.requests if path.split("?")[0].endswith("/orders")]


@pytest.fixture(name="fake")
def _fake():
    fake = FakeKickflip.demo(seed=7, orders=60)
    shipped_words(fake)
    return fake


@pytest.fixture(name="server")
def _server(fake):
    with serve(fake) as server:
        yield server


def connect(fake, server, **kwargs) -> KickflipClient:
    return KickflipClient(fake.brand, fake.token, base_url=server.url, retry=FAST_RETRY,
                          **kwargs)


@pytest.fixture(name="store")
def _store(tmp_path, fake):
    with ScanStore(tmp_path / "scan.sqlite3", brand=fake.brand) as store:
        yield store


class TestLongHistory:
    """A brand with 1M orders: reruns cost one or two order pages, not the history."""

    @pytest.fixture(name="fake")
    def _fake(self):
        return FakeKickflip.long_history(HISTORY)

    def scanned_before(self, client, store) -> str:
        """The state a finished first scan of the whole history leaves behind, as far as a
        rerun reads it: the newest orders stored (a first scan stores them all; the walk
        ends after a page's worth of stored orders in a row), each design checked."""
        _, fingerprint, _ = build_scan_matcher(client)
        newest = range(HISTORY - STORED_TOP + 1, HISTORY + 1)
        store.record_batch(
            [StoredOrder(n, f"a{n:023x}", "", None, (design_id(n),)) for n in newest],
            [DesignResult(design_id(n), "ok", fingerprint) for n in newest],
            walked_to=HISTORY)
        assert (store.checkpoint(), store.walked_to()) == (HISTORY, HISTORY)
        return fingerprint

    @pytest.mark.parametrize("mode", ["running", "echo", "last_item"])
    @pytest.mark.parametrize("page_size", [25, 100])
    def test_nothing_new_then_sixty_new_orders(self, fake, server, store, mode, page_size):
        fake.pagination_mode = mode
        with connect(fake, server, page_size=page_size) as client:
            self.scanned_before(client, store)
            fake.requests.clear()
            quiet = run_scan(client, store)
            assert len(order_pages(fake)) <= 2
            assert (quiet.result.orders, quiet.rows, design_fetches(fake)) == (0, [], [])

            fake.orders.grow(60)
            fake.requests.clear()
            totals: list[int | None] = []
            busy = run_scan(client, store, on_total=totals.append)
            assert len(order_pages(fake)) <= math.ceil(60 / page_size) + 2
            assert busy.result.orders == 60 and totals == [60]
            assert len(design_fetches(fake)) == 60  # each new design once, nothing older
            assert kinds(busy.rows, "finding") == fake.orders.offending_between(
                HISTORY, HISTORY + 60) != set()
            assert (busy.result.checkpoint, busy.result.walked_to) == (HISTORY + 60,) * 2


def test_first_scan_then_reruns_cost_one_page(fake, server, store):
    with connect(fake, server, page_size=10) as client:
        totals: list[int | None] = []
        first = run_scan(client, store, on_total=totals.append)
        assert totals == [60] and first.result.orders == 60
        assert kinds(first.rows, "finding") == checkable_designs(fake)
        store.mark_reported(first.rows)
        fake.requests.clear()
        again = run_scan(client, store)
        assert len(order_pages(fake)) == 1 and again.result.orders == 0


def test_a_failed_design_is_retried_from_the_database(fake, server, store):
    victim = fake.orders[9]["items"][0]["design"]
    assert victim not in fake.truth.missing_design_ids
    fake.faults.restrict_to(f"/designs/{victim}").drop_connection(times=2 * FAST_RETRY.max_attempts)
    with connect(fake, server, page_size=10) as client:
        first = run_scan(client, store)
        assert kinds(first.rows, "failed") == {victim}
        assert (first.result.checkpoint, first.result.walked_to) == (9, 60)
        fake.faults.clear()
        fake.requests.clear()
        rerun = run_scan(client, store)
        assert len(order_pages(fake)) == 1  # the walk stops at walked_to, not the checkpoint
        assert design_fetches(fake) == [f"/brands/{fake.brand}/designs/{victim}"]
        assert rerun.result.revisited >= 1 and rerun.result.checkpoint == 60
        assert kinds(rerun.rows, "failed") == set()


def test_since_order_on_a_fresh_database_leaves_older_orders_to_the_next_scan(
        fake, server, store):
    with connect(fake, server, page_size=10) as client:
        recent = run_scan(client, store, since_order_id=45)
        assert recent.result.orders == 15 and all(r.order_id > 45 for r in recent.rows)
        assert (recent.result.checkpoint, recent.result.walked_to) == (None, None)
        store.mark_reported(recent.rows)
        fake.requests.clear()
        full = run_scan(client, store)
        assert full.result.orders == 60 and full.result.checkpoint == 60
        fetched = set(design_fetches(fake))
        recent_designs = {f"/brands/{fake.brand}/designs/{item['design']}"
                          for order in fake.orders[45:] for item in order["items"]}
        assert not fetched & recent_designs  # checked by the first run: not fetched again
        assert kinds(recent.rows, "finding") | kinds(full.rows, "finding") == (
            checkable_designs(fake))


def test_all_with_since_order_reports_only_those_orders(fake, server, store):
    with connect(fake, server) as client:
        store.mark_reported(run_scan(client, store).rows)
        everything = run_scan(client, store, report_all=True)
        tail = run_scan(client, store, report_all=True, since_order_id=30)
    assert {r.order_id for r in tail.rows} == {r.order_id for r in everything.rows
                                               if r.order_id > 30} != set()
    assert min(r.order_id for r in everything.rows) <= 30


def test_a_grown_word_list_gives_a_hint_and_recheck_finds_the_new_word(fake, server, store):
    with connect(fake, server) as client:
        store.mark_reported(run_scan(client, store).rows)
        fake.wordfilter["words"].append("Wildcats")
        fake.requests.clear()
        plain = run_scan(client, store)
        assert plain.rows == [] and design_fetches(fake) == [] and plain.stale > 0
        rechecked = run_scan(client, store, recheck=True)
        assert rechecked.stale == 0 and rechecked.result.designs_checked == plain.stale
        wildcats = {d for d in kinds(rechecked.rows, "finding")
                    if any(r.word.casefold() == "wildcats" for r in rechecked.rows
                           if r.design_id == d)}
        assert wildcats  # designs flagged again with the new list are reported again
        assert kinds(rechecked.rows, "finding") == checkable_designs(fake)


def test_two_scans_of_one_database_at_once(fake, server, tmp_path):
    """The second run fails at once with ScanBusyError; the first is not disturbed."""
    fake.faults.restrict_to("/designs/").slow(0.05, times=1_000)
    db = tmp_path / "scan.sqlite3"
    outcome: dict[str, object] = {}

    def first() -> None:
        with connect(fake, server) as client, ScanStore(db, brand=fake.brand) as store:
            outcome["first"] = run_scan(client, store, concurrency=2)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        for _ in range(200):
            if design_fetches(fake):
                break
            thread.join(0.02)
        with connect(fake, server) as client, ScanStore(db, brand=fake.brand) as store:
            matcher, fingerprint, _ = build_scan_matcher(client)
            with pytest.raises(ScanBusyError, match="another scan"):
                scan_orders(client, matcher, store, fingerprint=fingerprint)
        fake.faults.clear()  # the refusal is seen: the first scan may finish at full speed
    finally:
        thread.join(60)
    run = outcome["first"]
    assert kinds(run.rows, "finding") == checkable_designs(fake)  # type: ignore[attr-defined]
    fetched = design_fetches(fake)
    assert len(fetched) == len(set(fetched))  # no design fetched twice


def scan_37_then_23_more(fake, server, store):
    """A first scan of orders 1-37, then an incremental one after 23 more arrived: each
    run checks exactly its orders, and together they find exactly what the oracle does."""
    all_orders = fake.orders
    fake.orders = all_orders[:37]
    with connect(fake, server, page_size=10) as client:
        first = run_scan(client, store)
        assert first.result.orders == 37 and first.result.walked_to == 37
        store.mark_reported(first.rows)
        fake.orders = all_orders
        second = run_scan(client, store)
        third = run_scan(client, store)
    assert second.result.orders == 23 and second.result.checkpoint == 60
    assert third.result.orders == 0
    assert kinds(first.rows, "finding") | kinds(second.rows, "finding") == (
        checkable_designs(fake))
    assert not kinds(first.rows, "failed") | kinds(second.rows, "failed")


@pytest.mark.parametrize("mode", ["running", "echo", "last_item"])
@pytest.mark.parametrize("cap", [None, 7])
def test_every_reading_of_last_index_gives_the_exact_findings_in_one_run(
        fake, server, store, mode, cap):
    """Pages that overlap (last_item), do not advance (echo) or are shorter than asked."""
    fake.pagination_mode, fake.max_count = mode, cap
    scan_37_then_23_more(fake, server, store)


def test_orders_arriving_during_the_walk_are_neither_skipped_nor_doubled(
        fake, server, store, monkeypatch):
    """New sales between two pages of the newest-first walk shift every later page: the
    repeats are dropped, and the newcomers are picked up by the next run."""
    bigger = FakeKickflip.demo(seed=7, orders=70)
    fake.orders, fake.designs = list(bigger.orders[:30]), bigger.designs
    with connect(fake, server, page_size=10) as client:
        run_scan(client, store)
        fake.orders = list(bigger.orders[:60])
        handle = fake.handle
        pages = []

        def handle_and_sell(method, path, *args, **kwargs):
            answer = handle(method, path, *args, **kwargs)
            if path.endswith("/orders"):
                pages.append(path)
                if len(pages) == 1:  # five sales right after the first page was served
                    fake.orders = list(bigger.orders[:65])
            return answer

        monkeypatch.setattr(fake, "handle", handle_and_sell)
        during = run_scan(client, store)
        assert during.result.orders == 30 and during.result.walked_to == 60
        after = run_scan(client, store)
    assert after.result.orders == 5 and after.result.checkpoint == 65
    stored = [o for (o,) in store._db.execute("SELECT order_id FROM orders ORDER BY 1")]
    assert stored == list(range(1, 66))


@pytest.mark.parametrize("served", ["ascending", "descending"])
def test_an_api_that_ignores_sort_order_costs_a_walk_not_orders(fake, server, store, served):
    """Another implementation of the API might serve one order whatever is asked: the scan
    then walks more, but checks every order exactly once and keeps its marks right."""
    fake.sort_order_served = served
    scan_37_then_23_more(fake, server, store)


def test_a_burst_that_outlasts_the_retries_is_absorbed_in_the_same_run(fake, server, store):
    """The design's retries all meet the burst; the end-of-run pass finds the API back."""
    victim = fake.orders[9]["items"][0]["design"]
    fake.faults.restrict_to(f"/designs/{victim}").drop_connection(times=FAST_RETRY.max_attempts)
    with connect(fake, server) as client:
        run = run_scan(client, store)
    assert run.result.failed == {} and kinds(run.rows, "failed") == set()
    assert run.result.checkpoint == 60
    assert kinds(run.rows, "finding") == checkable_designs(fake)
