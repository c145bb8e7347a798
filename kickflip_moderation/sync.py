"""Change a brand's remote word list without losing a word.

Kickflip's POST replaces the whole list and has no version or ETag
(``docs/kickflip-api.md``, notes #11-#12), so every change here follows the same steps, and
the CLI only renders the results:

1. ``read_remote`` + ``plan_merge``/``plan_push``: what would change (shown to the user).
2. ``apply_plan``: read the remote list again right before writing; entries another admin
   added since step 1 are folded in, never removed (a push keeps them too: a removal must
   have been shown to the user before it happens).
3. Back up the list being replaced (the re-read one) under ``data_dir()/backups``, 0600.
4. POST the full list with the current ``isActive``, then GET it back and compare.

``set_active`` (enable/disable) sends ``isActive`` together with the words just re-read, so
an API that treats a missing ``words`` as "empty" cannot wipe the list.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from . import paths
from .backups import new_backup_path, prune_backups
from .errors import APIError, WordlistError
from .wording import entry_count
from .wordlist import merge, read_entries, unrepresentable, write_wordlist

__all__ = [
    "Backup",
    "Plan",
    "Snapshot",
    "SyncResult",
    "Verification",
    "WordfilterClient",
    "apply_plan",
    "backups_dir",
    "plan_merge",
    "plan_push",
    "read_backup",
    "read_remote",
    "save_backup",
    "set_active",
    "verify",
]


class WordfilterClient(Protocol):
    """The two ``KickflipClient`` methods this module needs (tests may pass a stand-in)."""

    def get_wordfilter(self) -> Any: ...

    def set_wordfilter(
        self, words: Sequence[str] | None = None, is_active: bool | None = None
    ) -> Any: ...


@dataclass(frozen=True)
class Snapshot:
    """The remote list at one moment."""

    words: tuple[str, ...]
    is_active: bool


def read_remote(client: WordfilterClient) -> Snapshot:
    wf = client.get_wordfilter()
    return Snapshot(tuple(wf.words), bool(wf.is_active))


def _minus(a: Iterable[str], b: Iterable[str]) -> list[str]:
    other = set(b)
    return [e for e in merge(list(a)) if e not in other]


@dataclass(frozen=True)
class Plan:
    """What a merge or push would do to ``remote``; ``local`` is the deduplicated file list."""

    mode: str  # "merge" | "push" | "restore"
    remote: Snapshot
    local: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def added(self) -> list[str]:
        return _minus(self.after, self.remote.words)

    @property
    def removed(self) -> list[str]:
        return _minus(self.remote.words, self.after)

    @property
    def changes(self) -> bool:
        return list(self.after) != list(self.remote.words)

    def to_json(self) -> dict[str, Any]:
        """The same keys as ``SyncResult.to_json``, for a plan that was not applied."""
        return {"posted": False, "added": self.added, "removed": self.removed, "backup": None,
                "concurrent_added": [], "concurrent_removed": [], "verified": None,
                "missing": [], "unexpected": [], "isActive": self.remote.is_active}


def plan_merge(remote: Snapshot, *locals_: Iterable[str]) -> Plan:
    """Union of the remote list and the files: it can only add."""
    local = tuple(merge([], *locals_))
    return Plan("merge", remote, local, tuple(merge(remote.words, local)))


def plan_push(remote: Snapshot, entries: Iterable[str], *, mode: str = "push") -> Plan:
    """Replace the remote list with ``entries`` (exact duplicates dropped, file order kept)."""
    local = tuple(merge([], entries))
    return Plan(mode, remote, local, local)


@dataclass(frozen=True)
class Verification:
    """The remote list read back after a POST, compared with what was sent."""

    ok: bool
    missing: tuple[str, ...] = ()  # sent, not on the remote
    unexpected: tuple[str, ...] = ()  # on the remote, not sent
    is_active: bool | None = None  # as read back
    active_ok: bool = True


def verify(sent: Sequence[str], got: Snapshot, *, is_active: bool | None = None) -> Verification:
    """Compare as multisets: an API that reorders loses nothing, one that drops a word does."""
    want, have = Counter(sent), Counter(got.words)
    missing = tuple((want - have).elements())
    unexpected = tuple((have - want).elements())
    active_ok = is_active is None or got.is_active == is_active
    return Verification(
        not missing and not unexpected and active_ok, missing, unexpected, got.is_active, active_ok
    )


@dataclass(frozen=True)
class SyncResult:
    """What ``apply_plan``/``set_active`` did. ``sent`` is None when nothing was POSTed."""

    plan: Plan | None
    fresh: Snapshot  # the remote list re-read right before writing
    sent: tuple[str, ...] | None
    backup: Path | None
    concurrent_added: tuple[str, ...] = ()  # added remotely since the plan; kept
    concurrent_removed: tuple[str, ...] = ()  # removed remotely since the plan
    verification: Verification | None = None

    @property
    def posted(self) -> bool:
        return self.sent is not None

    @property
    def added(self) -> list[str]:
        return _minus(self.sent or (), self.fresh.words)

    @property
    def removed(self) -> list[str]:
        return _minus(self.fresh.words, self.sent) if self.sent is not None else []

    def to_json(self) -> dict[str, Any]:
        v = self.verification
        return {
            "posted": self.posted,
            "added": self.added,
            "removed": self.removed,
            "backup": str(self.backup) if self.backup else None,
            "concurrent_added": list(self.concurrent_added),
            "concurrent_removed": list(self.concurrent_removed),
            "verified": v.ok if v else None,
            "missing": list(v.missing) if v else [],
            "unexpected": list(v.unexpected) if v else [],
            "isActive": v.is_active if v else self.fresh.is_active,
        }


def backups_dir() -> Path:
    return paths.data_dir() / "backups"  # checked at write time (paths.write_state_file)


#: A backup line holding, as a JSON string, a remote entry the word-list format cannot hold
#: (empty, a line break, a NUL, surrounding spaces): other readers see a comment, and
#: ``read_backup`` gets the exact entry back, in its place.
JSON_ENTRY = "#= "


def _backup_lines(words: Sequence[str]) -> str:
    return "".join(
        f"{JSON_ENTRY}{json.dumps(w)}\n" if unrepresentable(w) else write_wordlist([w])
        for w in words
    )


def save_backup(brand: str, snapshot: Snapshot, *, directory: Path | None = None) -> Path:
    """Save ``snapshot`` as ``<brand>-<UTC time>.txt`` (word-list format, mode 0600); odd
    remote entries are kept exactly as ``#= "json"`` lines (``JSON_ENTRY``)."""
    directory = paths.ensure_state_dir(directory or backups_dir())
    now = datetime.now(UTC)
    path = new_backup_path(directory, brand, now)
    header = [
        f"kickflip-moderation backup of brand {brand}, taken {now:%Y-%m-%dT%H:%M:%SZ}",
        f"isActive: {'true' if snapshot.is_active else 'false'}",
        f"{entry_count(len(snapshot.words))}; restore with: kickflip-moderation words restore FILE",
    ]
    text = write_wordlist([], header=header) + _backup_lines(snapshot.words)
    written = paths.write_state_file(path, text)
    prune_backups(directory, brand)  # retention: see kickflip_moderation.backups
    return written


@dataclass(frozen=True)
class Backup:
    words: tuple[str, ...]
    is_active: bool | None  # from the ``# isActive:`` header, when present


def read_backup(path: str | Path) -> Backup:
    """A backup (or any word-list file); entries over the usual length limit are accepted."""
    by_line = {e.line: e.text for e in read_entries(path, max_length=None)}
    active: bool | None = None
    text = Path(path).read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.split("\n"), start=1):
        m = re.match(r"\s*#\s*isActive:\s*(true|false)\s*$", line)
        if m and active is None:
            active = m.group(1) == "true"
        if line.startswith(JSON_ENTRY):
            try:
                entry = json.loads(line[len(JSON_ENTRY):])
            except ValueError:
                entry = None
            if not isinstance(entry, str):
                raise WordlistError(f"{path}:{number}: a '#= ' line must hold one JSON string")
            by_line[number] = entry
    return Backup(tuple(by_line[n] for n in sorted(by_line)), active)


def _post_and_verify(
    client: WordfilterClient, words: Sequence[str], is_active: bool | None, backup: Path
) -> Verification:
    """POST, then read back. A POST whose answer is lost (timeouts, 500s) may still have
    been stored, so a failed POST is read back too: stored as sent means done; anything
    else is an error naming the backup of the list it replaced."""
    try:
        client.set_wordfilter(words=list(words), is_active=is_active)
    except APIError as exc:
        restore = (f"the list before this change is backed up in {backup} (restore it with: "
                   f"kickflip-moderation words restore {backup})")
        try:
            got = read_remote(client)
        except APIError as again:
            raise APIError(f"{exc}; reading the list back failed too ({again}), so it is "
                           f"unknown whether Kickflip stored it; {restore}") from exc
        verification = verify(words, got, is_active=is_active)
        if verification.ok:
            return verification  # stored as sent: only the answer was lost
        raise APIError(f"{exc}; the list read back is not what was sent "
                       f"({len(verification.missing)} missing, {len(verification.unexpected)}"
                       f" unexpected); {restore}") from exc
    return verify(words, read_remote(client), is_active=is_active)


def apply_plan(
    client: WordfilterClient,
    plan: Plan,
    *,
    brand: str,
    allow_removals: bool = False,
    backup_dir: Path | None = None,
) -> SyncResult:
    """Re-read, fold in concurrent additions, back up, POST, read back and verify."""
    fresh = read_remote(client)
    added_since = tuple(_minus(fresh.words, plan.remote.words))
    removed_since = tuple(_minus(plan.remote.words, fresh.words))
    if plan.mode == "merge":
        final = merge(fresh.words, plan.local)
    else:
        final = merge(plan.after, added_since)
    removals = _minus(fresh.words, final)
    if removals and not allow_removals:
        raise ValueError(f"{len(removals)} removals were not allowed; nothing was sent")
    if final == list(fresh.words):
        return SyncResult(plan, fresh, None, None, added_since, removed_since)
    backup = save_backup(brand, fresh, directory=backup_dir)
    # isActive goes along unchanged: an API that reads a missing key as false cannot flip it.
    verification = _post_and_verify(client, final, fresh.is_active, backup)
    return SyncResult(plan, fresh, tuple(final), backup, added_since, removed_since, verification)


def set_active(
    client: WordfilterClient, active: bool, *, brand: str, backup_dir: Path | None = None
) -> SyncResult:
    """Turn the filter on or off, re-sending the current words so none can be lost."""
    fresh = read_remote(client)
    if fresh.is_active == active:
        return SyncResult(None, fresh, None, None)
    backup = save_backup(brand, fresh, directory=backup_dir)
    verification = _post_and_verify(client, fresh.words, active, backup)
    return SyncResult(None, fresh, fresh.words, backup, verification=verification)
