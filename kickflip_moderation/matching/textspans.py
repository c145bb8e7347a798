"""Where to look in a long text: windows, regions around candidates, sets of spans.

Cuts fall on whitespace after a real word (two letters or digits in a row), so no word is
split and no spelled-out word ("f u c k", "s.h.i.t t i t") loses a letter at a cut.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

__all__ = ["OVERLAP", "WINDOW", "Intervals", "cut_after", "cut_before", "regions", "windows"]

WINDOW = 512
OVERLAP = 128


class Intervals:
    """A set of spans; ``contains`` and ``overlaps`` answer in O(log n), so a huge text
    with many candidates and many allowed spans stays linear (obscenity's
    IntervalCollection)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among spans starting at or before
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def contains(self, begin: int, finish: int) -> bool:
        """Does one span hold all of ``[begin, finish)``?"""
        i = bisect.bisect_right(self._starts, begin)
        return i > 0 and self._reach[i - 1] >= finish

    def overlaps(self, begin: int, finish: int) -> bool:
        """Does a span share a character with ``[begin, finish)``?"""
        i = bisect.bisect_left(self._starts, finish)  # the spans that start before its end
        return i > 0 and self._reach[i - 1] > begin  # one of them ends after its start


def regions(
    text: str, spans: list[tuple[int, int]], context: int
) -> Iterable[tuple[int, int, list[tuple[int, int]]]]:
    """(start, stop, spans inside) around sorted candidate ``spans``: ``context`` more
    characters each side, cut at whitespace, overlapping regions merged."""
    region_start = region_stop = -1
    inside: list[tuple[int, int]] = []
    for span_start, span_stop in spans:
        start = cut_before(text, span_start - context)
        if inside and start <= region_stop:
            region_stop = max(region_stop, cut_after(text, span_stop + context))
            inside.append((span_start, span_stop))
            continue
        if inside:
            yield region_start, region_stop, inside
        region_start, region_stop = start, cut_after(text, span_stop + context)
        inside = [(span_start, span_stop)]
    if inside:
        yield region_start, region_stop, inside


#: A real word: two letters or digits in a row, so not letters spelled out one per chunk
#: or between dots ("f u c k", "s.h.i.t", "s_h_i_t").
_REAL_WORD = re.compile(r"[^\W_]{2}")
_SPACES = re.compile(r"\s+")


def cut_before(text: str, position: int) -> int:
    """The start of the chunk holding ``position``, or of an earlier one, so that the cut
    follows a real word as ``cut_after``'s do (looked for up to ``WINDOW`` back): a cut
    inside letters spelled out ("s.h.i.t t i t") would shorten the word the judge sees.
    One backward pass over at most ``WINDOW`` characters."""
    if position <= 0:
        return 0
    floor = max(0, position - WINDOW)
    i = min(position, len(text) - 1)
    while True:
        while i >= floor and not text[i].isspace():  # back to the chunk's start
            i -= 1
        if i < floor:
            return floor
        start = i + 1
        while i >= floor and text[i].isspace():  # over the whitespace before it
            i -= 1
        end = i + 1  # the chunk before ends here
        while i >= floor and not text[i].isspace():
            i -= 1
        if end <= floor or _REAL_WORD.search(text, i + 1, end):
            return start
        # the chunk before is spelled letters: cut before it instead (i is in its space)


def windows(
    text: str, size: int = WINDOW, lead: int = OVERLAP
) -> Iterable[tuple[int, int, int, int]]:
    """(lead, start, limit, stop) windows over a long text, cut at whitespace after a real
    word: the window is ``text[lead:stop]`` and its matches are those that start in
    ``[start, limit)``. The overlap up to ``stop`` lets a match that straddles ``limit`` be
    found whole; the lead-in of about ``lead`` characters lets an allowed span that starts
    before ``start`` ("great tit") cover a match after it.
    """
    start = 0
    length = len(text)
    while start < length:
        limit = cut_after(text, start + size)
        stop = cut_after(text, limit + OVERLAP)
        yield cut_before(text, start - lead) if lead else start, start, limit, stop
        start = limit


def cut_after(text: str, position: int) -> int:
    """Where the first whitespace run at or after ``position`` that follows a real word
    (``_REAL_WORD`` in its chunk) ends. One forward pass: each chunk is read once."""
    if position >= len(text):
        return len(text)
    chunk_start = max(0, position - 2)
    for space in _SPACES.finditer(text, chunk_start):
        if _REAL_WORD.search(text, chunk_start, space.start()):
            return space.end()
        chunk_start = space.end()
    return len(text)
