"""The order scan end to end over HTTP against the fake Kickflip API (loopback)."""

from __future__ import annotations

import pytest

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.design import check_design
from kickflip_moderation.errors import AuthenticationError, ConfigError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.matching.matcher import Matcher
from kickflip_moderation.retry import RetryPolicy
from kickflip_moderation.scan import (
    build_scan_matcher,
    run_scan,
    scan_orders,
    wordlist_fingerprint,
)
from kickflip_moderation.store import ScanStore

pytestmark = pytest.mark.e2e
FAST_RETRY = RetryPolicy(max_attempts=6, base_delay=0.01, max_delay=0.05, max_total_seconds=5)
ORDERS = 60


def shipped_words(fake: FakeKickflip) -> None:
    """The brand's list after `words merge wordlists/*.txt`."""
    words = default_words(("en", "fr", "es", "de"))
    fake.wordfilter["words"] = list(dict.fromkeys([*fake.wordfilter["words"], *words]))


@pytest.fixture(name="kickflip_fake")
def _kickflip_fake():
    """The plugin's brand, here: ORDERS demo orders and the shipped lists."""
    fake = FakeKickflip.demo(seed=7, orders=ORDERS)
    shipped_words(fake)
    return fake


@pytest.fixture(name="fake")
def _fake(kickflip_fake):
    return kickflip_fake


@pytest.fixture(name="client")
def _client(fake, kickflip_server):
    with KickflipClient(fake.brand, fake.token, base_url=kickflip_server.url,
                        retry=FAST_RETRY) as client:
        yield client


@pytest.fixture(name="store")
def _store(tmp_path, fake):
    with ScanStore(tmp_path / "scan.sqlite3", brand=fake.brand) as store:
        yield store


def kinds(rows, kind):
    return {r.design_id for r in rows if r.kind == kind}


def assert_flagged_exactly(rows, fake):
    """Flagged == truth, naming the texts of any difference."""
    flagged = kinds(rows, "finding")
    truth = fake.truth.offending_design_ids
    missed = {d: fake.truth.offending_texts.get(d) for d in truth - flagged}
    extra = {r.design_id: (r.text, r.word) for r in rows if r.design_id in flagged - truth}
    assert (missed, extra) == ({}, {})


def checkable_designs(fake):
    """The oracle for scan mechanics (independent of word-list quality): the designs that
    ``check_design`` flags with the brand's list, checked locally without HTTP."""
    matcher = Matcher(fake.wordfilter["words"])
    referenced = {item["design"] for order in fake.orders for item in order["items"]}
    return {d for d in referenced if d in fake.designs
            and check_design(fake.designs[d], matcher)}


def design_fetches(fake):
    return [path for _method, path in fake.requests if "/designs/" in path]


def test_flagged_designs_are_exactly_the_offending_ones(fake, client, store):
    run = run_scan(client, store, concurrency=4)
    assert_flagged_exactly(run.rows, fake)
    assert kinds(run.rows, "missing") == fake.truth.missing_design_ids
    assert not fake.truth.innocent_design_ids & kinds(run.rows, "finding")
    assert kinds(run.rows, "failed") == set()
    assert run.result.orders == ORDERS
    assert run.totals.flagged == len(fake.truth.offending_design_ids)


def test_waiting_for_an_order_blocks_instead_of_spinning(fake, client, store, monkeypatch):
    """An order whose designs are partly fetched waits for the rest: it used to wait on
    every one of them, returned at once for the one already done, and spun (a core at
    100% for as long as a fetch took; thousands of calls here)."""
    from kickflip_moderation import scan

    calls = []

    def counted(futures, **kwargs):
        calls.append(len(futures))
        return scan_wait(futures, **kwargs)

    scan_wait = scan.wait
    monkeypatch.setattr(scan, "wait", counted)
    fake.faults.restrict_to("/designs/").slow(0.02, times=1_000)
    run = run_scan(client, store, concurrency=4)
    assert run.result.orders == ORDERS and kinds(run.rows, "failed") == set()
    referenced = {item["design"] for order in fake.orders for item in order["items"]}
    assert 0 < len(calls) <= len(referenced), len(calls)  # one wait per fetch at most


def test_missing_designs_do_not_block_the_checkpoint(fake, client, store):
    assert fake.truth.missing_design_ids  # order 6 references one
    run = run_scan(client, store)
    assert run.result.checkpoint == ORDERS
    assert set(run.result.missing) == fake.truth.missing_design_ids


def test_each_design_is_fetched_once_per_run_and_never_again(fake, client, store):
    run_scan(client, store)
    fetched = design_fetches(fake)
    assert len(fetched) == len(set(fetched))  # order 4 reuses a design: still one fetch
    fake.requests.clear()
    again = run_scan(client, store, report_all=True)  # same list: nothing to fetch again
    assert design_fetches(fake) == []
    assert again.result.orders == 0 and kinds(again.rows, "finding")  # reported from the db


def test_second_run_reports_only_new_findings_unless_all(fake, client, store):
    first = run_scan(client, store)
    store.mark_reported(first.rows)
    second = run_scan(client, store)
    assert second.rows == [] and second.result.orders == 0
    everything = run_scan(client, store, report_all=True)
    assert kinds(everything.rows, "finding") == kinds(first.rows, "finding")
    assert len(everything.rows) == len(first.rows)


def test_new_orders_are_scanned_and_reported_alone(fake, client, store):
    all_orders = fake.orders
    fake.orders = all_orders[:30]
    first = run_scan(client, store)
    store.mark_reported(first.rows)
    assert first.result.checkpoint == 30
    fake.orders = all_orders
    fake.requests.clear()
    second = run_scan(client, store)
    assert second.result.orders == ORDERS - 30
    assert all(r.order_id > 30 for r in second.rows)
    assert kinds(first.rows, "finding") | kinds(second.rows, "finding") == (
        checkable_designs(fake))
    orders_fetched = [p for _m, p in fake.requests if "/orders" in p]
    assert orders_fetched  # the walk itself is repeated; designs are not
    assert not set(design_fetches(fake)) & {f"/brands/{fake.brand}/designs/{d}"
                                            for d in kinds(first.rows, "finding")}


class Interrupting:
    """Wraps a client; the order walk dies at the first order after a checkpoint was
    committed (a crash mid-scan). The scan keeps few fetches in flight, so it commits a
    batch long before the walk ends: no sleep needed to let designs finish."""

    def __init__(self, client, store):
        self._client, self._store = client, store

    def __getattr__(self, name):
        return getattr(self._client, name)

    def iter_orders(self, **kwargs):
        for order in self._client.iter_orders(**kwargs):
            if self._store.checkpoint() is not None:
                raise RuntimeError("killed")
            yield order


def test_resume_after_a_crash_skips_nothing_and_reports_once(fake, client, store):
    matcher, fp, _ = build_scan_matcher(client)
    with pytest.raises(RuntimeError, match="killed"):
        scan_orders(Interrupting(client, store), matcher, store, fingerprint=fp, batch_size=10)
    assert store.checkpoint() is not None and store.checkpoint() < ORDERS - 10
    run = run_scan(client, store)
    assert run.result.checkpoint == ORDERS
    orders = store._db.execute("SELECT order_id FROM orders ORDER BY order_id").fetchall()
    assert [o for (o,) in orders] == list(range(1, ORDERS + 1))
    assert kinds(run.rows, "finding") == checkable_designs(fake)
    assert len(run.rows) == len(set(run.rows))
    store.mark_reported(run.rows)
    assert run_scan(client, store).rows == []


def test_retryable_faults_are_absorbed(fake, client, store):
    fake.faults.restrict_to("/designs/").fail_every(3, status=503, times=5)
    fake.faults.rate_limit(2, retry_after=0)
    run = run_scan(client, store, concurrency=4)
    assert kinds(run.rows, "failed") == set()
    assert kinds(run.rows, "finding") == checkable_designs(fake)
    assert run.result.checkpoint == ORDERS


def test_a_design_that_keeps_failing_is_named_and_retried_next_run(fake, client, store):
    victim = fake.orders[9]["items"][0]["design"]
    assert victim not in fake.truth.missing_design_ids
    fake.faults.restrict_to(f"/designs/{victim}").drop_connection(times=2 * FAST_RETRY.max_attempts)
    run = run_scan(client, store)
    assert kinds(run.rows, "failed") == {victim}
    assert victim in run.result.failed
    assert run.result.checkpoint == 9  # held back before order 10, later orders still checked
    assert run.result.orders == ORDERS
    fake.faults.clear()
    fake.requests.clear()
    rerun = run_scan(client, store)
    assert kinds(rerun.rows, "failed") == set()
    assert rerun.result.checkpoint == ORDERS
    assert rerun.result.designs_checked == 1  # only the victim was fetched again
    assert design_fetches(fake) == [f"/brands/{fake.brand}/designs/{victim}"]


def test_authentication_errors_stop_the_scan(fake, store):
    with serve(fake) as server, KickflipClient(
        fake.brand, fake.expired_token(), base_url=server.url, retry=FAST_RETRY
    ) as client, pytest.raises(AuthenticationError):
        run_scan(client, store)


def test_an_empty_word_list_is_a_configuration_error(fake, client, store):
    fake.wordfilter["words"] = []
    with pytest.raises(ConfigError, match="empty"):
        run_scan(client, store)


def test_an_inactive_list_is_still_used(fake, client, store):
    fake.wordfilter["isActive"] = False
    run = run_scan(client, store)
    assert not run.wordfilter.is_active
    assert kinds(run.rows, "finding") == checkable_designs(fake) != set()


def test_a_new_word_list_rechecks_designs(fake, client, store):
    run_scan(client, store)
    fake.wordfilter["words"].append("Wildcats")
    fake.requests.clear()
    run = run_scan(client, store, report_all=True)
    assert len(set(design_fetches(fake))) == run.result.designs_checked > 0


def test_fingerprint_ignores_order_and_duplicates():
    assert wordlist_fingerprint(["a", "b", "a"]) == wordlist_fingerprint(["b", "a"])
    assert wordlist_fingerprint(["a"]) != wordlist_fingerprint(["a"], allow=["ab"])
