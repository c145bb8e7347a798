"""The backups every word-list change leaves behind: list them, find the latest, prune them.

``sync.save_backup`` writes ``<brand>-<UTC time>[-n].txt`` with a header naming the brand;
this module reads those names and headers back. Retention: after each new backup, only the
newest ``KEEP_DEFAULT`` (100) backups of that brand are kept (``KICKFLIP_BACKUPS_KEEP``
changes it; 0 keeps them all). Only files this package wrote for that brand, named and
headed as it writes them, are ever deleted.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import ConfigError

__all__ = ["KEEP_DEFAULT", "KEEP_ENV", "BackupInfo", "backup_brand", "keep_count",
           "list_backups", "new_backup_path", "prune_backups", "safe_brand"]

log = logging.getLogger("kickflip_moderation.backups")

KEEP_ENV = "KICKFLIP_BACKUPS_KEEP"
KEEP_DEFAULT = 100
_NAME = re.compile(r"^(?P<brand>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.txt$")
_HEADER = re.compile(r"^#\s*kickflip-moderation backup of brand (?P<brand>.+), taken ")


def safe_brand(brand: str) -> str:
    """The brand as it appears in a backup's file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", brand) or "brand"


@dataclass(frozen=True)
class BackupInfo:
    """A backup file: whose list it holds and when it was taken (from its name)."""

    path: Path
    brand: str | None  # from the header; None for a file this package did not write
    taken: datetime
    sequence: int  # the -n suffix of backups taken within the same second

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.taken, self.sequence)


def new_backup_path(directory: Path, brand: str, now: datetime) -> Path:
    """``<brand>-<UTC time>.txt``, or ``-2``, ``-3``... past the highest suffix taken that
    second: a pruned older file must not free a name that would then sort before it."""
    stem = f"{safe_brand(brand)}-{now:%Y%m%dT%H%M%SZ}"
    taken = [info.sequence for p in directory.glob(f"{glob.escape(stem)}*.txt")
             if (info := _info(p)) is not None and p.name.startswith(f"{stem}")]
    n = max(taken, default=0) + 1
    return directory / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")


def backup_brand(path: str | Path) -> str | None:
    """The brand named in a backup's first line, or None (a plain word-list file)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
    except OSError:
        return None
    m = _HEADER.match(first.strip())
    return m.group("brand") if m else None


def _info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    taken = datetime.strptime(m.group("stamp"), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return BackupInfo(path, backup_brand(path), taken, int(m.group("n") or 1))


def list_backups(directory: Path, brand: str | None = None) -> list[BackupInfo]:
    """Backups in ``directory``, oldest first; only ``brand``'s when given."""
    if not directory.is_dir():
        return []
    found = [info for p in directory.glob("*.txt") if (info := _info(p)) is not None]
    if brand is not None:
        found = [i for i in found if i.brand == brand and i.path.name.startswith(
            f"{safe_brand(brand)}-")]
    return sorted(found, key=lambda i: i.sort_key)


def keep_count() -> int:
    """How many backups per brand to keep (``KICKFLIP_BACKUPS_KEEP``; 0 = all)."""
    raw = os.environ.get(KEEP_ENV, "").strip()
    if not raw:
        return KEEP_DEFAULT
    if not raw.isdigit():
        raise ConfigError(f"{KEEP_ENV} must be a whole number (0 keeps every backup), "
                          f"not {raw!r}")
    return int(raw)


def prune_backups(directory: Path, brand: str, keep: int | None = None) -> list[Path]:
    """Delete ``brand``'s backups beyond the newest ``keep``; return what was deleted."""
    keep = keep_count() if keep is None else keep
    if keep <= 0:
        return []
    old = list_backups(directory, brand)[:-keep]
    for info in old:
        info.path.unlink(missing_ok=True)
    if old:
        log.info("deleted %d old backup(s) of %s, keeping the newest %d (%s)", len(old), brand,
                 keep, KEEP_ENV)
    return [info.path for info in old]
