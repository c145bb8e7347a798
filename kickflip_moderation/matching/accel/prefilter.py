"""The prefilter: rule out clean text with a few C-level calls, never hiding a real match.

A text becomes a *skeleton*: one ``translate`` folds it, reads leetspeak digits and
symbols as letters, merges ``l`` into ``i``, drops punctuation and turns whitespace into
a word marker ``_``; doubled letters are then collapsed. One Aho-Corasick automaton holds
the skeletons of the entries, wherever they occur: ``ass`` is a key in "class" too. The
keys encode no policy (what an entry inside a longer word means is the judge's call):

* a multi-word entry gets a key per way of writing its breaks (``piece_of_shit``,
  ``pieceofshit``);
* entries that need a doubled letter (``ass``) carry a needle checked on the uncollapsed
  skeleton.

One thing the markers cannot model: letters spelled out one per chunk (``f u c k``,
``a s.s``) join into one word in the exact stage. Text with two such chunks in a row
goes through a *loose* automaton without markers instead (built on first use).
No hit means clean: the matcher's property tests check that against the exact stage.

Each key's value names the entries it stands for, so ``candidates`` tells the exact stage
which entries to compile for a text: those whose keys occur.

Long texts go chunk by chunk (``candidate_spans``): each whitespace-separated chunk's
verdict (its collapsed skeleton, whether a key occurs in it alone, whether it can end a
multi-word key) is computed once and cached per matcher, so prose costs one dictionary
lookup per word and the matcher is told which chunks to look at; a run of spelled-out
letters is looked at with its neighbours. ``clean_chunks`` collects the chunks known to
be clean: a text made only of those needs nothing else.

Words split by spaces (``fu ck``, read in short texts) are looked for apart
(``may_split``): a key within a word, walked from where a piece of the text may start
across a space to where one may end, as the judge counts a split occurrence only so.

Contract (an over-approximation, as rust-lang/regex's prefilters): ``candidates(text)``
includes every entry ``ReferenceMatcher`` finds in ``text``, and ``may_match(text)`` is
True whenever it finds any; ``may_split(text)`` is True whenever it finds a split
occurrence that counts. It may name entries that do not match, never miss one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from ahocorasick import Automaton

from ..caches import make_room
from ..judge import SPLIT_TAILS
from ..normalization import FOLD, PLACEHOLDER
from .chunk_verdicts import SYMBOL_CODES, ChunkInfos
from .chunks import (
    LONG_TEXT,
    TRAILING_BANGS,
    ChunkKeys,
    chunk_starts,
    has_spelled_sequence,
    symbol_positions,
)
from .prefilter_keys import PrefilterEntry, bounded_keys, loose_keys
from .skeleton import (
    BOUNDED,
    LOOSE,
    BoundedKeys,
    Keys,
    Skeletonizer,
    SymbolReading,
    collapse_doubled,
    has_symbol,
    holds_needle,
    skeleton_letters,
)

_MAX_SPLIT_CHUNKS = 50_000  # chunks remembered by ``key_across_spaces``

__all__ = ["Prefilter", "PrefilterEntry", "has_spelled_sequence", "skeleton_letters"]


class Prefilter:
    """``may_match(text)``: False guarantees the exact stage would find nothing.
    ``candidates(text)``: the entries the exact stage may find in ``text``."""

    def __init__(
        self,
        words: Sequence[str],
        compile_word: Callable[[int, str], Iterable[PrefilterEntry]],
        stem_suffixes: Callable[[str], tuple[str, ...] | None] = lambda letters: None,
        stem_endings: str = "",
    ) -> None:
        """``compile_word(index, word)``: what the prefilter needs of one entry. A plain
        word (ASCII letters only) is read directly (``prefilter_keys.bounded_keys``), and
        ``stem_suffixes`` gives its spelling stem's suffixes (what ``compile_word`` would
        add), for a word that ends in one of ``stem_endings``: a 100k-entry list is
        mostly plain words."""

        # the loose keys (built on first use) need the entries again: ``_reload`` gives
        # them back, so a big list's compiled entries are not kept alive for a rare case
        def reload() -> Iterator[PrefilterEntry]:
            for index, word in enumerate(words):
                yield from compile_word(index, word)

        self._reload = reload
        self._loose: Keys | None = None
        self._split_chunks: dict[str, _SplitChunk] = {}  # for ``key_across_spaces``
        #: Chunks known to start no key that runs on past their end (where a piece may
        #: start): a text whose chunks but the last are all such holds no key across a
        #: space (``key_across_spaces`` is False), which one ``set.issuperset`` tells.
        self.starting_no_key: set[str] = set()
        built = bounded_keys(words, compile_word, stem_suffixes, stem_endings)
        self._bounded, self._bounded_ok, self.empty = built
        self._chunked: ChunkKeys | None = None  # for long texts, built on first use
        #: Chunks known to hold no key, leetspeak symbol, spelled letter or mask: a text
        #: made only of them (``clean_chunks.issuperset(text.split())``) is clean.
        self.clean_chunks: set[str] = set()

    def may_match(self, text: str, joined: bool = False) -> bool:
        """False guarantees the exact stage finds nothing in ``text``. ``joined``: the
        exact stage may read words split by spaces as one (``fu ck``): what the text holds
        without them ("Cassidy Jones": ``ass`` is inside one word), or a key across a
        space where a split occurrence may start (``may_split``)."""
        if self.empty:
            return False
        if joined:
            return self.may_match(text) or self.may_split(text)
        verdict = self._chunk_may_match(text)
        if verdict is not None:
            return verdict
        # what the chunks cannot tell: spelled letters, control characters, symbols in
        # non-ASCII text
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded)
        if self._hit(keys, skeletonizers[SymbolReading.LETTERS], text):
            return True
        if not has_symbol(folded):  # folded: "¡", "＄" are symbols too
            return False
        return (
            self._hit(keys, skeletonizers[SymbolReading.MAYBE_SEPARATORS], text)
            or self._hit(keys, skeletonizers[SymbolReading.SEPARATORS], text)
            or self._without_trailing_bangs(keys, skeletonizers[SymbolReading.LETTERS], folded)
        )

    def candidates(self, text: str, joined: bool = False, masked: bool = False) -> set[int]:
        """The indices of the entries the exact stage may find in ``text``: those whose
        keys occur in some symbol reading. Entry by entry, the guarantee ``may_match``
        gives for the text (``joined``: as there). ``masked``: the text holds a mask, which
        an occurrence that does not count may explain (``reference.locate``), so every
        occurrence must be found, not only those that may count (``_choose``)."""
        if self.empty:
            return set()
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded, joined, every=masked)
        symbol = has_symbol(folded)  # folded: "¡", "＄" are symbols too
        readings = [(skeletonize, text) for skeletonize in skeletonizers[: 3 if symbol else 1]]
        stripped = _without_bangs(folded) if symbol else None
        if stripped is not None:
            # see _without_trailing_bangs
            readings.append((skeletonizers[SymbolReading.LETTERS], stripped))
        found: set[int] = set()
        for skeletonize, reading in readings:
            found |= keys.indices(skeletonize(reading))[0]
        return found

    def may_split(self, text: str) -> bool:
        """False guarantees that no occurrence the exact stage finds in ``text`` runs
        over a space and counts (a split word, ``fu ck``): no key across a space where a
        piece may start (``key_across_spaces``). The exact stage reads split words in its
        first reading only (``reference.locate``), which the letters skeleton covers but
        for one thing: a "!" that ends a chunk of other characters is punctuation there
        ("sh!t!"), so a text with one is also looked at without it."""
        if self.empty:
            return False
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        if not has_symbol(folded):
            return self.key_across_spaces(text)
        stripped = _CHUNK_FINAL_BANGS.sub("", folded)
        return self.key_across_spaces(folded) or (
            stripped != folded and self.key_across_spaces(stripped)
        )

    def key_across_spaces(self, text: str) -> bool:
        """Does a marker-free key occur with letters on both sides of whitespace, starting
        where a piece of the text may start, in the letters reading? A split occurrence
        (``fu ck``) runs over a space and, for the judge to count it, starts at the start
        of a piece: a chunk of letters only is one piece (``judge._occurrence``); a chunk
        with anything else may hold several. For a text without leetspeak symbols, this
        and ``may_match(text)`` together over-approximate ``may_match(text, joined=True)``.

        The keys are looked for from those starts only (``Automaton.longest_prefix``),
        with what each chunk needs remembered (``_SplitChunk``): in most texts no chunk
        before the last can start a key ("Priya Shittu": no key starts "priya")."""
        automaton = self._split_keys()
        chunks = [self._split_chunk(word) for word in text.split()]
        if not _may_run_on(chunks, automaton):
            return False
        # the chunks in the collapsed skeleton of the whole text: a run that collapses
        # across whitespace ("as s") leaves its one letter to both chunks
        parts: list[str] = []
        laid: list[tuple[int, int, _SplitChunk]] = []
        size = 0
        previous = ""
        for chunk in chunks:
            part = chunk.letters
            if not part:
                continue
            merged = part[0] == previous
            start = size - 1 if merged else size
            parts.append(part[1:] if merged else part)
            size += len(part) - merged
            laid.append((start, size, chunk))
            previous = part[-1]
        collapsed = "".join(parts)
        skeleton = "".join(chunk.skeleton for chunk in chunks)
        for (start, _, chunk), following in pairwise(laid):
            if not chunk.starts_key:
                continue
            reach = following[0]  # the next chunk's first letter
            for begin in (start + piece_start for piece_start in chunk.starts):
                # the keys that start here end within the trie's longest prefix of the rest
                depth = automaton.longest_prefix(collapsed[begin:])
                for last in range(reach, begin + depth):  # their last letter, past a space
                    value = automaton.get(collapsed[begin : last + 1], None)
                    if value is None or not holds_needle(value, skeleton):
                        continue
                    # ending on a letter this chunk and the next share ("as s"), the
                    # occurrence runs over the space only into the next chunk's first letter
                    shared = last == reach == start + len(chunk.letters) - 1
                    if _may_end_piece((following,) if shared else laid, collapsed, last):
                        return True
        return False

    def _split_keys(self) -> Automaton:
        """The keys ``key_across_spaces`` looks for: the marker-free keys within a word,
        which hold every entry (a multi-word one with its breaks unwritten, a spelling
        stem with its suffixes: whoring), so the check builds no automaton of its own (a
        split occurrence that counts has its suffix); the loose keys when an entry has too
        many breaks for those."""
        return self._bounded.alone.automaton if self._bounded_ok else self._loose_keys().automaton

    def start_no_key(self, chunks: Iterable[str]) -> bool:
        """Can none of ``chunks`` (whitespace-separated, without leetspeak symbols) start a
        key that runs on past its end, where a piece may start? Then a text of these
        chunks and one more has no key across a space (``key_across_spaces``)."""
        return not any(self._split_chunk(chunk).starts_key for chunk in chunks)

    def _split_chunk(self, word: str) -> _SplitChunk:
        """What ``key_across_spaces`` needs of a chunk, remembered (bounded), and the
        chunks that start no key collected in ``starting_no_key``."""
        chunk = self._split_chunks.get(word)
        if chunk is None:
            if make_room(self._split_chunks, _MAX_SPLIT_CHUNKS):
                self.starting_no_key.clear()
            chunk = self._split_chunks[word] = _split_chunk(word, self._split_keys())
            if not chunk.starts_key:
                self.starting_no_key.add(word)
        return chunk

    def forgive(self, chunk: str) -> None:
        """The exact stage found nothing in ``chunk`` alone (a word holding a key by
        accident: ``class``): let the chunk verdicts count it clean (``ChunkKeys.forgive``
        says when that is sound)."""
        if self._chunked is not None:
            self._chunked.forgive(chunk)

    def _chunk_may_match(self, text: str) -> bool | None:
        """``may_match`` from the cached chunk verdicts: names, teams and words recur, so
        most texts cost a split and a dictionary lookup per chunk. None when the chunks
        cannot tell (spelled letters, control characters, symbols in non-ASCII text)."""
        if not self._bounded_ok:
            return None
        chunks = text.split()
        keys = self._chunked or self._chunk_keys()
        codes, infos = keys.codes(chunks, BOUNDED[SymbolReading.LETTERS])
        if not codes.strip("wp"):  # no key, no symbol, nothing spelled: most texts
            return False
        hits = keys.hits(codes, infos, first=True)
        if hits is None or hits:
            return None if hits is None else True
        if not SYMBOL_CODES.search(codes):
            return False
        if not text.isascii():
            return None
        later = self._later_reading_hits(keys, chunks, (codes, infos))
        return None if later is None else bool(later)

    def _hit(self, keys: Keys | BoundedKeys, skeletonize: Skeletonizer, text: str) -> bool:
        if keys is self._bounded and len(text) > LONG_TEXT:
            hits = self._chunk_hits(text.split(), skeletonize, first=True)
            if hits is not None:
                return bool(hits)
        return keys.hit(skeletonize(text))

    def warm_up(self) -> None:
        """Build now what the checks otherwise build on first use: the chunk keys, and
        the short entries' keys that ``candidates`` looks up (not the loose keys, which
        only letters spelled out chunk by chunk need)."""
        self._chunk_keys()
        self._bounded.longest  # noqa: B018  (computed once, on first use)

    def _chunk_keys(self) -> ChunkKeys:
        """The keys split for chunk-by-chunk checks (built on the first use)."""
        if self._chunked is None:
            self._chunked = ChunkKeys(self._bounded, self.clean_chunks)
        return self._chunked

    def _chunk_hits(
        self, chunks: Sequence[str], skeletonize: Skeletonizer, first: bool = False
    ) -> list[tuple[int, int]] | None:
        """``ChunkKeys.hits`` for ``chunks`` (a whitespace-split text)."""
        keys = self._chunked or self._chunk_keys()
        return keys.hits(*keys.codes(chunks, skeletonize), first)

    @staticmethod
    def _later_reading_hits(
        keys: ChunkKeys,
        chunks: Sequence[str],
        first_reading: tuple[str, ChunkInfos],
        spelled: bool = False,
    ) -> list[tuple[int, int]] | None:
        """The hits the symbol readings after the first add to ``first_reading``'s, for
        an ASCII text with a leetspeak symbol: looked for only near the chunks with one."""
        found: list[tuple[int, int]] = []
        symbolic = symbol_positions(first_reading[0])  # one scan for all three readings
        for skeletonize, parts in _other_readings(chunks, symbolic):
            if not parts:
                continue
            again = keys.codes(parts, skeletonize, first_reading, symbolic)
            hits = keys.hits_near_symbols(*again, spelled=spelled, symbolic=symbolic)
            if hits is None:
                return None
            found += hits
        return found

    def candidate_spans(self, text: str) -> list[tuple[int, int]] | None:
        """For a long text: the spans (whole chunks) where the prefilter hits, so that
        only their surroundings need the exact stage. A run of letters spelled out chunk
        by chunk ("f u c k") counts, with its neighbours, where ``may_match`` says so: a
        region that cuts such a run can find in its rest only keys the whole run holds,
        so the run is a candidate too and the regions merge. None when only windows can
        tell: control characters, symbols in non-ASCII text."""
        if self.empty:
            return []
        if not self._bounded_ok:
            return None
        chunks = text.split()
        keys = self._chunked or self._chunk_keys()
        first_reading = keys.codes(chunks, BOUNDED[SymbolReading.LETTERS])
        if "x" in first_reading[0]:
            return None
        runs = keys.spelled_runs(first_reading[0])
        ranges = keys.hits(*first_reading, spelled=bool(runs))
        if ranges is None:
            return None
        if SYMBOL_CODES.search(first_reading[0]):
            if not _folds_to_letters(text):
                return None
            later = self._later_reading_hits(keys, chunks, first_reading, bool(runs))
            if later is None:
                return None
            ranges += later
        if runs:  # few: a text rarely spells letters out
            # a key inside a run is the run's business: its letters join into one word
            in_runs = {i for head, tail in runs for i in range(head, tail + 1)}
            ranges = [(head, tail) for head, tail in ranges if head != tail or head not in in_runs]
            for head, tail in runs:
                head, tail = keys.reach(first_reading[0], head, tail)
                if self.may_match(" ".join(chunks[head : tail + 1])):
                    ranges.append((head, tail))
        if not ranges:
            return []
        starts = chunk_starts(text, chunks, sorted({i for pair in ranges for i in pair}))
        if not starts:
            return None
        return sorted({(starts[head], starts[tail] + len(chunks[tail])) for head, tail in ranges})

    def _without_trailing_bangs(
        self, keys: Keys | BoundedKeys, skeletonize: Skeletonizer, folded: str
    ) -> bool:
        """A "!" that ends a chunk is punctuation in the exact stage's main readings
        ("sh!t!") while the chunk's other symbols are letters: a skeleton of its own."""
        stripped = _without_bangs(folded)
        return stripped is not None and self._hit(keys, skeletonize, stripped)

    def _choose(
        self, folded: str, joined: bool = False, every: bool = False
    ) -> tuple[Keys | BoundedKeys, tuple[Skeletonizer, ...]]:
        """Markers, unless letters are spelled out chunk by chunk or an entry has too many
        breaks: then the marker-free keys. Words that may be split (``joined``) are read
        without markers against the keys within a word (``_split_keys``), which hold every
        occurrence that may count; ``every`` occurrence, bare spelling stems included
        (whor- without its -ing, nif- of nify in "n¬f"), only the loose keys hold."""
        if every or not self._bounded_ok or has_spelled_sequence(folded):
            return self._loose_keys(), LOOSE
        if joined:
            return self._bounded.alone, LOOSE
        return self._bounded, BOUNDED

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
        bangs = TRAILING_BANGS.search(folded) is not None

        def hit(part: str, folded_part: str) -> bool:
            return any(self._hit(keys, skeletonize, part) for skeletonize in skeletonizers) or (
                bangs
                and self._without_trailing_bangs(
                    keys, skeletonizers[SymbolReading.LETTERS], folded_part
                )
            )

        return [hit(window, window.translate(FOLD)) for window in windows]

    def _loose_keys(self) -> Keys:
        """Keys without word markers, for text with spelled-out letters (built on first use)."""
        if self._loose is None:
            self._loose = loose_keys(self._reload())
        return self._loose


class _SplitChunk(NamedTuple):
    """What ``key_across_spaces`` needs of one whitespace-separated chunk: its letters,
    and where in them (collapsed) a piece may start or end. A chunk of letters only is
    one piece; elsewhere a piece may start after, and end before, any other character,
    and a digit or symbol may be a letter or not."""

    skeleton: str  # its letters in the letters reading
    letters: str  # the same, collapsed
    starts: tuple[int, ...]  # where in ``letters`` a piece may start
    ends: tuple[int, ...]  # where one may end (its last letter)
    heads: tuple[str, ...]  # its letters from each piece start where a key may start

    @property
    def starts_key(self) -> bool:
        """May a key that runs on past the chunk start where a piece does?"""
        return bool(self.heads)


def _may_run_on(chunks: Sequence[_SplitChunk], automaton: Automaton) -> bool:
    """A first look for ``key_across_spaces``: may a key start where a piece of a chunk
    starts and go on into the next chunk with letters? Most texts tell at once ("Bass
    Fishing": keys start "bas", none "basf"). A chunk whose last letter the next one
    starts with ("as s") collapses into it: that one is left to the full look."""
    following = ""  # the first letter of the next chunk with letters
    for chunk in reversed(chunks):
        if chunk.heads and following:
            if following == chunk.letters[-1]:
                return True
            if any(automaton.match(head + following) for head in chunk.heads):
                return True
        if chunk.letters:
            following = chunk.letters[0]
    return False


def _split_chunk(chunk: str, automaton: Automaton) -> _SplitChunk:
    skeletonize = BOUNDED[SymbolReading.LETTERS]
    skeleton = skeletonize.body(chunk)
    letters = collapse_doubled(skeleton)
    if not letters:
        return _SplitChunk(skeleton, letters, (), (), ())
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    if chunk.isalpha() and (chunk.isascii() or all(FOLD[ord(c)].isalpha() for c in chunk)):
        starts, ends = (0,), (len(letters) - 1,)  # every letter folds to letters: one piece
    else:
        starts, ends = _piece_edges(chunk, skeletonize)
    heads = tuple(letters[start:] for start in starts if automaton.match(letters[start:]))
    return _SplitChunk(skeleton, letters, starts, ends, heads)


def _piece_edges(
    chunk: str, skeletonize: Skeletonizer
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where pieces of ``chunk`` may start and end in its collapsed skeleton: at its ends,
    beside any character that is not a letter, and at such a character itself if the
    skeleton reads it as letters (a leetspeak digit or symbol)."""
    spans: list[tuple[int, int, bool] | None] = []  # per character: collapsed span, letter?
    position = -1
    previous = ""
    for char in chunk:
        read = skeletonize.body(char)
        if not read:  # dropped: punctuation, a mark (the letters around it may collapse)
            spans.append(None)
            continue
        first = position + (read[0] != previous)
        for letter in read:
            position += letter != previous
            previous = letter
        folded = char.lower() if char.isascii() else FOLD[ord(char)]
        spans.append((first, position, folded.isalpha() and folded.isascii()))
    starts: set[int] = set()
    ends: set[int] = set()
    for i, span in enumerate(spans):
        if span is None:
            continue
        first, last, is_letter = span
        before = spans[i - 1] if i else None
        after = spans[i + 1] if i + 1 < len(spans) else None
        if not is_letter or before is None or not before[2]:
            starts.add(first)
        if not is_letter or after is None or not after[2]:
            ends.add(last)
    return tuple(sorted(starts)), tuple(sorted(ends))


def _may_end_piece(
    laid: Sequence[tuple[int, int, _SplitChunk]], collapsed: str, last: int
) -> bool:
    """May a split occurrence end with the letter at ``last``: where a piece ends, or
    before what may follow it there (``judge.SPLIT_TAILS``, after a spelling stem's
    suffix: whor-ing-s)."""
    for start, end, chunk in laid:
        if start <= last < end and any(
            start + piece_end == last
            or (
                start + piece_end > last
                and collapsed[last + 1 : start + piece_end + 1] in _split_tails()
            )
            for piece_end in chunk.ends
        ):
            return True
    return False


@cache
def _split_tails() -> frozenset[str]:
    """``judge.SPLIT_TAILS`` (one, or two for a stem's suffix and an inflection) as the
    collapsed skeleton reads them, also without a first letter that collapsed into the
    occurrence's last (ass-s)."""
    tails = [*SPLIT_TAILS, *(a + b for a in SPLIT_TAILS for b in SPLIT_TAILS)]
    read = {collapse_doubled(skeleton_letters(tail)) for tail in tails}
    return frozenset(read | {tail[1:] for tail in read})


def _without_bangs(folded: str) -> str | None:
    """``folded`` without its chunk-final "!" runs (None when it has none). Folded text
    is ASCII but for PLACEHOLDER, which is punctuation here."""
    if TRAILING_BANGS.search(folded) is None:
        return None
    return TRAILING_BANGS.sub("", folded).replace(PLACEHOLDER, "")


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")
#: "!" that ends a chunk of other characters (a lone "!" may be a spelled letter: b ! t c h)
_CHUNK_FINAL_BANGS = re.compile(r"(?<=[^\s!])!+(?=\s|$)")


def _folds_to_letters(text: str) -> bool:
    """Does every non-ASCII character of ``text`` fold to letters, digits or nothing
    (``café``, ``pokémon``)? Then its symbols are all ASCII, where the symbol readings
    look for them: the text is read as an ASCII one would be."""
    if text.isascii():
        return True
    return all(_LETTERS.issuperset(FOLD[ord(c)]) for c in set(text) if not c.isascii())


def _other_readings(
    chunks: Sequence[str], symbolic: Sequence[int]
) -> tuple[tuple[Skeletonizer, Sequence[str]], ...]:
    """The symbol readings after the first, for an ASCII text with a leetspeak symbol in
    the chunks at ``symbolic``: "!|+(" as separators, every symbol as a separator, and a
    chunk-final "!" as punctuation while the other symbols are letters ("sh!t!"; no
    chunks if none ends with one). Only the chunks at ``symbolic`` differ between them."""
    stripped: list[str] = []
    if any(chunks[i].endswith("!") for i in symbolic):  # "!" is a symbol: one of these
        stripped = list(chunks)
        for i in symbolic:
            stripped[i] = stripped[i].rstrip("!")
    return (
        (BOUNDED[SymbolReading.MAYBE_SEPARATORS], chunks),
        (BOUNDED[SymbolReading.SEPARATORS], chunks),
        (BOUNDED[SymbolReading.LETTERS], stripped),
    )
