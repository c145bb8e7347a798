"""The pytest plugin ``kickflip_moderation.testing``: its fixtures, marker and isolation.

Most tests use the fixtures directly (the plugin is loaded through its ``pytest11`` entry
point, as in a merchant's suite); ``pytester`` runs small suites for what one test cannot
show (a marker error, isolation between tests, the plugin being loaded without a conftest).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from kickflip_moderation import KickflipClient, NotFoundError
from kickflip_moderation.fake_api import FakeKickflip, FakeServer
from kickflip_moderation.testing import make_design, make_order

pytest_plugins = ["pytester"]


class TestData:
    """The marker seeds the fake; without it the fake is the small demo brand."""

    def test_default_is_the_demo_brand(self, kickflip_fake: FakeKickflip) -> None:
        assert kickflip_fake.brand == "demo-brand"
        assert len(kickflip_fake.orders) == 20
        assert kickflip_fake.wordfilter == FakeKickflip.demo(orders=20).wordfilter

    @pytest.mark.kickflip(words=["wanker"], active=False, demo_orders=3)
    def test_words_and_active(self, kickflip_client: KickflipClient,
                              kickflip_fake: FakeKickflip) -> None:
        wordfilter = kickflip_client.get_wordfilter()
        assert (wordfilter.words, wordfilter.is_active) == (["wanker"], False)
        assert len(kickflip_fake.orders) == 3

    @pytest.mark.kickflip(designs=[make_design({"Name": "Jo"}, design_id="d" * 24, number=7)],
                          orders=[make_order(1, ["d" * 24])], brand="acme")
    def test_designs_and_orders_only(self, kickflip_client: KickflipClient) -> None:
        [order] = list(kickflip_client.iter_orders())
        assert (order.order_id, order.design_ids) == (1, ("d" * 24,))
        design = kickflip_client.get_design("d" * 24)
        assert (design.design_id, design.raw["configuration"]["OPTION-1"]["name"]) == (7, "Name")
        assert kickflip_client.brand == "acme"
        with pytest.raises(NotFoundError):
            kickflip_client.get_design("e" * 24)

    @pytest.mark.kickflip(words=["one"])
    def test_reset_restores_the_seeded_list(self, kickflip_client: KickflipClient,
                                            kickflip_fake: FakeKickflip) -> None:
        kickflip_client.set_wordfilter(words=["one", "two"])
        assert kickflip_fake.posts == [{"words": ["one", "two"]}]
        kickflip_fake.seed(words=["three"])  # a new baseline mid-test
        kickflip_client.set_wordfilter(words=[])
        kickflip_fake.reset()
        assert kickflip_fake.wordfilter["words"] == ["three"] and kickflip_fake.posts == []
        assert kickflip_fake.requests == []


def test_make_design_is_read_like_a_real_one() -> None:
    from kickflip_moderation import Matcher, check_design

    design = make_design(["fine", "oh sh1t"])
    [finding] = check_design(design, Matcher(["shit"]))
    assert (finding.option_id, finding.choice_id, finding.text) == ("OPTION-2", "CHOICE-2",
                                                                   "oh sh1t")
    assert make_design(["x"])["_id"] != make_design(["x"])["_id"]


def test_faults_and_recorded_requests(kickflip_client: KickflipClient,
                                      kickflip_fake: FakeKickflip) -> None:
    kickflip_fake.faults.rate_limit(2, retry_after=0)
    assert kickflip_client.get_wordfilter().words  # retried through two 429s
    path = f"/brands/{kickflip_fake.brand}/wordfilter"
    assert kickflip_fake.requests == [("GET", path)] * 3


@pytest.mark.kickflip(faults={"restrict_to": "/wordfilter", "rate_limit": {"times": 1}})
def test_faults_from_the_marker_apply_from_the_first_request(
        kickflip_client: KickflipClient, kickflip_fake: FakeKickflip) -> None:
    assert kickflip_fake.faults.rate_limit_times == 1
    assert kickflip_client.get_wordfilter().words
    assert len(kickflip_fake.requests) == 2 and kickflip_fake.faults.rate_limit_times == 0


def test_server_is_real_http_on_loopback(kickflip_server: FakeServer,
                                         kickflip_fake: FakeKickflip) -> None:
    assert kickflip_server.url.startswith("http://127.0.0.1:")
    answer = httpx.get(f"{kickflip_server.url}/brands/{kickflip_fake.brand}/wordfilter",
                       headers={"Authorization": f"Bearer {kickflip_fake.token}"})
    assert answer.status_code == 200 and answer.json() == kickflip_fake.wordfilter


def test_env_points_at_the_fake(kickflip_env: dict[str, str], kickflip_server: FakeServer,
                                tmp_path: Path) -> None:
    assert {k: os.environ[k] for k in kickflip_env} == kickflip_env
    assert kickflip_env["KICKFLIP_API_URL"] == kickflip_server.url
    assert Path(kickflip_env["KICKFLIP_MODERATION_HOME"]).parent == tmp_path
    assert "KICKFLIP_PROFILE" not in os.environ
    with KickflipClient.from_env() as client:
        assert client.get_wordfilter().words


SUITE = """
import pytest

@pytest.mark.kickflip(words=["a"])
def test_first(kickflip_client, kickflip_fake):
    kickflip_client.set_wordfilter(words=["a", "b"])
    kickflip_fake.faults.fail_every(1, status=500)
    assert len(kickflip_fake.posts) == 1

@pytest.mark.kickflip(words=["a"])
def test_second_sees_none_of_it(kickflip_client, kickflip_fake):
    assert kickflip_client.get_wordfilter().words == ["a"]
    assert kickflip_fake.posts == []
"""


def test_each_test_gets_a_fresh_brand(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUITE)
    pytester.runpytest("--strict-markers", "-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_a_misspelt_marker_argument_is_an_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("""
        import pytest

        @pytest.mark.kickflip(word=["a"])
        def test_it(kickflip_fake):
            pass
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*takes keyword arguments only*"])
    pytester.makepyfile("""
        import pytest

        @pytest.mark.kickflip(faults={"explode": 1})
        def test_it(kickflip_fake):
            pass
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*faults=...*unknown fault 'explode'*"])


def test_fixtures_come_from_the_entry_point(pytester: pytest.Pytester) -> None:
    """Without the plugin (``-p no:kickflip_moderation``) the fixtures do not exist."""
    pytester.makepyfile("def test_it(kickflip_fake):\n    pass\n")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
    off = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:kickflip_moderation")
    off.assert_outcomes(errors=1)
