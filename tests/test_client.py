"""KickflipClient against httpx.MockTransport handlers: requests, errors, retries, secrets.

Pagination has its own file (test_client_pagination.py); the async twins import the small
helpers defined here.
"""

from __future__ import annotations

import base64
import json
import logging
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.api_requests import token_expiry
from kickflip_moderation.client import KickflipClient
from kickflip_moderation.errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    KickflipModerationError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnknownBrandError,
)
from kickflip_moderation.retry import RetryPolicy, parse_retry_after


def make_jwt(exp: int) -> str:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256'})}.{part({'sub': 'acme', 'exp': exp})}.s3cr3t-SIGNATURE_x"


TOKEN = make_jwt(4102444800)  # 2100-01-01
EXPIRED = make_jwt(1577836800)  # 2020-01-01 00:00:00 UTC


class FakeTime:
    """An injectable clock: sleeping records the delay and moves time forward."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def policy(self, **kwargs: Any) -> RetryPolicy:
        kwargs.setdefault("jitter", False)
        kwargs.setdefault("base_delay", 0.1)
        return RetryPolicy(sleep=self.sleep, async_sleep=self.async_sleep,
                           clock=self.clock, **kwargs)


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """Answers requests from a list (the last reply repeats) and records every request."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(request)
        return reply


def ok(body: Any) -> httpx.Response:
    return httpx.Response(200, json=body)


def text(status: int, body: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, text=body, headers=headers)


ORDER = {"_id": "5e69", "orderId": 2, "eCommerceOrderName": "#1001", "date": "2019-02-11",
         "items": [{"quantity": 1, "design": "5e692525"}], "newField": {"x": 1}}
WORDFILTER = {"isActive": True, "words": ["bad-word-1", "bad word 2", "badWord3"]}


@pytest.fixture(name="clock")
def _clock() -> FakeTime:
    """A fake clock shared by the retry policy of the `connect` fixture."""
    return FakeTime()


@pytest.fixture(name="connect")
def _connect(clock: FakeTime) -> Callable[..., KickflipClient]:
    """Build a client over a MockTransport with a fast, recorded retry policy."""

    def connect(handler: Script, token: str = TOKEN, **kwargs: Any) -> KickflipClient:
        kwargs.setdefault("retry", clock.policy())
        return KickflipClient("acme", token, transport=httpx.MockTransport(handler), **kwargs)

    return connect


class TestRequests:
    """What goes on the wire."""

    def test_headers(self, connect):
        script = Script(ok(WORDFILTER))
        connect(script).get_wordfilter()
        headers = script.requests[0].headers
        assert headers["authorization"] == f"Bearer {TOKEN}"
        assert headers["accept"] == "application/json"
        assert headers["user-agent"].startswith("kickflip-moderation/")
        assert str(script.requests[0].url) == "https://api.mycustomizer.com/brands/acme/wordfilter"

    def test_get_order_parses_and_keeps_raw(self, connect):
        order = connect(Script(ok(ORDER))).get_order(2)
        assert (order.order_id, order.id, order.name, order.design_ids) == (
            2, "5e69", "#1001", ("5e692525",))
        assert order.raw["newField"] == {"x": 1}

    def test_ids_are_one_path_segment(self, connect):
        script = Script(ok(ORDER))
        connect(script).get_order("../x")
        assert script.requests[0].url.raw_path == b"/brands/acme/orders/..%2Fx"

    @pytest.mark.parametrize("bad", ["", ".", ".."])
    def test_dot_ids_are_refused(self, connect, bad):
        script = Script(ok(ORDER))
        with pytest.raises(ValueError):
            connect(script).get_design(bad)
        assert script.requests == []

    def test_base_url_path_prefix_is_kept(self, clock):
        script = Script(ok(WORDFILTER))
        KickflipClient("acme", TOKEN, "https://proxy.example/kickflip/", retry=clock.policy(),
                       transport=httpx.MockTransport(script)).get_wordfilter()
        assert script.requests[0].url.path == "/kickflip/brands/acme/wordfilter"


class TestWordfilter:
    """GET and POST /wordfilter."""

    def test_get(self, connect):
        wf = connect(Script(ok(WORDFILTER))).get_wordfilter()
        assert wf.is_active is True
        assert wf.words == ["bad-word-1", "bad word 2", "badWord3"]

    @pytest.mark.parametrize("answer", [["a", "b c"], {"isActive": True, "words": ["a", "b c"]}])
    def test_set_accepts_array_or_object(self, connect, answer):
        script = Script(ok(answer))
        assert connect(script).set_wordfilter(["a", "b c"], is_active=True) == ["a", "b c"]
        request = script.requests[0]
        assert request.method == "POST"
        assert json.loads(request.content) == {"words": ["a", "b c"], "isActive": True}

    def test_set_only_active_with_empty_answer(self, connect):
        script = Script(httpx.Response(200))
        assert connect(script).set_wordfilter(is_active=False) is None
        assert json.loads(script.requests[0].content) == {"isActive": False}

    def test_set_needs_an_argument(self, connect):
        with pytest.raises(ValueError):
            connect(Script(ok([]))).set_wordfilter()

    def test_set_refuses_a_bare_string(self, connect):
        with pytest.raises(TypeError):
            connect(Script(ok([]))).set_wordfilter("badword")

    def test_set_is_retried(self, connect, clock):
        script = Script(text(503, "busy"), ok(["a"]))
        assert connect(script).set_wordfilter(["a"]) == ["a"]
        assert len(script.requests) == 2

    @pytest.mark.parametrize(("body", "message"), [
        ({"isActive": True, "words": ["a", "b", 3]}, "words[2] is not a string"),
        ({"isActive": "yes", "words": []}, "isActive is not a boolean"),
        ({"isActive": True}, "words is not a list"),
        (["a"], "wordfilter response is not an object"),
    ])
    def test_wrong_shapes_name_the_field(self, connect, body, message):
        with pytest.raises(APIResponseError, match=message.replace("[", r"\[")):
            connect(Script(ok(body))).get_wordfilter()


class TestStatusErrors:
    """Each status maps to one error of the tree, with a useful message."""

    def test_401(self, connect):
        with pytest.raises(AuthenticationError, match="the token is wrong or expired") as info:
            connect(Script(text(401, "Invalid credentials"))).get_wordfilter()
        assert info.value.status_code == 401
        assert info.value.body == "Invalid credentials"

    def test_401_with_expired_jwt(self, connect):
        with pytest.raises(AuthenticationError,
                           match="the token expired at 2020-01-01 00:00:00 UTC"):
            connect(Script(text(401, "Invalid credentials")), token=EXPIRED).get_wordfilter()

    def test_403(self, connect):
        with pytest.raises(AuthenticationError):
            connect(Script(text(403, "Forbidden"))).get_order(1)

    def test_unknown_brand_on_orders_route(self, connect):
        script = Script(text(404, "Trying to launch invalid tenant."))
        with pytest.raises(UnknownBrandError, match="unknown brand 'acme'"):
            list(connect(script).iter_orders())
        assert len(script.requests) == 1

    def test_unknown_id(self, connect):
        with pytest.raises(NotFoundError, match="order '42' not found") as info:
            connect(Script(text(404, "Not Found"))).get_order("42")
        assert not isinstance(info.value, UnknownBrandError)

    def test_429_honours_retry_after(self, connect, clock):
        script = Script(text(429, "slow down", **{"Retry-After": "7"}), ok(WORDFILTER))
        assert connect(script).get_wordfilter().is_active
        assert clock.sleeps == [7.0]

    def test_429_retry_after_http_date_in_the_past(self, connect, clock):
        date = "Wed, 21 Oct 2015 07:28:00 GMT"
        script = Script(text(429, "", **{"Retry-After": date}), ok(WORDFILTER))
        connect(script).get_wordfilter()
        assert sum(clock.sleeps) == 0 and len(script.requests) == 2

    def test_429_is_not_an_attempt_but_spends_the_time_budget(self, connect, clock):
        """Five 429s do not give up a request (max_attempts=3); the time budget does."""
        script = Script(*[text(429, "slow down", **{"Retry-After": "2"})] * 5, ok(WORDFILTER))
        policy = clock.policy(max_attempts=3, max_total_seconds=30)
        assert connect(script, retry=policy).get_wordfilter().is_active
        assert clock.sleeps == [2.0] * 5
        never = Script(text(429, "slow down", **{"Retry-After": "4"}))
        with pytest.raises(RateLimitedError) as info:
            connect(never, retry=policy).get_wordfilter()
        assert len(never.requests) == 8 and sum(clock.sleeps[5:]) <= 30  # 7 waits of 4 s
        assert "gave up after 8 attempts" in str(info.value.__notes__)

    def test_429_without_retry_after_backs_off_until_the_deadline(self, connect, clock):
        script = Script(text(429, "slow down"))
        with pytest.raises(RateLimitedError):
            connect(script, retry=clock.policy(max_total_seconds=10)).get_wordfilter()
        assert clock.sleeps == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.6, 3.2])  # 6.4: > 10 s

    def test_invalid_sort_is_not_retried(self, connect):
        script = Script(text(500, "Invalid sort value: { orderId: dsfdsdf }"))
        with pytest.raises(BadRequestError, match="Invalid sort value"):
            list(connect(script).iter_orders())
        assert len(script.requests) == 1

    def test_502_html_is_truncated(self, connect):
        html = "<html><body>" + "Bad gateway " * 100 + "</body></html>"
        with pytest.raises(ServerError) as info:
            connect(Script(text(502, html))).get_design(1)
        assert len(info.value.body) <= 200
        assert len(str(info.value)) < 300
        assert info.value.body.startswith("<html><body>Bad gateway")

    def test_503_then_success(self, connect, clock):
        script = Script(text(503, "x"), text(503, "x"), ok(ORDER))
        assert connect(script).get_order(2).order_id == 2
        assert clock.sleeps == [0.1, 0.2]

    def test_attempts_bound(self, connect, clock):
        script = Script(text(500, "oops"))
        with pytest.raises(ServerError) as info:
            connect(script, retry=clock.policy(max_attempts=4)).get_order(2)
        assert len(script.requests) == 4
        assert "gave up after 4 attempts" in "".join(info.value.__notes__)

    def test_total_time_bound(self, connect, clock):
        script = Script(text(504, "timeout"))
        policy = clock.policy(max_attempts=100, base_delay=0.4, max_total_seconds=1.0)
        with pytest.raises(ServerError):
            connect(script, retry=policy).get_order(2)
        assert clock.sleeps == [0.4]  # 0.4 + 0.8 would pass the 1 s deadline
        assert len(script.requests) == 2

    def test_other_4xx(self, connect):
        script = Script(text(418, "teapot"))
        with pytest.raises(APIStatusError) as info:
            connect(script).get_order(2)
        assert type(info.value) is APIStatusError and info.value.status_code == 418
        assert len(script.requests) == 1

    @pytest.mark.parametrize("exc", [httpx.ConnectError("refused"),
                                     httpx.ReadTimeout("slow"),
                                     httpx.RemoteProtocolError("dropped")])
    def test_transport_errors_are_wrapped_and_retried(self, connect, exc):
        script = Script(exc)
        with pytest.raises(APIConnectionError) as info:
            connect(script).get_order(2)
        assert len(script.requests) == 5
        assert isinstance(info.value.__cause__, httpx.HTTPError)

    def test_truncated_json_is_retried(self, connect):
        cut = httpx.Response(200, content=json.dumps(ORDER).encode()[:25])
        script = Script(cut, ok(ORDER))
        assert connect(script).get_order(2).id == "5e69"
        assert len(script.requests) == 2

    def test_html_on_200_gives_up(self, connect):
        script = Script(text(200, "<html>maintenance</html>"))
        with pytest.raises(APIResponseError, match="not valid JSON"):
            connect(script, retry=FakeTime().policy(max_attempts=2)).get_order(2)
        assert len(script.requests) == 2

    def test_wrong_shape_is_not_retried(self, connect):
        script = Script(ok({"_id": "x", "orderId": "two"}))
        with pytest.raises(APIResponseError, match="order.orderId is not an integer"):
            connect(script).get_order(2)
        assert len(script.requests) == 1


class TestSecrets:
    """The token never shows up in reprs, messages, tracebacks or logs."""

    REPLIES = [text(401, f"Invalid credentials for Bearer {TOKEN}"),
               text(404, f"Not Found {TOKEN}"), text(404, TOKEN + " Trying to launch invalid "
               "tenant."), text(429, TOKEN), text(500, f"Invalid sort value {TOKEN}"),
               text(502, f"<h1>{TOKEN}</h1>"), text(418, TOKEN), text(200, TOKEN),
               httpx.ConnectError(f"refused {TOKEN}"), httpx.ReadTimeout(TOKEN)]

    def test_repr(self, connect):
        client = connect(Script(ok([])))
        assert TOKEN not in repr(client) and "acme" in repr(client)
        assert TOKEN not in repr(client.__dict__)

    @pytest.mark.parametrize("reply", REPLIES, ids=lambda r: getattr(r, "status_code", "exc"))
    def test_errors_and_tracebacks(self, connect, reply, caplog):
        caplog.set_level(logging.DEBUG, logger="kickflip_moderation")
        with pytest.raises(KickflipModerationError) as info:
            connect(Script(reply)).get_order("7")
        formatted = "".join(traceback.format_exception(info.value))
        assert "***" in formatted or isinstance(info.value, UnknownBrandError)
        assert TOKEN not in formatted
        assert TOKEN not in str(getattr(info.value, "body", ""))
        assert all(TOKEN not in r.getMessage() for r in caplog.records)


class TestConfig:
    """Everything refused before a single request is sent."""

    @pytest.mark.parametrize("brand", ["../x", "a/b", "a?x=1", "", "..", ".", "a b", "a#b",
                                       "a%2Fb", "x" * 101])
    def test_bad_brands(self, brand):
        with pytest.raises(ConfigError, match="invalid brand"):
            KickflipClient(brand, TOKEN, transport=httpx.MockTransport(Script(ok([]))))

    @pytest.mark.parametrize("url", ["http://example.com", "ftp://127.0.0.1", "https://",
                                     "http://127.0.0.1.example.com", "not a url"])
    def test_insecure_or_bad_urls(self, url):
        with pytest.raises(ConfigError):
            KickflipClient("acme", TOKEN, url)

    @pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost",
                                     "http://127.5.6.7/", "http://[::1]:9000",
                                     "https://api.mycustomizer.com"])
    def test_allowed_urls(self, url):
        KickflipClient("acme", TOKEN, url).close()

    @pytest.mark.parametrize("token", ["", "   ", "a b"])
    def test_bad_tokens(self, token):
        with pytest.raises(ConfigError):
            KickflipClient("acme", token)

    def test_from_env(self, monkeypatch):
        monkeypatch.setenv("KICKFLIP_BRAND", "acme")
        monkeypatch.setenv("KICKFLIP_TOKEN", TOKEN)
        monkeypatch.setenv("KICKFLIP_API_URL", "http://127.0.0.1:1")
        with KickflipClient.from_env(page_size=5) as client:
            assert (client.brand, str(client.base_url), client.page_size) == (
                "acme", "http://127.0.0.1:1", 5)

    @pytest.mark.parametrize("missing", ["KICKFLIP_BRAND", "KICKFLIP_TOKEN"])
    def test_from_env_names_the_missing_variable(self, monkeypatch, missing):
        monkeypatch.setenv("KICKFLIP_BRAND", "acme")
        monkeypatch.setenv("KICKFLIP_TOKEN", TOKEN)
        monkeypatch.delenv(missing)
        with pytest.raises(ConfigError, match=missing):
            KickflipClient.from_env()


class TestRetryPolicy:
    """Backoff maths and Retry-After parsing, without a client."""

    def test_backoff_doubles_and_caps(self):
        policy = RetryPolicy(base_delay=0.5, max_delay=3.0)
        assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
        assert policy.backoff(10_000) == 3.0

    def test_full_jitter_scales_the_backoff(self):
        clock = FakeTime()
        budget = RetryPolicy(jitter=True, base_delay=1.0, clock=clock.clock,
                             random=lambda: 0.25).start()
        assert [budget.next_delay(), budget.next_delay()] == [0.25, 0.5]

    def test_retry_after_is_capped(self):
        budget = FakeTime().policy(max_retry_after=5.0).start()
        assert budget.next_delay(retry_after=3600) == 5.0

    def test_retry_after_beyond_the_deadline_gives_up(self):
        budget = FakeTime().policy(max_total_seconds=10, max_retry_after=30).start()
        assert budget.next_delay(retry_after=20) is None

    @pytest.mark.parametrize("kwargs", [{"max_attempts": 0}, {"base_delay": -1},
                                        {"max_total_seconds": -1}])
    def test_invalid_policy(self, kwargs):
        with pytest.raises(ValueError):
            RetryPolicy(**kwargs)

    @pytest.mark.parametrize(("header", "seconds"), [
        ("7", 7.0), (" 1.5 ", 1.5), ("-3", None), ("", None), ("soon", None), (None, None),
        ("nan", None), ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
    ])
    def test_parse_retry_after(self, header, seconds):
        now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
        assert parse_retry_after(header, now) == seconds

    @given(st.text())
    def test_parse_retry_after_never_raises(self, header):
        value = parse_retry_after(header)
        assert value is None or value >= 0

    @given(st.text())
    def test_token_expiry_never_raises(self, token):
        token_expiry(token)
        token_expiry(f"a.{token}.b")

    def test_other_invalid_value_500s_are_not_retried(self, connect):
        script = Script(text(500, "Invalid pagination value: { count: 0 }"))
        with pytest.raises(BadRequestError):
            connect(script).get_order(1)
        assert len(script.requests) == 1
