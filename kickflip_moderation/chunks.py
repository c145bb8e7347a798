"""Chunk verdicts: a long (or any) text checked one whitespace-separated chunk at a time.

Each chunk's verdict (its class for spelled runs, its collapsed skeleton, whether a key
occurs in it alone, whether it can end a multi-word key, whether it holds a leetspeak
symbol) is computed once, in batches at C speed, and cached per matcher: names, teams and
words recur (Zipf), so a text costs a split, one dictionary lookup per chunk and a few
regex scans over a string of one-letter codes. ``has_spelled_sequence`` says when
chunks cannot stand alone (letters spelled out one per chunk join into one word).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import string
from collections import ChainMap
from collections.abc import Iterable, Mapping, Sequence

from .masks import MASK_CHARS
from .normalize import FOLD, PLACEHOLDER
from .skeleton import (
    BOUNDED,
    LEET_SYMBOLS,
    MARK,
    SYMBOL_RE,
    KeyMap,
    Keys,
    Skeletonizer,
    collapse_doubled,
)

__all__ = [
    "LONG_TEXT", "SYMBOL_CODES", "TRAILING_BANGS", "ChunkInfos", "ChunkKeys", "ChunkVerdicts",
    "chunk_starts", "has_spelled_sequence",
]  # fmt: skip

_MAX_CACHED_CHUNKS = 50_000
_MAX_CACHED_LENGTH = 64
LONG_TEXT = 200  # longer texts are checked chunk by chunk, with cached chunk skeletons


# A spelled chunk: its letters stand alone ("f", "a.s", "(k)"). In folded text letters
# and digits are [a-z0-9]; anything else in a chunk is punctuation.
_SPELLED_CHUNK = re.compile(r"[^a-z0-9]*+[a-z0-9](?:[^a-z0-9]++[a-z0-9])*+[^a-z0-9]*+")
_ALNUM = re.compile(r"[a-z0-9]")
# A leetspeak symbol on its own may be a spelled letter too ("$ 0 d 0 m", "3 +!").
_LONE_SYMBOL = re.compile("[" + re.escape(LEET_SYMBOLS) + "]!*")


TRAILING_BANGS = re.compile(r"!+(?= |$)")
_MASK_CHAR = re.compile("[" + re.escape(MASK_CHARS) + "]")


def _has_mask(chunk: str) -> bool:
    return _MASK_CHAR.search(chunk) is not None
_EDGES = string.punctuation + PLACEHOLDER


def _is_word(chunk: str) -> bool:
    """Two letters or digits side by side (``word,``, ``(hello)``): never spelled. A fast
    test for most chunks: punctuation at the edges stripped, the rest is alphanumeric."""
    core = chunk.strip(_EDGES)
    return len(core) > 1 and core.isalnum()


def _chunk_class(chunk: str) -> str:
    """"w": a word or number (ends a spelled run); "s": spelled; "p": punctuation only."""
    if _is_word(chunk):
        return "w"
    if _SPELLED_CHUNK.fullmatch(chunk) or _LONE_SYMBOL.fullmatch(chunk):
        return "s"
    return "w" if _ALNUM.search(chunk) else "p"


class _ChunkClasses(dict[str, str]):
    """folded chunk -> ``_chunk_class``, remembered (words recur)."""

    def __missing__(self, chunk: str) -> str:
        value = _chunk_class(chunk)
        if len(chunk) <= _MAX_CACHED_LENGTH:
            if len(self) >= _MAX_CACHED_CHUNKS:
                self.clear()
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
        elif _SPELLED_CHUNK.fullmatch(chunk) or _LONE_SYMBOL.fullmatch(chunk):
            if previous:
                return True
            previous = True
        elif _ALNUM.search(chunk):
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


class ChunkVerdicts(dict[str, tuple[str, str]]):
    """chunk -> (one-character code, collapsed skeleton), for one matcher and one symbol
    reading. The code (``_CODE_TABLE``) tells the chunk's class for spelled runs
    (``_chunk_class``; "x" when folding splits the chunk), whether a key occurs in the
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
            value = (_CODE_TABLE[_chunk_class(folded), ends, alone, symbol], part)
        if len(chunk) <= _MAX_CACHED_LENGTH:  # words recur; a 1 MB chunk does not
            if len(self) >= _MAX_CACHED_CHUNKS:
                self.clear()  # a new vocabulary: start over rather than grow without bound
            self[chunk] = value
            self.code_of[chunk] = value[0]
            if self._clean is not None and value[0] in "wp" and not _has_mask(chunk):
                self._clean.add(chunk)
        return value

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
            return {c: self[c] for c in new if len(c) > _MAX_CACHED_LENGTH}
        folded = joined.lower().split(" ")
        parts = collapse_doubled(_APART.join(bodies)).split(_APART)
        cores = list(map(_STRIP_EDGES, folded))
        words = map(operator.and_, map(str.isalnum, cores), map(_LONGER_THAN_ONE, map(len, cores)))
        classes = [
            "w" if word else _chunk_class(chunk) for word, chunk in zip(words, folded, strict=True)
        ]
        short = itertools.repeat(self._short_segments)
        segments = map(self._segments.get, map(_FIRST_TWO, parts), short)
        ends = list(map(str.startswith, parts, segments))
        symbols = [match is not None for match in map(SYMBOL_RE.search, folded)]
        alone = [False] * len(new)
        skeleton = MARK + MARK.join(parts) + MARK
        marks = counted = 0
        for end, needs in self._alone.iter(skeleton):
            marks += skeleton.count(MARK, counted, end)
            counted = end
            index = min(marks - 1, len(new) - 1)
            if needs is None or any(n in MARK + bodies[index] + MARK for n in needs):
                alone[index] = True
        codes = list(
            map(_CODE_TABLE.__getitem__, zip(classes, ends, alone, symbols, strict=True))
        )
        if len(self) + len(new) > _MAX_CACHED_CHUNKS:
            self.clear()
        self.update(zip(new, zip(codes, parts, strict=True), strict=True))
        self.code_of.update(zip(new, codes, strict=True))
        if self._clean is not None:
            self._clean.update(
                chunk
                for chunk, code in zip(new, codes, strict=True)
                if code in "wp" and len(chunk) <= _MAX_CACHED_LENGTH and not _has_mask(chunk)
            )
        if len(joined) <= _MAX_CACHED_LENGTH or max(map(len, new)) <= _MAX_CACHED_LENGTH:
            return {}
        for chunk in new:
            if len(chunk) > _MAX_CACHED_LENGTH:
                del self.code_of[chunk]
        return {c: self.pop(c) for c in new if len(c) > _MAX_CACHED_LENGTH}

    def _alone_hit(self, part: str, body: str) -> bool:
        """``Keys.hit`` on the chunk with markers around it; ``part`` is already
        collapsed, and needles are looked for in ``body``."""
        for _, needs in self._alone.iter(MARK + part + MARK):
            if needs is None or any(needle in MARK + body + MARK for needle in needs):
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
_CODE_OF = operator.itemgetter(0)
_SPELLED_CODES = re.compile("[sStTcdCD][pPqQefEF]*[sStTcdCD]")
_SPELLED_RUNS = re.compile("[sStTcdCD](?:[pPqQefEF]*[sStTcdCD])+")
_SPELLED_AS_WORDS = str.maketrans("sStTcdCD", "wWvVabAB")  # same flags, class "w"
_PUNCTUATION_CODES = frozenset("pPqQefEF")
_ALONE_CODES = re.compile("[A-Z]")
_LAST_CODES = re.compile("[vVtTqQbBdDfF]")
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


class ChunkKeys:
    """The bounded keys split for chunk-by-chunk checks of long texts: keys within one
    chunk (with the markers around it) are looked for once per chunk and cached; keys
    that span chunks (multi-word entries written with spaces) only where a chunk can end
    one. Built from the bounded automaton on the first long text."""

    def __init__(self, bounded: Keys, clean: set[str] | None = None) -> None:
        """``clean``: filled with the chunks known to be clean (``ChunkVerdicts``)."""
        self.clean = clean if clean is not None else set()
        keys: KeyMap = dict(bounded.automaton.items())
        multi = {k: v for k, v in keys.items() if MARK in k.strip(MARK)}
        self.alone = Keys({k: v for k, v in keys.items() if k not in multi})
        self.multi = Keys(multi) if multi else None
        self.last_segments = tuple({k.strip(MARK).rsplit(MARK, 1)[1] for k in multi})
        # last segment -> the segments before it: the part before the ending chunk ends
        # with one of those
        before: dict[str, set[str]] = {}
        for key in multi:
            *_, penultimate, last = key.strip(MARK).split(MARK)
            before.setdefault(last, set()).add(penultimate)
        self._before = {last: tuple(penultimates) for last, penultimates in before.items()}
        self.max_words = max((k.strip(MARK).count(MARK) + 1 for k in multi), default=1)
        self._verdicts: dict[int, ChunkVerdicts] = {}
        # (part before, part) -> can a multi-word key end in the second?
        self._pairs: dict[tuple[str, str], bool] = {}

    def verdicts(self, skeletonize: Skeletonizer) -> ChunkVerdicts:
        """The verdict cache of one symbol reading."""
        found = self._verdicts.get(id(skeletonize))
        if found is None:
            clean = self.clean if skeletonize is BOUNDED[0] else None  # the main reading
            found = ChunkVerdicts(skeletonize, self.alone, self.last_segments, clean)
            self._verdicts[id(skeletonize)] = found
        return found

    def codes(
        self,
        chunks: Sequence[str],
        skeletonize: Skeletonizer,
        like: tuple[str, ChunkInfos] | None = None,
    ) -> tuple[str, ChunkInfos]:
        """The chunks' codes (one letter each, see ``_CODE_TABLE``) and verdicts.
        ``like``: the codes and verdicts of the same chunks (or of chunks that differ
        only in symbols) in another symbol reading: a chunk without a leetspeak symbol
        reads the same in every reading, so only those with one are looked up."""
        if like is not None:
            codes, infos = like
            symbolic = [m.start() for m in SYMBOL_CODES.finditer(codes)]
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
        return "".join(map(_CODE_OF, map(lookup.__getitem__, chunks))), ChunkInfos(chunks, lookup)

    def hits(
        self,
        codes: str,
        infos: ChunkInfos,
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
        if _SPELLED_CODES.search(codes):
            if not spelled:
                return None
            codes = codes.translate(_SPELLED_AS_WORDS)
        if first:
            alone = _ALONE_CODES.search(codes)
            found = [(alone.start(), alone.start())] if alone else []
        else:
            found = [(m.start(), m.start()) for m in _ALONE_CODES.finditer(codes)]
        if (first and found) or self.multi is None:
            return found
        pairs = self._pairs
        for ending in _LAST_CODES.finditer(codes):
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
                if len(pairs) >= _MAX_CACHED_CHUNKS:
                    pairs.clear()
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

    def spelled_runs(self, codes: str) -> list[tuple[int, int]]:
        """(first, last) chunk indices of each run of letters spelled out chunk by
        chunk (two or more, punctuation-only chunks between them allowed)."""
        return [(m.start(), m.end() - 1) for m in _SPELLED_RUNS.finditer(codes)]

    def reach(self, codes: str, head: int, tail: int) -> tuple[int, int]:
        """Chunks ``head..tail`` widened by as many words (chunks that are not only
        punctuation) each side as a match that overlaps them may reach: the longest
        multi-word key's, plus one for a word that goes on from a spelled one."""
        wanted = self.max_words + 1
        words = 0
        while head > 0 and words < wanted:
            head -= 1
            words += codes[head] not in _PUNCTUATION_CODES
        words = 0
        while tail < len(codes) - 1 and words < wanted:
            tail += 1
            words += codes[tail] not in _PUNCTUATION_CODES
        return head, tail

    def _may_end(self, previous: str, part: str) -> bool:
        """Does some multi-word key have a last segment ``part`` starts with and a
        segment before it ``previous`` ends with?"""
        return any(
            part.startswith(last) and previous.endswith(penultimates)
            for last, penultimates in self._before.items()
        )
