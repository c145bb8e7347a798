"""Chunks: a long (or any) text checked one whitespace-separated chunk at a time.

Each chunk's verdict (``chunk_verdicts.py``) is cached per matcher: names, teams and
words recur (Zipf), so a text costs a split, one dictionary lookup per chunk and a few
regex scans over a string of one-letter codes. ``ChunkKeys`` says where keys occur;
``has_spelled_sequence`` says when chunks cannot stand alone (letters spelled out one
per chunk join into one word).

Contract: a chunk is added to ``clean_chunks`` only if every text made of such chunks
alone is clean for the reference; a cached verdict equals a fresh one.
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Sequence

from ..caches import make_room
from .chunk_verdicts import (
    ALNUM,
    ALONE_CODES,
    CODE_OF,
    LAST_CODES,
    LONE_SYMBOL,
    MAX_CACHED_CHUNKS,
    MAX_CACHED_LENGTH,
    PUNCTUATION_CODES,
    SPELLED_AS_WORDS,
    SPELLED_CHUNK,
    SPELLED_CODES,
    SPELLED_RUNS,
    SYMBOL_CODES,
    ChunkInfos,
    ChunkVerdicts,
    chunk_class,
)
from .skeleton import BOUNDED, MARK, BoundedKeys, Skeletonizer, SymbolReading

__all__ = [
    "LONG_TEXT", "TRAILING_BANGS", "ChunkKeys", "chunk_starts", "has_spelled_sequence",
    "symbol_positions",
]  # fmt: skip

LONG_TEXT = 200  # longer texts are checked chunk by chunk, with cached chunk skeletons
TRAILING_BANGS = re.compile(r"!+(?= |$)")


class _ChunkClasses(dict[str, str]):
    """folded chunk -> ``chunk_class``, remembered (words recur)."""

    def __missing__(self, chunk: str) -> str:
        value = chunk_class(chunk)
        if len(chunk) <= MAX_CACHED_LENGTH:
            make_room(self, MAX_CACHED_CHUNKS)
            self[chunk] = value
        return value


_CLASSES = _ChunkClasses()
_SPELLED_RUN = re.compile("sp*s")


def has_spelled_sequence(folded: str) -> bool:
    """Two spelled chunks in a row (punctuation-only chunks between them don't count)?

    Those join into one word in the exact stage ("f u c k"), which word markers cannot
    show. Short texts: a loop over ``split()`` chunks, most of them plain words ruled
    out by one C call; long ones: a string of cached chunk classes and one regex."""
    if len(folded) > LONG_TEXT:
        classes = "".join(map(_CLASSES.__getitem__, folded.split()))
        return _SPELLED_RUN.search(classes) is not None
    previous = False
    for chunk in folded.split():
        if chunk.isalnum() and len(chunk) > 1:
            previous = False
        elif SPELLED_CHUNK.fullmatch(chunk) or LONE_SYMBOL.fullmatch(chunk):
            if previous:
                return True
            previous = True
        elif ALNUM.search(chunk):
            previous = False
    return False


_NON_SPACE = re.compile(r"\S+")


def chunk_starts(text: str, chunks: Sequence[str], wanted: Sequence[int]) -> dict[int, int]:
    """Where the ``wanted`` (sorted) chunks of ``text.split()`` start in ``text``."""
    if len(text) != sum(map(len, chunks)) + len(chunks) - 1:  # not one separator each
        starts = [m.start() for m in _NON_SPACE.finditer(text)]
        return {i: starts[i] for i in wanted} if len(starts) == len(chunks) else {}
    found: dict[int, int] = {}
    position = previous = 0
    for i in wanted:  # running sums, at C speed between the wanted chunks
        position += sum(map(len, chunks[previous:i])) + (i - previous)
        previous = i
        found[i] = position
    return found


class ChunkKeys:
    """The bounded keys for chunk-by-chunk checks: keys within one chunk (with the
    markers around it, ``BoundedKeys.alone``) are looked for once per chunk and cached;
    keys that span chunks (multi-word entries written with spaces, ``multi``) only where
    a chunk can end one."""

    def __init__(self, bounded: BoundedKeys, clean: set[str] | None = None) -> None:
        """``clean``: filled with the chunks known to be clean (``ChunkVerdicts``)."""
        self.clean = clean if clean is not None else set()
        self.alone = bounded.alone
        self.multi = bounded.multi
        multi = list(bounded.multi.automaton.keys()) if bounded.multi is not None else []
        # last segment -> the segments before it: the part before the ending chunk ends
        # with one of those
        before: dict[str, set[str]] = {}
        for key in multi:
            *_, penultimate, last = key.strip(MARK).split(MARK)
            before.setdefault(last, set()).add(penultimate)
        self._before = {last: tuple(penultimates) for last, penultimates in before.items()}
        self.last_segments = tuple(self._before)
        self._longest_last = max(map(len, self._before), default=0)
        self.max_words = max((k.strip(MARK).count(MARK) + 1 for k in multi), default=1)
        self._verdicts: dict[int, ChunkVerdicts] = {}
        # (part before, part) -> can a multi-word key end in the second?
        self._pairs: dict[tuple[str, str], bool] = {}

    def verdicts(self, skeletonize: Skeletonizer) -> ChunkVerdicts:
        """The verdict cache of one symbol reading."""
        found = self._verdicts.get(id(skeletonize))
        if found is None:
            main = skeletonize is BOUNDED[SymbolReading.LETTERS]
            clean = self.clean if main else None
            found = ChunkVerdicts(skeletonize, self.alone, self.last_segments, clean)
            self._verdicts[id(skeletonize)] = found
        return found

    def forgive(self, chunk: str) -> None:
        """``ChunkVerdicts.forgive`` in every symbol reading's verdicts."""
        for verdicts in list(self._verdicts.values()):
            verdicts.forgive(chunk)

    def codes(
        self,
        chunks: Sequence[str],
        skeletonize: Skeletonizer,
        like: tuple[str, ChunkInfos] | None = None,
        symbolic: Sequence[int] | None = None,
    ) -> tuple[str, ChunkInfos]:
        """The chunks' codes (one letter each, see ``_CODE_TABLE``) and verdicts.
        ``like``: the codes and verdicts of the same chunks (or of chunks that differ
        only in symbols) in another symbol reading: a chunk without a leetspeak symbol
        reads the same in every reading, so only those with one are looked up.
        ``symbolic``: where those are (``symbol_positions``), if the caller knows."""
        if like is not None:
            codes, infos = like
            if symbolic is None:
                symbolic = symbol_positions(codes)
            if not symbolic:
                return like
            found_codes, found = self.codes([chunks[i] for i in symbolic], skeletonize)
            letters = list(codes)
            for j, i in enumerate(symbolic):
                letters[i] = found_codes[j]
            return "".join(letters), infos.but({i: found[j] for j, i in enumerate(symbolic)})
        verdicts = self.verdicts(skeletonize)
        try:  # most texts: every chunk remembered
            return "".join(map(verdicts.code_of.__getitem__, chunks)), ChunkInfos(chunks, verdicts)
        except KeyError:  # chunks the cache has not seen: learn them all at once
            unremembered = verdicts.learn(chunks)
        # unremembered first: a miss in ``verdicts`` would compute the verdict again
        lookup = ChainMap(unremembered, verdicts) if unremembered else verdicts
        return "".join(map(CODE_OF, map(lookup.__getitem__, chunks))), ChunkInfos(chunks, lookup)

    def hits(
        self,
        codes: str,
        infos: ChunkInfos | _Shifted,
        first: bool = False,
        spelled: bool = False,
    ) -> list[tuple[int, int]] | None:
        """Where keys occur, as (first, last) chunk indices, from ``codes``; ``first``:
        one will do. None when the chunks cannot tell: letters spelled out chunk by
        chunk (the loose keys' job), control characters inside a chunk. ``spelled``:
        the caller looks at spelled runs itself (``spelled_runs``), so their chunks
        count as words here."""
        if not codes.strip("wp"):  # most texts: words and punctuation, no key anywhere
            return []
        if "x" in codes:
            return None
        if SPELLED_CODES.search(codes):
            if not spelled:
                return None
            codes = codes.translate(SPELLED_AS_WORDS)
        if first:
            alone = ALONE_CODES.search(codes)
            found = [(alone.start(), alone.start())] if alone else []
        else:
            found = [(m.start(), m.start()) for m in ALONE_CODES.finditer(codes)]
        if (first and found) or self.multi is None:
            return found
        pairs = self._pairs
        for ending in LAST_CODES.finditer(codes):
            i = ending.start()
            before = i - 1
            while before >= 0 and not infos[before][1]:
                before -= 1
            if before < 0:
                continue
            pair = infos[before][1], infos[i][1]
            may_end = pairs.get(pair)
            if may_end is None:
                may_end = self._may_end(*pair)
                make_room(pairs, MAX_CACHED_CHUNKS)
                pairs[pair] = may_end
            if not may_end:
                continue  # no multi-word key can end in this chunk
            words: list[str] = []  # up to the longest multi-word key, empty parts skipped
            head = i
            while head >= 0 and len(words) < self.max_words:
                if infos[head][1]:
                    words.append(infos[head][1])
                head -= 1
            local = MARK + MARK.join(reversed(words)) + MARK
            if self.multi.hit(local):
                found.append((head + 1, i))
                if first:
                    break
        return found

    def hits_near_symbols(
        self,
        codes: str,
        infos: ChunkInfos,
        spelled: bool = False,
        symbolic: Sequence[int] | None = None,
    ) -> list[tuple[int, int]] | None:
        """``hits`` in a symbol reading after the first, looked for only around the chunks
        with a leetspeak symbol (as far as a multi-word key reaches): elsewhere the chunks
        read as in the first reading, whose hits the caller has. ``symbolic``: where the
        chunks with a symbol are, if the caller knows (the same in every reading)."""
        around: list[tuple[int, int]] = []
        for position in symbol_positions(codes) if symbolic is None else symbolic:
            head, tail = self.reach(codes, position, position)
            if around and head <= around[-1][1] + 1:
                around[-1] = around[-1][0], tail
            else:
                around.append((head, tail))
        found: list[tuple[int, int]] = []
        for head, tail in around:
            hits = self.hits(codes[head : tail + 1], _Shifted(infos, head), spelled=spelled)
            if hits is None:
                return None
            found += [(first + head, last + head) for first, last in hits]
        return found

    def spelled_runs(self, codes: str) -> list[tuple[int, int]]:
        """(first, last) chunk indices of each run of letters spelled out chunk by
        chunk (two or more, punctuation-only chunks between them allowed)."""
        return [(m.start(), m.end() - 1) for m in SPELLED_RUNS.finditer(codes)]

    def reach(self, codes: str, head: int, tail: int) -> tuple[int, int]:
        """Chunks ``head..tail`` widened by as many words (chunks that are not only
        punctuation) each side as a match that overlaps them may reach: the longest
        multi-word key's, plus one for a word that goes on from a spelled one."""
        wanted = self.max_words + 1
        words = 0
        while head > 0 and words < wanted:
            head -= 1
            words += codes[head] not in PUNCTUATION_CODES
        words = 0
        while tail < len(codes) - 1 and words < wanted:
            tail += 1
            words += codes[tail] not in PUNCTUATION_CODES
        return head, tail

    def _may_end(self, previous: str, part: str) -> bool:
        """Does some multi-word key have a last segment ``part`` starts with and a
        segment before it ``previous`` ends with?"""
        before = self._before
        for size in range(min(len(part), self._longest_last) + 1):
            penultimates = before.get(part[:size])  # a last segment ``part`` starts with
            if penultimates is not None and previous.endswith(penultimates):
                return True
        return False


def symbol_positions(codes: str) -> list[int]:
    """The indices of the chunks with a leetspeak symbol: the same in every reading."""
    return [m.start() for m in SYMBOL_CODES.finditer(codes)]


class _Shifted:
    """``infos`` seen from chunk ``by`` on (``hits`` over a slice of the codes)."""

    __slots__ = ("_by", "_infos")

    def __init__(self, infos: ChunkInfos, by: int) -> None:
        self._infos = infos
        self._by = by

    def __getitem__(self, i: int) -> tuple[str, str]:
        return self._infos[i + self._by]
