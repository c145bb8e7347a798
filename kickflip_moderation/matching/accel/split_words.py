"""Split words: which short texts may hold a word split by spaces (``fu ck``, ``bit ch``).

The judge counts an occurrence that runs over a space only when one of the pieces it
spans is no word of its own (``judge.reads_split_words``). Most texts are made of known
words ("Happy Birthday Mom"): they need neither the marker-free prefilter keys, which
find an entry across chunks (``pushit`` holds ``shit``), nor the exact stage for it.

Contract (an over-approximation): ``SplitWords.may_split(text)`` is True whenever the
reference may find, in ``text``, an occurrence that runs over a space. It says False only
for a text the reference reads no split words in (a long one), a text of one chunk, or one
whose every chunk is a *word chunk* and whose chunks share a language: two or more plain
letters that the judge calls a word of its own in that language
(``judge.split_piece_languages``), with only the outer punctuation that stays punctuation
in every reading (``Mom,`` ``"Hello``); or a number, when no entry holds a digit (a word
of any language). Such a chunk is one piece, a word of its own, in every reading; a single
letter may join its neighbours into spelled letters, and a symbol may be a letter, so
neither is a word chunk. The judge asks the pieces of one occurrence, a subset of the
chunks, to share a language: a language all chunks share is shared by any subset.
(``Matcher`` remembers the short texts found clean, since names recur and the
marker-free keys find entries inside their words: "Cassidy Jones".)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..caches import make_room
from ..judge import reads_split_words, split_piece_languages
from ..known import EVERY_LANGUAGE

__all__ = ["SplitWords"]

_MAX_CHUNKS = 50_000
#: What PLAIN text (``normalization.PLAIN``) allows around a chunk's letters.
_LEADING = "\"'[{<"
_TRAILING = ".,;:?\"']}>)"
_LETTERS = re.compile(r"[a-z]{2,}")
_NUMBER = re.compile(r"[0-9]{2,}")
_DIGIT = re.compile(r"[0-9]")


class SplitWords:
    """``may_split(text)``: may the reference find a split word in ``text``?"""

    def __init__(self, entries: Sequence[str]) -> None:
        self._entries = entries
        # chunk -> the languages it is a word chunk in (remembered; empty: none)
        self._word_chunks: dict[str, frozenset[str]] = {}
        self._digits: bool | None = None  # does an entry hold a digit? (asked on first use)

    def may_split(self, text: str, chunks: Sequence[str] | None = None) -> bool:
        """False guarantees no occurrence the reference finds in ``text`` runs over a
        space. ``chunks``: ``text.split()``, when the caller has it."""
        if not reads_split_words(text):
            return False
        if chunks is None:
            chunks = text.split()
        if len(chunks) < 2:
            return False
        known = self._word_chunks
        shared: frozenset[str] | None = None
        for chunk in chunks:
            languages = known.get(chunk)
            if languages is None:
                languages = self._word_chunk(chunk)
                make_room(known, _MAX_CHUNKS)
                known[chunk] = languages
            shared = languages if shared is None else shared & languages
            if not shared:
                return True
        return False

    def _word_chunk(self, chunk: str) -> frozenset[str]:
        """The languages in which ``chunk`` is a word chunk (empty: it is none)."""
        core = chunk.lower().lstrip(_LEADING).rstrip(_TRAILING)
        if _LETTERS.fullmatch(core):
            return split_piece_languages(core)
        if _NUMBER.fullmatch(core):
            if self._digits is None:
                self._digits = any(_DIGIT.search(entry) for entry in self._entries)
            return frozenset() if self._digits else EVERY_LANGUAGE
        return frozenset()
