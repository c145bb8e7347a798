"""The checkout endpoint in Flask (``pip install 'kickflip-moderation[web]'``).

The same contract as ``checkout_endpoint.py`` (which needs no framework): POST a design
JSON or ``{"texts": {field: text}}`` to ``/validate``; 200 when it may be ordered, 422
with the fields, spans and censored texts to show the shopper, 503 when no word list is
available at all (fail-closed).

    export KICKFLIP_BRAND=acme KICKFLIP_TOKEN=...
    flask --app examples/checkout_flask.py run --port 8080
"""

from __future__ import annotations

from typing import Any

from checkout_endpoint import MAX_BODY, build_guard, health_body, validate_body
from flask import Flask, jsonify, request

from kickflip_moderation import CheckoutGuard


def create_app(guard: CheckoutGuard | None = None) -> Flask:
    """A Flask app around ``guard`` (default: the brand from the environment)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY  # a design is a few kB
    checkout = guard or build_guard()

    @app.post("/validate")
    def validate() -> Any:
        status, body = validate_body(checkout, request.get_data())
        return jsonify(body), int(status.split()[0])

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(health_body(checkout))

    return app
