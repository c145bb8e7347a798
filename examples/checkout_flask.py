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

from checkout_endpoint import build_guard, verdict_body
from flask import Flask, jsonify, request

from kickflip_moderation import CheckoutGuard


def create_app(guard: CheckoutGuard | None = None) -> Flask:
    """A Flask app around ``guard`` (default: the brand from the environment)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1_000_000  # a design is a few kB
    checkout = guard or build_guard()

    @app.post("/validate")
    def validate() -> Any:
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return jsonify(error="expected a JSON object"), 400
        texts = payload.get("texts")
        try:
            verdict = (
                checkout.validate_texts(texts)
                if isinstance(texts, dict)
                else checkout.validate_design(payload)
            )
        except TypeError as exc:  # e.g. {} or an object with no "configuration": not a design
            return jsonify(error=str(exc)), 400
        status, body = verdict_body(verdict)
        return jsonify(body), int(status.split()[0])

    @app.get("/healthz")
    def healthz() -> Any:
        s = checkout.status
        return jsonify(source=s.source, active=s.active, words=s.words, last_error=s.last_error)

    return app
