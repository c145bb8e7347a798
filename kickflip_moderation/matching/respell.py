"""Other spellings of a compiled entry, for the readings that need them.

* ``leet_read``: an entry with digits as a text reads them when they are spelled among
  letters (``2 g.i.r.l.s 1 c.u.p`` is one word, ``zgirlsicup``);
* ``ambiguous_spellings``: the entry with ``AMBIGUOUS_IL`` for any of its "i" and "l",
  since "1" and "|" stand for either, even within one word (``j41|``, ``d1n91eberry``).

Entries are run-length keys (``patterns.compile_entry``); these work letter by letter and
rebuild the runs, never joining equal letters across the entry's own word breaks.
"""

from __future__ import annotations

import itertools
import re

from .textmodel import AMBIGUOUS_IL, LEET

__all__ = ["NO_BREAKS", "ambiguous_spellings", "leet_read", "letter_offsets"]

_DIGIT = re.compile(r"[0-9]")
NO_BREAKS: frozenset[int] = frozenset()  # shared by every entry without word breaks


def _unrun(key: str, counts: tuple[int, ...], breaks: frozenset[int]) -> tuple[list[str], set[int]]:
    """Runs -> letters, and the letter offsets where the entry starts a new word."""
    chars = [c for c, n in zip(key, counts, strict=True) for _ in range(n)]
    return chars, set(letter_offsets(counts, breaks))


def _rerun(chars: list[str], starts_word: set[int]) -> tuple[str, tuple[int, ...], frozenset[int]]:
    """Letters -> runs again; equal letters never join across the entry's word breaks."""
    run_chars: list[str] = []
    run_counts: list[int] = []
    run_breaks: set[int] = set()
    for i, char in enumerate(chars):
        if i in starts_word:
            run_breaks.add(len(run_chars))
        elif run_chars and run_chars[-1] == char:
            run_counts[-1] += 1
            continue
        run_chars.append(char)
        run_counts.append(1)
    return "".join(run_chars), tuple(run_counts), frozenset(run_breaks)


def letter_offsets(counts: tuple[int, ...], run_breaks: frozenset[int]) -> frozenset[int]:
    """Run offsets of an entry's breaks -> letter offsets (runs have ``counts`` letters)."""
    if not run_breaks:
        return NO_BREAKS
    offsets: set[int] = set()
    position = 0
    for run, count in enumerate(counts):
        if run in run_breaks:
            offsets.add(position)
        position += count
    return frozenset(offsets)


def leet_read(
    key: str, counts: tuple[int, ...], breaks: frozenset[int]
) -> tuple[str, tuple[int, ...], frozenset[int]] | None:
    """An entry with digits as a text reads them when they are spelled among letters:
    ``2 girls 1 cup`` written ``2 g.i.r.l.s 1 c.u.p`` is one word, ``zgirlsicup``."""
    if key.isalpha() or not _DIGIT.search(key):
        return None
    chars, starts_word = _unrun(key, counts, breaks)
    return _rerun([LEET.get(c, c) for c in chars], starts_word)


_MAX_AMBIGUOUS = 6  # an entry with more i/l letters gets fewer ambiguous spellings


def ambiguous_spellings(
    key: str, counts: tuple[int, ...], breaks: frozenset[int]
) -> list[tuple[str, tuple[int, ...], frozenset[int]]]:
    """The entry's runs with ``AMBIGUOUS_IL`` for some of its "i" and "l" letters: every
    choice (``jail`` -> ``jaIl``, ``jaiI``, ``jaI``+2), since "1" and "|" in one word can
    stand for different letters. ``I`` next to ``I`` is one run, as in the text."""
    chars, starts_word = _unrun(key, counts, breaks)
    slots = [i for i, c in enumerate(chars) if c in "il"]
    if len(slots) <= _MAX_AMBIGUOUS:
        choices: list[tuple[int, ...]] = [
            combo
            for size in range(1, len(slots) + 1)
            for combo in itertools.combinations(slots, size)
        ]
    else:
        choices = [(slot,) for slot in slots] + [tuple(slots)]
    spellings = []
    for choice in choices:
        variant = list(chars)
        for slot in choice:
            variant[slot] = AMBIGUOUS_IL
        spellings.append(_rerun(variant, starts_word))
    return spellings
