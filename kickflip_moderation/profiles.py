"""Named brands in a TOML config file, for agencies that run several brands.

The file is ``config.toml`` in the user config directory (platformdirs), or wherever
``KICKFLIP_MODERATION_CONFIG`` points (see ``config_path``)::

    default_profile = "acme"          # optional: used when no brand is given at all

    [profiles.acme]
    brand = "acme"
    api_url = "https://api.mycustomizer.com"     # optional
    token_env = "ACME_KICKFLIP_TOKEN"            # the token comes from this variable...

    [profiles.globex]
    brand = "globex"
    token_command = ["pass", "show", "kickflip/globex"]   # ...or from this command's stdout

A token is never stored in the file: a config file gets copied, synced and pasted into
tickets, so a ``token`` key is refused with a message saying what to use instead. The
command runs without a shell (a list, or a string split like a shell would).
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from . import paths
from .errors import ConfigError

__all__ = ["CONFIG_ENV", "Profile", "Profiles", "config_path", "load_profiles", "token_expiry"]

log = logging.getLogger("kickflip_moderation.profiles")

CONFIG_ENV = "KICKFLIP_MODERATION_CONFIG"
_PROFILE_KEYS = {"brand", "api_url", "token_env", "token_command"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TOKEN_COMMAND_TIMEOUT = 30.0


def config_path() -> Path:
    """``$KICKFLIP_MODERATION_CONFIG``, else ``config.toml`` in ``$KICKFLIP_MODERATION_HOME``
    when that is set (tests and CI stay away from the real home), else in the user config
    directory."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    home = os.environ.get(paths.HOME_ENV)
    if home:
        return Path(home) / "config.toml"
    directory = platformdirs.user_config_dir("kickflip-moderation", appauthor=False)
    return Path(directory) / "config.toml"


@dataclass(frozen=True)
class Profile:
    """One named brand: where the API is and where its token comes from (never the token)."""

    name: str
    brand: str
    api_url: str | None = None
    token_env: str | None = None
    token_command: tuple[str, ...] | None = None

    @property
    def token_source(self) -> str:
        """How the token is found, for ``auth status`` (names only, never the value)."""
        if self.token_env:
            return f"environment variable {self.token_env} (profile {self.name})"
        if self.token_command:
            return f"command {self.token_command[0]} (profile {self.name})"
        return "none"

    def token(self) -> str:
        """Read the token from the variable or run the command; ``ConfigError`` if neither works."""
        log.info("profile %s: brand %s, token from %s", self.name, self.brand, self.token_source)
        if self.token_env:
            value = os.environ.get(self.token_env, "").strip()
            if not value:
                raise ConfigError(f"profile {self.name}: environment variable {self.token_env} "
                                  "is not set")
            return value
        if self.token_command:
            return _run_token_command(self.name, self.token_command)
        raise ConfigError(f"profile {self.name}: no token_env or token_command")


def _run_token_command(profile: str, command: tuple[str, ...]) -> str:
    """The command's stdout, stripped. Its output never appears in an error message."""
    where = f"profile {profile}: token_command {command[0]!r}"
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, check=False,
                              timeout=TOKEN_COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ConfigError(f"{where} not found") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"{where} did not finish in {TOKEN_COMMAND_TIMEOUT:.0f} s") from None
    except OSError as exc:
        raise ConfigError(f"{where} could not run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise ConfigError(f"{where} exited with {done.returncode}")
    token = done.stdout.strip()
    if not token or any(c.isspace() for c in token):
        raise ConfigError(f"{where} printed no token (expected one line, the token)")
    return token


def _profile(name: str, table: Any, where: str) -> Profile:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [profiles.{name}] must be a table")
    if "token" in table:
        raise ConfigError(f"{where}: profile {name} stores a token in clear; remove it and set "
                          "token_env (a variable holding it) or token_command (a command "
                          "printing it)")
    unknown = sorted(set(table) - _PROFILE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: profile {name}: unknown key {unknown[0]!r} "
                          f"(known: {', '.join(sorted(_PROFILE_KEYS))})")
    for key in ("brand", "api_url", "token_env"):
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            raise ConfigError(f"{where}: profile {name}: {key} must be a non-empty string")
    if "brand" not in table:
        raise ConfigError(f"{where}: profile {name} has no brand")
    if "token_env" in table and "token_command" in table:
        raise ConfigError(f"{where}: profile {name}: set token_env or token_command, not both")
    if "token_env" in table and not _NAME.match(table["token_env"]):
        raise ConfigError(f"{where}: profile {name}: token_env must name an environment "
                          "variable (letters, digits, _), not hold the token")
    command: tuple[str, ...] | None = None
    if "token_command" in table:
        raw = table["token_command"]
        if isinstance(raw, str):
            command = tuple(shlex.split(raw))
        elif isinstance(raw, list) and all(isinstance(part, str) for part in raw):
            command = tuple(raw)
        if not command:
            raise ConfigError(f"{where}: profile {name}: token_command must be a command "
                              "(a string or a list of strings)")
    return Profile(name, table["brand"].strip(), table.get("api_url"), table.get("token_env"),
                   command)


@dataclass(frozen=True)
class Profiles:
    """The parsed config file: profiles by name and the optional default."""

    path: Path
    profiles: dict[str, Profile]
    default: str | None = None

    def get(self, name: str) -> Profile:
        try:
            return self.profiles[name]
        except KeyError:
            known = ", ".join(sorted(self.profiles)) or "none"
            raise ConfigError(f"no profile {name!r} in {self.path} (profiles: {known})") from None


def load_profiles(path: Path | None = None) -> Profiles:
    """Parse the config file; a missing file is an empty config, a broken one a ``ConfigError``."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Profiles(path, {})
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"profiles", "default_profile"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: default_profile, "
                          "profiles)")
    tables = data.get("profiles", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{path}: profiles must be a table ([profiles.NAME])")
    profiles = {name: _profile(name, table, str(path)) for name, table in tables.items()}
    default = data.get("default_profile")
    if default is not None and (not isinstance(default, str) or default not in profiles):
        raise ConfigError(f"{path}: default_profile {default!r} is not a profile in the file")
    return Profiles(path, profiles, default)


def token_expiry(token: str) -> int | None:
    """The ``exp`` claim (Unix seconds) of a JWT, read without verifying it; None if absent.

    Only the payload segment is decoded; nothing derived from the token but this number
    leaves the function.
    """
    import base64
    import binascii
    import json

    parts = token.split(".")
    if len(parts) != 3:
        return None
    segment = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(segment))
    except (binascii.Error, ValueError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return exp if type(exp) is int else None
