"""Long texts: the exact stage runs only where the prefilter points, never over the whole.

One prefilter pass over the chunks says where keys occur
(``Prefilter.candidate_spans``). A single chunk it points at takes that chunk's
remembered matches (``chunk_matches.py``: prose repeats its words); anything else goes
through the exact stage with its surroundings, and a match counts if it overlaps a place
the prefilter pointed at. A masked spelling has no key: the chunks holding a mask are
pointed at too, and the candidates near one are read with it (unless no phrase may cross
it: ``masked_chunks.py``). When the prefilter cannot point (control characters, symbols
in non-ASCII text), the text goes window by window (``textspans.windows``).

Contract: ``LongTexts.find(text)`` equals the reference's ``find`` over the whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .. import masks
from ..masks import MaskedEntries
from ..match import Match
from ..textspans import OVERLAP, WINDOW, Intervals, regions, windows
from .chunk_matches import ChunkMatches, is_single_chunk
from .masked_chunks import MaskedChunks
from .prefilter import Prefilter

__all__ = ["LongTexts"]

# Context around a long text's candidate, each side: enough for an allowed span or a
# multi-word entry that reaches beyond the candidate's chunks.
_MIN_CONTEXT, _MAX_CONTEXT = 48, 256
_NARROW = 128  # a window the prefilter lets through is looked at again in pieces this long
#: The exact stage: (text, first) -> matches (``first``: any one will do).
Exact = Callable[[str, bool, bool], list[Match]]


class LongTexts:
    """``find`` for texts longer than a window, with a matcher's prefilter, exact stage
    and remembered chunk matches."""

    def __init__(
        self,
        prefilter: Prefilter,
        exact: Exact,
        chunk_matches: ChunkMatches,
        entries: Sequence[str],
        allow_entries: Sequence[str],
        masked: Callable[[], MaskedEntries],
    ) -> None:
        """``masked()``: the entries' masked spellings (built on first use)."""
        self._prefilter = prefilter
        self._exact = exact
        self._chunk_matches = chunk_matches
        self._masked_chunks = MaskedChunks(entries, masked)
        longest = max(map(len, entries), default=0) + max(map(len, allow_entries), default=0)
        self._context = min(_MAX_CONTEXT, max(_MIN_CONTEXT, longest))
        # a window's lead-in: room for an allowed span that starts before the window and
        # crosses whitespace (only allow entries with a space or punctuation can), with
        # as much again for separators; none without such entries
        spaced = max((len(entry) for entry in allow_entries if not entry.isalnum()), default=0)
        self._lead = min(OVERLAP, 2 * spaced)

    def find(self, text: str, first: bool = False) -> list[Match]:
        """A long text: one prefilter pass says where keys occur. A single chunk it
        points at takes that chunk's remembered matches (``chunk_matches.py``); anything
        else, only its surroundings (``self._context`` characters each side, cut at
        whitespace) go through the exact stage, and a match counts if it overlaps a place
        the prefilter pointed at (each real match does: its own key's chunks).
        The chunks holding a mask (``f*ck``, ``f@ck``: no key) are pointed at too
        (``masks.mask_chunks``), and a candidate within ``self._context`` of one goes
        with it to the exact stage rather than to its remembered matches; unless the
        masked chunk keeps to itself (``masked_chunks.py``: no phrase may cross it), and
        then it takes its own remembered matches like any other chunk.
        When the prefilter cannot point (control characters, symbols in non-ASCII
        text), window by window.
        ``first``: any one match will do (``is_clean``)."""
        spans = self._prefilter.candidate_spans(text)
        if spans is None:
            return self._windows(text, first)
        masked = masks.mask_chunks(text)  # empty unless masks.may_be_masked(text)
        found: set[Match] = set()
        if masked:
            # a masked chunk that keeps to itself (``masked_chunks.py``) is a candidate
            # like any other: its remembered matches, and its neighbours left alone
            masked, alone = self._alone(text, masked, spans)
            spans = sorted({*spans, *alone})
        near_mask = Intervals(
            [(start - self._context, stop + self._context) for start, stop in masked]
        )
        # a masked spelling has no key: its chunks are pointed at, and every candidate
        # near one is looked at with it in one region (a masked match may reach it:
        # ``pi*ce of (shit)``), never alone from its remembered matches
        unresolved: list[tuple[int, int]] = list(masked)
        for start, stop in spans:
            chunk = text[start:stop]
            if masked and near_mask.overlaps(start, stop):
                unresolved.append((start, stop))
                continue
            known = self._chunk_matches.get(chunk) if is_single_chunk(chunk) else None
            if known is None:
                unresolved.append((start, stop))
                continue
            found.update(Match(begin + start, end + start, word) for begin, end, word in known)
            if first and found:
                return sorted(found)
        for start, stop, hits in regions(text, sorted(set(unresolved)), self._context):
            region = text[start:stop]
            pointed = Intervals(hits)
            for thorough in (False, True) if first else (True,):
                # ``first`` stops at the first reading with a match; if that one is
                # only an artifact of the region's edge, look at every reading
                if len(region) > WINDOW + OVERLAP:
                    matches = self._windows(region, not thorough)
                else:
                    matches = self._exact(region, not thorough, False)
                for match in matches:
                    begin, end = match.start + start, match.end + start
                    if pointed.overlaps(begin, end):
                        found.add(Match(begin, end, match.word))
                if found or not matches:
                    break
            if first and found:
                break
        return sorted(found)

    def _alone(
        self, text: str, masked: list[tuple[int, int]], spans: list[tuple[int, int]]
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """``masked`` split into the spans that need their surroundings and the whole
        chunks that keep to themselves: ``MaskedChunks.alone``, and no candidate of the
        prefilter that overlaps the chunk reaches beyond it (a multi-word key: "wh!te
        power" may explain a mask by reading it as a letter)."""
        beyond = Intervals([span for span in spans if not is_single_chunk(text[slice(*span)])])
        near, alone = [], []
        for start, stop in masked:
            chunk = text[start:stop]
            whole = (start == 0 or text[start - 1].isspace()) and (
                stop == len(text) or text[stop].isspace()
            )
            if (
                whole
                and is_single_chunk(chunk)
                and not beyond.overlaps(start, stop)
                and self._masked_chunks.alone(chunk)
            ):
                alone.append((start, stop))
            else:
                near.append((start, stop))
        return near, alone

    def _windows(self, text: str, first: bool = False, size: int = WINDOW) -> list[Match]:
        """A long text, window by window: only windows the prefilter lets through pay for
        the exact stage, and a window that passes is narrowed once more first."""
        spans = list(windows(text, size, self._lead))
        pieces = [text[lead:stop] for lead, _, _, stop in spans]
        if masks.may_be_masked(text):
            passes = [True] * len(pieces)
        else:
            passes = self._prefilter.windows_may_match(text, pieces)
        found: set[Match] = set()
        for (lead, start, limit, _), window, passed in zip(spans, pieces, passes, strict=True):
            if not passed:
                continue
            narrow = size > _NARROW and len(window) > 2 * (_NARROW + OVERLAP)
            for thorough in (False, True) if first else (True,):
                # ``first`` may stop at a match in the lead-in or the overlap, which
                # belongs to a neighbour: then look for every match
                if narrow:
                    matches = self._windows(window, not thorough, _NARROW)
                else:
                    matches = self._exact(window, not thorough, False)
                kept = [m for m in matches if start <= m.start + lead < limit]
                found.update(Match(m.start + lead, m.end + lead, m.word) for m in kept)
                if kept or not matches:
                    break
            if first and found:
                break
        return sorted(found)
