"""Bounded memo caches: the one rule every matcher cache follows to stay bounded.

The matcher remembers per-chunk and per-text work (chunk verdicts, chunk matches, compiled
pattern sets) because words recur across texts. Each cache is a plain ``dict`` so a hit
costs one lookup and nothing else: an LRU would add bookkeeping to every hit on the hot
path. Instead a full cache is emptied and refilled: the working set (the words of recent
texts) is re-learned within a few texts, and memory never grows without bound.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["make_room"]


class _Cache(Protocol):
    """A dict or a set: it has a size and can be emptied."""

    def __len__(self) -> int: ...
    def clear(self) -> None: ...


def make_room(cache: _Cache, limit: int, incoming: int = 1, held: int | None = None) -> bool:
    """Empty ``cache`` (through its own ``clear``, so a cache that keeps side tables clears
    them too) if adding ``incoming`` more would take it past ``limit``. ``held`` is how much
    it holds now when that is not its length (a cache budgeted by weight); the caller then
    resets its count. Returns whether the cache was emptied."""
    if (len(cache) if held is None else held) + incoming > limit:
        cache.clear()
        return True
    return False
