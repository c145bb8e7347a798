"""A hostile Kickflip server, over real HTTP: no unbounded memory, no hang, no token leak.

Each fault lives in the fake API (``Faults.hostile``) and is served on 127.0.0.1, so the
client meets it exactly as it would meet a broken or malicious proxy.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickflip_moderation.client import AsyncKickflipClient, KickflipClient
from kickflip_moderation.errors import APIConnectionError, APIResponseError, ServerError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.redaction import FRAGMENT, redact
from kickflip_moderation.retry import RetryPolicy

ONE_TRY = RetryPolicy(max_attempts=1)


@pytest.fixture(name="fake")
def _fake() -> FakeKickflip:
    return FakeKickflip(wordfilter={"isActive": True, "words": ["shit", "fuck", "bastard"]})


def _sync(fake: FakeKickflip, url: str, **kwargs: object) -> KickflipClient:
    kwargs.setdefault("retry", ONE_TRY)
    return KickflipClient(fake.brand, fake.token, base_url=url, **kwargs)  # type: ignore[arg-type]


def _async(fake: FakeKickflip, url: str, **kwargs: object) -> AsyncKickflipClient:
    kwargs.setdefault("retry", ONE_TRY)
    return AsyncKickflipClient(fake.brand, fake.token, base_url=url, **kwargs)  # type: ignore[arg-type]


# -- item 3: response size ------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["endless", "gzip_bomb"])
def test_a_huge_answer_stops_at_the_size_cap(fake, kind):
    fake.faults.hostile(kind, times=5)
    with serve(fake) as server, _sync(fake, server.url, max_response_bytes=2_000_000) as client:
        started = time.monotonic()
        with pytest.raises(APIResponseError, match="larger than 2,000,000 bytes"):
            client.get_wordfilter()
    assert time.monotonic() - started < 10
    assert fake.faults.hostile_times == 4  # not retried: the same server sends the same


@pytest.mark.parametrize("kind", ["endless", "gzip_bomb"])
def test_a_huge_answer_stops_at_the_size_cap_async(fake, kind):
    fake.faults.hostile(kind, times=5)

    async def pull() -> None:
        async with _async(fake, server.url, max_response_bytes=2_000_000) as client:
            await client.get_wordfilter()

    with serve(fake) as server, pytest.raises(APIResponseError, match="larger than"):
        asyncio.run(pull())


def test_a_declared_length_over_the_cap_fails_before_reading(fake):
    fake.wordfilter["words"] = ["x" * 100] * 1000  # ~100 KB, declared in Content-Length
    with serve(fake) as server, _sync(fake, server.url, max_response_bytes=10_000) as client:
        with pytest.raises(APIResponseError, match="larger than 10,000 bytes"):
            client.get_wordfilter()
        client.limits = type(client.limits)(200_000, client.limits.deadline)
        assert len(client.get_wordfilter().words) == 1000  # under the cap: fine


@pytest.mark.parametrize("kind", ["endless", "gzip_bomb"])
def test_default_cap_bounds_memory_in_words_pull(kind, tmp_path):
    """The CLI with its default limits: a clear error, exit 3, peak memory under 500 MB."""
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os, resource, subprocess, sys
        from kickflip_moderation.fake_api import FakeKickflip, serve
        fake = FakeKickflip(wordfilter={{"isActive": True, "words": ["shit"]}})
        fake.faults.hostile({kind!r}, times=10, arg=4096 if {kind!r} == "gzip_bomb" else None)
        from click.testing import CliRunner
        from kickflip_moderation.cli import main
        with serve(fake) as server:
            env = {{"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
                   "KICKFLIP_API_URL": server.url, "KICKFLIP_MODERATION_HOME": {str(tmp_path)!r}}}
            r = CliRunner().invoke(main, ["words", "pull", "-o", {str(tmp_path / "o.txt")!r}],
                                   env=env)
        print(r.exit_code, repr(r.exception), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        print(r.output)
    """)], capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    first = child.stdout.split("\n")[0].split()
    code, rss_kb = first[0], int(first[-1])
    assert code == "3", child.stdout
    assert "larger than" in child.stdout and "Traceback" not in child.stdout + child.stderr
    assert rss_kb < 500 * 1024, f"peak RSS {rss_kb} KB"


# -- item 4: a total deadline per call --------------------------------------------------------

def test_a_byte_a_second_server_cannot_hold_a_sync_call(fake):
    fake.faults.hostile("drip", times=10, arg=0.05)  # ~300 bytes: 15 s without a deadline
    with serve(fake) as server, _sync(fake, server.url, deadline=0.5,
                                      retry=RetryPolicy(base_delay=0.01)) as client:
        started = time.monotonic()
        with pytest.raises(APIConnectionError, match=r"no complete answer within 0\.5 s"):
            client.get_wordfilter()
        assert time.monotonic() - started < 2.0


def test_a_byte_a_second_server_cannot_hold_an_async_call(fake):
    fake.faults.hostile("drip", times=10, arg=0.05)

    async def pull() -> float:
        started = time.monotonic()
        async with _async(fake, server.url, deadline=0.5) as client:
            with pytest.raises(APIConnectionError, match=r"no complete answer within 0\.5 s"):
                await client.get_wordfilter()
        return time.monotonic() - started

    with serve(fake) as server:
        assert asyncio.run(pull()) < 2.0


def test_the_deadline_covers_retries_too(fake):
    """Slow 503s, each within the read timeout, retried: the call still ends on time."""
    fake.faults.slow(0.2, times=50).fail_every(1, status=503, times=50)
    with serve(fake) as server, _sync(fake, server.url, deadline=0.8, retry=RetryPolicy(
            max_attempts=50, base_delay=0.01, jitter=False)) as client:
        started = time.monotonic()
        with pytest.raises((ServerError, APIConnectionError)):
            client.get_wordfilter()
        assert time.monotonic() - started < 1.8
    assert len(fake.requests) >= 2  # it did retry: the deadline covered the retries


def test_a_fast_answer_is_not_affected_by_the_deadline(fake):
    with serve(fake) as server, _sync(fake, server.url, deadline=5.0) as client:
        assert client.get_wordfilter().words == ["shit", "fuck", "bastard"]


def test_limits_come_from_the_environment(fake, monkeypatch):
    monkeypatch.setenv("KICKFLIP_MAX_RESPONSE_BYTES", "1234")
    monkeypatch.setenv("KICKFLIP_CALL_DEADLINE", "7.5")
    with _sync(fake, "http://127.0.0.1:9") as client:
        assert (client.limits.max_response_bytes, client.limits.deadline) == (1234, 7.5)
    monkeypatch.setenv("KICKFLIP_CALL_DEADLINE", "soon")
    from kickflip_moderation.errors import ConfigError
    with pytest.raises(ConfigError, match="KICKFLIP_CALL_DEADLINE"):
        _sync(fake, "http://127.0.0.1:9")


# -- item 6: partial token echoes -------------------------------------------------------------

@pytest.mark.parametrize("part", ["token", "signature", "payload", "minus_last", "middle"])
def test_an_echoed_piece_of_the_token_is_redacted(fake, part, caplog):
    fake.faults.hostile("echo_token", times=3, arg=part)
    pieces = fake.token.split(".")
    secrets = {"token": fake.token, "signature": pieces[2], "payload": pieces[1],
               "minus_last": fake.token[:-1]}
    secret = secrets.get(part, fake.token[len(fake.token) // 4: len(fake.token) * 3 // 4])
    caplog.set_level(logging.DEBUG)
    with serve(fake) as server, _sync(fake, server.url, retry=RetryPolicy(
            max_attempts=3, base_delay=0.01)) as client:
        with pytest.raises(ServerError) as info:
            client.get_wordfilter()
    shown = "\n".join([str(info.value), repr(info.value), *getattr(info.value, "__notes__", []),
                       caplog.text, json.dumps(getattr(info.value, "body", ""))])
    assert "Invalid token" in shown and "***" in shown
    for size in (12, 16):  # no run of 12 characters of the token survives anywhere
        runs = {fake.token[i:i + size] for i in range(len(fake.token) - size + 1)}
        assert not [r for r in runs if r in shown], part
    assert secret not in shown


def test_a_piece_of_the_token_inside_a_200_answer_is_not_kept(fake):
    """A design whose text echoes the signature would reach the scan database and reports."""
    signature = fake.token.split(".")[2]
    fake.designs["d1"] = {"_id": "d1", "designId": 1, "configuration": {
        "OPTION-1": {"id": "CHOICE-1", "views": [{"type": "text", "text": f"hi {signature}"}]}}}
    with serve(fake) as server, _sync(fake, server.url) as client:
        text = client.get_design("d1").raw["configuration"]["OPTION-1"]["views"][0]["text"]
    assert text == "hi ***"


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."


@given(token=st.text(_B64, min_size=12, max_size=80), before=st.text(max_size=30),
       after=st.text(max_size=30), cut=st.integers(0, 60), size=st.integers(12, 80))
@settings(max_examples=300, deadline=None)
def test_no_run_of_twelve_token_characters_survives_redaction(token, before, after, cut, size):
    piece = token[cut:cut + size]
    text = before + piece + after + token
    shown = redact(text, token)
    assert not any(token[i:i + FRAGMENT] in shown for i in range(len(token) - FRAGMENT + 1))
    assert redact(before, token) == before or any(
        token[i:i + FRAGMENT] in before for i in range(len(token) - FRAGMENT + 1))


# -- item 4: the guard's refresh cannot hang ---------------------------------------------------

def test_a_drip_server_cannot_hang_the_guard_and_status_says_why(fake, tmp_path):
    import threading

    from kickflip_moderation.guard import CheckoutGuard

    fake.faults.hostile("drip", times=1, arg=0.5)
    # A call deadline well past the refresh timeout (the default, 120 s, would leave the
    # stuck pull running into later tests: it held a socket its closed client had freed)
    with serve(fake) as server, _sync(fake, server.url, deadline=2.5) as client:
        guard = CheckoutGuard(client, cache_path=None, background=False, refresh_timeout=1.0)
        started = time.monotonic()
        assert guard.refresh() is False
        assert time.monotonic() - started < 2.0  # the refresh timeout, not the deadline
        assert "did not finish within 1 s" in (guard.status.last_error or "")
        stuck = [t for t in threading.enumerate() if t.name == "kfmod-guard-pull"]
        verdict = guard.validate_texts({"line": "fuck"})
        assert (verdict.ok, verdict.checked) == (True, False)  # open policy, and says so
        assert guard.refresh() is True  # the next refresh is not blocked by the stuck one
        assert guard.status.last_error is None
        assert not guard.validate_texts({"line": "fuck"}).ok
        for thread in stuck:  # the stuck pull ends at its deadline, inside this test
            thread.join(10)
        assert stuck and not any(t.is_alive() for t in stuck)
        assert not guard.validate_texts({"line": "fuck"}).ok  # its failure kept the list


def test_a_source_that_never_answers_cannot_hang_background_refreshes():
    import threading

    from kickflip_moderation.guard import CheckoutGuard
    from kickflip_moderation.resources import Wordfilter

    release, calls = threading.Event(), []
    now = [0.0]

    class Stuck:
        brand = "acme"

        def get_wordfilter(self) -> Wordfilter:
            calls.append(1)
            if len(calls) == 1:
                release.wait(30)  # the first pull hangs
            return Wordfilter.from_json({"isActive": True, "words": ["fuck"]})

    guard = CheckoutGuard(Stuck(), cache_path=None, refresh_timeout=0.3,
                          retry_after_failure=5, clock=lambda: now[0])
    guard.join(2)
    assert "did not finish" in (guard.status.last_error or "")
    now[0] += 6  # past retry_after_failure: the next validation starts a new refresh
    guard.validate_texts({"line": "x"})
    guard.join(2)
    assert len(calls) == 2 and guard.status.last_error is None
    assert not guard.validate_texts({"line": "fuck"}).ok
    release.set()


def test_cancel_stops_calls_in_flight_and_later_calls_still_work(fake, caplog):
    import threading

    fake.faults.fail_every(1, status=503, times=1000)
    with serve(fake) as server, _sync(fake, server.url, retry=RetryPolicy(
            max_attempts=50, base_delay=0.05, jitter=False)) as client:
        errors: list[BaseException] = []

        def call() -> None:
            try:
                client.get_wordfilter()
            except Exception as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        worker = threading.Thread(target=call)
        worker.start()
        time.sleep(0.3)
        client.cancel()
        caplog.clear()
        worker.join(5)
        assert not worker.is_alive() and len(errors) == 1
        assert "retrying" not in caplog.text  # gave up without a word
        fake.faults.clear()
        assert client.get_wordfilter().words == ["shit", "fuck", "bastard"]


def test_hostile_faults_can_be_set_over_the_control_route(fake):
    import httpx

    with serve(fake) as server:
        spec = {"hostile": {"kind": "echo_token", "times": 2, "arg": "signature"},
                "lose_post_answers": {"times": 1}, "unsorted_orders": {"on": True}}
        answer = httpx.post(f"{server.url}/__fake__/faults", json=spec).json()
        assert (answer["hostile_kind"], answer["hostile_times"]) == ("echo_token", 2)
        assert answer["lost_post_answers"] == 1 and answer["orders_unsorted"] is True
        bad = httpx.post(f"{server.url}/__fake__/faults", json={"hostile": {"kind": "nuke"}})
        assert bad.status_code == 400 and "hostile needs a kind" in bad.text
