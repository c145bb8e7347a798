"""Where state lives: backups and the scan database; where caches live: the wordfilter cache.

State goes to the user data directory and caches (anything the API can give again) to the
user cache directory, per OS (platformdirs), so backup tools and cache cleaners treat each
right. ``KICKFLIP_MODERATION_HOME`` overrides both (caches in its ``cache/``), so tests
and CI never touch a real home directory. Files holding customer data or word lists are
created user-only (0600), directories 0700.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

import platformdirs

__all__ = ["cache_dir", "cache_file", "data_dir", "ensure_private_dir", "write_private_file"]

HOME_ENV = "KICKFLIP_MODERATION_HOME"
_APP = "kickflip-moderation"
log = logging.getLogger(__name__)


def data_dir() -> Path:
    """The directory for our state; created on demand by the callers that write to it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(_APP, appauthor=False))


def cache_dir() -> Path:
    """The directory for caches; created on demand by the callers that write to it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(_APP, appauthor=False))


def cache_file(name: str) -> Path:
    """``cache_dir()/name``, first moving there the file version 0.1.0 kept in
    ``data_dir()/cache/`` (a failed move keeps using the old file: a cache is never worth
    an error)."""
    path = cache_dir() / name
    old = data_dir() / "cache" / name
    if path.exists() or not old.is_file() or old == path:
        return path
    try:
        write_private_file(path, old.read_bytes())
        old.unlink()
    except OSError as exc:
        log.warning("could not move the cache %s to %s: %s", old, path, exc)
        return old
    with contextlib.suppress(OSError):
        old.parent.rmdir()  # only when empty
    return path


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
