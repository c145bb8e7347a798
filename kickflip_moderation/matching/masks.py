"""Self-censoring: ``f*ck``, ``sh#t``, ``a**hole``: each mask between letters hides one letter.

A masked spelling counts only where it is unambiguous enough to be an evasion: the first
and last letters stay visible, at most two neighbouring letters are hidden, and at least
half of the entry's letters show (``f**k`` yes, ``b***h`` no). The automaton of masked
spellings is built on first use, since most texts never contain a mask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

from .textmodel import MASK

__all__ = ["MASK_CHARS", "MaskedEntries", "has_mask_char", "masked_spellings", "may_be_masked"]

MAX_HIDDEN = 2
MAX_LENGTH = 16
#: Longer entries (phrases: "leather straight jacket") get masked spellings too while
#: the list is small enough that their number stays small.
MAX_LENGTH_SMALL_LIST = 40
SMALL_LIST = 20_000
#: What texts mask letters with, before folding (fullwidth, asterisk operators).
MASK_CHARS = "*#\uff0a\uff03\u2217\u204e"
_MASK_CHAR_RE = re.compile("[" + re.escape(MASK_CHARS) + "]")
_MASKED_RAW = re.compile(r"[^\W_][" + re.escape(MASK_CHARS) + r"]+[^\W_]")


def has_mask_char(text: str) -> bool:
    """Does ``text`` hold any character that masks letters (``MASK_CHARS``)?"""
    return _MASK_CHAR_RE.search(text) is not None


def may_be_masked(text: str) -> bool:
    """A mask between letters or digits in the original text (looser than the folded
    text's): such a text goes to the exact stage, since a masked spelling has no
    skeleton for the prefilter to look for."""
    if text.isascii():  # two fast searches beat a regex scan
        if "*" not in text and "#" not in text:
            return False
    elif not has_mask_char(text):
        return False
    return _MASKED_RAW.search(text) is not None


def masked_spellings(letters: str, max_length: int = MAX_LENGTH) -> Iterable[str]:
    """Every masked spelling of ``letters`` under the rule above (none for long entries)."""
    n = len(letters)
    if n < 3 or n > max_length:
        return
    for hidden in range(1, MAX_HIDDEN + 1):
        if n - hidden < max(2, (n + 1) // 2):
            break
        for start in range(1, n - hidden):
            yield letters[:start] + MASK * hidden + letters[start + hidden :]


class MaskedEntries:
    """An automaton of masked spellings -> (entry index, entry length, word breaks) targets.

    ``entries`` gives each entry's compact letters and the letter offsets where its words
    break ("white power" breaks at 5), so a caller can check the text breaks there too.
    """

    def __init__(
        self, entries: Iterable[tuple[int, str, frozenset[int]]], max_length: int = MAX_LENGTH
    ) -> None:
        grouped: dict[str, list[tuple[int, int, frozenset[int]]]] = {}
        for index, letters, breaks in entries:
            for spelling in masked_spellings(letters, max_length):
                grouped.setdefault(spelling, []).append((index, len(letters), breaks))
        self._automaton = ahocorasick.Automaton()
        for spelling, targets in grouped.items():
            self._automaton.add_word(spelling, (len(spelling), tuple(targets)))
        self._empty = not grouped
        if grouped:
            self._automaton.make_automaton()

    def spans(self, letters: str) -> list[tuple[int, int, frozenset[int], int, int]]:
        """(entry index, entry length, entry breaks, begin, finish) per masked spelling."""
        if self._empty or MASK not in letters:
            return []
        found: list[tuple[int, int, frozenset[int], int, int]] = []
        for last, (length, targets) in self._automaton.iter(letters):
            begin = last - length + 1
            for index, entry_length, breaks in targets:
                found.append((index, entry_length, breaks, begin, last + 1))
        return found
