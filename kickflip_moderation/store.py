"""The scan's memory: a SQLite database of orders seen, designs checked and findings.

Why SQLite: a scan of a large brand takes a while and may be killed; the next run must pick
up where it stopped without skipping an order or re-reporting a design. Each batch of orders
is one transaction (WAL journal), so a SIGKILL loses at most the batch in flight.

Schema (version 1; ``meta.schema_version``):

* ``orders(order_id PK, ref, name, date, seen_at)``: every order walked.
* ``order_designs(order_id, position, design_id, reported_key)``: its items. ``reported_key``
  is the design's ``status:fingerprint`` when this (order, design) pair was last reported,
  so "new" means: not yet reported with the current result.
* ``designs(design_id PK, status, fingerprint, product, image_url, error, attempts,
  checked_at)``: ``status`` is ok / flagged / missing (404) / failed (retried next run);
  ``fingerprint`` identifies the word list it was checked against.
* ``findings(design_id, seq, option_id, choice_id, view_index, label, text, word, start,
  end)``: the flagged texts of a design's latest check (replaced on re-check).
* ``checkpoint(id = 1, order_id, updated_at)``: every order with ``orderId <= order_id`` has
  all its designs ok, flagged or missing.
* ``meta.walked_to``: every order with ``orderId <= walked_to`` is stored here with its
  designs (checked or not). The next scan walks the API newest-first down to it, and takes
  the stored orders between the checkpoint and it (a design that failed) from this file, so
  a run costs what is new, not the history. Absent in files of earlier versions: the
  checkpoint stands in for it.

One database belongs to one brand (``meta.brand``); opening it for another is a ``ConfigError``.
A damaged database (a table gone, a ``schema_version`` or checkpoint that is not a number)
raises ``DamagedDatabaseError`` (an ``sqlite3.DatabaseError``: the CLI exits 5) and is never
repaired behind the user's back: recreating a dropped ``findings`` table would make earlier
findings vanish from ``scan --all`` without a word.
Connections are single-threaded: the scan writes from its main thread only.

One scan at a time per database: ``exclusive()`` holds ``BEGIN EXCLUSIVE`` on a side file
``<db>.lock`` for the whole scan, so a second run (another process, or a cron run that
overlaps the last one) fails at once with ``ScanBusyError`` instead of fetching the same
designs twice. SQLite's own file lock: no new dependency, released by the OS if the process
dies, so a killed scan never leaves a stale lock behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from .design import Finding
from .errors import ConfigError, KickflipModerationError
from .models import ReportHeader, ReportRow
from .paths import check_not_symlink, ensure_private_dir, warn_if_shared
from .safetext import scrub

__all__ = [
    "DONE_STATUSES",
    "SCHEMA_VERSION",
    "STATUSES",
    "DamagedDatabaseError",
    "DesignResult",
    "ScanBusyError",
    "ScanStore",
    "StoredOrder",
]

SCHEMA_VERSION = 1
STATUSES = ("ok", "flagged", "missing", "failed")
DONE_STATUSES = frozenset({"ok", "flagged", "missing"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
    order_id INTEGER PRIMARY KEY, ref TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
    date TEXT, seen_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS order_designs (
    order_id INTEGER NOT NULL REFERENCES orders(order_id), position INTEGER NOT NULL,
    design_id TEXT NOT NULL, reported_key TEXT, PRIMARY KEY (order_id, position));
CREATE INDEX IF NOT EXISTS order_designs_by_design ON order_designs(design_id);
CREATE TABLE IF NOT EXISTS designs (
    design_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('ok', 'flagged', 'missing', 'failed')),
    fingerprint TEXT NOT NULL DEFAULT '', product TEXT NOT NULL DEFAULT '',
    image_url TEXT NOT NULL DEFAULT '', error TEXT, attempts INTEGER NOT NULL DEFAULT 1,
    checked_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS designs_by_status ON designs(status);
CREATE TABLE IF NOT EXISTS findings (
    design_id TEXT NOT NULL REFERENCES designs(design_id), seq INTEGER NOT NULL,
    option_id TEXT NOT NULL, choice_id TEXT NOT NULL, view_index INTEGER NOT NULL,
    label TEXT NOT NULL, text TEXT NOT NULL, word TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (design_id, seq));
CREATE TABLE IF NOT EXISTS checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1), order_id INTEGER NOT NULL, updated_at TEXT NOT NULL);
"""


_TABLES = frozenset({"meta", "orders", "order_designs", "designs", "findings", "checkpoint"})


class DamagedDatabaseError(sqlite3.DatabaseError):
    """The scan database exists but is not in a state this version wrote: left as it is."""


class ScanBusyError(KickflipModerationError):
    """Another scan holds this database (``ScanStore.exclusive``): try again later."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class StoredOrder:
    """The parts of an order the scan keeps."""

    order_id: int
    ref: str
    name: str
    date: str | None
    design_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DesignResult:
    """The outcome of checking one design in one run."""

    design_id: str
    status: str  # one of STATUSES
    fingerprint: str
    product: str = ""
    image_url: str = ""
    error: str | None = None
    findings: tuple[Finding, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown design status {self.status!r}")


class ScanStore:
    """One brand's scan database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, brand: str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            ensure_private_dir(self.path.parent)
            warn_if_shared(self.path.parent)
            for name in ("", "-wal", "-shm", "-journal"):  # SQLite would follow a link
                check_not_symlink(self.path.with_name(self.path.name + name), "scan database")
            if not self.path.exists():  # created user-only: it holds customer text
                self.path.touch(mode=0o600)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._lock_depth = 0
        try:
            self._setup(brand)
        except BaseException:
            self._db.close()
            raise

    def _setup(self, brand: str) -> None:
        db = self._db
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never corrupt
        db.execute("PRAGMA foreign_keys = ON")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = "
                                                   "'table'")}
        if tables and not _TABLES <= tables:  # an existing file: check it, never rebuild it
            self._damaged(f"table(s) {', '.join(sorted(_TABLES - tables))} missing")
        db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}COMMIT;")  # idempotent (IF NOT EXISTS)
        with self._tx():
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            raw_version = meta.get("schema_version", str(SCHEMA_VERSION))
            if not (isinstance(raw_version, str) and raw_version.isascii()
                    and raw_version.isdigit() and int(raw_version) >= 1):
                self._damaged(f"schema_version {raw_version!r} is not a schema number")
            version = int(raw_version)
            if version > SCHEMA_VERSION:
                raise ConfigError(
                    f"{self.path}: scan database schema {version} is newer than this "
                    f"version understands ({SCHEMA_VERSION}); upgrade kickflip-moderation"
                )
            if meta.get("brand", brand) != brand:
                raise ConfigError(
                    f"{self.path} holds the scan state of brand {meta['brand']!r}, not "
                    f"{brand!r}; use --db to pick another file"
                )
            db.executemany(
                "INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("brand", brand)],
            )
        self.checkpoint()  # a damaged checkpoint is refused now, before any work

    def _damaged(self, what: str) -> NoReturn:
        raise DamagedDatabaseError(
            f"damaged scan database: {what}. Nothing was changed or recreated; restore the "
            "file from a backup, or move it aside to start a fresh scan history"
        )

    def _tx(self) -> _Transaction:
        return _Transaction(self._db)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold this database's scan lock for the block (re-entrant for this store);
        ``ScanBusyError`` at once if another scan holds it."""
        if self._lock_depth or str(self.path) == ":memory:":
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        check_not_symlink(lock_path, "scan lock")  # SQLite would follow a link
        if not lock_path.exists():
            lock_path.touch(mode=0o600)
        lock = sqlite3.connect(lock_path, isolation_level=None, timeout=0)
        try:
            try:
                lock.execute("BEGIN EXCLUSIVE")
            except sqlite3.OperationalError:
                raise ScanBusyError(
                    f"{self.path}: another scan of this database is running (it holds "
                    f"{lock_path.name}); try again once it has finished"
                ) from None
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
        finally:
            lock.close()  # ends the transaction: the lock is released

    def __enter__(self) -> ScanStore:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------
    def checkpoint(self) -> int | None:
        """The highest orderId up to which every order is fully checked, or ``None``."""
        row = self._db.execute("SELECT order_id FROM checkpoint WHERE id = 1").fetchone()
        if row is not None and type(row[0]) is not int:
            self._damaged(f"checkpoint {row[0]!r} is not an order number")
        return None if row is None else int(row[0])

    def walked_to(self) -> int | None:
        """The highest orderId up to which every order is stored, or ``None``."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'walked_to'").fetchone()
        if row is None:
            return self.checkpoint()
        if not (isinstance(row[0], str) and row[0].isascii() and row[0].lstrip("-").isdigit()):
            self._damaged(f"walked_to {row[0]!r} is not an order number")
        return int(row[0])

    def orders_to_revisit(
        self, after: int | None, upto: int | None, fingerprint: str | None = None
    ) -> Iterator[StoredOrder]:
        """Stored orders with ``after < orderId <= upto`` that hold a design not done (failed,
        or never stored), or, with ``fingerprint``, one checked with another word list;
        oldest first, read in chunks (the range may be the whole history)."""
        if upto is None:
            return
        cursor = -(2**63) if after is None else after
        while True:
            where, args = _revisit_where(cursor, upto, fingerprint)
            rows = self._db.execute(
                f"SELECT DISTINCT od.order_id {where} ORDER BY od.order_id LIMIT 200", args
            ).fetchall()
            if not rows:
                return
            for (order_id,) in rows:
                yield self._stored_order(order_id)
            cursor = rows[-1][0]

    def count_to_revisit(
        self, after: int | None, upto: int | None, fingerprint: str | None = None
    ) -> int:
        """How many orders ``orders_to_revisit`` yields (for a progress total)."""
        if upto is None:
            return 0
        where, args = _revisit_where(-(2**63) if after is None else after, upto, fingerprint)
        return int(self._db.execute(f"SELECT COUNT(DISTINCT od.order_id) {where}",
                                    args).fetchone()[0])

    def _stored_order(self, order_id: int) -> StoredOrder:
        ref, name, date = self._db.execute(
            "SELECT ref, name, date FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        designs = self._db.execute(
            "SELECT design_id FROM order_designs WHERE order_id = ? ORDER BY position",
            (order_id,)).fetchall()
        return StoredOrder(order_id, ref, name, date, tuple(d for (d,) in designs))

    def stale_designs(self, fingerprint: str) -> int:
        """How many stored designs were last checked with another word list or allowlist."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM designs WHERE status IN ('ok', 'flagged') "
            "AND fingerprint IS NOT ?", (fingerprint,)).fetchone()
        return int(row[0])

    def done_designs(self, design_ids: Iterable[str], fingerprint: str) -> dict[str, str]:
        """Those of ``design_ids`` that need no fetch: checked with ``fingerprint``, or 404."""
        ids = list(dict.fromkeys(design_ids))
        done: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            query = (
                f"SELECT design_id, status FROM designs WHERE design_id IN ({marks}) AND "
                "(status = 'missing' OR (status IN ('ok', 'flagged') AND fingerprint = ?))"
            )
            done.update(self._db.execute(query, [*chunk, fingerprint]).fetchall())
        return done

    def knows_order(self, order_id: int) -> bool:
        """Was this order walked by an earlier scan?"""
        row = self._db.execute("SELECT 1 FROM orders WHERE order_id = ?", (order_id,))
        return row.fetchone() is not None

    def orders_with_failed_designs(self, upto: int) -> list[StoredOrder]:
        """Orders up to ``upto`` with a design that failed: the checkpoint may have passed
        them (orders not sent in ascending order), so the scan retries them by name."""
        rows = self._db.execute(
            "SELECT o.order_id, o.ref, o.name, o.date, od.design_id FROM orders o "
            "JOIN order_designs od ON od.order_id = o.order_id WHERE o.order_id <= ? AND "
            "o.order_id IN (SELECT od2.order_id FROM order_designs od2 JOIN designs d ON "
            "d.design_id = od2.design_id WHERE d.status = 'failed') "
            "ORDER BY o.order_id, od.position", (upto,))
        found: dict[int, StoredOrder] = {}
        for order_id, ref, name, date, design_id in rows:
            prev = found.get(order_id)
            ids = (*prev.design_ids, design_id) if prev else (design_id,)
            found[order_id] = StoredOrder(order_id, ref, name, date, ids)
        return list(found.values())

    def counts(self) -> dict[str, int]:
        """How many designs are in each status (all runs)."""
        rows = self._db.execute("SELECT status, COUNT(*) FROM designs GROUP BY status")
        return {status: 0 for status in STATUSES} | dict(rows.fetchall())

    def report_rows(self, *, only_new: bool = True,
                    since_order: int | None = None) -> list[ReportRow]:
        """Findings and missing designs (not yet reported, unless ``only_new=False``), then
        every design still failing, of orders with ``orderId > since_order`` (all orders
        when ``None``); ordered by order and position."""
        new = "AND (od.reported_key IS NOT d.status || ':' || d.fingerprint)"
        new_missing = "AND od.reported_key IS NOT 'missing'"
        base = """
            SELECT o.order_id, o.ref, o.name, d.design_id, d.status, d.product, d.image_url,
                   d.error, f.option_id, f.choice_id, f.view_index, f.label, f.text, f.word,
                   f.start, f."end"
            FROM order_designs od JOIN orders o ON o.order_id = od.order_id
            JOIN designs d ON d.design_id = od.design_id
            LEFT JOIN findings f ON f.design_id = d.design_id AND d.status = 'flagged'
            WHERE ((d.status = 'flagged' {new}) OR (d.status = 'missing' {new_missing})
               OR d.status = 'failed') AND o.order_id > ?
            ORDER BY o.order_id, od.position, f.seq
        """
        if not only_new:
            new = new_missing = ""
        query = base.format(new=new, new_missing=new_missing)
        rows = []
        lowest = -(2**63) if since_order is None else since_order
        for r in self._db.execute(query, (lowest,)):
            (oid, ref, name, did, status, product, image, error,
             option, choice, view, label, text, word, start, end) = r
            kind = "finding" if status == "flagged" else status
            if kind == "finding" and option is None:
                continue  # flagged without stored findings cannot happen; be safe
            rows.append(ReportRow(kind, oid, ref, name, did, product, image, option, choice,
                                  view, label, text, word, start, end,
                                  error if kind == "failed" else None))
        return list(dict.fromkeys(rows))  # an order listing a design twice: one set of rows

    def report_header(self) -> ReportHeader:
        """The brand, now, and the word list the last scan used (``note_wordlist``)."""
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        size = meta.get("wordlist_size")
        return ReportHeader(meta["brand"], _now(),
                            int(size) if size is not None and size.isdigit() else None,
                            meta.get("wordlist_hash"), meta.get("wordlist_used_at"))

    # -- writing -------------------------------------------------------------------------
    def note_wordlist(self, size: int, fingerprint: str) -> None:
        """Remember the list a scan checks with, for the header of a report rendered later
        from this database (``scan report``)."""
        with self._tx():
            self._db.executemany(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                [("wordlist_size", str(size)), ("wordlist_hash", fingerprint),
                 ("wordlist_used_at", _now())])

    def record_batch(
        self,
        orders: Sequence[StoredOrder],
        results: Iterable[DesignResult],
        *,
        checkpoint: int | None = None,
        walked_to: int | None = None,
    ) -> None:
        """Store a batch of orders, design results and the new marks atomically. The
        checkpoint is ``checkpoint`` if given, else worked out from what is stored; marks
        never go backwards."""
        now = _now()
        db = self._db
        with self._tx():
            for o in orders:
                db.execute(
                    "INSERT INTO orders(order_id, ref, name, date, seen_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(order_id) DO UPDATE SET ref=excluded.ref, name=excluded.name,"
                    " date=excluded.date",
                    _storable((o.order_id, o.ref, o.name, o.date, now)),
                )
                db.execute("DELETE FROM order_designs WHERE order_id = ? AND position >= ?",
                           (o.order_id, len(o.design_ids)))
                db.executemany(
                    "INSERT INTO order_designs(order_id, position, design_id) VALUES (?,?,?) "
                    "ON CONFLICT(order_id, position) DO UPDATE SET design_id=excluded.design_id,"
                    " reported_key = CASE WHEN design_id = excluded.design_id "
                    "THEN reported_key END",
                    [_storable((o.order_id, i, d)) for i, d in enumerate(o.design_ids)],
                )
            for res in results:
                self._record_design(res, now)
            if walked_to is not None:
                current = self.walked_to()
                if current is None or walked_to > current:
                    db.execute("INSERT INTO meta(key, value) VALUES ('walked_to', ?) ON "
                               "CONFLICT(key) DO UPDATE SET value = excluded.value",
                               (str(walked_to),))
            if checkpoint is None:
                checkpoint = self._complete_up_to()
            if checkpoint is not None:
                db.execute(
                    "INSERT INTO checkpoint(id, order_id, updated_at) VALUES (1, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET order_id = MAX(order_id, excluded.order_id),"
                    " updated_at = excluded.updated_at",
                    (checkpoint, now),
                )

    def _complete_up_to(self) -> int | None:
        """The highest stored orderId <= walked_to below which every design is done: the
        first order holding a design failed or never checked stops it."""
        walked, current = self.walked_to(), self.checkpoint()
        if walked is None or (current is not None and current >= walked):
            return None
        low = -(2**63) if current is None else current
        first_bad = self._db.execute(
            "SELECT od.order_id FROM order_designs od LEFT JOIN designs d "
            "ON d.design_id = od.design_id WHERE od.order_id > ? AND od.order_id <= ? "
            "AND (d.status IS NULL OR d.status = 'failed') ORDER BY od.order_id LIMIT 1",
            (low, walked)).fetchone()
        if first_bad is None:
            return walked
        row = self._db.execute("SELECT MAX(order_id) FROM orders WHERE order_id > ? AND "
                               "order_id < ?", (low, first_bad[0])).fetchone()
        return None if row[0] is None else int(row[0])

    def _record_design(self, res: DesignResult, now: str) -> None:
        db = self._db
        db.execute(
            "INSERT INTO designs(design_id, status, fingerprint, product, image_url, error,"
            " checked_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(design_id) DO UPDATE SET "
            "status=excluded.status, fingerprint=excluded.fingerprint, product=excluded.product,"
            " image_url=excluded.image_url, error=excluded.error, "
            "attempts = attempts + 1, checked_at=excluded.checked_at",
            _storable((res.design_id, res.status, res.fingerprint, res.product, res.image_url,
                       res.error, now)),
        )
        if res.status == "failed":
            return  # keep the last good findings' absence/presence until a check succeeds
        db.execute("DELETE FROM findings WHERE design_id = ?", _storable((res.design_id,)))
        rows: list[tuple[object, ...]] = []
        for f in res.findings:
            for m in f.matches:
                rows.append(_storable((res.design_id, len(rows), f.option_id, f.choice_id,
                                       f.view_index, f.label, f.text, m.word, m.start, m.end)))
        db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def mark_reported(self, rows: Iterable[ReportRow]) -> None:
        """Remember that these (order, design) pairs were reported with their current result."""
        pairs = {(r.order_id, r.design_id) for r in rows if r.kind in ("finding", "missing")}
        with self._tx():
            self._db.executemany(
                "UPDATE order_designs SET reported_key = (SELECT CASE WHEN status = 'missing' "
                "THEN 'missing' ELSE status || ':' || fingerprint END FROM designs "
                "WHERE designs.design_id = order_designs.design_id) "
                "WHERE order_id = ? AND design_id = ?",
                sorted(pairs),
            )


def _revisit_where(after: int, upto: int, fingerprint: str | None) -> tuple[str, list[object]]:
    """FROM/WHERE of the orders holding a design to fetch again (see ``orders_to_revisit``)."""
    stale = ("OR (d.status IN ('ok', 'flagged') AND d.fingerprint IS NOT ?)"
             if fingerprint is not None else "")
    where = ("FROM order_designs od LEFT JOIN designs d ON d.design_id = od.design_id "
             "WHERE od.order_id > ? AND od.order_id <= ? "
             f"AND (d.status IS NULL OR d.status = 'failed' {stale})")
    return where, [after, upto, *([fingerprint] if fingerprint is not None else [])]


def _storable(values: tuple[object, ...]) -> tuple[object, ...]:
    """A row SQLite can encode: shopper and API text may hold lone surrogates."""
    return tuple(scrub(v) if isinstance(v, str) else v for v in values)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error), for autocommit connections."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._db.execute("COMMIT" if et is None else "ROLLBACK")
