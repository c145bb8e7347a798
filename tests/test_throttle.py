"""The client's shared gate: a 429 pauses every request; concurrency adapts (AIMD)."""

from __future__ import annotations

import threading

import pytest
from test_client import FakeTime
from test_scan import checkable_designs, kinds, shipped_words

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.retry import RetryPolicy
from kickflip_moderation.scan import run_scan
from kickflip_moderation.store import ScanStore
from kickflip_moderation.throttle import CALM_ROUNDS, JITTER_SHARE, Throttle


class TestPause:
    def test_a_429_pauses_the_next_request_of_anyone(self):
        clock = FakeTime()
        gate = Throttle(clock.policy())
        ticket = gate.enter()
        gate.leave(ticket, congested=True, pause=5.0)
        assert clock.sleeps == []
        gate.leave(gate.enter())
        assert clock.sleeps == [5.0] and gate.pauses == 1

    def test_waiters_come_back_spread_out(self):
        clock = FakeTime()
        draws = iter([0.0, 0.5, 1.0])
        gate = Throttle(clock.policy(jitter=True, random=lambda: next(draws)))
        gate.leave(gate.enter(), pause=4.0)
        waits = [gate._try_enter()[0] for _ in range(3)]
        assert waits == pytest.approx([4.0, 4.0 + 0.5 * JITTER_SHARE * 4, 4.0 + JITTER_SHARE * 4])

    def test_a_noop_sleep_does_not_spin(self):
        policy = RetryPolicy(sleep=lambda _s: None)
        gate = Throttle(policy)
        gate.leave(gate.enter(), pause=3600)
        gate.leave(gate.enter())  # returns although no time passed


class TestAdaptiveConcurrency:
    def test_halved_once_per_round_then_lifted_when_calm(self):
        gate = Throttle(FakeTime().policy())
        tickets = [gate.enter() for _ in range(8)]
        for ticket in tickets:  # the whole round meets 503s: halved once, not eight times
            gate.leave(ticket, congested=True)
        assert gate.limit == 4 and gate.lowest_limit == 4
        ticket = gate.enter()
        gate.leave(ticket, congested=True)  # a request of the new round: halved again
        assert gate.limit == 2
        successes = 0
        while gate.limit is not None:
            gate.leave(gate.enter())
            successes += 1
            assert successes < 1000
        assert successes == CALM_ROUNDS * sum(range(2, 9))  # +1 per calm round, up to 8

    def test_a_full_gate_blocks_until_a_slot_frees(self):
        gate = Throttle(FakeTime().policy())
        tickets = [gate.enter() for _ in range(2)]
        gate.leave(tickets[0], congested=True)  # limit 1, one still in flight
        entered = threading.Event()

        def worker() -> None:
            gate.leave(gate.enter())
            entered.set()

        thread = threading.Thread(target=worker)
        thread.start()
        assert not entered.wait(0.2)
        gate.leave(tickets[1])
        assert entered.wait(5)
        thread.join(5)


@pytest.mark.e2e
@pytest.mark.slow  # four Retry-After: 1 pauses
def test_a_scan_under_a_429_storm_waits_and_checks_everything_in_one_run(tmp_path):
    """Every 6th request meets a 429 with Retry-After: 1. No request arrives while a
    Retry-After runs (the fake counts them), and every design is checked in this run."""
    fake = FakeKickflip.demo(seed=7, orders=60)
    shipped_words(fake)
    fake.faults.rate_limit(4, retry_after=1, every=6, grace=0.25)
    retry = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05)
    with serve(fake) as server, KickflipClient(
        fake.brand, fake.token, base_url=server.url, retry=retry
    ) as client, ScanStore(tmp_path / "scan.sqlite3", brand=fake.brand) as store:
        run = run_scan(client, store, concurrency=8)
        gate = client._throttle
    assert fake.faults.rate_limit_times == 0  # the storm happened
    assert fake.faults.early_requests == 0
    assert kinds(run.rows, "failed") == set() and run.result.failed == {}
    assert kinds(run.rows, "finding") == checkable_designs(fake)
    assert run.result.checkpoint == 60
    assert gate.pauses >= 4 and gate.lowest_limit is not None
