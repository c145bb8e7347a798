"""pytest fixtures for code that talks to Kickflip: a real fake API on 127.0.0.1.

Installed with the package as a pytest plugin (the ``pytest11`` entry point), so any test
suite can ask for these fixtures without importing anything (see ``docs/testing.md``):

``kickflip_fake``
    The ``FakeKickflip`` brand being served: seed it (``.seed(words=..., designs=...)``),
    inject faults (``.faults.rate_limit(2)``, ``.faults.fail_every(1, status=503)``),
    inspect what your code sent (``.posts``: wordfilter POST bodies; ``.requests``: every
    ``(method, path)``; ``.wordfilter``: the list as now served) and ``.reset()`` it.
``kickflip_server``
    That fake served over real HTTP on a free loopback port (``.url``), for code that
    opens its own connections.
``kickflip_client``
    A ``KickflipClient`` bound to the server, with short retries.
``kickflip_env``
    ``KICKFLIP_API_URL``, ``KICKFLIP_BRAND`` and ``KICKFLIP_TOKEN`` set for the fake, and
    ``KICKFLIP_MODERATION_HOME`` in the test's ``tmp_path`` (caches and backups never touch
    the user's real data directory); returns the values as a dict.

Per-test data with the marker (every argument optional)::

    @pytest.mark.kickflip(words=["fuck"], active=True, designs=[make_design({"Name": "Ann"})],
                          orders=[...], demo_orders=20, seed=7, brand="demo-brand",
                          faults={"rate_limit": {"times": 2}})

``faults`` is a ``Faults.configure`` spec, in place before the first request (a cold start
with Kickflip down: ``faults={"fail_every": {"n": 1, "status": 503, "times": 1000}}``).

Without ``designs``/``orders`` the fake is the deterministic demo brand (``demo_orders``
orders, default 20); with them it holds exactly those. For one data set across a suite,
override ``kickflip_fake`` in your ``conftest.py`` (the marker then has no effect).
Fixtures are function-scoped: each test gets a fresh brand, so tests never see each
other's posts or faults.

Importing this module is cheap (pytest imports every plugin at start-up): the fake and the
client are imported inside the fixtures.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .client import KickflipClient
    from .fake_api import FakeKickflip, FakeServer

__all__ = [
    "MARKER",
    "kickflip_client",
    "kickflip_env",
    "kickflip_fake",
    "kickflip_server",
    "make_design",
    "make_order",
]

MARKER = "kickflip"
_MARKER_HELP = (
    f"{MARKER}(words=None, active=None, designs=(), orders=(), demo_orders=20, seed=7, "
    "brand='demo-brand', faults=None): the data and faults of kickflip_moderation.testing's "
    "fake Kickflip API"
)
_ARGUMENTS = frozenset({"words", "active", "designs", "orders", "demo_orders", "seed", "brand",
                        "faults"})
_ids = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker (the project runs with ``--strict-markers``, so may yours)."""
    config.addinivalue_line("markers", _MARKER_HELP)


def make_design(texts: Mapping[str, str] | Sequence[str], *, design_id: str | None = None,
                number: int | None = None, product: str = "T-shirt",
                image_url: str | None = None) -> dict[str, Any]:
    """A design as ``GET /designs/{id}`` returns it, with one text choice per text.

    ``texts`` maps a field label ("Your name") to the shopper's text, or is a plain list of
    texts. Option ids are ``OPTION-<n>`` (``n`` from 1, in order), choice ids
    ``CHOICE-<n>``; ``design_id`` defaults to a fresh 24-hex id.
    """
    pairs = list(texts.items()) if isinstance(texts, Mapping) else [
        (f"Text {i}", text) for i, text in enumerate(texts, 1)]
    serial = next(_ids)
    ident = design_id or f"{serial:024x}"
    configuration: dict[str, Any] = {
        f"OPTION-{i}": {"id": f"CHOICE-{i}", "type": "text", "name": label,
                        "views": [{"type": "text", "text": text}]}
        for i, (label, text) in enumerate(pairs, 1)
    }
    design: dict[str, Any] = {"_id": ident, "id": ident, "designId": number or serial,
                              "productName": product, "configuration": configuration}
    if image_url is not None:
        design["designImage"] = {"url": image_url}
    return design


def make_order(order_id: int, designs: Sequence[dict[str, Any] | str], *,
               name: str | None = None, date: str = "2024-01-01T09:00:00.000Z"
               ) -> dict[str, Any]:
    """An order (``orderId`` ``order_id``) whose items reference ``designs`` (dicts or ids)."""
    ref = f"{0xA000000 + order_id:024x}"
    items = [{"quantity": 1, "design": d if isinstance(d, str) else d["_id"]} for d in designs]
    return {"_id": ref, "id": ref, "orderId": order_id, "date": date, "items": items,
            "eCommerceOrderName": name or f"#{1000 + order_id}", "status": "pending"}


def _fake_from_marker(marker: pytest.Mark | None) -> FakeKickflip:
    from .fake_api import FakeKickflip

    options: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    unknown = set(options) - _ARGUMENTS
    if marker is not None and (marker.args or unknown):
        raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keyword arguments only, among "
                                f"{', '.join(sorted(_ARGUMENTS))}; got {marker}")
    brand = options.get("brand", "demo-brand")
    # copies: a module-level marker's dicts are shared by its tests, the fake's are not
    designs = copy.deepcopy(list(options.get("designs", ())))
    orders = copy.deepcopy(list(options.get("orders", ())))
    if designs or orders:
        fake = FakeKickflip(brand)
    else:
        fake = FakeKickflip.demo(seed=options.get("seed", 7),
                                 orders=options.get("demo_orders", 20), brand=brand)
    fake.seed(words=options.get("words"), active=options.get("active"), designs=designs,
              orders=orders)
    try:
        fake.faults.configure(dict(options.get("faults") or {}))
    except (TypeError, ValueError) as exc:
        raise pytest.UsageError(f"@pytest.mark.{MARKER}(faults=...): {exc}") from None
    return fake


@pytest.fixture
def kickflip_fake(request: pytest.FixtureRequest) -> FakeKickflip:
    """The fake brand (``FakeKickflip``) the other fixtures serve; see the module docs."""
    return _fake_from_marker(request.node.get_closest_marker(MARKER))


@pytest.fixture
def kickflip_server(kickflip_fake: FakeKickflip) -> Iterator[FakeServer]:
    """``kickflip_fake`` served on 127.0.0.1 (a free port) until the test ends."""
    from .fake_api import serve

    with serve(kickflip_fake) as server:
        yield server


@pytest.fixture
def kickflip_client(kickflip_fake: FakeKickflip,
                    kickflip_server: FakeServer) -> Iterator[KickflipClient]:
    """A ``KickflipClient`` for the fake brand; retries back off in milliseconds, so a
    test of injected faults stays fast."""
    from .client import KickflipClient
    from .retry import RetryPolicy

    retry = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=0.1)
    with KickflipClient(kickflip_fake.brand, kickflip_fake.token, kickflip_server.url,
                        retry=retry, timeout=10) as client:
        yield client


@pytest.fixture
def kickflip_env(kickflip_fake: FakeKickflip, kickflip_server: FakeServer,
                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The environment the CLI and ``KickflipClient.from_env()`` read, pointed at the fake;
    ``KICKFLIP_PROFILE`` is removed so a developer's own profile cannot leak in."""
    values = {"KICKFLIP_API_URL": kickflip_server.url, "KICKFLIP_BRAND": kickflip_fake.brand,
              "KICKFLIP_TOKEN": kickflip_fake.token,
              "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KICKFLIP_PROFILE", raising=False)
    return values
