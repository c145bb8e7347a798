"""What every command shares: connection settings, exit codes, error -> one-line message.

Exit codes (documented in README):
  0 ok / clean, 1 flagged (check, scan) or problems found (lint), 2 usage error,
  3 API error (network, HTTP status, bad response), 4 configuration error (missing token,
  bad brand name, insecure URL), 5 file error (word-list or backup file, output path),
  6 the remote list differs from what was sent (verification after a push failed),
  130 interrupted, 141 the reader of stdout went away (``| head``): quietly, like any Unix
  tool killed by SIGPIPE, and never 0, so a cut-off ``check`` does not pass as clean.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import click

from ..errors import APIError, ConfigError, KickflipModerationError, WordlistError

__all__ = [
    "EXIT_API",
    "EXIT_BROKEN_PIPE",
    "EXIT_CONFIG",
    "EXIT_FILE",
    "EXIT_FLAGGED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VERIFY",
    "CLIError",
    "Settings",
    "fail",
    "handle_errors",
]

EXIT_OK = 0
EXIT_FLAGGED = 1
EXIT_USAGE = 2
EXIT_API = 3
EXIT_CONFIG = 4
EXIT_FILE = 5
EXIT_VERIFY = 6
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
    """Connection settings from the group options / environment. The token is never echoed."""

    brand: str | None
    token: str | None = None
    api_url: str | None = None

    def __repr__(self) -> str:  # never show the token
        return f"Settings(brand={self.brand!r}, api_url={self.api_url!r}, token=<redacted>)"

    @property
    def configured(self) -> bool:
        return bool(self.brand and self.token)

    def client(self) -> Any:
        """A ``KickflipClient`` built from these settings (lazily: ``check`` needs no token)."""
        from ..client import KickflipClient

        if not self.brand:
            raise ConfigError("no brand: set KICKFLIP_BRAND or pass --brand")
        if not self.token:
            raise ConfigError("no API token: set KICKFLIP_TOKEN or pass --token")
        kwargs: dict[str, Any] = {"brand": self.brand, "token": self.token}
        if self.api_url:
            kwargs["base_url"] = self.api_url
        return KickflipClient(**kwargs)
