"""Masked chunks that keep to themselves: their matches can be remembered like a word's.

In a long text, a chunk holding a mask (``f*ck``, ``b@st@rd``) goes to the exact stage
with its surroundings, and so does every candidate near it (``long_texts.py``), because
a masked spelling of an entry with word breaks may run over the whitespace around it
(``bl*w job``). Most masked chunks cannot take part in one: then, like any other single
chunk the prefilter points at, the chunk takes its remembered matches
(``chunk_matches.py``), and its neighbours are not its concern. Dirty prose holds a few
such chunks per page; each cost a region of the exact stage.

Contract: ``MaskedChunks.alone(chunk)`` is True only if no occurrence of an entry with
word breaks can run from inside ``chunk`` over the whitespace around it, in any reading:
the readings with letters (``chunk_matches.may_reach``, on skeletons, which err on the
side of yes; only an occurrence that reads a mask as a letter matters, since the others
reach the exact stage as the prefilter's candidates across chunks) and the masked one
(``MaskedEntries.runs_over_edges``, on the letters the masked reading reads,
``masks.masked_letters``). With no such occurrence, what the exact stage finds in the
chunk and what explains its masks lie within the chunk, and the chunk's matches alone
equal the text's there (``ChunkMatches``'s contract).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..caches import make_room
from ..masks import MaskedEntries, mask_positions, masked_letters
from .chunk_matches import break_words, may_reach

__all__ = ["MaskedChunks"]

_MAX_CHUNKS = 20_000
_MAX_LENGTH = 64


class MaskedChunks:
    """``alone(chunk)``: may a chunk that holds a mask take its remembered matches?"""

    def __init__(self, entries: Sequence[str], masked: Callable[[], MaskedEntries]) -> None:
        """``entries``: the compiled entries; ``masked()``: their masked spellings."""
        self._entries = entries
        self._masked = masked
        self._words: tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]] | None = None
        self._known: dict[str, bool] = {}

    def alone(self, chunk: str) -> bool:
        """True when no occurrence of an entry with word breaks can run from inside
        ``chunk`` (one whitespace-free chunk) over its edges. Remembered (bounded)."""
        found = self._known.get(chunk)
        if found is None:
            if len(chunk) > _MAX_LENGTH:
                return False  # neither common nor cheap to keep (nor to remember)
            if self._words is None:
                self._words = break_words(self._entries)
            # a reading with letters matters only where it reads a mask as a letter
            # (then the mask is no mask: ``reference.locate``)
            masks = [(at, at + 1, "") for at in mask_positions(chunk)]
            found = not may_reach(chunk, self._words, masks) and not any(
                map(self._masked().runs_over_edges, masked_letters(chunk))
            )
            make_room(self._known, _MAX_CHUNKS)
            self._known[chunk] = found
        return found
