"""The matches of one chunk, remembered: a long text's candidates are mostly single chunks.

In prose the prefilter points at single whitespace-separated chunks: an offending word,
or an innocent one whose skeleton holds a key (``cocktails``). A match inside such a
chunk cannot cross the whitespace around it (only spelled-out letters and entries with
breaks do, and those reach the exact stage another way), so the exact stage run on the
chunk alone finds exactly the matches the whole text has there, with one exception: an
allowed span that reaches beyond the chunk (``moby dick``) may drop one. Remembered per
chunk, words recur, so the exact stage runs once per distinct word instead of once per
region of context around each occurrence.

Contract: the remembered matches of a one-chunk text equal the reference's matches of
that text; a chunk whose matches could depend on its neighbours is never remembered.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

from ..caches import make_room
from ..entries import compile_entry
from ..normalization import FOLD
from ..respell import letter_offsets
from .skeleton import BOUNDED, SYMBOL_RE, Skeletonizer, collapse_doubled, skeleton_letters

__all__ = ["ChunkMatches", "RelativeMatch", "break_words", "is_single_chunk", "may_reach"]

#: (start, end, entry as written) of a match, relative to the chunk
RelativeMatch = tuple[int, int, str]
_MAX_CHUNKS = 50_000
_MAX_LENGTH = 64
_SPACE = re.compile(r"\s")
_UNKNOWN = object()


def is_single_chunk(text: str) -> bool:
    """No whitespace (``str.split`` and ``\\s`` agree on what whitespace is)."""
    return _SPACE.search(text) is None


class ChunkMatches:
    """chunk -> its matches (relative spans), or None when only the chunk's context can
    tell: a multi-word allow entry may cover part of it, or it is too long to remember."""

    def __init__(
        self,
        exact: Callable[[str], Iterable[RelativeMatch]],
        allow_entries: Sequence[str],
        on_clean: Callable[[str], None] = lambda chunk: None,
    ) -> None:
        """``on_clean(chunk)``: told of each chunk the exact stage finds nothing in."""
        self._exact = exact
        self._on_clean = on_clean
        self._allow_entries = allow_entries
        self._words: tuple[_Reach, _Reach] | None = None
        self._known: dict[str, tuple[RelativeMatch, ...] | None] = {}

    def get(self, chunk: str) -> tuple[RelativeMatch, ...] | None:
        known = self._known
        found = known.get(chunk, _UNKNOWN)  # one lookup: another thread may clear it
        if found is not _UNKNOWN:
            return found  # type: ignore[return-value]
        if len(chunk) > _MAX_LENGTH:
            return None  # a 1 MB chunk is neither common nor cheap to keep
        matches: tuple[RelativeMatch, ...] | None = tuple(self._exact(chunk))
        if not matches:
            self._on_clean(chunk)
        elif self._allow_may_reach(chunk, matches):
            matches = None
        make_room(known, _MAX_CHUNKS)
        known[chunk] = matches
        return matches

    def _allow_may_reach(self, chunk: str, matches: Sequence[RelativeMatch]) -> bool:
        """Could an allow entry with word breaks cover one of ``matches`` from outside
        ``chunk`` (``may_reach``)?"""
        if self._words is None:
            self._words = break_words(self._allow_entries)
        return may_reach(chunk, self._words, matches)


def break_words(entries: Iterable[str]) -> tuple[_Reach, _Reach]:
    """For each break of each entry with word breaks: the collapsed skeleton of the word
    before it with the length of all the entry's letters before it, and the same after."""
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for entry in entries:
        _, counts, breaks, letters = compile_entry(entry)
        if not breaks:
            continue
        cuts = sorted(letter_offsets(counts, breaks))
        bounds = list(zip([0, *cuts], [*cuts, len(letters)], strict=True))
        for (begin, cut), (_, end) in itertools.pairwise(bounds):
            last = _letters_skeleton(letters[begin:cut])
            first = _letters_skeleton(letters[cut:end])
            head = len(_letters_skeleton(letters[:cut]))
            tail = len(_letters_skeleton(letters[cut:]))
            before[last] = max(before.get(last, 0), head)
            after[first] = max(after.get(first, 0), tail)
    return tuple(before.items()), tuple(after.items())


def may_reach(
    chunk: str, words: tuple[_Reach, _Reach], matches: Sequence[RelativeMatch] | None = None
) -> bool:
    """Could an entry with word breaks (``words``: ``break_words``) cover one of
    ``matches`` (None: any part of ``chunk``) from outside ``chunk``? Its span would
    cross the whitespace around the chunk at one of the entry's own breaks: the chunk
    would end with the word before that break, and the match would lie within the
    entry's letters up to it (or the same after it). Skeletons merge what the exact stage
    tells apart and a substring never has more runs than its string, so this errs on the
    side of yes. A chunk with a leetspeak symbol is looked at in each symbol reading
    (symbols as letters, some or all of them dropped, a final "!" dropped), as the exact
    stage reads it."""
    before, after = words
    if not before and not after:
        return False
    folded = chunk.lower() if chunk.isascii() else chunk.translate(FOLD)
    if SYMBOL_RE.search(folded) is None:
        readings: tuple[tuple[Skeletonizer, str], ...] = ((BOUNDED[0], chunk),)
    else:
        readings = (*((reading, chunk) for reading in BOUNDED), (BOUNDED[0], chunk.rstrip("!")))
    for skeletonize, text in readings:
        skeleton = _skeleton(skeletonize, text)
        for word, reach in before:  # the entry goes on after the chunk
            if skeleton.endswith(word) and (
                matches is None
                or any(
                    len(_skeleton(skeletonize, text[start:])) <= reach for start, _, _ in matches
                )
            ):
                return True
        for word, reach in after:  # the entry began before the chunk
            if skeleton.startswith(word) and (
                matches is None
                or any(len(_skeleton(skeletonize, text[:end])) <= reach for _, end, _ in matches)
            ):
                return True
    return False


_Reach = tuple[tuple[str, int], ...]


def _skeleton(skeletonize: Skeletonizer, text: str) -> str:
    return collapse_doubled(skeletonize.body(text))


def _letters_skeleton(letters: str) -> str:
    return collapse_doubled(skeleton_letters(letters))
