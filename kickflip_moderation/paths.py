"""Where state lives: backups, the scan database and the wordfilter cache.

One user data directory per OS (platformdirs), overridable with ``KICKFLIP_MODERATION_HOME``
so tests and CI never touch a real home directory. Files holding customer data or word
lists are created user-only (0600), directories 0700.

The state directory may sit somewhere others can write (a shared machine, a CI cache), so
state is never reached through a symbolic link planted there: the scan database and the
``backups/`` and ``cache/`` directories are refused when they are symlinks (a link would
send backups or customer text wherever its owner points it). A state directory that others
may write to (e.g. 0777 without the sticky bit) is used, with a warning once per process.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

import platformdirs

from .errors import ConfigError

__all__ = [
    "check_not_symlink",
    "data_dir",
    "ensure_private_dir",
    "ensure_state_dir",
    "warn_if_shared",
    "write_private_file",
    "write_state_file",
]

HOME_ENV = "KICKFLIP_MODERATION_HOME"
log = logging.getLogger("kickflip_moderation.paths")
_warned: set[Path] = set()


def data_dir() -> Path:
    """The directory for our state; created on demand by the callers that write to it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("kickflip-moderation", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; return it."""
    # mkdir(parents=True) gives ``mode`` to the last directory only: create each one.
    for directory in [*reversed(path.parents), path]:
        if not directory.exists():
            directory.mkdir(mode=0o700, exist_ok=True)
    return path


def write_private_file(path: Path, data: str | bytes) -> Path:
    """Write atomically (temp file + rename) with mode 0600, so a crash never leaves half a file.

    The temporary file is unique per call (``mkstemp``), so two threads writing the same
    path (a background refresh and a caller's) never trip over each other.
    """
    ensure_private_dir(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp creates it 0600
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def check_not_symlink(path: Path, what: str) -> Path:
    """``path``, or ``ConfigError`` if it is a symbolic link (never followed for state)."""
    if path.is_symlink():
        raise ConfigError(f"{path}: the {what} is a symbolic link; refusing to follow it "
                          "(remove the link, or choose another path)")
    return path


def warn_if_shared(directory: Path) -> None:
    """Warn (once per directory and process) if users other than us may write in it."""
    try:
        mode = directory.stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IWGRP | stat.S_IWOTH) and not mode & stat.S_ISVTX:
        if directory not in _warned:
            _warned.add(directory)
            log.warning("warning: %s is writable by other users (mode %s): they could "
                        "replace its files; run: chmod 700 %s", directory,
                        oct(stat.S_IMODE(mode)), directory)


def ensure_state_dir(directory: Path) -> Path:
    """A state directory (``backups/``, ``cache/``): created 0700, never a symlink; its
    parent is checked for being shared."""
    check_not_symlink(directory, "state directory")
    ensure_private_dir(directory)
    check_not_symlink(directory, "state directory")  # lost a race with a planted link?
    warn_if_shared(directory.parent)
    warn_if_shared(directory)
    return directory


def write_state_file(path: Path, data: str | bytes) -> Path:
    """``write_private_file`` into a state directory checked by ``ensure_state_dir``."""
    ensure_state_dir(path.parent)
    return write_private_file(path, data)
