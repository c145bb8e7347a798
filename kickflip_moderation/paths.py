"""Where state lives: backups, the scan database and the wordfilter cache.

One user data directory per OS (platformdirs), overridable with ``KICKFLIP_MODERATION_HOME``
so tests and CI never touch a real home directory. Files holding customer data or word
lists are created user-only (0600), directories 0700.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["data_dir", "ensure_private_dir", "write_private_file"]

HOME_ENV = "KICKFLIP_MODERATION_HOME"


def data_dir() -> Path:
    """The directory for our state; created on demand by the callers that write to it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("kickflip-moderation", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def write_private_file(path: Path, data: str | bytes) -> Path:
    """Write atomically (temp file + rename) with mode 0600, so a crash never leaves half a file."""
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
