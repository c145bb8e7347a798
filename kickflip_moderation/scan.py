"""Walk a brand's orders and check every design they reference: composition, no formatting.

``scan_orders`` streams orders oldest first from the store's checkpoint, fetches each
design once per run in a bounded thread pool (the sync client is thread-safe), checks it
with ``check_design`` and commits per batch of orders. The rules that make it resumable:

* A design already checked against the same word list (``fingerprint``), or known missing,
  is never fetched again; a design that failed is fetched again on the next run.
* The checkpoint only moves past a contiguous prefix of orders whose designs are all
  ok/flagged/missing, so a failure holds it back and no order is ever skipped. It is a
  hint, not a promise about the API: orders up to it are skipped only if an earlier scan
  walked them (a new order with a smaller orderId is still checked, even after an order
  numbered 2**62), and orders up to it with a failed design are retried by name (orders
  not sent in ascending order can carry the checkpoint past a failure).
* An orderId outside SQLite's 64-bit range cannot be tracked: such an order is reported
  as not checked (``ScanResult.untracked``) on every run, never passed silently.
* Per-design failures (5xx, 429, timeouts after the client's retries, bad JSON) are
  collected; only authentication, unknown-brand and configuration errors stop the scan.

The word list for a scan is the brand's remote list *whatever its isActive flag*: an
inactive filter only means Kickflip does not block at checkout, which is when an after-the-
fact scan matters most.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Protocol

from .design import SupportsFind, check_design
from .errors import AuthenticationError, ConfigError, NotFoundError, UnknownBrandError
from .remote_lists import Skipped, cap_entries, unusable
from .report import ReportRow, ScanTotals
from .store import DONE_STATUSES, DesignResult, ScanStore, StoredOrder

if TYPE_CHECKING:  # pragma: no cover - types only
    from collections.abc import Iterator

    from .matching.matcher import Matcher
    from .resources import Design, Order, Wordfilter

__all__ = [
    "ScanClient",
    "ScanResult",
    "ScanRun",
    "build_scan_matcher",
    "check_one",
    "run_scan",
    "scan_orders",
    "wordlist_fingerprint",
]

FATAL = (AuthenticationError, UnknownBrandError, ConfigError)
_SQLITE_INT = range(-(2**63), 2**63)  # what an INTEGER column holds


class ScanClient(Protocol):
    """The ``KickflipClient`` methods a scan uses."""

    def iter_orders(
        self, *, sort_key: str = ..., sort_order: str = ..., page_size: int | None = ...,
        since_order_id: int | None = ...,
    ) -> Iterator[Order]: ...

    def get_design(self, design_id: str | int) -> Design: ...

    def get_wordfilter(self) -> Wordfilter: ...


def _package_version() -> str:
    try:
        return version("kickflip-moderation")
    except PackageNotFoundError:  # pragma: no cover - source tree without metadata
        return "0"


def wordlist_fingerprint(words: Iterable[str], allow: Iterable[str] = ()) -> str:
    """Identifies a word list (order and duplicates ignored) and the matcher version, so a
    design is re-checked when either changes and never otherwise."""
    payload = json.dumps([sorted(set(words)), sorted(set(allow)), _package_version()])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def build_scan_matcher(
    client: ScanClient, allow: Sequence[str] = ()
) -> tuple[Matcher, str, Wordfilter]:
    """The brand's remote list (even if inactive) plus the built-in and ``allow`` entries."""
    from .matching.matcher import Matcher

    wordfilter = client.get_wordfilter()
    if not wordfilter.words:
        raise ConfigError(
            "the brand's wordfilter is empty, so a scan would flag nothing; add entries "
            "first (e.g. `kickflip-moderation words merge wordlists/en.txt`)"
        )
    # one odd remote entry (an emoji, "!!!") must not stop the whole scan; see remote_lists
    matcher = Matcher(cap_entries(wordfilter.words)[0], allow=allow, skip_unusable=True)
    return matcher, wordlist_fingerprint(wordfilter.words, allow), wordfilter


@dataclass
class ScanResult:
    """What one run did. ``timings`` (seconds): orders (walking pages), fetch and check
    (summed over worker threads, so they can exceed wall time), db, total (wall)."""

    orders: int = 0
    designs_checked: int = 0
    designs_skipped: int = 0  # already checked with this word list
    flagged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # design id -> error
    checkpoint: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    untracked: dict[str, str] = field(default_factory=dict)  # order ref -> why not checked


@dataclass(frozen=True)
class _Checked:
    result: DesignResult
    fetch: float
    check: float


def check_one(
    client: ScanClient, matcher: SupportsFind, design_id: str, fingerprint: str
) -> _Checked:
    """Fetch and check one design; a 404 is ``missing``, other API errors ``failed``."""
    started = time.perf_counter()
    try:
        design = client.get_design(design_id)
    except FATAL:
        raise
    except NotFoundError:
        return _Checked(DesignResult(design_id, "missing", fingerprint),
                        time.perf_counter() - started, 0.0)
    except Exception as exc:  # one bad design must not hide the others
        error = f"{type(exc).__name__}: {exc}"[:300]
        return _Checked(DesignResult(design_id, "failed", fingerprint, error=error),
                        time.perf_counter() - started, 0.0)
    fetched = time.perf_counter()
    try:
        findings = tuple(check_design(design.raw, matcher))
    except Exception as exc:  # a matcher bug on one text: report it, go on
        error = f"check failed: {type(exc).__name__}: {exc}"[:300]
        return _Checked(DesignResult(design_id, "failed", fingerprint, error=error),
                        fetched - started, time.perf_counter() - fetched)
    status = "flagged" if findings else "ok"
    result = DesignResult(design_id, status, fingerprint, design.product_name or "",
                          design.image_url or "", None, findings)
    return _Checked(result, fetched - started, time.perf_counter() - fetched)


def _stored(order: Order) -> StoredOrder:
    return StoredOrder(order.order_id, order.id, order.name or "", order.date,
                       tuple(str(d) for d in order.design_ids))


def scan_orders(
    client: ScanClient,
    matcher: SupportsFind,
    store: ScanStore,
    *,
    fingerprint: str,
    since_order_id: int | None = None,
    from_start: bool = False,
    concurrency: int = 8,
    batch_size: int = 50,
    on_order: Callable[[StoredOrder], None] | None = None,
) -> ScanResult:
    """Check every design of the orders after the checkpoint (or ``since_order_id``, or all
    orders with ``from_start``); see the module docstring for the rules."""
    if concurrency < 1 or batch_size < 1:
        raise ValueError("concurrency and batch_size must be at least 1")
    res = ScanResult()
    t = dict.fromkeys(("orders", "fetch", "check", "db"), 0.0)
    wall = time.perf_counter()
    start = since_order_id if since_order_id is not None else (
        None if from_start else store.checkpoint())
    status: dict[str, str] = {}  # design id -> status, for this run
    futures: dict[str, Future[_Checked]] = {}
    pending: deque[StoredOrder] = deque()
    batch: list[StoredOrder] = []
    results: list[DesignResult] = []
    prefix_ok, checkpoint = True, None

    def commit() -> None:
        nonlocal batch, results
        began = time.perf_counter()
        store.record_batch(batch, results, checkpoint=checkpoint)
        t["db"] += time.perf_counter() - began
        batch, results = [], []

    def settle(design_id: str) -> None:
        checked = futures.pop(design_id).result()  # re-raises fatal errors
        t["fetch"] += checked.fetch
        t["check"] += checked.check
        r = checked.result
        status[design_id] = r.status
        results.append(r)
        if r.status == "failed":
            res.failed[design_id] = r.error or "failed"
        else:
            res.failed.pop(design_id, None)
            res.designs_checked += r.status != "missing"
            (res.flagged if r.status == "flagged" else res.missing if r.status == "missing"
             else []).append(design_id)

    def drain(until: str) -> None:
        """Settle finished orders in walk order. ``until``: "poll" (never wait), "room"
        (wait until few fetches are in flight), "all" (wait for every pending order)."""
        nonlocal prefix_ok, checkpoint
        while pending:
            if until == "room" and len(futures) <= concurrency * 4:
                return
            head = pending[0]
            waiting = [futures[d] for d in head.design_ids if d in futures]
            if waiting and not all(f.done() for f in waiting):
                if until == "poll":
                    return
                wait(waiting, return_when=FIRST_COMPLETED)
                continue
            for d in dict.fromkeys(head.design_ids):
                if d in futures:
                    settle(d)
            pending.popleft()
            complete = all(status.get(d) in DONE_STATUSES for d in head.design_ids)
            if head.order_id not in retried:  # retries lie behind the checkpoint already
                prefix_ok = prefix_ok and complete
                if prefix_ok:
                    checkpoint = head.order_id
            batch.append(head)
            res.orders += 1
            if on_order is not None:
                on_order(head)
            if len(batch) >= batch_size:
                commit()

    def submit(rec: StoredOrder) -> None:
        """Queue the order; fetch its designs not done yet (with this list) in the pool."""
        new = [d for d in dict.fromkeys(rec.design_ids) if d not in status and d not in futures]
        began = time.perf_counter()
        known = store.done_designs(new, fingerprint) if new else {}
        t["db"] += time.perf_counter() - began
        status.update(known)
        res.designs_skipped += len(known)
        for d in new:
            if d not in known:
                futures[d] = pool.submit(check_one, client, matcher, d, fingerprint)
        pending.append(rec)
        drain("room" if len(futures) > concurrency * 4 else "poll")

    retried: set[int] = set()
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="kfmod-scan")
    failed = True
    try:
        # an explicit --since-order filters in the client; the checkpoint is checked here
        orders = client.iter_orders(sort_key="orderId", sort_order="ascending",
                                    since_order_id=since_order_id)
        retry = deque(store.orders_with_failed_designs(start) if start is not None else ())
        retried.update(o.order_id for o in retry)
        seen: set[int] = set()
        while True:
            if retry:
                rec = retry.popleft()
                seen.add(rec.order_id)
                submit(rec)
                continue
            began = time.perf_counter()
            order = next(orders, None)
            t["orders"] += time.perf_counter() - began
            if order is None:
                break
            if order.order_id in seen:
                continue
            seen.add(order.order_id)
            if order.order_id not in _SQLITE_INT:
                res.untracked[order.id] = (f"orderId {order.order_id} is outside the range "
                                           "the scan database can track")
                continue
            if start is not None and order.order_id <= start and store.knows_order(
                    order.order_id):
                continue  # walked before; its failed designs were retried above
            submit(_stored(order))
        drain("all")
        failed = False
    finally:
        # On an error or Ctrl-C, do not wait for in-flight retries; keep what was finished.
        # Workers still inside a call stop there, silently: nothing may print after the
        # CLI's last line (a client without cancel() is left to finish on its own).
        cancel = getattr(client, "cancel", None)
        if failed and callable(cancel):
            cancel()
        pool.shutdown(wait=not failed, cancel_futures=True)
        if batch:
            try:
                commit()
            except Exception:
                if not failed:
                    raise
    res.checkpoint = store.checkpoint()
    t["total"] = time.perf_counter() - wall
    res.timings = t
    return res


@dataclass
class ScanRun:
    """A scan and what to report: ``rows`` are new (or all) findings, missing designs
    and designs still failing; ``totals`` count the designs in ``rows``."""

    result: ScanResult
    rows: list[ReportRow]
    totals: ScanTotals
    wordfilter: Wordfilter
    skipped: tuple[Skipped, ...] = ()  # remote entries the checks left out


def run_scan(
    client: ScanClient,
    store: ScanStore,
    *,
    allow: Sequence[str] = (),
    since_order_id: int | None = None,
    report_all: bool = False,
    concurrency: int = 8,
    on_order: Callable[[StoredOrder], None] | None = None,
) -> ScanRun:
    """Pull the word list, scan, and collect the report rows. ``report_all`` walks every
    order from the first (designs checked with this list are still not re-fetched) and
    reports every finding, not only those never reported. The caller renders the rows and
    then calls ``store.mark_reported(rows)``."""
    matcher, fingerprint, wordfilter = build_scan_matcher(client, allow)
    store.note_wordlist(len(wordfilter.words), fingerprint)
    result = scan_orders(client, matcher, store, fingerprint=fingerprint,
                         since_order_id=since_order_id, from_start=report_all,
                         concurrency=concurrency, on_order=on_order)
    rows = store.report_rows(only_new=not report_all)

    def designs(kind: str) -> int:
        return len({r.design_id for r in rows if r.kind == kind})

    totals = ScanTotals(result.orders, result.designs_checked, designs("finding"),
                        designs("missing"), designs("failed"), result.timings["total"])
    skipped = (*unusable(matcher.skipped), *cap_entries(wordfilter.words)[1])
    return ScanRun(result, rows, totals, wordfilter, skipped)
