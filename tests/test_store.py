"""The scan database: schema, checkpoint, "new" findings and reporting marks."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from kickflip_moderation.design import Finding
from kickflip_moderation.errors import ConfigError
from kickflip_moderation.matching.matcher import Match
from kickflip_moderation.store import SCHEMA_VERSION, DesignResult, ScanStore, StoredOrder

FINDING = Finding("OPTION-a", "CHOICE-a", "Name", "oh shit", (Match(3, 7, "shit"),))


@pytest.fixture(name="store")
def _store(tmp_path):
    with ScanStore(tmp_path / "state" / "scan.sqlite3", brand="acme") as store:
        yield store


def order(n: int, *designs: str) -> StoredOrder:
    return StoredOrder(n, f"o{n}", f"#{1000 + n}", "2024-01-01T00:00:00.000Z", designs)


def test_new_database_has_schema_wal_and_private_mode(store, tmp_path):
    path = tmp_path / "state" / "scan.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        meta = dict(db.execute("SELECT key, value FROM meta"))
    db.close()
    assert meta == {"schema_version": str(SCHEMA_VERSION), "brand": "acme"}
    assert store.checkpoint() is None


def test_another_brand_is_refused(store):
    with pytest.raises(ConfigError, match="brand 'acme'"):
        ScanStore(store.path, brand="other")


def test_newer_schema_is_refused(store):
    store._db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ConfigError, match="newer"):
        ScanStore(store.path, brand="acme")


def test_checkpoint_never_goes_back(store):
    store.record_batch([order(1)], [], checkpoint=5)
    store.record_batch([order(2)], [], checkpoint=3)
    assert store.checkpoint() == 5


def test_done_designs_depend_on_fingerprint_except_missing(store):
    store.record_batch([order(1, "a", "b", "c", "d")], [
        DesignResult("a", "ok", "fp1"), DesignResult("b", "flagged", "fp1", findings=(FINDING,)),
        DesignResult("c", "missing", "fp1"), DesignResult("d", "failed", "fp1", error="503"),
    ])
    assert store.done_designs(["a", "b", "c", "d", "e"], "fp1") == {
        "a": "ok", "b": "flagged", "c": "missing"}
    assert store.done_designs(["a", "b", "c", "d"], "fp2") == {"c": "missing"}
    assert store.counts() == {"ok": 1, "flagged": 1, "missing": 1, "failed": 1}


def test_report_rows_new_then_all(store):
    store.record_batch([order(1, "b", "c", "d")], [
        DesignResult("b", "flagged", "fp", "Board", "https://x/b.png", findings=(FINDING,)),
        DesignResult("c", "missing", "fp"), DesignResult("d", "failed", "fp", error="boom"),
    ], checkpoint=None)
    rows = store.report_rows()
    assert [(r.kind, r.design_id) for r in rows] == [
        ("finding", "b"), ("missing", "c"), ("failed", "d")]
    finding = rows[0]
    assert (finding.order_name, finding.product, finding.text, finding.word, finding.start,
            finding.end, finding.label) == ("#1001", "Board", "oh shit", "shit", 3, 7, "Name")
    assert rows[2].error == "boom"
    store.mark_reported(rows)
    # failed designs are always named until they are checked
    assert [(r.kind, r.design_id) for r in store.report_rows()] == [("failed", "d")]
    assert len(store.report_rows(only_new=False)) == 3


def test_a_design_in_a_new_order_is_new_again(store):
    store.record_batch([order(1, "b")], [DesignResult("b", "flagged", "fp", findings=(FINDING,))])
    store.mark_reported(store.report_rows())
    store.record_batch([order(2, "b")], [])
    assert [r.order_id for r in store.report_rows()] == [2]


def test_recheck_with_a_new_list_reports_again_and_replaces_findings(store):
    store.record_batch([order(1, "b")], [DesignResult("b", "flagged", "fp1", findings=(FINDING,))])
    store.mark_reported(store.report_rows())
    other = Finding("OPTION-a", "CHOICE-a", "Name", "oh shit", (Match(0, 2, "oh"),))
    store.record_batch([], [DesignResult("b", "flagged", "fp2", findings=(other,))])
    assert [r.word for r in store.report_rows()] == ["oh"]
    store.record_batch([], [DesignResult("b", "ok", "fp3")])
    assert store.report_rows(only_new=False) == []


def test_failed_then_ok_leaves_the_report(store):
    store.record_batch([order(1, "d")], [DesignResult("d", "failed", "fp", error="x")])
    store.record_batch([order(1, "d")], [DesignResult("d", "ok", "fp")], checkpoint=1)
    assert store.report_rows() == []
    assert store._db.execute("SELECT attempts FROM designs").fetchone()[0] == 2


def test_same_design_twice_in_one_order_is_reported_once(store):
    store.record_batch([order(1, "b", "b")], [
        DesignResult("b", "flagged", "fp", findings=(FINDING,))])
    assert len(store.report_rows()) == 1


def test_batch_is_atomic(store):
    with pytest.raises(ValueError):
        DesignResult("x", "weird", "fp")
    bad = DesignResult("x", "ok", "fp")
    object.__setattr__(bad, "status", "weird")  # bypass validation: the CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        store.record_batch([order(1, "x")], [bad], checkpoint=1)
    assert store.checkpoint() is None
    assert store._db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0
