"""How much the client costs over bare httpx: 10,000 orders from the local fake API.

Both sides fetch the same pages over loopback HTTP from ``FakeKickflip.demo(orders=10_000)``
and decode the JSON; the client also validates, builds ``Order`` values, de-duplicates and
runs its retry/pagination bookkeeping. Target: the client adds at most 20%.

The fake runs in a child process by default: in a thread it would share the GIL with the
code being measured and add noise of the same size as the difference. Runs alternate
between the two sides so that drift (CPU frequency, caches) hits both alike.

    .venv/bin/python benchmarks/bench_client.py [--orders N] [--page-size N] [--repeat N]
                                                [--in-process]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

# Runnable from a source checkout without `pip install -e .`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kickflip_moderation.client import KickflipClient  # noqa: E402
from kickflip_moderation.fake_api import FakeKickflip, serve  # noqa: E402

__all__ = ["main"]


def bare(url: str, brand: str, token: str, page_size: int) -> int:
    """The minimum: request each page with httpx, decode JSON, follow lastIndex."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    count = 0
    with httpx.Client(base_url=url, headers=headers) as http:
        params: dict[str, str | int] = {"sortKey": "orderId", "sortOrder": "ascending",
                                        "count": page_size}
        while True:
            page = http.get(f"/brands/{brand}/orders", params=params).json()
            count += len(page["results"])
            last, size = page["pagination"]["lastIndex"], page["pagination"]["collectionSize"]
            if not page["results"] or last >= size:
                return count
            params["lastIndex"] = last


def client(url: str, brand: str, token: str, page_size: int) -> int:
    with KickflipClient(brand, token, url, page_size=page_size) as kf:
        return sum(1 for _ in kf.iter_orders())


@contextlib.contextmanager
def fake_server(orders: int, in_process: bool) -> Iterator[tuple[str, str, str]]:
    """(url, brand, token) of a fake brand with ``orders`` orders on 127.0.0.1."""
    if in_process:
        fake = FakeKickflip.demo(orders=orders)
        with serve(fake) as server:
            yield server.url, fake.brand, fake.token
        return
    cmd = [sys.executable, "-m", "kickflip_moderation.fake_api", "--port", "0",
           "--orders", str(orders)]
    root = Path(__file__).resolve().parent.parent
    with subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("export "):
                    env = dict(part.split("=", 1) for part in line.split()[1:])
                    break
            else:
                raise SystemExit("the fake API did not start")
            yield env["KICKFLIP_API_URL"], env["KICKFLIP_BRAND"], env["KICKFLIP_TOKEN"]
        finally:
            proc.terminate()


def timed(fn: Callable[[], int], expected: int) -> float:
    start = time.perf_counter()
    got = fn()
    elapsed = time.perf_counter() - start
    if got != expected:
        raise SystemExit(f"expected {expected} orders, got {got}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--in-process", action="store_true", help="serve from a thread")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"bare": [], "client": []}
    with fake_server(args.orders, args.in_process) as (url, brand, token):
        run = (url, brand, token, args.page_size)
        n = bare(*run)  # warm-up: the fake's sorted-view cache, imports, connection paths
        client(*run)
        for _ in range(args.repeat):
            times["bare"].append(timed(lambda: bare(*run), n))
            times["client"].append(timed(lambda: client(*run), n))
    b, c = times["bare"], times["client"]
    where = "a thread" if args.in_process else "a child process"
    print(f"{n} orders, {-(-n // args.page_size)} pages of {args.page_size}, fake API in "
          f"{where}; best / median of {args.repeat}")
    print(f"bare httpx     : {min(b):.3f} s / {statistics.median(b):.3f} s")
    print(f"KickflipClient : {min(c):.3f} s / {statistics.median(c):.3f} s")
    print(f"ratio          : {min(c) / min(b):.2f}x best, "
          f"{statistics.median(c) / statistics.median(b):.2f}x median (target <= 1.20x)")


if __name__ == "__main__":
    main()
