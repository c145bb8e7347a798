"""The ``kickflip-moderation`` / ``kfmod`` command line.

A thin layer (sqlite-utils style): each command parses its options, calls one library
function, renders the result, and maps errors to the exit codes in ``cli.common``.
This package is the only place that imports click.
"""

from __future__ import annotations

import click

from .. import __version__
from ..constants import DEFAULT_BASE_URL
from .common import Settings

__all__ = ["main"]

API_URL_DEFAULT = DEFAULT_BASE_URL


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--brand", envvar="KICKFLIP_BRAND", help="Kickflip brand (env KICKFLIP_BRAND).")
@click.option(
    "--token",
    envvar="KICKFLIP_TOKEN",
    help="API token, a JWT (env KICKFLIP_TOKEN; prefer the environment).",
)
@click.option(
    "--api-url",
    envvar="KICKFLIP_API_URL",
    help=f"API base URL (env KICKFLIP_API_URL; default {API_URL_DEFAULT}).",
)
@click.version_option(version=__version__, prog_name="kickflip-moderation")
@click.pass_context
def main(ctx: click.Context, brand: str | None, token: str | None, api_url: str | None) -> None:
    """Keep offensive text off Kickflip designs: check texts, manage the brand's
    wordfilter safely, and scan orders for offending designs.

    \b
    Examples:
      kickflip-moderation demo
      kickflip-moderation check "Happy birthday Jessica"
      KICKFLIP_BRAND=acme KICKFLIP_TOKEN=... kickflip-moderation words pull
    """
    ctx.obj = Settings(brand=brand, token=token, api_url=api_url)


def _register() -> None:
    """Attach the commands; each lives in its own module of this package."""
    import importlib

    for module_name, attr in [
        ("check", "check"),
        ("words", "words"),
        ("scan", "scan"),
        ("demo", "demo"),
        ("fake_api", "fake_api"),
    ]:
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a command is missing
            if exc.name != f"{__name__}.{module_name}":
                raise
            continue
        main.add_command(getattr(module, attr))


_register()
