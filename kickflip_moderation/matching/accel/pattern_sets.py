"""The exact stage's patterns, compiled per set of entries the prefilter names.

Contract: ``PatternSets(entries, candidates)(text)`` holds the patterns of every entry in
``candidates(text)``; with a sound prefilter (its candidates include every entry the
reference finds in ``text``), the exact stage then finds what the reference finds.

Why: the whole list lives in one trie, the prefilter's. A dirty text names a few entries
and texts repeat them, so a set's patterns are compiled once and remembered, within a
budget of entries (``make_room``) so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..caches import make_room
from ..entries import Automaton

__all__ = ["PatternSets"]

#: Entries compiled in all the remembered sets together.
MAX_PATTERN_ENTRIES = 16_384


class PatternSets:
    """``patterns(text)``: an ``Automaton`` of the entries ``candidates(text)`` names."""

    def __init__(
        self,
        entries: Sequence[str],
        candidates: Callable[[str], Iterable[int]],
        budget: int = MAX_PATTERN_ENTRIES,
    ) -> None:
        self._entries = entries
        self._candidates = candidates
        self._budget = budget
        self._sets: dict[frozenset[int], Automaton] = {}
        self._held = 0  # entries in the remembered sets

    def __call__(self, text: str) -> Automaton:
        indices = frozenset(self._candidates(text))
        found = self._sets.get(indices)
        if found is None:
            found = Automaton(self._entries, "word-list", indices=sorted(indices), inflect=True)
            if len(indices) > self._budget // 8:
                return found  # a rare text that names many entries: not worth the memory
            if make_room(self._sets, self._budget, len(indices), self._held):
                self._held = 0
            self._held += len(indices)
            self._sets[indices] = found
        return found

    @property
    def held(self) -> int:
        """Entries compiled in the remembered sets (at most the budget)."""
        return self._held

    def remembered(self) -> list[frozenset[int]]:
        """The entry sets remembered now."""
        return list(self._sets)

    def automata(self) -> list[Automaton]:
        """The compiled pattern sets remembered now (for memory measurements)."""
        return list(self._sets.values())
