"""What a scan costs over loopback HTTP against the fake: requests, wall time and memory of
a first scan and of incremental scans, by size of the order history.

    python benchmarks/bench_scan.py [--quick] [--first N ...] [--history N ...] [--new K ...]

* First scan (``--first``, default 10,000 orders of the demo brand with the shipped word
  lists): every order walked oldest first, every design fetched once.
* Incremental scans (``--history``, default 10k / 100k / 1M orders made on demand by
  ``FakeKickflip.long_history``): the store is given the state a finished first scan leaves
  (a first scan of 1M orders over HTTP would take most of an hour here), then runs with
  ``--new`` new orders (default 0, 60, 1000) are measured: order-page requests, design
  fetches, wall time, and peak Python memory (tracemalloc) - which must not grow with the
  history.
* The peer, measured in the same run: what every run cost before (walking all the order
  pages of the history, oldest first), for the histories up to 100k.

``fetch`` and ``check`` are summed over worker threads (they overlap, so they can exceed
the wall time).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.constants import LANGUAGES
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.fake_api.history import design_id
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.scan import build_scan_matcher, scan_orders
from kickflip_moderation.store import DesignResult, ScanStore, StoredOrder

PAGE_SIZE = 100  # the client's default


def order_pages(fake: FakeKickflip) -> int:
    return sum(1 for _m, path in fake.requests if path.split("?")[0].endswith("/orders"))


def design_fetches(fake: FakeKickflip) -> int:
    return sum(1 for _m, path in fake.requests if "/designs/" in path)


def first_scan(orders: int, concurrency: int) -> None:
    fake = FakeKickflip.demo(seed=7, orders=orders)
    fake.wordfilter["words"] += default_words(LANGUAGES)
    with tempfile.TemporaryDirectory() as tmp, serve(fake) as server, KickflipClient(
        fake.brand, fake.token, base_url=server.url
    ) as client, ScanStore(Path(tmp) / "bench.sqlite3", brand=fake.brand) as store:
        matcher, fp, _ = build_scan_matcher(client)
        fake.requests.clear()
        result = scan_orders(client, matcher, store, fingerprint=fp, concurrency=concurrency)
        t = result.timings
        print(f"first scan, {orders:>9,} orders: {order_pages(fake):>6,} order pages, "
              f"{design_fetches(fake):>7,} design fetches, {t['total']:7.2f} s wall "
              f"({result.designs_checked / t['total']:.0f} designs/s, {len(result.flagged)} "
              f"flagged, {len(result.failed)} failed)")
        print("    time: " + ", ".join(f"{k} {v:.2f}s" for k, v in t.items()))
        fake.requests.clear()
        again = scan_orders(client, matcher, store, fingerprint=fp)
        print(f"    rerun, nothing new: {order_pages(fake)} order page(s), "
              f"{design_fetches(fake)} design fetches, {again.timings['total']:.3f} s")


def incremental(history: int, news: list[int], concurrency: int) -> None:
    fake = FakeKickflip.long_history(history)
    with tempfile.TemporaryDirectory() as tmp, serve(fake) as server, KickflipClient(
        fake.brand, fake.token, base_url=server.url, page_size=PAGE_SIZE
    ) as client, ScanStore(Path(tmp) / "bench.sqlite3", brand=fake.brand) as store:
        matcher, fp, _ = build_scan_matcher(client)
        # the state a finished first scan leaves, as far as a rerun reads it: the newest
        # orders stored (a rerun's walk ends after a page's worth of stored orders in a row)
        newest = range(max(1, history - 3 * PAGE_SIZE + 1), history + 1)
        store.record_batch(
            [StoredOrder(n, f"a{n:023x}", "", None, (design_id(n),)) for n in newest],
            [DesignResult(design_id(n), "ok", fp) for n in newest], walked_to=history)
        for new in news:
            fake.orders.grow(new)  # type: ignore[attr-defined]
            fake.requests.clear()
            gc.collect()
            tracemalloc.start()
            started = time.perf_counter()
            result = scan_orders(client, matcher, store, fingerprint=fp,
                                 concurrency=concurrency)
            wall = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert result.orders == new and not result.failed, result
            print(f"incremental, {history:>9,} orders + {new:>5,} new: "
                  f"{order_pages(fake):>3} order page(s), {design_fetches(fake):>5,} design "
                  f"fetches, {wall:6.3f} s wall, peak {peak / 1e6:5.2f} MB")


def old_walk(history: int) -> None:
    """The peer: every order page of the history, which each run paid before."""
    fake = FakeKickflip.long_history(history)
    with serve(fake) as server, KickflipClient(
        fake.brand, fake.token, base_url=server.url, page_size=PAGE_SIZE
    ) as client:
        started = time.perf_counter()
        count = sum(1 for _ in client.iter_orders(sort_order="ascending"))
        wall = time.perf_counter() - started
    print(f"peer (walk the whole history, as every run did before), {history:>9,} orders: "
          f"{order_pages(fake):>6,} order pages, {wall:6.2f} s wall ({count:,} orders)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    parser.add_argument("--first", type=int, nargs="*", default=None)
    parser.add_argument("--history", type=int, nargs="*", default=None)
    parser.add_argument("--new", type=int, nargs="*", default=None)
    parser.add_argument("--peer-upto", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    quick = args.quick
    firsts = args.first if args.first is not None else [300] if quick else [10_000]
    histories = args.history if args.history is not None else (
        [10_000] if quick else [10_000, 100_000, 1_000_000])
    news = args.new if args.new is not None else [0, 60] if quick else [0, 60, 1000]
    for orders in firsts:
        first_scan(orders, args.concurrency)
    for history in histories:
        incremental(history, news, args.concurrency)
    for history in histories:
        if history <= (2_000 if quick else args.peer_upto):
            old_walk(history)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
