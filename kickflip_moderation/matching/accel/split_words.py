"""Split words: which short texts may hold a word split by spaces (``fu ck``, ``bit ch``).

The judge counts an occurrence that runs over a space only when one of the pieces it
spans is no word of its own (``judge.reads_split_words``). Most texts are made of known
words ("Happy Birthday Mom"): they need neither the marker-free prefilter keys, which
find an entry across chunks (``pushit`` holds ``shit``), nor the exact stage for it.

Contract (an over-approximation): ``SplitWords.may_split(text)`` is True whenever the
reference may find, in ``text``, an occurrence that runs over a space. It says False only
for a text the reference reads no split words in (a long one), a text of one chunk, or one
whose every chunk is a *word chunk*: two or more plain letters that the judge calls a word
of its own (``judge.word_of_its_own_in_a_split``), with only the outer punctuation that
stays punctuation in every reading (``Mom,`` ``"Hello``); or a number, when no entry
holds a digit. Such a chunk is one piece, a word of its own, in every reading; a single
letter may join its neighbours into spelled letters, and a symbol may be a letter, so
neither is a word chunk. ``clean_texts`` holds texts the exact stage found clean: a text
in it is clean (texts are matched the same way every time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..caches import make_room
from ..judge import reads_split_words, word_of_its_own_in_a_split

__all__ = ["SplitWords"]

_MAX_CHUNKS = 50_000
_MAX_TEXTS = 20_000  # texts of at most 200 characters: a few MB at most
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
        self._word_chunks: dict[str, bool] = {}  # chunk -> is it a word chunk? (remembered)
        self._digits: bool | None = None  # does an entry hold a digit? (asked on first use)
        #: Texts that may hold a split word and that the exact stage found clean: names
        #: ("Cassidy Jones") recur, and the marker-free keys find entries inside their
        #: words, so each would otherwise reach the exact stage every time.
        self.clean_texts: set[str] = set()

    def remember_clean(self, text: str) -> None:
        """``text`` (a short one ``may_split`` let through) holds no match."""
        make_room(self.clean_texts, _MAX_TEXTS)
        self.clean_texts.add(text)

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
        for chunk in chunks:
            verdict = known.get(chunk)
            if verdict is None:
                verdict = self._word_chunk(chunk)
                make_room(known, _MAX_CHUNKS)
                known[chunk] = verdict
            if not verdict:
                return True
        return False

    def _word_chunk(self, chunk: str) -> bool:
        core = chunk.lower().lstrip(_LEADING).rstrip(_TRAILING)
        if _LETTERS.fullmatch(core):
            return word_of_its_own_in_a_split(core)
        if _NUMBER.fullmatch(core):
            if self._digits is None:
                self._digits = any(_DIGIT.search(entry) for entry in self._entries)
            return not self._digits
        return False
