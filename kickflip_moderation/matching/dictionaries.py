"""Which shipped dictionaries hold a word? A compact, lazily loaded lookup for the matcher.

The matcher asks only about words in which a candidate match sits *inside* a longer word
(``specialist`` around ``cialis``), which clean text rarely has, so the four dictionaries
(``resources_data.load_dictionary``) are read on the first such question, once per
process. Each is kept as one sorted, space-separated string searched by bisection: about
5 MB in all, where sets of the same 370,000 words would take over 40 MB.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from functools import cache

from ..resources_data import DICTIONARY_LANGUAGES, load_dictionary
from .normalization import FOLD

__all__ = ["SortedWords", "dictionary_languages", "load_dictionaries"]


def _head_index(word: str, size: int = 4) -> int | None:
    """The number of a word's first ``size`` letters (base 26), when they are all a-z."""
    head = word[:size]
    if len(head) < size or not (head.isascii() and head.isalpha() and head.islower()):
        return None
    index = 0
    for byte in head.encode():
        index = index * 26 + byte - 97
    return index


def _head(index: int, size: int) -> str:
    """The letters ``_head_index`` numbers ``index``."""
    letters = []
    for _ in range(size):
        index, letter = divmod(index, 26)
        letters.append(chr(97 + letter))
    return "".join(reversed(letters))


class SortedWords:
    """A set of words as one sorted string; ``in`` is a binary search over word offsets."""

    def __init__(self, words: tuple[str, ...] | list[str]) -> None:
        # folded like text (accents, ß -> ss), so the matcher's letters can be looked up
        ordered = sorted(set(" ".join(words).translate(FOLD).split()))
        self._text = " ".join(ordered) + " "
        self._offsets = array("I", [0])
        position = 0
        for word in ordered:
            position += len(word) + 1
            self._offsets.append(position)
        self._count = len(ordered)
        self._longest = max(map(len, ordered), default=0)
        # a bit per four-letter start (a-z) that some word has: most strings asked about
        # (the splits of an unknown word into parts) are turned away without a search
        self._heads = bytearray(26**4 // 8 + 1)
        for word in ordered:
            index = _head_index(word)
            if index is not None:
                self._heads[index >> 3] |= 1 << (index & 7)
        # where the words that start with each three letters (a-z) begin: a search looks
        # only among those (a few dozen), not all 370,000 (70 KB a list)
        self._starts = array("I", (bisect_left(ordered, _head(i, 3)) for i in range(26**3)))
        self._starts.append(self._count)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or len(word) > self._longest or " " in word:
            return False  # a hostile text's one huge "word" costs nothing
        index = _head_index(word)
        if index is not None and not self._heads[index >> 3] & (1 << (index & 7)):
            return False
        text, offsets = self._text, self._offsets
        # the first three letters' number: the first four's without the last
        prefix = _head_index(word, 3) if index is None else index // 26
        if prefix is None:
            low, high = 0, self._count
        else:
            low, high = self._starts[prefix], self._starts[prefix + 1]
        while low < high:
            middle = (low + high) // 2
            candidate = text[offsets[middle] : offsets[middle + 1] - 1]
            if candidate < word:
                low = middle + 1
            elif candidate > word:
                high = middle
            else:
                return True
        return False


_LOCK = threading.Lock()


@cache
def _dictionaries() -> tuple[tuple[str, SortedWords], ...]:
    return tuple((lang, SortedWords(load_dictionary(lang))) for lang in DICTIONARY_LANGUAGES)


def load_dictionaries() -> None:
    """Load the dictionaries now (about 0.4 s, once per process) rather than on the first
    candidate inside a longer word: the checkout guard calls it when it builds a matcher."""
    with _LOCK:  # one load, even when checkout threads ask at the same time
        _dictionaries()


def dictionary_languages(word: str) -> tuple[str, ...]:
    """The languages whose shipped dictionary holds ``word`` (folded, lower case)."""
    with _LOCK:
        dictionaries = _dictionaries()
    return tuple(lang for lang, words in dictionaries if word in words)
