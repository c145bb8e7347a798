"""The matches of one chunk, remembered: a long text's candidates are mostly single chunks.

In prose the prefilter points at single whitespace-separated chunks: an offending word,
or an innocent one whose skeleton holds a key (``cocktails``). A match inside such a
chunk cannot cross the whitespace around it (only spelled-out letters and entries with
breaks do, and those reach the exact stage another way), so the exact stage run on the
chunk alone finds exactly the matches the whole text has there, with one exception: an
allowed span that reaches beyond the chunk (``moby dick``) may drop one. Remembered per
chunk, words recur, so the exact stage runs once per distinct word instead of once per
region of context around each occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from .normalize import FOLD
from .patterns import compile_entry
from .respell import letter_offsets
from .skeleton import BOUNDED, SYMBOL_RE, collapse_doubled, skeleton_letters

__all__ = ["ChunkMatches", "RelativeMatch", "is_single_chunk"]

#: (start, end, entry as written) of a match, relative to the chunk
RelativeMatch = tuple[int, int, str]
_MAX_CHUNKS = 50_000
_MAX_LENGTH = 64
_SPACE = re.compile(r"\s")


def is_single_chunk(text: str) -> bool:
    """No whitespace (``str.split`` and ``\\s`` agree on what whitespace is)."""
    return _SPACE.search(text) is None


class ChunkMatches:
    """chunk -> its matches (relative spans), or None when only the chunk's context can
    tell: a multi-word allow entry may cover part of it, or it is too long to remember."""

    def __init__(
        self, exact: Callable[[str], Iterable[RelativeMatch]], allow_entries: Sequence[str]
    ) -> None:
        self._exact = exact
        self._allow_entries = allow_entries
        self._segments: tuple[str, ...] | None = None
        self._known: dict[str, tuple[RelativeMatch, ...] | None] = {}

    def get(self, chunk: str) -> tuple[RelativeMatch, ...] | None:
        known = self._known
        if chunk in known:
            return known[chunk]
        if len(chunk) > _MAX_LENGTH:
            return None  # a 1 MB chunk is neither common nor cheap to keep
        matches: tuple[RelativeMatch, ...] | None = tuple(self._exact(chunk))
        if matches and self._allow_may_reach(chunk):
            matches = None
        if len(known) >= _MAX_CHUNKS:
            known.clear()  # a new vocabulary: start over rather than grow without bound
        known[chunk] = matches
        return matches

    def _allow_may_reach(self, chunk: str) -> bool:
        """Could an allow entry with word breaks cover part of ``chunk`` from outside it?
        Only if one of its words' skeletons is in the chunk's (skeletons merge what the
        exact stage tells apart, so this errs on the side of yes), or if the chunk holds a
        leetspeak symbol, which some readings split into words."""
        segments = self._allow_segments()
        if not segments:
            return False
        if SYMBOL_RE.search(chunk.lower() if chunk.isascii() else chunk.translate(FOLD)):
            return True
        skeleton = collapse_doubled(BOUNDED[0].body(chunk))
        return any(segment in skeleton for segment in segments)

    def _allow_segments(self) -> tuple[str, ...]:
        """The collapsed skeletons of the words of allow entries with breaks."""
        if self._segments is None:
            segments: set[str] = set()
            for entry in self._allow_entries:
                _, counts, breaks, letters = compile_entry(entry)
                if not breaks:
                    continue
                cuts = sorted(letter_offsets(counts, breaks))
                for begin, end in zip([0, *cuts], [*cuts, len(letters)], strict=True):
                    segments.add(collapse_doubled(skeleton_letters(letters[begin:end])))
            segments.discard("")
            self._segments = tuple(segments)
        return self._segments
