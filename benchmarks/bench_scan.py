"""Scan N orders (default 10,000) of the fake brand over loopback HTTP; print designs/s and
where the time goes (order pages, design fetch, check, database).

    python benchmarks/bench_scan.py [ORDERS] [CONCURRENCY]

``fetch`` and ``check`` are summed over the worker threads (they overlap, so they can exceed
the wall time); ``orders`` and ``db`` are spent in the main thread.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.scan import build_scan_matcher, scan_orders
from kickflip_moderation.store import ScanStore


def main(orders: int = 10_000, concurrency: int = 8) -> None:
    started = time.perf_counter()
    fake = FakeKickflip.demo(seed=7, orders=orders)
    fake.wordfilter["words"] += default_words(("en", "fr", "es", "de"))
    print(f"generated {orders} orders, {len(fake.designs)} designs "
          f"in {time.perf_counter() - started:.1f}s")
    with tempfile.TemporaryDirectory() as tmp, serve(fake) as server, KickflipClient(
        fake.brand, fake.token, base_url=server.url
    ) as client, ScanStore(Path(tmp) / "bench.sqlite3", brand=fake.brand) as store:
        matcher, fp, _ = build_scan_matcher(client)
        result = scan_orders(client, matcher, store, fingerprint=fp, concurrency=concurrency)
        t = result.timings
        rate = result.designs_checked / t["total"]
        print(f"first run: {result.orders} orders, {result.designs_checked} designs checked, "
              f"{len(result.flagged)} flagged, {len(result.missing)} missing, "
              f"{len(result.failed)} failed in {t['total']:.2f}s -> {rate:.0f} designs/s "
              f"(concurrency {concurrency})")
        print("  time: " + ", ".join(f"{k} {v:.2f}s" for k, v in t.items()))
        print(f"  per design: fetch {1e3 * t['fetch'] / max(1, result.designs_checked):.2f} ms,"
              f" check {1e6 * t['check'] / max(1, result.designs_checked):.0f} us")
        again = scan_orders(client, matcher, store, fingerprint=fp, from_start=True)
        print(f"re-walk of every order (nothing to fetch): {again.timings['total']:.2f}s, "
              f"{again.designs_skipped} designs skipped")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
