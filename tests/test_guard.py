"""Checkout validation: cached list, background refresh, failure policies, threads."""

from __future__ import annotations

import asyncio
import json
import stat
import threading

import httpx
import pytest

from kickflip_moderation.client import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.guard import CheckoutGuard, FieldProblem, cache_path_for
from kickflip_moderation.retry import RetryPolicy


class Switchable(httpx.BaseTransport):
    """The fake API over WSGI, which can be taken down (connection refused)."""

    def __init__(self, fake: FakeKickflip) -> None:
        self.inner = httpx.WSGITransport(app=fake)
        self.down = False
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        return self.inner.handle_request(request)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path / "home"))


@pytest.fixture(name="fake")
def _fake():
    return FakeKickflip(wordfilter={"isActive": True, "words": ["fuck", "shit"]})


@pytest.fixture(name="transport")
def _transport(fake):
    return Switchable(fake)


@pytest.fixture(name="client")
def _client(fake, transport):
    with KickflipClient(fake.brand, fake.token, base_url="https://api.example.test",
                        transport=transport, retry=RetryPolicy(max_attempts=1)) as client:
        yield client


def design(*texts):
    config = {f"OPTION-{i}": f"CHOICE-{i}" for i in range(17)}
    for i, text in enumerate(texts):
        config[f"OPTION-t{i}"] = {"id": f"CHOICE-t{i}", "type": "text", "name": f"Line {i}",
                                  "views": [{"type": "text", "text": text}]}
    return {"configuration": config}


def test_flags_a_design_with_spans_and_censored_text(client):
    guard = CheckoutGuard(client, background=False)
    assert guard.refresh()
    verdict = guard.validate_design(design("Happy birthday", "oh sh1t"))
    assert (verdict.ok, verdict.checked) == (False, True)
    assert verdict.problems == (
        FieldProblem("OPTION-t1", "CHOICE-t1", "Line 1", "oh sh1t", ((3, 7),), ("shit",),
                     "oh ****"),
    )
    assert guard.validate_design(design("Happy birthday")).ok


def test_validate_texts(client):
    guard = CheckoutGuard(client, background=False)
    guard.refresh()
    verdict = guard.validate_texts({"name": "F.U.C.K", "line2": "hello", "n": None})
    assert [p.field for p in verdict.problems] == ["name"]
    assert verdict.problems[0].spans == ((0, 7),)
    assert guard.validate_texts({"name": "hello"}).ok


def test_validate_texts_accepts_an_iterable_of_texts(client):
    guard = CheckoutGuard(client, background=False)
    guard.refresh()
    for texts in (["hello", "oh sh1t", None], ("hello", "oh sh1t"), iter(["hello", "oh sh1t"])):
        verdict = guard.validate_texts(texts)
        assert (verdict.ok, verdict.checked) == (False, True)
        assert [(p.field, p.label, p.spans) for p in verdict.problems] == [("1", "1", ((3, 7),))]
    assert guard.validate_texts(["hello", "world"]).ok


@pytest.mark.parametrize("loaded", [True, False], ids=["with a list", "no list yet"])
@pytest.mark.parametrize("texts", [None, "fuck", b"fuck", 42])
def test_validate_texts_refuses_what_is_not_texts(client, texts, loaded):
    """A bare str would be checked letter by letter: a TypeError, even before any list."""
    guard = CheckoutGuard(client, background=False, cache_path=None)
    if loaded:
        guard.refresh()
    with pytest.raises(TypeError, match="mapping of field -> text or an iterable of texts"):
        guard.validate_texts(texts)


@pytest.mark.parametrize("loaded", [True, False], ids=["with a list", "no list yet"])
@pytest.mark.parametrize("not_a_design", [None, "fuck", ["fuck"], 7, {}, {"texts": ["fuck"]}],
                         ids=repr)
def test_validate_design_refuses_what_is_not_a_design(client, not_a_design, loaded):
    """Never "checked and clean" for a caller's mistake, whatever the list's state."""
    guard = CheckoutGuard(client, background=False, cache_path=None)
    if loaded:
        guard.refresh()
    with pytest.raises(TypeError, match=r"Design .*'configuration' or '_id'\)"):
        guard.validate_design(not_a_design)


def test_too_long_texts_are_rejected(client):
    guard = CheckoutGuard(client, background=False, max_text_chars=50)
    guard.refresh()
    verdict = guard.validate_design(design("x" * 51))
    assert not verdict.ok and verdict.problems[0].reason == "too long"


def test_ttl_refresh_runs_in_the_background(fake, client, transport):
    clock = Clock()
    guard = CheckoutGuard(client, ttl=60, clock=clock)
    guard.join(5)
    assert transport.calls == 1 and guard.status.source == "api"
    fake.wordfilter["words"].append("birthday")
    assert guard.validate_texts({"a": "Happy birthday"}).ok  # fresh: no refresh, old list
    clock.now += 59
    guard.validate_texts({"a": "x"})
    guard.join(5)
    assert transport.calls == 1
    clock.now += 2
    guard.validate_texts({"a": "x"})  # stale: starts a refresh, does not wait for it
    guard.join(5)
    assert transport.calls == 2
    assert not guard.validate_texts({"a": "Happy birthday"}).ok


def test_last_good_list_is_kept_when_the_api_fails(client, transport):
    clock = Clock()
    guard = CheckoutGuard(client, ttl=10, retry_after_failure=5, clock=clock, background=False)
    assert guard.refresh()
    transport.down = True
    assert not guard.refresh()
    assert "ConnectError" in (guard.status.last_error or "")
    assert not guard.validate_texts({"a": "shit"}).ok
    assert guard.status.source == "api"


def test_cold_start_with_the_api_down_uses_the_cache(fake, client, transport):
    warm = CheckoutGuard(client, background=False)
    assert warm.refresh()
    path = cache_path_for(fake.brand)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["words"] == ["fuck", "shit"]
    transport.down = True
    cold = CheckoutGuard(client, background=False)
    assert cold.status.source == "cache"
    assert not cold.validate_texts({"a": "fuck"}).ok


def test_a_corrupt_cache_is_ignored(fake, client, transport):
    path = cache_path_for(fake.brand)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    transport.down = True
    guard = CheckoutGuard(client, background=False)
    assert guard.status.source == "none"


@pytest.mark.parametrize(("policy", "ok"), [("open", True), ("closed", False)])
def test_no_list_at_all_follows_the_policy(client, transport, policy, ok):
    transport.down = True
    guard = CheckoutGuard(client, on_unavailable=policy, background=False)
    assert not guard.refresh()
    verdict = guard.validate_design(design("fuck"))
    assert (verdict.ok, verdict.checked) == (ok, False)
    assert verdict.reason


def test_inactive_list_lets_everything_pass_unless_configured(fake, client):
    fake.wordfilter["isActive"] = False
    guard = CheckoutGuard(client, background=False)
    guard.refresh()
    verdict = guard.validate_texts({"a": "fuck"})
    assert verdict.ok and not verdict.checked and "inactive" in verdict.reason
    strict = CheckoutGuard(client, background=False, respect_inactive=False)
    strict.refresh()
    assert not strict.validate_texts({"a": "fuck"}).ok


def test_local_allow_entries_apply(fake, client):
    fake.wordfilter["words"].append("cock")
    guard = CheckoutGuard(client, background=False, allow=["peacock lane"])
    guard.refresh()
    assert guard.validate_texts({"a": "Peacock Lane"}).ok


def test_a_client_factory_is_closed_after_each_refresh(fake, transport):
    made = []

    def factory():
        c = KickflipClient(fake.brand, fake.token, base_url="https://api.example.test",
                           transport=transport, retry=RetryPolicy(max_attempts=1))
        made.append(c)
        return c

    guard = CheckoutGuard(factory, brand=fake.brand, background=False, cache_path=None)
    assert guard.refresh() and guard.refresh()
    assert len(made) == 2 and all(c._http.is_closed for c in made)


def test_async_refresh(client):
    guard = CheckoutGuard(client, background=False)
    assert asyncio.run(guard.arefresh())
    assert not guard.validate_texts({"a": "shit"}).ok


def test_brand_is_needed_for_the_cache():
    with pytest.raises(ValueError, match="brand"):
        CheckoutGuard(lambda: None, background=False)


def test_validation_is_thread_safe_while_lists_swap(fake, client):
    guard = CheckoutGuard(client, background=False, cache_path=None)
    guard.refresh()
    errors: list[BaseException] = []
    stop = threading.Event()
    verdicts = []

    def validate():
        try:
            while not stop.is_set():
                v = guard.validate_design(design("hello", "sh1t"))
                verdicts.append(v.ok)
                assert not v.ok  # both lists flag "shit"
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=validate) for _ in range(6)]
    for t in threads:
        t.start()
    for i in range(30):
        fake.wordfilter["words"] = ["shit"] if i % 2 else ["shit", "hello"]
        assert guard.refresh()
    stop.set()
    for t in threads:
        t.join()
    assert not errors and verdicts
