"""A guard that is ready when the README says so: the README snippet verbatim on a cold start,
over HTTP against the fake; ``ready_timeout`` and ``wait_ready`` when the API is slow or down."""

from __future__ import annotations

import contextlib
import io
import re
import time
from pathlib import Path

import pytest

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.guard import CheckoutGuard
from kickflip_moderation.retry import RetryPolicy

pytestmark = pytest.mark.e2e
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
QUICK = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, max_total_seconds=2)


def checkout_snippet() -> str:
    """The first python block under "Checkout validation" in README.md, as printed there."""
    section = README.split("### Checkout validation", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, flags=re.S)
    assert match, "README.md lost its checkout snippet"
    return match.group(1)


@pytest.fixture(name="fake")
def _fake():
    return FakeKickflip.demo(seed=7, orders=5)


@pytest.fixture(name="env")
def _env(fake, tmp_path, monkeypatch):
    with serve(fake) as server:
        for key, value in {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
                           "KICKFLIP_API_URL": server.url,
                           "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}.items():
            monkeypatch.setenv(key, value)
        yield server


def test_readme_snippet_verbatim_on_a_cold_start(fake, env, tmp_path):
    fake.faults.restrict_to("/wordfilter").slow(0.5, times=1)  # the first load takes a while
    assert not (tmp_path / "home").exists()  # no cache: a cold start
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(checkout_snippet(), "README.md", "exec"), namespace)  # noqa: S102
    guard = namespace["guard"]
    guard.join(5)  # type: ignore[attr-defined]
    guard._client.close()  # type: ignore[attr-defined]  # the snippet leaves it to the app
    verdict = namespace["verdict"]
    assert verdict.checked and not verdict.ok, verdict  # type: ignore[attr-defined]
    assert "Name text" in out.getvalue() and "****" in out.getvalue()


def test_ready_timeout_zero_keeps_the_old_behaviour(fake, env):
    fake.faults.restrict_to("/wordfilter").slow(1.0, times=1)
    with KickflipClient.from_env(retry=QUICK) as client:
        guard = CheckoutGuard(client, ready_timeout=0)
        started = time.monotonic()
        verdict = guard.validate_texts(["fuck"])
        assert time.monotonic() - started < 0.5
        assert not verdict.checked and verdict.ok
        assert guard.wait_ready(5) and guard.validate_texts(["fuck"]).checked


def test_api_down_on_a_cold_start_waits_at_most_ready_timeout(fake, env):
    fake.faults.restrict_to("/wordfilter").fail_every(1, status=503, times=10_000)
    with KickflipClient.from_env(retry=QUICK) as client:
        guard = CheckoutGuard(client, ready_timeout=0.3, on_unavailable="closed")
        started = time.monotonic()
        verdict = guard.validate_texts({"Name text": "Emma"})
        assert time.monotonic() - started < 0.3 + 1.0
        assert (verdict.ok, verdict.checked) == (False, False)
        assert "no word list" in verdict.reason
        assert guard.wait_ready(5) is False  # the first load failed: nothing to use
        started = time.monotonic()
        guard.validate_texts(["x"])
        assert time.monotonic() - started < 0.2  # only the first moments ever wait


def test_a_cache_from_an_earlier_run_needs_no_wait(fake, env):
    with KickflipClient.from_env(retry=QUICK) as client:
        assert CheckoutGuard(client).wait_ready(5)  # writes the cache
    fake.faults.fail_every(1, status=503, times=10_000)
    with KickflipClient.from_env(retry=QUICK) as client:
        guard = CheckoutGuard(client, ready_timeout=30)
        started = time.monotonic()
        verdict = guard.validate_texts(["fuck"])
        assert time.monotonic() - started < 1.0
        assert verdict.checked and not verdict.ok and guard.status.source == "cache"
        # The constructor's background refresh shares this client: let it end (it fails:
        # the API is down) before the client closes. Closed under it, the refresh could
        # race httpx's close and leave a pooled socket open: a ResourceWarning in whichever
        # test of this worker next ran the garbage collector.
        guard.join(5)
        assert "503" in (guard.status.last_error or ""), guard.status
        assert guard.status.source == "cache"  # the failed refresh kept the cached list
