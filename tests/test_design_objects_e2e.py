"""The objects users hold: a ``Design`` from ``client.get_design`` over real loopback HTTP.

``get_design`` returns a ``Design`` (its JSON in ``.raw``); the checkout guard and the
design checks must treat it exactly like the raw dict, never as "no text, clean".
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kickflip_moderation import CheckoutGuard, KickflipClient, Matcher, check_design, extract_texts
from kickflip_moderation.resources import Design

REFERENCE = json.loads(
    (Path(__file__).parent / "fixtures" / "design-reference.json").read_text("utf-8")
)


def _design(design_id: str, text: str) -> dict:
    design = copy.deepcopy(REFERENCE)
    design["_id"] = design["id"] = design_id
    design["configuration"]["OPTION-1xy6ba"]["views"][0]["text"] = text
    return design


pytestmark = [pytest.mark.e2e, pytest.mark.kickflip(  # the plugin's brand serves exactly these
    designs=[_design("a" * 24, "oh fuck off"), _design("b" * 24, "Hello")], words=["fuck"])]


@pytest.fixture(name="client")
def _client(kickflip_client: KickflipClient) -> KickflipClient:
    return kickflip_client


def test_a_design_object_from_the_api_is_checked(client: KickflipClient) -> None:
    dirty, clean = client.get_design("a" * 24), client.get_design("b" * 24)
    assert isinstance(dirty, Design)
    guard = CheckoutGuard(client, background=False, cache_path=None)
    assert guard.refresh()

    verdict = guard.validate_design(dirty)
    assert (verdict.ok, verdict.checked) == (False, True)
    assert [(p.field, p.text, p.words) for p in verdict.problems] == [
        ("OPTION-1xy6ba", "oh fuck off", ("fuck",))
    ]
    assert verdict == guard.validate_design(dirty.raw)
    assert guard.validate_design(clean) == guard.validate_design(clean.raw)
    assert guard.validate_design(clean).ok

    assert [t.text for t in extract_texts(dirty)] == ["oh fuck off"]
    findings = check_design(dirty, Matcher(["fuck"]))
    assert [(f.option_id, f.text) for f in findings] == [("OPTION-1xy6ba", "oh fuck off")]
    assert check_design(clean, Matcher(["fuck"])) == []


@pytest.mark.parametrize("not_a_design", [None, "fuck", ["fuck"], 3, {}], ids=repr)
def test_wrong_types_raise_type_error_naming_what_is_accepted(
    client: KickflipClient, not_a_design: object
) -> None:
    guard = CheckoutGuard(client, background=False, cache_path=None)
    assert guard.refresh()
    for call in (lambda: guard.validate_design(not_a_design),
                 lambda: extract_texts(not_a_design),
                 lambda: check_design(not_a_design, Matcher(["fuck"]))):
        with pytest.raises(TypeError, match=r"expected a Design .*'configuration' or '_id'\)"):
            call()
    with pytest.raises(TypeError, match="iterable of texts"):
        guard.validate_texts("fuck")
    assert not guard.validate_texts(["fuck"]).ok
