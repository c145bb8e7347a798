"""The ``kickflip-moderation`` / ``kfmod`` command line.

A thin layer (sqlite-utils style): each command parses its options, calls one library
function, renders the result, and maps errors to the exit codes in ``cli.common``.
This package is the only place that imports click.
"""

from __future__ import annotations

from typing import Any

import click

from .common import EXIT_DECLINED, EXIT_INTERRUPTED, Settings
from .options import add_after_subcommand, global_options, stderr_log

__all__ = ["main"]

API_URL_DEFAULT = "https://api.mycustomizer.com"


class _Main(click.Group):
    """The root group: the log on stderr for the run, and the exit codes click gets wrong.

    click maps Ctrl-C and its own prompts' ``Abort`` to exit 1, the code for "flagged";
    here Ctrl-C anywhere exits 130 and an aborted prompt ``EXIT_DECLINED``.
    """

    def invoke(self, ctx: click.Context) -> Any:
        with stderr_log(ctx):
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                click.echo("\nInterrupted.", err=True)
                ctx.exit(EXIT_INTERRUPTED)
            except click.Abort:
                click.echo("\nAborted: nothing was changed.", err=True)
                ctx.exit(EXIT_DECLINED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@global_options
@click.version_option(package_name="kickflip-moderation")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Keep offensive text off Kickflip designs: check texts, manage the brand's
    wordfilter safely, and scan orders for offending designs.

    The options below are accepted after the command name too (kfmod words pull --brand
    acme). Exit codes are listed in the README; 1 always means "flagged".

    \b
    Examples:
      kickflip-moderation demo
      kickflip-moderation check "Happy birthday Jessica"
      KICKFLIP_BRAND=acme KICKFLIP_TOKEN=... kickflip-moderation words pull
      kickflip-moderation --profile acme auth status
    """
    ctx.ensure_object(Settings)


_TALKS_TO_A_BRAND = {"check", "words", "scan", "auth"}


def _register() -> None:
    """Attach the commands; each lives in its own module of this package."""
    import importlib

    for module_name, attr in [
        ("check", "check"),
        ("words", "words"),
        ("scan", "scan"),
        ("demo", "demo"),
        ("fake_api", "fake_api"),
        ("auth", "auth"),
        ("completion", "completion"),
    ]:
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:  # pragma: no cover - only while a command is missing
            if exc.name != f"{__name__}.{module_name}":
                raise
            continue
        command = getattr(module, attr)
        add_after_subcommand(command, connection=module_name in _TALKS_TO_A_BRAND)
        main.add_command(command)


_register()
