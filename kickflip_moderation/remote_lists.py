"""A brand's remote list as the checks use it: bounded, and what is left out said aloud.

Anyone with access to Kickflip's admin can put anything in the list. Local files are
checked when read (``wordlist``); a remote list is taken as it is, so the checks skip what
they cannot use rather than stop, and every place that uses one reports what it skipped
(``scan`` on stderr, the ``words`` commands, ``CheckoutGuard.status.skipped``):

* entries past ``max_entries()`` (100,000 by default, ``KICKFLIP_MAX_ENTRIES``): a list that
  long is a mistake or an attack, and each entry costs build time and memory;
* entries the matcher cannot use (``Matcher.skipped``): longer than 200 characters, or
  nothing left once normalized (``"!!!"``, an emoji).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import ConfigError
from .matching.normalization import entry_key
from .safetext import printable
from .wordlist import MAX_ENTRY_LENGTH

__all__ = ["DEFAULT_MAX_ENTRIES", "Skipped", "cap_entries", "max_entries", "skipped_lines",
           "unusable", "unusable_reason"]

DEFAULT_MAX_ENTRIES = 100_000
MAX_ENTRIES_ENV = "KICKFLIP_MAX_ENTRIES"
UNUSABLE = ("not used by the checks (longer than 200 characters, or nothing left once "
            "normalized)")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A remote entry the checks leave out, and why."""

    entry: str
    reason: str


def max_entries() -> int:
    """The entry-count limit for remote lists (``KICKFLIP_MAX_ENTRIES``, default 100,000)."""
    raw = os.environ.get(MAX_ENTRIES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_ENTRIES
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{MAX_ENTRIES_ENV} must be a positive whole number, not {raw[:40]!r}")
    return int(raw)


def cap_entries(words: Sequence[str]) -> tuple[list[str], list[Skipped]]:
    """The first ``max_entries()`` entries, and the rest as ``Skipped``."""
    limit = max_entries()
    reason = f"past the {limit:,}-entry limit for remote lists ({MAX_ENTRIES_ENV})"
    return list(words[:limit]), [Skipped(w, reason) for w in words[limit:]]


def unusable(entries: Iterable[str]) -> list[Skipped]:
    """``entries`` (e.g. ``Matcher.skipped``) as ``Skipped``, each with its reason."""
    return [Skipped(e, unusable_reason(e) or UNUSABLE) for e in entries]


def unusable_reason(entry: str) -> str | None:
    """Why the checks would leave ``entry`` out, found without building a matcher."""
    if len(entry) > MAX_ENTRY_LENGTH:
        return f"longer than {MAX_ENTRY_LENGTH} characters: not used by the checks"
    if not entry_key(entry):
        return "nothing left once normalized: not used by the checks"
    return None


def skipped_lines(skipped: Sequence[Skipped], *, show: int = 20) -> list[str]:
    """Lines for people: a count, then up to ``show`` entries, escaped and shortened."""
    if not skipped:
        return []
    noun = "remote entry" if len(skipped) == 1 else "remote entries"
    lines = [f"Left out {len(skipped):,} {noun} (they stay in Kickflip):"]
    for s in skipped[:show]:
        text = s.entry if len(s.entry) <= 60 else s.entry[:57] + "..."
        lines.append(f"  {printable(repr(text))} {s.reason}")
    if len(skipped) > show:
        lines.append(f"  ... and {len(skipped) - show:,} more")
    return lines
