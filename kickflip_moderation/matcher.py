"""The matcher: a brand's entries compiled into Aho-Corasick automata over normalized text.

Two stages, so that clean text (nearly all of it) costs a few C-level calls:

1. a *prefilter*: the text goes through one ``str.translate`` (fold, leetspeak, drop
   separators, ``l`` and ``i`` merged) and a run collapse, then one automaton of entry
   skeletons. No hit means clean: the skeleton of every real match is in that string.
2. the *exact* stage, only for texts (or windows of long texts) the prefilter hit:
   ``normalize.split_words`` with the index map, run-length comparison (``fuuuck``
   matches ``fuck``; ``as`` does not match ``ass``), breaks (a match may cross a hard
   break only inside a spelled word or where the entry itself has one), word boundaries
   (``boundaries.accepts``) and the allowlist (a match is dropped only when an allowed
   span fully contains it).

Spans are half-open and refer to the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from . import boundaries
from .charmaps import LEET_AMBIGUOUS_L, LEET_MAYBE_SEPARATOR
from .defaults import builtin_allowlist, default_words
from .errors import WordlistError
from .masks import MaskedEntries
from .normalize import (
    BANG_READING,
    MASKED_READING,
    PLAIN,
    Words,
    fold,
    split_words_folded,
)
from .prefilter import Prefilter, PrefilterEntry

__all__ = ["Match", "Matcher"]

_RUN = re.compile(r"(.)\1*", re.DOTALL)
_DOUBLED = re.compile(r"(.)\1", re.DOTALL)
_SHORT = 64  # skeletons up to this length are collapsed only when the automaton saw a pair
_WINDOW = 512
_OVERLAP = 128
_NARROW = 128  # a window the prefilter lets through is looked at again in pieces this long
_AMBIGUOUS = frozenset(LEET_AMBIGUOUS_L)
_MAYBE_SEPARATOR = LEET_MAYBE_SEPARATOR


@dataclass(frozen=True, order=True)
class Match:
    """One offending span: ``text[start:end]`` matched the entry ``word`` (as written)."""

    start: int
    end: int
    word: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class _Pattern(NamedTuple):
    index: int  # into Matcher.entries / allow entries
    counts: tuple[int, ...]  # run lengths the text must reach, run by run
    breaks: frozenset[int]  # run offsets where the entry itself starts a new word
    length: int  # letters in the entry
    requires: tuple[str, ...] = ()  # a spelling-rule stem: the word must go on with one of these


def _runs(words: Words) -> tuple[str, list[int], list[int]]:
    """Run-length encode each word: (run letters, run starts, run ends) in letter indices.

    A plain loop: three times faster than a backreference regex on these short words."""
    letters = words.letters
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for word_start, word_end in words.words:
        previous = ""
        for i in range(word_start, word_end):
            char = letters[i]
            if char != previous:
                if previous:
                    ends.append(i)
                chars.append(char)
                starts.append(i)
                previous = char
        if previous:
            ends.append(word_end)
    return "".join(chars), starts, ends


def _compile(entry: str) -> tuple[str, tuple[int, ...], frozenset[int], str]:
    """An entry -> (run key, run counts, run offsets of its word breaks, its letters)."""
    if entry.isascii() and entry.isalpha():  # most entries: skip the general pipeline
        letters = entry.lower()
        if not _DOUBLED.search(letters):
            return letters, (1,) * len(letters), frozenset(), letters
        runs = [(m.group(1), m.end() - m.start()) for m in _RUN.finditer(letters)]
        return "".join(c for c, _ in runs), tuple(n for _, n in runs), frozenset(), letters
    folded, fold_map = fold(entry)
    words = split_words_folded(folded, fold_map, 0)
    key, starts, ends = _runs(words)
    counts = tuple(e - s for s, e in zip(starts, ends, strict=True))
    # any separator the entry has (space or punctuation) may be any separator in the text
    breaks = frozenset(i for i, s in enumerate(starts) if i and words.breaks[s])
    return key, counts, breaks, words.letters


#: English spelling rules: a final "e" drops before -ing (whoring), a final "y" after a
#: consonant becomes "i" before -es/-ed/-er (pussies, orgies).
_STEM_RULES: dict[str, tuple[str, ...]] = {
    "e": ("ing", "in"),
    "y": ("ies", "ied", "ier", "iest"),
}


def _spelling_stem(
    key: str, counts: tuple[int, ...], letters: str
) -> tuple[str, tuple[int, ...], tuple[str, ...]] | None:
    """The stem an inflection is spelled from, when a rule changes the entry's last letter."""
    requires = _STEM_RULES.get(letters[-1:])
    if requires is None or len(letters) < 4 or counts[-1] != 1 or letters[-2] in "aeiouy":
        return None
    return key[:-1], counts[:-1], requires


def _joined_variant(
    key: str, counts: tuple[int, ...], breaks: frozenset[int]
) -> tuple[str, tuple[int, ...], frozenset[int]] | None:
    """A multi-word entry whose words meet on the same letter ("god damn", "ball licking"),
    as it reads once the words are written together: the two runs become one."""
    if not any(key[j - 1] == key[j] for j in breaks):
        return None
    chars: list[str] = []
    merged: list[int] = []
    kept: set[int] = set()
    for j, (char, count) in enumerate(zip(key, counts, strict=True)):
        if j in breaks and key[j - 1] == char:
            merged[-1] += count
            continue
        if j in breaks:
            kept.add(len(chars))
        chars.append(char)
        merged.append(count)
    return "".join(chars), tuple(merged), frozenset(kept)


class _Automaton:
    """An Aho-Corasick automaton of run keys; colliding keys are grouped, never overwritten."""

    def __init__(
        self,
        entries: Sequence[str],
        what: str,
        *,
        skip_unusable: bool = False,
        inflect: bool = False,
    ) -> None:
        grouped: dict[str, list[_Pattern]] = {}
        #: what the prefilter needs of each entry (word-list automaton only)
        self.prefilter_entries: list[PrefilterEntry] = []
        self.skipped: list[str] = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                raise TypeError(f"{what} entries must be str, got {type(entry).__name__}")
            key, counts, breaks, letters = _compile(entry)
            if not key and skip_unusable:
                self.skipped.append(entry)
                continue
            if not key:
                raise WordlistError(
                    f"{what} entry {entry!r} has no letters or digits after normalization;"
                    " it would match everywhere"
                )
            grouped.setdefault(key, []).append(_Pattern(index, counts, breaks, len(letters)))
            if breaks:
                joined = _joined_variant(key, counts, breaks)
                if joined is not None:  # "god damn" also as "goddamn", where dd is one run
                    grouped.setdefault(joined[0], []).append(
                        _Pattern(index, joined[1], joined[2], len(letters))
                    )
            if not inflect:
                continue
            letter_breaks = _letter_offsets(counts, breaks)
            self.prefilter_entries.append((letters, letter_breaks, len(letters), ()))
            stem = _spelling_stem(key, counts, letters)
            if stem is not None:  # whore -> whor+ing, pussy -> puss+ies
                stem_key, stem_counts, requires = stem
                grouped.setdefault(stem_key, []).append(
                    _Pattern(index, stem_counts, breaks, len(letters), requires)
                )
                self.prefilter_entries.append(
                    (letters[:-1], letter_breaks, len(letters), requires)
                )
        self.size = len(grouped)
        self.automaton = ahocorasick.Automaton()
        for key, patterns in grouped.items():
            self.automaton.add_word(key, (len(key), tuple(patterns)))
        if grouped:
            self.automaton.make_automaton()

    def spans(
        self, runs: tuple[str, list[int], list[int]], words: Words, *, strict: bool = False
    ) -> list[tuple[_Pattern, int, int]]:
        """Every place the run key matches with enough repeats and allowed breaks.

        ``strict`` (allowlists): the entry's own word breaks must be in the text too, so
        an allowed ``pen is`` never covers ``penis``.
        """
        if not self.size:
            return []
        chars, starts, ends = runs
        found: list[tuple[_Pattern, int, int]] = []
        for last, (key_length, patterns) in self.automaton.iter(chars):
            first = last - key_length + 1
            for pattern in patterns:
                if all(
                    ends[first + j] - starts[first + j] >= need
                    for j, need in enumerate(pattern.counts)
                ):
                    begin, finish = starts[first], ends[last]
                    if strict and not all(words.breaks[starts[first + b]] for b in pattern.breaks):
                        continue
                    if pattern.requires and finish - starts[last] != pattern.counts[-1]:
                        continue  # rap-ping is not rape + ing: the stem's last run is exact
                    if _breaks_allowed(words, begin, finish, pattern, starts, first):
                        found.append((pattern, begin, finish))
        return found


def _letter_offsets(counts: tuple[int, ...], run_breaks: frozenset[int]) -> frozenset[int]:
    """Run offsets of an entry's breaks -> letter offsets (runs have ``counts`` letters)."""
    offsets: set[int] = set()
    position = 0
    for run, count in enumerate(counts):
        if run in run_breaks:
            offsets.add(position)
        position += count
    return frozenset(offsets)


def _letter_breaks_allowed(words: Words, begin: int, finish: int, entry: frozenset[int]) -> bool:
    """``_breaks_allowed`` for a span matched letter by letter (masked spellings)."""
    for position in range(begin + 1, finish):
        if not words.breaks[position] or (position - begin) in entry:
            continue
        if words.word_start[position] == position or not words.breaks[begin]:
            return False
    return True


def _breaks_allowed(
    words: Words, begin: int, finish: int, pattern: _Pattern, run_starts: list[int], first: int
) -> bool:
    """A match may cross a break only inside a word it starts cleanly, or at an entry break."""
    breaks = words.breaks
    run = first
    for position in range(begin + 1, finish):
        while run + 1 < len(run_starts) and run_starts[run + 1] <= position:
            run += 1
        if not breaks[position]:
            continue
        if run_starts[run] == position and (run - first) in pattern.breaks:
            continue  # the entry has a word break here too ("piece of shit")
        if words.word_start[position] == position:
            return False  # crosses into another word ("push it", "pen is")
        if not breaks[begin]:
            return False  # starts inside a fragment ("hot-water" has no "twat")
    return True


@lru_cache(maxsize=1)
def _builtin_allow_automaton() -> _Automaton:
    return _Automaton(builtin_allowlist(), "built-in allowlist")


class Matcher:
    """Find a brand's banned entries in any text.

    >>> m = Matcher(["fuck", "ass"])
    >>> [(x.word, x.start, x.end) for x in m.find("F.u.c.k this class")]
    [('fuck', 0, 7)]

    ``allow`` adds allowlist entries to the built-in ones (``builtin_allow=False`` turns
    those off). An entry that normalizes to nothing (``"!!!"``, an emoji) raises
    ``WordlistError`` naming it; with ``skip_unusable=True`` (for lists pulled from the API,
    where one odd entry must not stop moderation) it is left out and listed in ``skipped``.
    """

    def __init__(
        self,
        words: Iterable[str],
        allow: Iterable[str] = (),
        *,
        builtin_allow: bool = True,
        skip_unusable: bool = False,
    ) -> None:
        if isinstance(words, str) or isinstance(allow, str):
            raise TypeError("words and allow must be iterables of str, not a single str")
        self.entries: tuple[str, ...] = tuple(words)
        extra_allow = list(allow)
        allow_entries = [*builtin_allowlist(), *extra_allow] if builtin_allow else extra_allow
        self.allow_entries: tuple[str, ...] = tuple(allow_entries)
        self._words = _Automaton(
            self.entries, "word-list", skip_unusable=skip_unusable, inflect=True
        )
        #: Entries left out because they normalize to nothing (only with ``skip_unusable``).
        self.skipped: tuple[str, ...] = tuple(self._words.skipped)
        # The built-in allowlist is compiled once per process and shared by every matcher.
        self._allow = [_builtin_allow_automaton()] if builtin_allow else []
        if extra_allow:
            self._allow.append(_Automaton(extra_allow, "allowlist"))
        self._prefilter = Prefilter(self._words.prefilter_entries)
        self._empty = self._prefilter.empty
        self._masked: MaskedEntries | None = None

    @classmethod
    def default(cls, langs: str | Iterable[str] = ("en",), **kwargs: object) -> Matcher:
        """A matcher over the shipped default lists of ``langs`` (en, fr, es, de)."""
        return cls(default_words(langs), **kwargs)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"<Matcher {len(self.entries)} entries, {len(self.allow_entries)} allowed>"

    # -- public API -------------------------------------------------------------------

    def is_clean(self, text: str) -> bool:
        """True when ``text`` holds no entry. Clean text takes the fast path only."""
        if self._empty:
            return True
        if len(text) > _WINDOW + _OVERLAP:
            return not self._find_windows(text, first=True)
        if not self._may_match(text):
            return True
        return not self._find_candidates(text, first=True)

    def find(self, text: str) -> list[Match]:
        """Every match, sorted by position; spans index the original ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if self._empty:
            return []
        if len(text) > _WINDOW + _OVERLAP:  # the windows' prefilter is the text's
            return self._find_windows(text)
        if not self._may_match(text):
            return []
        return self._find_candidates(text)

    def _find_candidates(self, text: str, first: bool = False) -> list[Match]:
        """``find`` once the prefilter has let ``text`` through; ``first``: any one match
        will do (``is_clean``), so stop at the first reading or window that has one."""
        if len(text) <= _WINDOW + _OVERLAP:
            return self._exact(text, first)
        return self._find_windows(text, first)

    def _find_windows(self, text: str, first: bool = False, size: int = _WINDOW) -> list[Match]:
        """A long text, window by window: only windows the prefilter lets through pay for
        the exact stage, and a window that passes is narrowed once more first."""
        spans = list(_windows(text, size))
        windows = [text[start:stop] for start, stop, _ in spans]
        if _MASK_CHAR_RE.search(text) and _MASKED_RAW.search(text):
            passes = [True] * len(windows)
        else:
            passes = self._prefilter.windows_may_match(text, windows)
        found: set[Match] = set()
        for (start, _, limit), window, passed in zip(spans, windows, passes, strict=True):
            if not passed:
                continue
            narrow = size > _NARROW and len(window) > 2 * (_NARROW + _OVERLAP)
            matches = self._find_windows(window, first, _NARROW) if narrow else None
            for match in matches if matches is not None else self._exact(window, first):
                if match.start < limit - start:
                    found.add(Match(match.start + start, match.end + start, match.word))
            if first and found:
                break
        return sorted(found)

    def censor(self, text: str, char: str = "*") -> str:
        """``text`` with every offending character replaced by ``char``; same length."""
        if not isinstance(char, str) or len(char) != 1:
            raise ValueError("char must be a single character")
        matches = self.find(text)
        if not matches:
            return text
        out = list(text)
        for match in matches:
            for i in range(match.start, match.end):
                if not out[i].isspace():
                    out[i] = char
        return "".join(out)

    # -- stages -----------------------------------------------------------------------

    def _may_match(self, text: str) -> bool:
        """The prefilter: False guarantees there is no match."""
        if _MASK_CHAR_RE.search(text) and _MASKED_RAW.search(text):
            return True  # a masked spelling (f*ck) has no skeleton to look for
        return self._prefilter.may_match(text)

    def _exact(self, text: str, first: bool = False) -> list[Match]:
        folded, fold_map = fold(text)
        if PLAIN.fullmatch(folded):  # names, teams: one reading, no masks
            words = split_words_folded(folded, fold_map, 0)
            runs = _runs(words)
            return sorted(set(self._judge(text, words, runs, self._words.spans(runs, words))))
        readings = [0]
        if _has_any(folded, _AMBIGUOUS):
            readings.append(1)
        if _has_any(folded, _MAYBE_SEPARATOR):
            readings.append(2)
        if ("|" in folded and "1" in folded) or _TRAILING_BANG.search(folded):
            readings.append(BANG_READING)
        found: set[Match] = set()
        for reading in readings:
            words = split_words_folded(folded, fold_map, reading)
            runs = _runs(words)
            found.update(self._judge(text, words, runs, self._words.spans(runs, words)))
            if first and found:
                return sorted(found)
        if _MASKED.search(folded):
            words = split_words_folded(folded, fold_map, MASKED_READING)
            masked = [
                (_Pattern(index, (), frozenset(), length), begin, finish)
                for index, length, breaks, begin, finish in self._masked_entries().spans(
                    words.letters
                )
                if _letter_breaks_allowed(words, begin, finish, breaks)
            ]
            if masked:
                found.update(self._judge(text, words, _runs(words), masked))
        return sorted(found)

    def _masked_entries(self) -> MaskedEntries:
        """Built on the first text with a mask (``f*ck``): most matchers never need it."""
        if self._masked is None:
            self._masked = MaskedEntries(
                (index, letters, _letter_offsets(counts, breaks))
                for index, entry in enumerate(self.entries)
                for key, counts, breaks, letters in [_compile(entry)]
                if key
            )
        return self._masked

    def _judge(
        self,
        text: str,
        words: Words,
        runs: tuple[str, list[int], list[int]],
        candidates: list[tuple[_Pattern, int, int]],
    ) -> list[Match]:
        """Apply the allowlist and the word-boundary rules to candidate spans."""
        if not candidates:
            return []
        allowed = _Intervals(
            (begin, finish)
            for automaton in self._allow
            for _, begin, finish in automaton.spans(runs, words, strict=True)
        )
        long_starts = {b for p, b, _ in candidates if p.length >= boundaries.ADJACENT_MIN}
        # shit-fuck: the entry before must itself start the word (not xx-shit-fuck)
        long_ends = {
            f
            for p, b, f in candidates
            if p.length >= boundaries.ADJACENT_MIN
            and (words.word_start[b] == b or words.breaks[b] == 2)
        }
        letters, index_map = words.letters, words.index_map
        limit = boundaries.MAX_AFFIX + 1
        matches: list[Match] = []
        for pattern, begin, finish in candidates:
            if allowed.contains(begin, finish):
                continue
            word_start, word_end = words.word_start[begin], words.word_end[finish - 1]
            # inside a spelled word ("a b i t c h", "a s.h.i.t") every chunk may start a word
            if words.breaks[begin] == 2:
                word_start = begin
            if finish < len(words.breaks) and words.breaks[finish] == 2:
                word_end = finish
            if pattern.requires and not letters.startswith(pattern.requires, finish, word_end):
                continue
            if (word_start, word_end) != (begin, finish) and not boundaries.accepts(
                prefix=letters[max(word_start, begin - limit) : begin],
                suffix=letters[finish : min(word_end, finish + limit)],
                entry_length=pattern.length,
                after_entry=begin in long_ends,
                before_entry=finish in long_starts,
            ):
                continue
            start = index_map[begin]
            end = _extend_over_marks(text, index_map[finish - 1] + 1)
            matches.append(Match(start, end, self.entries[pattern.index]))
        return matches


_TRAILING_BANG = re.compile(r"[a-z0-9]!+(?: |$)")
# A self-censoring mask between letters: in folded text, and (looser) in the original.
_MASKED = re.compile(r"[a-z0-9][*#]+[a-z0-9]")

_MASK_CHARS = "*#\uff0a\uff03\u2217\u204e"
_MASK_CHAR_RE = re.compile("[" + re.escape(_MASK_CHARS) + "]")
_MASKED_RAW = re.compile(r"[^\W_][" + re.escape(_MASK_CHARS) + r"]+[^\W_]")


def _has_any(text: str, chars: frozenset[str]) -> bool:
    return not chars.isdisjoint(text)


class _Intervals:
    """Allowed spans; ``contains`` answers in O(log n), so a huge one-word text with many
    candidates and many allowed spans stays linear (obscenity's IntervalCollection)."""

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


def _extend_over_marks(text: str, end: int) -> int:
    """Include combining marks and variation selectors that belong to the last letter."""
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return end


def _windows(text: str, size: int = _WINDOW) -> Iterable[tuple[int, int, int]]:
    """(start, stop, limit) windows over a long text, cut at whitespace after a real word.

    Matches are kept only when they start before ``limit``; the overlap up to ``stop``
    lets a match that straddles ``limit`` be found whole.
    """
    start = 0
    length = len(text)
    while start < length:
        limit = _cut(text, start + size)
        stop = _cut(text, limit + _OVERLAP)
        yield start, stop, limit
        start = limit


_CUT = re.compile(r"\S\S\s+")


def _cut(text: str, position: int) -> int:
    """The first whitespace at or after ``position`` that follows a chunk of 2+ characters."""
    if position >= len(text):
        return len(text)
    found = _CUT.search(text, max(0, position - 2))
    return found.end() if found else len(text)
