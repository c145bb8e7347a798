"""A merchant's own tests of their checkout endpoint, against a fake Kickflip brand.

The fixtures come from the pytest plugin installed with kickflip-moderation
(``kickflip_moderation.testing``): nothing to import, nothing to start. Run with only the
package and pytest installed:

    pytest examples/test_checkout_example.py

``kickflip_fake`` is the brand (its word list, designs, faults, and what was sent to it),
``kickflip_client`` a client bound to it, ``kickflip_env`` the environment set for it.
The endpoint under test is ``checkout_endpoint.py`` (a WSGI app), called in process
through httpx's WSGI transport.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from checkout_endpoint import build_guard, make_app

from kickflip_moderation import KickflipClient
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.testing import make_design


@pytest.fixture
def checkout(kickflip_client: KickflipClient,
             kickflip_env: dict[str, str]) -> Iterator[httpx.Client]:
    """The endpoint, started as in production: its guard loads the brand's list first.
    (``kickflip_env`` keeps the guard's disk cache in the test's temporary directory.)"""
    app = make_app(build_guard(kickflip_client))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://shop") as web:
        yield web


def test_a_clean_design_may_be_ordered(checkout: httpx.Client) -> None:
    answer = checkout.post("/validate", json=make_design({"Your name": "Happy birthday Jo"}))
    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "checked": True}


@pytest.mark.kickflip(words=["wanker", "tosser"])
def test_our_own_entries_are_enforced(checkout: httpx.Client) -> None:
    answer = checkout.post("/validate", json=make_design({"Back": "W4NKER", "Front": "Hi"}))
    assert answer.status_code == 422
    [problem] = answer.json()["problems"]
    assert (problem["label"], problem["spans"], problem["censored"]) == (
        "Back", [[0, 6]], "******")


@pytest.mark.kickflip(words=["wanker"])
def test_the_shop_reads_the_list_and_never_writes_it(
        checkout: httpx.Client, kickflip_fake: FakeKickflip) -> None:
    checkout.post("/validate", json={"texts": {"Name": "Scunthorpe"}})
    assert ("GET", f"/brands/{kickflip_fake.brand}/wordfilter") in kickflip_fake.requests
    assert kickflip_fake.posts == []


@pytest.mark.kickflip(faults={"fail_every": {"n": 1, "status": 503, "times": 1000}})
def test_no_list_at_all_refuses_the_order(checkout: httpx.Client) -> None:
    """Kickflip down at a cold start with no cache: the endpoint is fail-closed (503)."""
    answer = checkout.post("/validate", json={"texts": {"Name": "Jo"}})
    assert answer.status_code == 503 and answer.json()["ok"] is False
    assert checkout.get("/healthz").json()["source"] == "none"
