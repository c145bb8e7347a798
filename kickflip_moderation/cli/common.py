"""What every command shares: connection settings, exit codes, error -> one-line message.

Exit codes (documented in README):
  0 ok / clean, 1 flagged (check, scan) or problems found (lint), 2 usage error,
  3 API error (network, HTTP status, bad response), 4 configuration error (missing token,
  bad brand name, insecure URL), 5 file error (word-list or backup file, output path),
  6 the remote list differs from what was sent (verification after a push failed),
  7 a confirmation prompt was declined (or got no answer): nothing was changed,
  130 interrupted (Ctrl-C, also at a prompt),
  141 the reader of stdout went away (``| head``): quietly, like any Unix tool killed
  by SIGPIPE, and never 0, so a cut-off ``check`` does not pass as clean.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import click

from ..errors import APIError, ConfigError, KickflipModerationError, WordlistError
from ..profiles import Profile, load_profiles

__all__ = [
    "EXIT_API",
    "EXIT_BROKEN_PIPE",
    "EXIT_CONFIG",
    "EXIT_DECLINED",
    "EXIT_FILE",
    "EXIT_FLAGGED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VERIFY",
    "CLIError",
    "Settings",
    "confirm",
    "fail",
    "handle_errors",
    "note",
]

EXIT_OK = 0
EXIT_FLAGGED = 1
EXIT_USAGE = 2
EXIT_API = 3
EXIT_CONFIG = 4
EXIT_FILE = 5
EXIT_VERIFY = 6
EXIT_DECLINED = 7  # not 1: a script must not read "the user said no" as "flagged"
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what the shell reports for `yes | head`

F = TypeVar("F", bound=Callable[..., Any])


class CLIError(click.ClickException):
    """A one-line error with its own exit code (click prints ``Error: message``)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        # click declares exit_code a ClassVar but reads it from the instance: per-error codes.
        self.exit_code = exit_code  # type: ignore[misc]


def fail(message: str, exit_code: int) -> NoReturn:
    raise CLIError(message, exit_code)


def confirm(question: str) -> None:
    """Ask a yes/no question on stderr and return on yes.

    No, an empty answer or the end of input exits ``EXIT_DECLINED``; Ctrl-C propagates as
    ``KeyboardInterrupt`` (exit 130). click's own ``confirm`` turns both into ``Abort``
    (exit 1, the code for "flagged"), which is why the prompt is read here.
    """
    while True:
        click.echo(f"{question} [y/N]: ", nl=False, err=True)
        line = sys.stdin.readline()
        answer = line.strip().lower()
        if answer in ("y", "yes"):
            return
        if not line or answer in ("", "n", "no"):
            if not line:
                click.echo(err=True)
            fail("declined: nothing was changed", EXIT_DECLINED)
        click.echo("Please answer y or n.", err=True)


def note(message: str) -> None:
    """An informational line on stderr, silenced by ``-q`` (errors are never silenced)."""
    from .options import output_settings

    ctx = click.get_current_context(silent=True)
    if ctx is None or not output_settings(ctx).quiet:
        click.echo(message, err=True)


def exit_code_for(exc: KickflipModerationError) -> int:
    if isinstance(exc, ConfigError):
        return EXIT_CONFIG
    if isinstance(exc, WordlistError):
        return EXIT_FILE
    if isinstance(exc, APIError):
        return EXIT_API
    return EXIT_API


def handle_errors(fn: F) -> F:
    """Turn library errors into one clear line and a documented exit code, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except click.ClickException:
            raise
        except BrokenPipeError:
            # Point stdout at /dev/null so the flush at exit cannot fail (and print) again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except KickflipModerationError as exc:
            raise CLIError(str(exc), exit_code_for(exc)) from None
        except OSError as exc:
            name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise CLIError(f"{name}{exc.strerror or exc}", EXIT_FILE) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


@dataclass
class Settings:
    """Connection settings: flags and ``KICKFLIP_*`` variables, then the profile's values.

    A profile applies when named (``--profile`` / ``KICKFLIP_PROFILE``) or, when no brand is
    given at all, as the config file's ``default_profile``. Flags override its single
    fields; ``KICKFLIP_BRAND``/``TOKEN``/``API_URL`` do too, except against a ``--profile``
    typed on the command line (as with AWS profiles): a token left in the environment for
    one brand is then never sent to the brand or URL of the profile asked for.
    Resolution is lazy (options may follow the subcommand, ``check`` may need no token) and
    the token is never echoed.
    """

    brand: str | None = None
    token: str | None = None
    api_url: str | None = None
    profile: str | None = None
    token_source: str = "none"
    from_env: set[str] = field(default_factory=set, repr=False, compare=False)
    _resolved: bool = field(default=False, repr=False, compare=False)
    _profile: Profile | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:  # never show the token
        return (f"Settings(brand={self.brand!r}, api_url={self.api_url!r}, "
                f"profile={self.profile!r}, token=<redacted>)")

    def resolve(self) -> Settings:
        """Fill what flags and variables left open from the profile (once)."""
        if self._resolved:
            return self
        self._resolved = True
        if self.profile is not None and "profile" not in self.from_env:
            for key in self.from_env & {"brand", "token", "api_url"}:
                setattr(self, key, None)  # the profile typed on the command line wins
        if self.token:
            self.token_source = ("KICKFLIP_TOKEN" if "token" in self.from_env else "--token")
        if self.profile is None and self.brand:
            return self  # no profile involved: the config file is not even read
        config = load_profiles()
        name = self.profile or config.default
        if name is None:
            return self
        self._profile = profile = config.get(name)
        self.profile = name
        self.brand = self.brand or profile.brand
        self.api_url = self.api_url or profile.api_url
        if not self.token:
            self.token_source = profile.token_source
        return self

    @property
    def configured(self) -> bool:
        """A brand and a token (or a profile's way to get one) are known."""
        self.resolve()
        return bool(self.brand and (self.token or self._profile))

    def require_token(self) -> str:
        """The token: given directly, else read through the profile."""
        self.resolve()
        if not self.token and self._profile is not None:
            self.token = self._profile.token()
        if not self.token:
            raise ConfigError("no API token: set KICKFLIP_TOKEN, pass --token or use a "
                              "--profile")
        return self.token

    def client(self, **options: Any) -> Any:
        """A ``KickflipClient`` built from these settings (lazily: ``check`` needs no token);
        ``options`` go to its constructor (``retry``, ``timeout``)."""
        from ..client import KickflipClient

        self.resolve()
        if not self.brand:
            raise ConfigError("no brand: set KICKFLIP_BRAND, pass --brand or use a --profile")
        kwargs: dict[str, Any] = {"brand": self.brand, "token": self.require_token(), **options}
        if self.api_url:
            kwargs["base_url"] = self.api_url
        return KickflipClient(**kwargs)
