"""Walk a brand's orders and check every design they reference: composition, no formatting.

``scan_orders`` costs what is new, not the history. The store remembers ``walked_to`` (every
order up to it is stored) and the checkpoint (every order up to it is fully checked):

* A first scan (empty database) walks every order oldest first, streaming.
* Later scans walk the API newest first (its default order) down to ``walked_to``, and on
  past it while orders the database does not know keep turning up (a new order with a
  smaller orderId, e.g. after an order numbered 2**62): the walk ends after a page's worth
  of stored orders in a row. A run with nothing new costs one order page, and memory holds
  only the new orders. Stored orders that hold a design that failed are taken from the
  database, not the API, also those behind the checkpoint (a database written by an
  earlier version, whose checkpoint could pass a failure when the API did not sort). All of
  these are then checked oldest first.
* The checkpoint is a hint: it is worked out from what is stored (the highest order below
  the first one holding a design failed or never checked), so it never passes a failure.
* An orderId outside SQLite's 64-bit range cannot be tracked: such an order is reported
  as not checked (``ScanResult.untracked``) on every run, never passed silently.
* A design already checked against the same word list (``fingerprint``), or known missing,
  is never fetched again; a design that failed is fetched again on the next run.
* The checkpoint only moves past orders whose designs are all ok/flagged/missing, so a
  failure holds it back and no order is ever skipped.
* ``since_order_id=N`` limits the run to orders with ``orderId > N``. It moves the marks
  only when N is at or below ``walked_to``: on a fresh database a later plain scan still
  covers the orders up to N.
* ``recheck=True`` also fetches again the designs of stored orders (``> N``) last checked
  with another word list or allowlist.
* Per-design failures (5xx, 429, timeouts after the client's retries, bad JSON) are
  collected and tried once more at the end of the run (a burst of errors is usually over
  by then); only authentication, unknown-brand and configuration errors stop the scan.

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
from typing import TYPE_CHECKING, Protocol

from . import __version__
from .design import SupportsFind, check_design
from .errors import AuthenticationError, ConfigError, NotFoundError, UnknownBrandError
from .models import ReportRow
from .remote_lists import Skipped, cap_entries, unusable
from .report import ScanTotals
from .store import DesignResult, ScanStore, StoredOrder

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
RECENT_ORDERS = 1000  # order ids remembered to drop repeats in a walk the API did not sort
DEFAULT_PAGE = 100  # stored orders in a row that end a newest-first walk (client page size)
_SQLITE_INT = range(-(2**63), 2**63)  # what an INTEGER column holds


class ScanClient(Protocol):
    """The ``KickflipClient`` methods a scan uses."""

    def iter_orders(
        self, *, sort_key: str = ..., sort_order: str = ..., page_size: int | None = ...,
        since_order_id: int | None = ...,
    ) -> Iterator[Order]: ...

    def get_design(self, design_id: str | int) -> Design: ...

    def get_wordfilter(self) -> Wordfilter: ...


def wordlist_fingerprint(words: Iterable[str], allow: Iterable[str] = ()) -> str:
    """Identifies a word list (order and duplicates ignored) and the matcher version, so a
    design is re-checked when either changes and never otherwise."""
    payload = json.dumps([sorted(set(words)), sorted(set(allow)), __version__])
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

    orders: int = 0  # orders checked in this run: new ones and stored ones revisited
    revisited: int = 0  # of which stored orders taken again from the database
    designs_checked: int = 0
    designs_skipped: int = 0  # already checked with this word list
    flagged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # design id -> error
    checkpoint: int | None = None
    walked_to: int | None = None
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


def _trackable(order: Order, untracked: dict[str, str]) -> bool:
    """Can the database hold this orderId? If not, the order is noted as not checked."""
    if order.order_id in _SQLITE_INT:
        return True
    untracked[order.id] = (f"orderId {order.order_id} is outside the range the scan "
                           "database can track")
    return False


def _newest_first(client: ScanClient, store: ScanStore, boundary: int, since: int | None,
                  untracked: dict[str, str]) -> list[StoredOrder]:
    """The orders with ``orderId > boundary`` and those ``> since`` below it the database
    does not know (the marks are hints, not a promise about the API), oldest first; repeats (pages
    that overlap when orders arrive during the walk) dropped. The walk ends after a page's
    worth of stored orders in a row, unless the API did not sort newest first (then it
    costs a full walk, never a missed order). Memory: the new orders only."""
    page = getattr(client, "page_size", None)
    enough = page if isinstance(page, int) and page > 0 else DEFAULT_PAGE
    found: dict[int, StoredOrder] = {}
    known_in_a_row, previous, descending = 0, None, True
    for order in client.iter_orders(sort_key="orderId", sort_order="descending"):
        number = order.order_id
        if number in found or number == previous:
            continue  # a repeat from overlapping pages
        descending = descending and (previous is None or number < previous)
        previous = number
        if not _trackable(order, untracked):
            continue
        if number > boundary or (
                (since is None or number > since) and not store.knows_order(number)):
            found[number] = _stored(order)
            known_in_a_row = 0
            continue
        known_in_a_row += 1
        if descending and known_in_a_row >= enough:
            break
    return [found[k] for k in sorted(found)]


class _OldestFirst:
    """Every order, streaming (a first scan), repeats dropped. ``ordered`` turns False if
    the API does not sort as asked: then no prefix of the walk is known to be complete,
    and ``walked_to`` may only move once the whole walk has ended."""

    def __init__(self, client: ScanClient, untracked: dict[str, str]) -> None:
        self._client = client
        self._untracked = untracked
        self.ordered = True
        self.highest: int | None = None
        self._recent: deque[int] = deque(maxlen=RECENT_ORDERS)

    def __iter__(self) -> Iterator[StoredOrder]:
        for order in self._client.iter_orders(sort_key="orderId", sort_order="ascending"):
            number = order.order_id
            if not _trackable(order, self._untracked):
                continue
            if self.highest is not None and number <= self.highest:
                if number == self.highest or number in self._recent:
                    continue  # a repeat from overlapping pages
                self.ordered = False
            self.highest = number if self.highest is None else max(self.highest, number)
            self._recent.append(number)
            yield _stored(order)


def scan_orders(
    client: ScanClient,
    matcher: SupportsFind,
    store: ScanStore,
    *,
    fingerprint: str,
    since_order_id: int | None = None,
    recheck: bool = False,
    from_start: bool = False,
    concurrency: int = 8,
    batch_size: int = 50,
    on_order: Callable[[StoredOrder], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
) -> ScanResult:
    """Check every design of the orders not yet checked (see the module docstring).
    ``from_start`` is the earlier name of ``recheck``. ``on_total`` gets the number of
    orders this run will check, once known (``None``: the API did not say)."""
    if concurrency < 1 or batch_size < 1:
        raise ValueError("concurrency and batch_size must be at least 1")
    with store.exclusive():
        return _scan(client, matcher, store, fingerprint, since_order_id,
                     recheck or from_start, concurrency, batch_size, on_order, on_total)


def _scan(
    client: ScanClient, matcher: SupportsFind, store: ScanStore, fingerprint: str,
    since: int | None, recheck: bool, concurrency: int, batch_size: int,
    on_order: Callable[[StoredOrder], None] | None,
    on_total: Callable[[int | None], None] | None,
) -> ScanResult:
    res = ScanResult()
    t = dict.fromkeys(("orders", "fetch", "check", "db"), 0.0)
    wall = time.perf_counter()
    walked, checkpoint = store.walked_to(), store.checkpoint()
    boundary = walked if since is None else since if walked is None else max(since, walked)
    advance = since is None or (walked is not None and since <= walked)
    status: dict[str, str] = {}  # design id -> status, for this run
    futures: dict[str, Future[_Checked]] = {}
    pending: deque[StoredOrder] = deque()
    batch: list[StoredOrder] = []
    results: list[DesignResult] = []

    first_walk = _OldestFirst(client, res.untracked) if boundary is None else None

    def commit() -> None:
        nonlocal batch, results
        began = time.perf_counter()
        ordered = first_walk is None or first_walk.ordered
        top = max((o.order_id for o in batch), default=None) if advance and ordered else None
        store.record_batch(batch, results, walked_to=top)
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
        while pending:
            if until == "room" and len(futures) <= concurrency * 4:
                return
            head = pending[0]
            waiting = [futures[d] for d in head.design_ids if d in futures]
            running = [f for f in waiting if not f.done()]
            if running:
                if until == "poll":
                    return
                # only the unfinished ones: one already done would end the wait at once,
                # and the loop would spin until the last fetch came back
                wait(running, return_when=FIRST_COMPLETED)
                continue
            for d in dict.fromkeys(head.design_ids):
                if d in futures:
                    settle(d)
            pending.popleft()
            batch.append(head)
            res.orders += 1
            if on_order is not None:
                on_order(head)
            if len(batch) >= batch_size:
                commit()

    def walk() -> Iterator[StoredOrder]:
        """Stored orders to check again, then the new ones: all oldest first."""
        low = since if recheck else max((m for m in (since, checkpoint) if m is not None),
                                        default=None)
        stale = fingerprint if recheck else None
        upto = walked if since is None or walked is None or since < walked else None
        began = time.perf_counter()
        if boundary is None:
            assert first_walk is not None
            if on_total is not None:  # a total only: a client without order_count is fine
                count = getattr(client, "order_count", None)
                on_total(count() if callable(count) else None)
            t["orders"] += time.perf_counter() - began
            yield from first_walk
            return
        new = _newest_first(client, store, boundary, since, res.untracked)
        # a database of an earlier version: its checkpoint could pass a failed design
        behind = [o for o in (store.orders_with_failed_designs(checkpoint)
                              if checkpoint is not None and not recheck else ())
                  if since is None or o.order_id > since]
        t["orders"] += time.perf_counter() - began
        if on_total is not None:
            on_total(len(behind) + store.count_to_revisit(low, upto, stale) + len(new))
        for order in (*behind, *store.orders_to_revisit(low, upto, stale)):
            res.revisited += 1
            yield order
        yield from new

    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="kfmod-scan")
    failed = True
    try:
        orders = walk()
        while True:
            began = time.perf_counter()
            rec = next(orders, None)
            t["orders"] += time.perf_counter() - began
            if rec is None:
                break
            new_ids = [d for d in dict.fromkeys(rec.design_ids)
                       if d not in status and d not in futures]
            began = time.perf_counter()
            known = store.done_designs(new_ids, fingerprint) if new_ids else {}
            t["db"] += time.perf_counter() - began
            status.update(known)
            res.designs_skipped += len(known)
            for d in new_ids:
                if d not in known:
                    futures[d] = pool.submit(check_one, client, matcher, d, fingerprint)
            pending.append(rec)
            drain("room" if len(futures) > concurrency * 4 else "poll")
        drain("all")
        if first_walk is not None and not first_walk.ordered:
            commit()  # the whole walk is stored: now every order up to the highest is
            store.record_batch([], [], walked_to=first_walk.highest)
        if res.failed:  # a burst of 5xx outlasted their retries: once more, now it is over
            commit()
            for design_id in list(res.failed):
                futures[design_id] = pool.submit(check_one, client, matcher, design_id,
                                                 fingerprint)
            for design_id in list(futures):
                settle(design_id)
            commit()
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
    res.walked_to = store.walked_to()
    t["total"] = time.perf_counter() - wall
    res.timings = t
    return res


@dataclass
class ScanRun:
    """A scan and what to report: ``rows`` are new (or all) findings, missing designs
    and designs still failing; ``totals`` count the designs in ``rows``. ``stale``: stored
    designs last checked with another word list or allowlist (``recheck`` fetches them)."""

    result: ScanResult
    rows: list[ReportRow]
    totals: ScanTotals
    wordfilter: Wordfilter
    stale: int = 0
    skipped: tuple[Skipped, ...] = ()  # remote entries the checks left out


def run_scan(
    client: ScanClient,
    store: ScanStore,
    *,
    allow: Sequence[str] = (),
    since_order_id: int | None = None,
    report_all: bool = False,
    recheck: bool = False,
    concurrency: int = 8,
    on_order: Callable[[StoredOrder], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
) -> ScanRun:
    """Pull the word list, scan, and collect the report rows of orders ``> since_order_id``.
    ``recheck`` also fetches again the designs checked with another list; ``report_all``
    implies it and reports every finding, not only those never reported. The caller renders
    the rows and then calls ``store.mark_reported(rows)``."""
    matcher, fingerprint, wordfilter = build_scan_matcher(client, allow)
    store.note_wordlist(len(wordfilter.words), fingerprint)
    result = scan_orders(client, matcher, store, fingerprint=fingerprint,
                         since_order_id=since_order_id, recheck=recheck or report_all,
                         concurrency=concurrency, on_order=on_order, on_total=on_total)
    rows = store.report_rows(only_new=not report_all, since_order=since_order_id)

    def designs(kind: str) -> int:
        return len({r.design_id for r in rows if r.kind == kind})

    totals = ScanTotals(result.orders, result.designs_checked, designs("finding"),
                        designs("missing"), designs("failed"), result.timings["total"])
    skipped = (*unusable(matcher.skipped), *cap_entries(wordfilter.words)[1])
    return ScanRun(result, rows, totals, wordfilter, store.stale_designs(fingerprint),
                   skipped)
