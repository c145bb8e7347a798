"""The checkout endpoint in FastAPI (``pip install fastapi uvicorn``).

The same contract as ``checkout_endpoint.py`` and ``checkout_flask.py`` (all three call its
``validate_body``, so they answer alike): POST a design JSON or ``{"texts": {field: text}}``
to ``/validate``; 200 when it may be ordered, 422 with the fields, spans and censored texts
to show the shopper, 503 when no word list is available at all (fail-closed), 400 for a
body that is not a JSON object or not a design, 413 for a huge one.

    export KICKFLIP_BRAND=acme KICKFLIP_TOKEN=...
    cd examples && uvicorn checkout_fastapi:app --port 8080

Validation never waits on the network (the guard refreshes in a background thread) and
takes microseconds, so it runs inside the ``async`` handler.
"""

from __future__ import annotations

from typing import Any

from checkout_endpoint import MAX_BODY, build_guard, health_body, validate_body
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kickflip_moderation import CheckoutGuard


def create_app(guard: CheckoutGuard | None = None) -> FastAPI:
    """A FastAPI app around ``guard`` (default: the brand from the environment)."""
    app = FastAPI(title="Checkout validation")
    checkout = guard or build_guard()

    @app.post("/validate")
    async def validate(request: Request) -> JSONResponse:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return JSONResponse({"error": "a design is a few kB"}, status_code=413)
        status, body = validate_body(checkout, raw)
        return JSONResponse(body, status_code=int(status[:3]))

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return health_body(checkout)

    return app


def __getattr__(name: str) -> Any:
    """``uvicorn checkout_fastapi:app``: the app is built on first access, not on import."""
    if name == "app":
        return create_app()
    raise AttributeError(name)
