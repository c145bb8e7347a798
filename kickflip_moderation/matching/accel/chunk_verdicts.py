"""Chunk verdicts: what one whitespace-separated chunk of text is, as one letter.

A chunk's verdict (its class for spelled runs, its collapsed skeleton, whether a key
occurs in it alone, whether it can end a multi-word key, whether it holds a leetspeak
symbol) is computed once, in batches at C speed, and cached per matcher and symbol
reading. One letter per chunk (``_CODE_TABLE``) makes a string of codes that regexes
search at C speed; ``chunks.ChunkKeys`` reads it.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import string
from collections.abc import Iterable, Mapping, Sequence

from ..caches import make_room
from ..masks import has_mask_char
from ..normalization import FOLD, PLACEHOLDER
from .skeleton import (
    LEET_SYMBOLS,
    MARK,
    SYMBOL_RE,
    Keys,
    Skeletonizer,
    collapse_doubled,
    holds_needle,
)

__all__ = [
    "ALNUM", "ALONE_CODES", "CODE_OF", "LAST_CODES", "LONE_SYMBOL", "MAX_CACHED_CHUNKS",
    "MAX_CACHED_LENGTH", "PUNCTUATION_CODES", "SPELLED_AS_WORDS", "SPELLED_CHUNK",
    "SPELLED_CODES", "SPELLED_RUNS", "SYMBOL_CODES", "ChunkInfos", "ChunkVerdicts",
    "chunk_class",
]  # fmt: skip

MAX_CACHED_CHUNKS = 50_000
MAX_CACHED_LENGTH = 64


# A spelled chunk: its letters stand alone ("f", "a.s", "(k)"). In folded text letters
# and digits are [a-z0-9]; anything else in a chunk is punctuation.
SPELLED_CHUNK = re.compile(r"[^a-z0-9]*+[a-z0-9](?:[^a-z0-9]++[a-z0-9])*+[^a-z0-9]*+")
ALNUM = re.compile(r"[a-z0-9]")
# A leetspeak symbol on its own may be a spelled letter too ("$ 0 d 0 m", "3 +!").
LONE_SYMBOL = re.compile("[" + re.escape(LEET_SYMBOLS) + "]!*")
_EDGES = string.punctuation + PLACEHOLDER


def _is_word(chunk: str) -> bool:
    """Two letters or digits side by side (``word,``, ``(hello)``): never spelled. A fast
    test for most chunks: punctuation at the edges stripped, the rest is alphanumeric."""
    core = chunk.strip(_EDGES)
    return len(core) > 1 and core.isalnum()


def chunk_class(chunk: str) -> str:
    """"w": a word or number (ends a spelled run); "s": spelled; "p": punctuation only."""
    if _is_word(chunk):
        return "w"
    if SPELLED_CHUNK.fullmatch(chunk) or LONE_SYMBOL.fullmatch(chunk):
        return "s"
    return "w" if ALNUM.search(chunk) else "p"


class ChunkVerdicts(dict[str, tuple[str, str]]):
    """chunk -> (one-character code, collapsed skeleton), for one matcher and one symbol
    reading. The code (``_CODE_TABLE``) tells the chunk's class for spelled runs
    (``chunk_class``; "x" when folding splits the chunk), whether a key occurs in the
    chunk alone, whether the chunk can end a multi-word key and whether it holds a
    leetspeak symbol. One code per chunk makes a string that regexes search at C speed.
    Remembered: words recur (Zipf), so a text pays the per-character work only for the
    words it is the first to use."""

    def __init__(
        self,
        skeletonize: Skeletonizer,
        alone: Keys,
        last_segments: Iterable[str],
        clean: set[str] | None = None,
    ) -> None:
        super().__init__()
        #: chunk -> its code alone, for texts whose chunks are all remembered: one
        #: ``str.join`` over ``code_of.__getitem__`` makes their code string
        self.code_of: dict[str, str] = {}
        self._skeletonize = skeletonize
        # chunks whose code is "w" or "p" (no key, symbol, spelled letter) and that hold
        # no mask: a text made only of those is clean, and ``set.issuperset`` says so
        self._clean = clean
        self._alone = alone.automaton
        # the segments by their first two letters: one short ``startswith`` per chunk
        self._short_segments = tuple(x for x in last_segments if len(x) < 2)
        by_start: dict[str, list[str]] = {}
        for segment in last_segments:
            if len(segment) >= 2:
                by_start.setdefault(segment[:2], []).append(segment)
        self._segments = {
            start: (*group, *self._short_segments) for start, group in by_start.items()
        }

    def __missing__(self, chunk: str) -> tuple[str, str]:
        folded = chunk.lower() if chunk.isascii() else chunk.translate(FOLD)
        body = self._skeletonize.body(chunk)
        part = collapse_doubled(body)
        if " " in folded or MARK in part:
            value = ("x", "")
        else:
            ends = part.startswith(self._segments.get(part[:2], self._short_segments))
            alone = bool(part) and self._alone_hit(part, body)
            symbol = SYMBOL_RE.search(folded) is not None
            value = (_CODE_TABLE[chunk_class(folded), ends, alone, symbol], part)
        if len(chunk) <= MAX_CACHED_LENGTH:  # words recur; a 1 MB chunk does not
            make_room(self, MAX_CACHED_CHUNKS)
            self[chunk] = value
            self.code_of[chunk] = value[0]
            if self._clean is not None and value[0] in "wp" and not has_mask_char(chunk):
                self._clean.add(chunk)
        return value

    def forgive(self, chunk: str) -> None:
        """``chunk`` holds a key but the exact stage found nothing in it (``class``, which
        holds ``ass``): from now on it counts as holding none. Only for a word with no
        leetspeak symbol (code "W" or "V"): what the exact stage finds in such a chunk
        does not depend on the text around it (its letters read alike in every reading;
        it joins no neighbour; its neighbours reach it only through multi-word keys,
        which the code's other flags still tell)."""
        value = self.get(chunk)
        if value is None or value[0] not in "WV":
            return
        code = value[0].lower()
        self[chunk] = (code, value[1])
        self.code_of[chunk] = code
        if self._clean is not None and code == "w" and not has_mask_char(chunk):
            self._clean.add(chunk)

    def clear(self) -> None:
        super().clear()
        self.code_of.clear()
        if self._clean is not None:
            self._clean.clear()

    def learn(self, chunks: Iterable[str]) -> dict[str, tuple[str, str]]:
        """The verdicts of many new chunks at once, at C speed but for a few per-chunk
        steps: one translate, one collapse and one automaton pass over all of them.
        Returns those of chunks too long to remember."""
        new = list(itertools.filterfalse(self.__contains__, dict.fromkeys(chunks)))
        if not new:
            return {}
        joined = " ".join(new)
        bodies = self._skeletonize.body(joined).split(MARK) if joined.isascii() else []
        if len(bodies) != len(new):  # non-ASCII, or a control character inside a chunk
            return {c: self[c] for c in new if len(c) > MAX_CACHED_LENGTH}
        folded = joined.lower().split(" ")
        parts = collapse_doubled(_APART.join(bodies)).split(_APART)
        cores = list(map(_STRIP_EDGES, folded))
        words = map(operator.and_, map(str.isalnum, cores), map(_LONGER_THAN_ONE, map(len, cores)))
        classes = [
            "w" if word else chunk_class(chunk) for word, chunk in zip(words, folded, strict=True)
        ]
        short = itertools.repeat(self._short_segments)
        segments = map(self._segments.get, map(_FIRST_TWO, parts), short)
        ends = list(map(str.startswith, parts, segments))
        symbols = [match is not None for match in map(SYMBOL_RE.search, folded)]
        alone = [False] * len(new)
        skeleton = MARK + MARK.join(parts) + MARK
        marks = counted = 0
        # a chunk's needles are looked for once per chunk and key (a hostile text may be
        # one huge chunk with thousands of hits), and not at all once the chunk holds a key
        looked: dict[tuple[int, object], bool] = {}
        for end, value in self._alone.iter(skeleton):
            marks += skeleton.count(MARK, counted, end)
            counted = end
            index = min(marks - 1, len(new) - 1)
            if alone[index]:
                continue
            if value.__class__ is int:
                alone[index] = True
                continue
            held = looked.get((index, value))
            if held is None:
                held = looked[index, value] = holds_needle(value, MARK + bodies[index] + MARK)
            alone[index] = held
        codes = list(
            map(_CODE_TABLE.__getitem__, zip(classes, ends, alone, symbols, strict=True))
        )
        make_room(self, MAX_CACHED_CHUNKS, len(new))
        self.update(zip(new, zip(codes, parts, strict=True), strict=True))
        self.code_of.update(zip(new, codes, strict=True))
        if self._clean is not None:
            self._clean.update(
                chunk
                for chunk, code in zip(new, codes, strict=True)
                if code in "wp" and len(chunk) <= MAX_CACHED_LENGTH and not has_mask_char(chunk)
            )
        if len(joined) <= MAX_CACHED_LENGTH or max(map(len, new)) <= MAX_CACHED_LENGTH:
            return {}
        # popped with a default: another thread may have cleared the cache meanwhile
        unremembered: dict[str, tuple[str, str]] = {}
        for chunk, code, part in zip(new, codes, parts, strict=True):
            if len(chunk) > MAX_CACHED_LENGTH:
                self.code_of.pop(chunk, None)
                self.pop(chunk, None)
                unremembered[chunk] = code, part
        return unremembered

    def _alone_hit(self, part: str, body: str) -> bool:
        """``Keys.hit`` on the chunk with markers around it; ``part`` is already
        collapsed, and needles are looked for in ``body``."""
        for _, value in self._alone.iter(MARK + part + MARK):
            if value.__class__ is int or holds_needle(value, MARK + body + MARK):
                return True
        return False


# (class, ends a multi-word key, a key alone, holds a leetspeak symbol) -> one letter.
# Without a symbol: w/v words, s/t spelled, p/q punctuation (the second letter: can end
# a multi-word key); with one: a/b, c/d, e/f. Upper case: a key occurs in the chunk.
_CODES = {(False, "w"): "wv", (False, "s"): "st", (False, "p"): "pq"}
_CODES |= {(True, "w"): "ab", (True, "s"): "cd", (True, "p"): "ef"}
_CODE_TABLE = {
    (cls, ends, alone, symbol): (
        _CODES[symbol, cls][ends].upper() if alone else _CODES[symbol, cls][ends]
    )
    for symbol, cls in _CODES
    for ends in (False, True)
    for alone in (False, True)
}
_APART = "\n\t"  # joins skeletons for one collapse: never doubled, never in a skeleton
_FIRST_TWO = operator.itemgetter(slice(0, 2))
_LONGER_THAN_ONE = functools.partial(operator.lt, 1)
_STRIP_EDGES = operator.methodcaller("strip", _EDGES)
CODE_OF = operator.itemgetter(0)
SPELLED_CODES = re.compile("[sStTcdCD][pPqQefEF]*[sStTcdCD]")
SPELLED_RUNS = re.compile("[sStTcdCD](?:[pPqQefEF]*[sStTcdCD])+")
SPELLED_AS_WORDS = str.maketrans("sStTcdCD", "wWvVabAB")  # same flags, class "w"
PUNCTUATION_CODES = frozenset("pPqQefEF")
ALONE_CODES = re.compile("[A-Z]")
LAST_CODES = re.compile("[vVtTqQbBdDfF]")
SYMBOL_CODES = re.compile("[a-fA-F]")


class ChunkInfos:
    """The verdicts of a text's chunks, looked up only where asked: the multi-word check
    needs the parts of a few chunks, not a list of all of them. ``but`` overrides some
    (another symbol reading)."""

    __slots__ = ("_chunks", "_lookup", "_override")

    def __init__(
        self,
        chunks: Sequence[str],
        lookup: Mapping[str, tuple[str, str]],
        override: dict[int, tuple[str, str]] | None = None,
    ) -> None:
        self._chunks = chunks
        self._lookup = lookup
        self._override = override

    def __len__(self) -> int:
        return len(self._chunks)

    def __getitem__(self, i: int) -> tuple[str, str]:
        if self._override is not None and i in self._override:
            return self._override[i]
        return self._lookup[self._chunks[i]]

    def but(self, override: dict[int, tuple[str, str]]) -> ChunkInfos:
        return ChunkInfos(self._chunks, self._lookup, {**(self._override or {}), **override})
