"""``auth status``: which brand, API and token this shell would use, and whether it works.

Shows where the token comes from and when it expires (the JWT's ``exp`` claim, decoded
locally), never the token itself, then asks the API for the word list once (no retries)
to tell a rejected token from an unreachable API.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import click

from ..errors import APIError, AuthenticationError, ConfigError
from ..profiles import config_path, token_expiry
from ..retry import RetryPolicy
from ..safetext import printable, safe_json
from ..wording import entry_count
from .common import EXIT_API, EXIT_CONFIG, EXIT_OK, Settings, handle_errors

__all__ = ["auth", "describe_expiry"]


@click.group()
def auth() -> None:
    """Inspect the credentials in use.

    \b
    Example:
      kickflip-moderation auth status
    """


def _span(seconds: float) -> str:
    seconds = abs(int(seconds))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'' if n == 1 else 's'}"
    return f"{seconds} seconds"


def describe_expiry(exp: int | None, now: float | None = None) -> str:
    """``2027-01-01T00:00:00Z (in 26 days)``, ``... (EXPIRED 3 hours ago)`` or why unknown."""
    if exp is None:
        return "unknown (the token is not a JWT with an exp claim)"
    now = time.time() if now is None else now
    when = datetime.fromtimestamp(exp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if exp <= now:
        return f"{when} (EXPIRED {_span(now - exp)} ago)"
    return f"{when} (in {_span(exp - now)})"


def _probe(settings: Settings) -> tuple[str, int]:
    """One GET of the word list: what the API says, and the exit code it stands for."""
    try:
        with settings.client(retry=RetryPolicy(max_attempts=1)) as client:
            wf = client.get_wordfilter()
    except AuthenticationError as exc:
        return f"rejects the token ({exc})", EXIT_API
    except APIError as exc:
        return f"no answer ({exc})", EXIT_API
    state = "on" if wf.is_active else "off"
    return f"answers (word list: {entry_count(len(wf.words))}, filter {state})", EXIT_OK


@auth.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
@click.pass_obj
@handle_errors
def status(settings: Settings, as_json: bool) -> None:
    """Show the profile, brand, API URL, token source and expiry, and whether the API
    answers. The token itself is never shown.

    Exit 0 when the API accepts the token, 3 when it rejects it or does not answer, 4 when
    no brand or token is configured.

    \b
    Examples:
      kickflip-moderation auth status
      kickflip-moderation auth status --profile acme --json
    """
    from ..api_requests import DEFAULT_BASE_URL

    settings.resolve()
    info: dict[str, Any] = {
        "profile": settings.profile,
        "config": str(config_path()),
        "brand": settings.brand,
        "api_url": settings.api_url or DEFAULT_BASE_URL,
        "token_source": settings.token_source,
        "token_expires": None,
        "api": None,
    }
    code = EXIT_OK
    try:
        if not settings.brand:
            raise ConfigError("no brand: set KICKFLIP_BRAND, pass --brand or use a --profile")
        exp = token_expiry(settings.require_token())
        info["token_expires"] = exp
        expiry = describe_expiry(exp)
        info["api"], code = _probe(settings)
    except ConfigError as exc:
        expiry, code = "-", EXIT_CONFIG
        info["error"] = str(exc)
    if as_json:
        click.echo(safe_json(info, indent=2))
    else:
        profile = f"{settings.profile} ({info['config']})" if settings.profile else "none"
        rows = [("Profile", printable(profile)), ("Brand", printable(settings.brand or "-")),
                ("API URL", printable(info["api_url"])), ("Token", settings.token_source),
                ("Expires", expiry), ("API", info["api"] or "-")]
        for label, value in rows:
            click.echo(f"{label + ':':<9} {value}")
        if "error" in info:
            click.echo(f"Error: {info['error']}", err=True)
    click.get_current_context().exit(code)
