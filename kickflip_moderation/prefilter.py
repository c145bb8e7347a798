"""The prefilter: rule out clean text with a few C-level calls, never hiding a real match.

A text becomes a *skeleton*: one ``translate`` folds it, reads leetspeak digits and
symbols as letters, merges ``l`` into ``i``, drops punctuation and turns whitespace into
a word marker ``_``; doubled letters are then collapsed. One Aho-Corasick automaton holds
the skeletons of the entries:

* entries shorter than ``boundaries.LONG_PREFIX`` letters only count at the start of a
  word (or right after an offensive head), so their keys start with ``_``: ``_ass`` is in
  "the ass" but not in "class" or "Cassidy", which then never reach the exact stage;
* a multi-word entry gets a key per way of writing its breaks (``piece_of_shit``,
  ``pieceofshit``);
* entries that need a doubled letter (``ass``) carry a needle checked on the uncollapsed
  skeleton.

One thing the markers cannot model: letters spelled out one per chunk (``f u c k``,
``a s.s``) join into one word in the exact stage. Text with two such chunks in a row
goes through a *loose* automaton without markers instead (built on first use).
No hit means clean: the matcher's property tests check that against the exact stage.

Long texts go chunk by chunk (``candidate_spans``): each whitespace-separated chunk's
verdict (its collapsed skeleton, whether a key occurs in it alone, whether it can end a
multi-word key) is computed once and cached per matcher, so prose costs one dictionary
lookup per word and the matcher is told which chunks to look at.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import string
from collections import ChainMap
from collections.abc import Callable, Iterable, Sequence

import ahocorasick

from .boundaries import ADJACENT_MIN, HEADS, LONG_PREFIX, LONG_SUFFIX, SUFFIXES, TAILS
from .charmaps import LEET, LEET_MAYBE_SEPARATOR
from .normalize import FOLD, PLACEHOLDER

__all__ = ["Prefilter", "PrefilterEntry", "has_spelled_sequence", "skeleton_letters"]

MARK = "_"
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)
_MAX_BREAKS = 6  # a multi-word entry with more breaks sends every text to the loose automaton
_MAX_HEAD_KEYS = 50_000  # beyond this many head+entry keys, a word-initial head is a hit
_MAX_ENDING_KEYS = 100_000  # beyond this many entry+ending keys, a word start is enough

#: key -> None (any hit counts) or needles, one of which the uncollapsed text must hold
_KeyMap = dict[str, tuple[str, ...] | None]
#: (letters, letter offsets of the entry's word breaks, entry length in letters, and for a
#: spelling-rule stem the suffixes that must follow it: "bust" of "busty" needs "ies")
PrefilterEntry = tuple[str, frozenset[int], int, tuple[str, ...]]


_MAX_CACHED_CHUNKS = 50_000
_MAX_CACHED_LENGTH = 64
_LONG_TEXT = 200  # longer texts are checked chunk by chunk, with cached chunk skeletons
_SKELETON_LETTERS = str.maketrans({**{k: v for k, v in LEET.items() if k.isdigit()}, "l": "i"})
_DOUBLED = re.compile(r"(.)\1", re.DOTALL)


def skeleton_letters(letters: str) -> str:
    """The prefilter alphabet: leetspeak digits read as letters, and ``l`` read as ``i``."""
    return letters.translate(_SKELETON_LETTERS)


def _collapse(text: str) -> str:
    """Runs collapsed to one letter (``_collapse_doubled``, for keys)."""
    return _collapse_doubled(text)


def _needle(skeleton: str) -> tuple[str, ...] | None:
    """What an entry with a doubled letter needs in the uncollapsed text: ``ass`` -> "ass"
    (the doubled run with the letter before it, or after it at the start: "llama" ->
    "lla"). Every real match contains it, however long its runs; "Thomas" does not."""
    run = _REPEATS.search(skeleton)
    if run is None:
        return None
    start, end = run.span()
    return (skeleton[start - 1 : end],) if start else (skeleton[: end + 1],)


_SYMBOL_READINGS: tuple[frozenset[str], ...] = (
    frozenset(k for k in LEET if not k.isalnum()),
    frozenset(k for k in LEET if not k.isalnum()) - LEET_MAYBE_SEPARATOR,
    frozenset(),
)


def _ascii_table(symbols: frozenset[str], marker: str) -> dict[int, str]:
    """ASCII code point -> skeleton: letters and digits mapped, whitespace -> ``marker``,
    the leetspeak ``symbols`` read as letters, other punctuation dropped."""
    table: dict[int, str] = {}
    for codepoint in range(0x80):
        ch = chr(codepoint)
        if ch.isalpha():
            table[codepoint] = skeleton_letters(ch.lower())
        elif ch.isdigit() or ch in symbols:
            table[codepoint] = skeleton_letters(LEET[ch])
        elif ch.isspace() or codepoint < 0x20 or codepoint == 0x7F:
            table[codepoint] = marker  # fold_char turns controls into spaces too
        else:
            table[codepoint] = ""
    return table


class _UnicodeTable(dict[int, str]):
    """``str.translate`` table: any code point -> skeleton (folded once, then cached)."""

    def __init__(self, ascii_table: dict[int, str]) -> None:
        super().__init__(ascii_table)
        self._ascii = ascii_table

    def __missing__(self, codepoint: int) -> str:
        # PLACEHOLDER (a symbol with no transliteration) is punctuation here, not a control
        value = "".join(self._ascii[ord(c)] for c in FOLD[codepoint] if c != PLACEHOLDER)
        self[codepoint] = value
        return value


def _collapse_doubled(skeleton: str) -> str:
    """Collapse runs (``fuuuck`` -> ``fuck``). Only the letters that are doubled are
    collapsed, with ``str.replace``: far faster than a regex substitution, and most
    names have none."""
    doubled = _DOUBLED.findall(skeleton)
    for char in set(doubled) if doubled else ():
        pair = char + char
        while pair in skeleton:
            skeleton = skeleton.replace(pair, char)
    return skeleton


class _Skeletonizer:
    """Text -> skeleton with C-level calls only: ``bytes.translate`` for ASCII text."""

    def __init__(self, symbols: frozenset[str], marker: str) -> None:
        ascii_table = _ascii_table(symbols, marker)
        table = bytearray(range(256))
        delete = bytearray()
        for codepoint, value in ascii_table.items():
            if value:
                table[codepoint] = ord(value)
            else:
                delete.append(codepoint)
        self._bytes = bytes(table), bytes(delete)
        self._unicode = _UnicodeTable(ascii_table)
        self._start = marker

    def body(self, text: str) -> str:
        """The skeleton without the word markers around it."""
        if text.isascii():
            return text.encode().translate(*self._bytes).decode()
        return text.translate(self._unicode)

    def __call__(self, text: str) -> str:
        return self._start + self.body(text) + self._start


# The symbol readings of the exact stage: all leetspeak symbols as letters; "!|+(" as
# separators and the rest as letters; all symbols as separators (letterless chunks).
_BOUNDED = tuple(_Skeletonizer(symbols, MARK) for symbols in _SYMBOL_READINGS)
_LOOSE = tuple(_Skeletonizer(symbols, "") for symbols in _SYMBOL_READINGS)

# Leetspeak symbols (searched in folded text): the other symbol readings are needed only
# when one occurs.
_LEET_SYMBOLS = "".join(k for k in LEET if not k.isalnum())
_SYMBOL_RE = re.compile("[" + re.escape(_LEET_SYMBOLS) + "]")


def has_symbol(folded: str) -> bool:
    """Does ``folded`` hold a leetspeak symbol? (On long texts one fast ``in`` per
    symbol beats a regex scan; on short ones the regex wins.)"""
    if len(folded) <= _LONG_TEXT:
        return _SYMBOL_RE.search(folded) is not None
    return any(symbol in folded for symbol in _LEET_SYMBOLS)

# A spelled chunk: its letters stand alone ("f", "a.s", "(k)"). In folded text letters
# and digits are [a-z0-9]; anything else in a chunk is punctuation.
_SPELLED_CHUNK = re.compile(r"[^a-z0-9]*+[a-z0-9](?:[^a-z0-9]++[a-z0-9])*+[^a-z0-9]*+")
_ALNUM = re.compile(r"[a-z0-9]")
# A leetspeak symbol on its own may be a spelled letter too ("$ 0 d 0 m", "3 +!").
_LONE_SYMBOL = re.compile("[" + re.escape(_LEET_SYMBOLS) + "]!*")


_TRAILING_BANGS = re.compile(r"!+(?= |$)")
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
    if len(folded) > _LONG_TEXT:
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


class _KeyWriter:
    """The mapping interface ``_add`` needs, written straight into an automaton: a big
    list's keys never sit in a dictionary as well."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()

    def get(self, key: str, default: object = None) -> object:
        return self.automaton.get(key, default)

    def __contains__(self, key: str) -> bool:
        return bool(self.automaton.exists(key))

    def __getitem__(self, key: str) -> tuple[str, ...] | None:
        return self.automaton.get(key)  # type: ignore[no-any-return]

    def __setitem__(self, key: str, needs: tuple[str, ...] | None) -> None:
        self.automaton.add_word(key, needs)


class _Keys:
    """One automaton of skeleton keys, with the needles of keys that need a doubled letter."""

    def __init__(self, keys: _KeyMap | _KeyWriter) -> None:
        if isinstance(keys, _KeyWriter):
            self.automaton = keys.automaton
        else:
            self.automaton = ahocorasick.Automaton()
            for key, needs in keys.items():
                self.automaton.add_word(key, needs)
        self.automaton.make_automaton()

    def hit(self, skeleton: str) -> bool:
        """Does a key occur once runs are collapsed (``fuuuck`` -> ``fuck``)? A key with
        needles counts only if one of them is in the uncollapsed ``skeleton``."""
        collapsed = skeleton
        doubled = _DOUBLED.findall(skeleton)  # _collapse_doubled, inlined: the hot path
        for char in set(doubled) if doubled else ():
            pair = char + char
            while pair in collapsed:
                collapsed = collapsed.replace(pair, char)
        for _, needs in self.automaton.iter(collapsed):
            if needs is None or any(needle in skeleton for needle in needs):
                return True
        return False


_NON_SPACE = re.compile(r"\S+")


def _chunk_starts(text: str, chunks: Sequence[str], wanted: Sequence[int]) -> dict[int, int]:
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


def _add(keys: _KeyMap | _KeyWriter, key: str, needs: tuple[str, ...] | None) -> None:
    if needs is None or (key in keys and keys[key] is None):
        keys[key] = None
    else:
        keys[key] = (*(keys.get(key) or ()), *needs)


class _ChunkVerdicts(dict[str, tuple[str, str]]):
    """chunk -> (one-character code, collapsed skeleton), for one matcher and one symbol
    reading. The code tells the chunk's class for spelled runs (``_chunk_class``; "x"
    when folding splits the chunk), whether a key occurs in the chunk alone (upper case)
    and whether the chunk can end a multi-word key (the second letter of each pair):
    w/W/v/V words, s/S/t/T spelled, p/P/q/Q punctuation. One code per chunk makes a
    string that regexes search at C speed. Remembered: words recur (Zipf), so a long
    text pays the per-character work only for the words it is the first to use."""

    def __init__(
        self, skeletonize: _Skeletonizer, alone: _Keys, last_segments: Iterable[str]
    ) -> None:
        super().__init__()
        self._skeletonize = skeletonize
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
        part = _collapse_doubled(body)
        if " " in folded or MARK in part:
            value = ("x", "")
        else:
            ends = part.startswith(self._segments.get(part[:2], self._short_segments))
            alone = bool(part) and self._alone_hit(part, body)
            symbol = _SYMBOL_RE.search(folded) is not None
            value = (_CODE_TABLE[_chunk_class(folded), ends, alone, symbol], part)
        if len(chunk) <= _MAX_CACHED_LENGTH:  # words recur; a 1 MB chunk does not
            if len(self) >= _MAX_CACHED_CHUNKS:
                self.clear()  # a new vocabulary: start over rather than grow without bound
            self[chunk] = value
        return value

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
        parts = _collapse_doubled(_APART.join(bodies)).split(_APART)
        cores = list(map(_STRIP_EDGES, folded))
        words = map(operator.and_, map(str.isalnum, cores), map(_LONGER_THAN_ONE, map(len, cores)))
        classes = [
            "w" if word else _chunk_class(chunk) for word, chunk in zip(words, folded, strict=True)
        ]
        short = itertools.repeat(self._short_segments)
        segments = map(self._segments.get, map(_FIRST_TWO, parts), short)
        ends = list(map(str.startswith, parts, segments))
        symbols = [match is not None for match in map(_SYMBOL_RE.search, folded)]
        alone = [False] * len(new)
        skeleton = MARK + MARK.join(parts) + MARK
        marks = counted = 0
        for end, needs in self._alone.iter(skeleton):
            marks += skeleton.count(MARK, counted, end)
            counted = end
            index = min(marks - 1, len(new) - 1)
            if needs is None or any(n in MARK + bodies[index] + MARK for n in needs):
                alone[index] = True
        codes = map(_CODE_TABLE.__getitem__, zip(classes, ends, alone, symbols, strict=True))
        if len(self) + len(new) > _MAX_CACHED_CHUNKS:
            self.clear()
        self.update(zip(new, zip(codes, parts, strict=True), strict=True))
        if len(joined) <= _MAX_CACHED_LENGTH or max(map(len, new)) <= _MAX_CACHED_LENGTH:
            return {}
        return {c: self.pop(c) for c in new if len(c) > _MAX_CACHED_LENGTH}

    def _alone_hit(self, part: str, body: str) -> bool:
        """``_Keys.hit`` on the chunk with markers around it; ``part`` is already
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
_PART_OF = operator.itemgetter(1)
_SPELLED_CODES = re.compile("[sStTcdCD][pPqQefEF]*[sStTcdCD]")
_ALONE_CODES = re.compile("[A-Z]")
_LAST_CODES = re.compile("[vVtTqQbBdDfF]")
_SYMBOL_CODES = re.compile("[a-fA-F]")


class _ChunkKeys:
    """The bounded keys split for chunk-by-chunk checks of long texts: keys within one
    chunk (with the markers around it) are looked for once per chunk and cached; keys
    that span chunks (multi-word entries written with spaces) only where a chunk can end
    one. Built from the bounded automaton on the first long text."""

    def __init__(self, bounded: _Keys) -> None:
        keys: _KeyMap = dict(bounded.automaton.items())
        multi = {k: v for k, v in keys.items() if MARK in k.strip(MARK)}
        self.alone = _Keys({k: v for k, v in keys.items() if k not in multi})
        self.multi = _Keys(multi) if multi else None
        self.last_segments = tuple({k.strip(MARK).rsplit(MARK, 1)[1] for k in multi})
        # the segment before the last: the part before the ending chunk ends with one
        self.penultimates = tuple({k.strip(MARK).split(MARK)[-2] for k in multi})
        self.max_words = max((k.strip(MARK).count(MARK) + 1 for k in multi), default=1)
        self._verdicts: dict[int, _ChunkVerdicts] = {}

    def verdicts(self, skeletonize: _Skeletonizer) -> _ChunkVerdicts:
        """The verdict cache of one symbol reading."""
        found = self._verdicts.get(id(skeletonize))
        if found is None:
            found = _ChunkVerdicts(skeletonize, self.alone, self.last_segments)
            self._verdicts[id(skeletonize)] = found
        return found


class Prefilter:
    """``may_match(text)``: False guarantees the exact stage would find nothing."""

    def __init__(
        self,
        entries: Sequence[PrefilterEntry],
        reload: Callable[[], Iterable[PrefilterEntry]] | None = None,
    ) -> None:
        # the loose keys (built on first use) need the entries again: ``reload`` gives
        # them back, so a big list's entries are not kept alive for a rare case
        self._reload = reload if reload is not None else lambda: entries
        self._loose: _Keys | None = None
        self.empty = not entries
        keys = _KeyWriter()
        short: list[str] = []
        self._bounded_ok = True
        endings = _endings(entries)
        for letters, breaks, length, requires in entries:
            if not breaks and not requires and length >= LONG_PREFIX:  # most entries
                skeleton = letters.translate(_SKELETON_LETTERS)
                needs = _needle(skeleton)
                key = _collapse_doubled(skeleton) if needs else skeleton
                _add(keys, key, needs)
                continue
            if len(breaks) > _MAX_BREAKS:
                self._bounded_ok = False
                continue
            needs = None if breaks else _needle(skeleton_letters(letters))
            for variant in _spellings(letters, breaks):
                if requires:  # a stem: only with the suffix its spelling rule needs
                    for suffix in requires:
                        key = _collapse(variant + skeleton_letters(suffix))
                        _add(keys, key if length >= LONG_PREFIX else MARK + key, needs)
                    continue
                key = _collapse(variant)
                if length >= LONG_PREFIX:
                    _add(keys, key, needs)
                    continue
                short.append(key)
                if length >= LONG_SUFFIX or endings is None:
                    _add(keys, MARK + key, needs)
                    continue
                for ending in endings:  # ass_, asses_, asshole..., not Arsenal
                    _add(keys, MARK + _collapse(key + ending), needs)
        if short:
            heads = [_collapse(skeleton_letters(head)) for head in HEADS]
            if len(heads) * len(short) <= _MAX_HEAD_KEYS:
                for head, key in itertools.product(heads, short):  # bull+shit, dumb+ass
                    keys[MARK + _collapse(head + key)] = None
            else:  # too many pairs: a word that starts with a head is enough
                for head in heads:
                    keys[MARK + head] = None
        self._bounded = _Keys(keys)
        self._chunked: _ChunkKeys | None = None  # for long texts, built on first use

    def may_match(self, text: str) -> bool:
        """False guarantees the exact stage finds nothing in ``text``."""
        if self.empty:
            return False
        verdict = self._chunk_may_match(text)
        if verdict is not None:
            return verdict
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded)
        if len(text) <= _LONG_TEXT:  # customization texts: the fewest calls
            if keys.hit(skeletonizers[0](text)):
                return True
            if _SYMBOL_RE.search(folded) is None:  # folded: "¡", "＄" are symbols too
                return False
        elif self._hit(keys, skeletonizers[0], text):
            return True
        elif not has_symbol(folded):
            return False
        return (
            self._hit(keys, skeletonizers[1], text)
            or self._hit(keys, skeletonizers[2], text)
            or self._without_trailing_bangs(keys, skeletonizers[0], folded)
        )

    def _chunk_may_match(self, text: str) -> bool | None:
        """``may_match`` from the cached chunk verdicts: names, teams and words recur, so
        most texts cost a split and a dictionary lookup per chunk. None when the chunks
        cannot tell (spelled letters, control characters, symbols in non-ASCII text)."""
        if not self._bounded_ok:
            return None
        chunks = text.split()
        codes, infos = self._chunk_codes(chunks, _BOUNDED[0])
        if not codes.strip("wp"):  # no key, no symbol, nothing spelled: most texts
            return False
        hits = self._hits_in(codes, infos, first=True)
        if hits is None or hits:
            return None if hits is None else True
        if not _SYMBOL_CODES.search(codes):
            return False
        if not text.isascii():
            return None
        stripped = [c.rstrip("!") for c in chunks] if _TRAILING_BANGS.search(text) else []
        for skeletonize, parts in (
            (_BOUNDED[1], chunks), (_BOUNDED[2], chunks), (_BOUNDED[0], stripped)
        ):  # fmt: skip
            hits = self._chunk_hits(parts, skeletonize, first=True) if parts else []
            if hits is None or hits:
                return None if hits is None else True
        return False

    def _hit(self, keys: _Keys, skeletonize: _Skeletonizer, text: str) -> bool:
        if keys is self._bounded and len(text) > _LONG_TEXT:
            hits = self._chunk_hits(text.split(), skeletonize, first=True)
            if hits is not None:
                return bool(hits)
        return keys.hit(skeletonize(text))

    def _chunk_codes(
        self, chunks: Sequence[str], skeletonize: _Skeletonizer
    ) -> tuple[str, list[tuple[str, str]]]:
        """The chunks' codes (one letter each, see ``_CODE_TABLE``) and verdicts."""
        if self._chunked is None:
            self._chunked = _ChunkKeys(self._bounded)
        verdicts = self._chunked.verdicts(skeletonize)
        infos = list(map(verdicts.get, chunks))
        if None in infos:  # chunks the cache has not seen: learn them all at once
            unremembered = verdicts.learn(itertools.compress(chunks, map(operator.not_, infos)))
            lookup = ChainMap(verdicts, unremembered) if unremembered else verdicts
            infos = list(map(lookup.__getitem__, chunks))
        return "".join(map(_CODE_OF, infos)), infos

    def _chunk_hits(
        self, chunks: Sequence[str], skeletonize: _Skeletonizer, first: bool = False
    ) -> list[tuple[int, int]] | None:
        """Where bounded keys occur in the skeleton of ``chunks`` (whitespace-split text),
        as (first, last) chunk indices; ``first``: one will do. None when the chunks
        cannot tell: letters spelled out chunk by chunk (the loose keys' job), control
        characters inside a chunk."""
        return self._hits_in(*self._chunk_codes(chunks, skeletonize), first)

    def _hits_in(
        self, codes: str, infos: list[tuple[str, str]], first: bool
    ) -> list[tuple[int, int]] | None:
        if not codes.strip("wp"):  # most texts: words and punctuation, no key anywhere
            return []
        if "x" in codes or _SPELLED_CODES.search(codes):
            return None
        if first:
            alone = _ALONE_CODES.search(codes)
            found = [(alone.start(), alone.start())] if alone else []
        else:
            found = [(m.start(), m.start()) for m in _ALONE_CODES.finditer(codes)]
        chunked = self._chunked
        assert chunked is not None
        if (first and found) or chunked.multi is None:
            return found
        parts: list[str] | None = None
        for ending in _LAST_CODES.finditer(codes):
            i = ending.start()
            if parts is None:
                parts = list(map(_PART_OF, infos))
            before = i - 1
            while before >= 0 and not parts[before]:
                before -= 1
            if before < 0 or not parts[before].endswith(chunked.penultimates):
                continue  # no multi-word key can end in this chunk
            words: list[str] = []  # up to the longest multi-word key, empty parts skipped
            head = i
            while head >= 0 and len(words) < chunked.max_words:
                if parts[head]:
                    words.append(parts[head])
                head -= 1
            local = MARK + MARK.join(reversed(words)) + MARK
            if chunked.multi.hit(local):
                found.append((head + 1, i))
                if first:
                    break
        return found

    def candidate_spans(self, text: str) -> list[tuple[int, int]] | None:
        """For a long text: the spans (whole chunks) where the prefilter hits, so that
        only their surroundings need the exact stage. None when only windows can tell:
        spelled-out letters, control characters, symbols in non-ASCII text."""
        if self.empty:
            return []
        if not self._bounded_ok:
            return None
        chunks = text.split()
        ranges = self._chunk_hits(chunks, _BOUNDED[0])
        if ranges is None:
            return None
        folded = text if text.isascii() else text.translate(FOLD)  # symbols are ASCII
        if has_symbol(folded):
            if not text.isascii():
                return None
            stripped = [c.rstrip("!") for c in chunks] if _TRAILING_BANGS.search(text) else []
            for skeletonize, parts in (
                (_BOUNDED[1], chunks), (_BOUNDED[2], chunks), (_BOUNDED[0], stripped)
            ):  # fmt: skip
                hits = self._chunk_hits(parts, skeletonize) if parts else []
                if hits is None:
                    return None
                ranges += hits
        if not ranges:
            return []
        starts = _chunk_starts(text, chunks, sorted({i for pair in ranges for i in pair}))
        if not starts:
            return None
        return sorted({(starts[head], starts[tail] + len(chunks[tail])) for head, tail in ranges})

    def _without_trailing_bangs(self, keys: _Keys, skeletonize: _Skeletonizer, folded: str) -> bool:
        """A "!" that ends a chunk is punctuation in the exact stage's main readings
        ("sh!t!") while the chunk's other symbols are letters: a skeleton of its own."""
        if _TRAILING_BANGS.search(folded) is None:
            return False
        # folded text is ASCII but for PLACEHOLDER, which is punctuation here
        stripped = _TRAILING_BANGS.sub("", folded).replace(PLACEHOLDER, "")
        return self._hit(keys, skeletonize, stripped)

    def _choose(self, folded: str) -> tuple[_Keys, tuple[_Skeletonizer, ...]]:
        """Markers, unless letters are spelled out chunk by chunk (or an entry has too many
        breaks): then the marker-free keys."""
        if not self._bounded_ok or has_spelled_sequence(folded):
            return self._loose_keys(), _LOOSE
        return self._bounded, _BOUNDED

    def windows_may_match(self, text: str, windows: Sequence[str]) -> list[bool]:
        """``may_match`` for each window (a substring cut at whitespace) of ``text``: what
        depends on the text as a whole (spelled letters, leetspeak symbols) is looked at
        once, and a window inherits it (a window has no spelled run its text lacks)."""
        if self.empty:
            return [False] * len(windows)
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded)
        if not has_symbol(folded):  # folded: "¡" and "＄" count as symbols too
            skeletonizers = skeletonizers[:1]
        bangs = _TRAILING_BANGS.search(folded) is not None

        def hit(part: str, folded_part: str) -> bool:
            return any(self._hit(keys, skeletonize, part) for skeletonize in skeletonizers) or (
                bangs and self._without_trailing_bangs(keys, skeletonizers[0], folded_part)
            )

        return [hit(window, window.translate(FOLD)) for window in windows]

    def _loose_keys(self) -> _Keys:
        """Keys without word markers, for text with spelled-out letters (built on first use)."""
        if self._loose is None:
            keys = _KeyWriter()
            for letters, _, _, _ in self._reload():
                skeleton = skeleton_letters(letters)
                _add(keys, _collapse(skeleton), _needle(skeleton))
            self._loose = _Keys(keys)
        return self._loose


def _endings(entries: Sequence[PrefilterEntry]) -> list[str] | None:
    """What may follow a short entry inside its word (``boundaries.accepts``): the word's
    end, an inflection, a compound tail, or the start of another entry of 4+ letters.
    None when there would be too many keys (then a short entry only needs a word start)."""
    fixed = [
        MARK,
        *(skeleton_letters(suffix) + MARK for suffix in SUFFIXES),
        *(skeleton_letters(tail) for tail in TAILS),
    ]
    short = sum(1 for _, _, length, _ in entries if length < LONG_SUFFIX)
    if short * len(fixed) > _MAX_ENDING_KEYS:
        return None  # too many already, before the starts of the other entries
    starts = {
        _collapse(skeleton_letters(letters[:ADJACENT_MIN]))
        for letters, _, length, _ in entries
        if length >= ADJACENT_MIN
    }
    endings = [*fixed, *starts]
    return endings if short * len(endings) <= _MAX_ENDING_KEYS else None


def _spellings(letters: str, breaks: Iterable[int]) -> Iterable[str]:
    """Every way to write the entry's word breaks: as a marker, or not at all."""
    if not breaks:
        yield skeleton_letters(letters)
        return
    cuts = sorted(breaks)
    bounds = zip([0, *cuts], [*cuts, len(letters)], strict=True)
    parts = [skeleton_letters(letters[a:b]) for a, b in bounds]
    for marks in itertools.product(("", MARK), repeat=len(cuts)):
        yield parts[0] + "".join(m + p for m, p in zip(marks, parts[1:], strict=True))
