"""An embedded fake of the Kickflip API, for end-to-end tests, benchmarks and ``demo``.

It is deliberately independent of the client (stdlib only, no import from the rest of
kickflip_moderation), so it catches the client's mistakes instead of sharing them.

    from kickflip_moderation.fake_api import FakeKickflip, serve

    fake = FakeKickflip.demo(seed=7, orders=300)
    with serve(fake) as server:            # 127.0.0.1, free port, daemon thread
        ...                                # server.url, fake.token, fake.brand
    fake.faults.rate_limit(2, retry_after=0)   # see ``faults.Faults``

Also ``httpx.Client(transport=httpx.WSGITransport(app=fake))`` with no socket, and
``python -m kickflip_moderation.fake_api --port 8765`` for a separate process.
"""

from __future__ import annotations

from .app import DroppedConnection, FakeKickflip, Response
from .data import Truth
from .faults import Faults
from .server import FakeServer, serve

__all__ = ["DroppedConnection", "FakeKickflip", "FakeServer", "Faults", "Response", "Truth",
           "serve"]
