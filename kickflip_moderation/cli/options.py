"""Options every command accepts before or after its name, and what they set up.

``kfmod --brand x words pull`` and ``kfmod words pull --brand x`` mean the same thing, as
with git or kubectl: the root group declares the options (with their environment
variables) and every subcommand gets copies without environment or default, whose values,
when given, override the root's. Nothing else reads the options: the callbacks store them
in the ``Settings`` (connection) and ``Output`` (verbosity, colour) objects of the context.

Output conventions:

* ``-v`` shows the library's log at INFO, ``-vv`` at DEBUG (each request); ``-q`` keeps
  only errors (no progress or "Using ..." lines).
* Colour: ``--color auto`` (default: on a terminal) / ``always`` / ``never``; a non-empty
  ``NO_COLOR`` (https://no-color.org) means never unless ``--color always`` is given.
* Log lines carry a UTC timestamp when stderr is not a terminal (cron, systemd, CI logs).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from .common import Settings

__all__ = ["Output", "add_after_subcommand", "global_options", "output_settings", "stderr_log"]

F = TypeVar("F", bound=Callable[..., Any])
COLOR_CHOICES = ("auto", "always", "never")
_LOGGER = "kickflip_moderation"
_META_OUTPUT = "kickflip_moderation.output"
_META_HANDLER = "kickflip_moderation.log_handler"


@dataclass
class Output:
    """How much to say and whether in colour (shared by every context of one run)."""

    verbose: int = 0
    quiet: bool = False
    color: str = "auto"

    def colour_flag(self) -> bool | None:
        """The value for ``click.Context.color``: None lets click decide (terminal or not)."""
        if self.color == "always":
            return True
        if self.color == "never" or os.environ.get("NO_COLOR"):
            return False
        return None

    def log_level(self) -> int:
        if self.quiet:
            return logging.ERROR
        return {0: logging.WARNING, 1: logging.INFO}.get(self.verbose, logging.DEBUG)


def output_settings(ctx: click.Context) -> Output:
    output: Output = ctx.meta.setdefault(_META_OUTPUT, Output())
    return output


def _formatter() -> logging.Formatter:
    if sys.stderr.isatty():
        return logging.Formatter("%(levelname)s: %(message)s")
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                  datefmt="%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    return formatter


@contextmanager
def stderr_log(ctx: click.Context) -> Iterator[None]:
    """The package's log on stderr for one run, removed afterwards (the CLI may run in-process)."""
    logger = logging.getLogger(_LOGGER)
    handler = logging.StreamHandler(sys.stderr)  # the stderr of this run (CliRunner swaps it)
    handler.setFormatter(_formatter())
    ctx.meta[_META_HANDLER] = handler
    old_level = logger.level
    logger.addHandler(handler)
    _apply(ctx)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _apply(ctx: click.Context) -> None:
    """Make the context's colour and the log level match the options given so far."""
    output = output_settings(ctx)
    ctx.color = output.colour_flag()
    handler: logging.Handler | None = ctx.meta.get(_META_HANDLER)
    if handler is not None:
        handler.setLevel(output.log_level())
        logging.getLogger(_LOGGER).setLevel(output.log_level())


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    settings = ctx.ensure_object(Settings)
    output = output_settings(ctx)
    name = param.name
    if name == "verbose":
        output.verbose += value
    elif name == "quiet":
        output.quiet = output.quiet or value
    elif name == "color":
        if value is not None:
            output.color = value
    elif value is not None and name is not None:
        setattr(settings, name, value)
        from_env = ctx.get_parameter_source(name) is click.core.ParameterSource.ENVIRONMENT
        (settings.from_env.add if from_env else settings.from_env.discard)(name)
    _apply(ctx)


# (declarations, attributes, environment variable of the root option)
_OPTIONS: list[tuple[list[str], dict[str, Any], str | None]] = [
    (["--profile"], {"help": "Profile of the config file to use (env KICKFLIP_PROFILE)."},
     "KICKFLIP_PROFILE"),
    (["--brand"], {"help": "Kickflip brand (env KICKFLIP_BRAND)."}, "KICKFLIP_BRAND"),
    (["--token"], {"help": "API token, a JWT (env KICKFLIP_TOKEN; prefer the environment)."},
     "KICKFLIP_TOKEN"),
    (["--api-url"], {"help": "API base URL (env KICKFLIP_API_URL; default "
                             "https://api.mycustomizer.com)."}, "KICKFLIP_API_URL"),
    (["-v", "--verbose"], {"count": True, "help": "Show the log (-vv: every request)."}, None),
    (["-q", "--quiet"], {"is_flag": True, "help": "Only errors on stderr."}, None),
    (["--color"], {"type": click.Choice(COLOR_CHOICES), "metavar": "WHEN",
                   "help": "Colour: auto (on a terminal), always, never (NO_COLOR: never)."},
     None),
]


def _option(decls: list[str], attrs: dict[str, Any], envvar: str | None) -> click.Option:
    return click.Option(decls, expose_value=False, callback=_store, envvar=envvar, **attrs)


def global_options(fn: F) -> F:
    """Declare the options (with their environment variables) on the root group."""
    for decls, attrs, envvar in reversed(_OPTIONS):
        fn = click.option(*decls, expose_value=False, callback=_store, envvar=envvar,
                          **attrs)(fn)
    return fn


def add_after_subcommand(command: click.Command, *, connection: bool = True) -> None:
    """Give ``command`` (and, for a group, each of its commands) copies of the options;
    the connection ones only to commands that talk to a brand (``connection``)."""
    if isinstance(command, click.Group):  # kfmod words --brand x pull works too
        for sub in command.commands.values():
            add_after_subcommand(sub, connection=connection)
    taken = {opt for p in command.params for opt in getattr(p, "opts", [])}
    for decls, attrs, envvar in _OPTIONS:
        if envvar is not None and not connection:
            continue
        if not taken.intersection(decls):
            command.params.append(_option(decls, {**attrs, "show_envvar": False}, None))
