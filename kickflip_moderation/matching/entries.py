"""Entries compiled for matching: run-length patterns in one Aho-Corasick automaton.

Each entry becomes a run key (``fuck`` -> ``fuck``, ``ass`` -> ``as`` with counts 1, 2),
plus variants for how it can be written: the words of a multi-word entry joined where
they meet on the same letter (``god damn`` as ``goddamn``) and the stem of an inflection
that changes its spelling (``whore`` -> ``whor`` + ing). ``Automaton.spans`` finds every
place a text's runs reach a pattern's counts, and ``breaks_allowed`` says whether a span
may cross the text's separators.

``Matcher`` compiles patterns only for the entries its prefilter names in a text
(``Automaton(entries, indices=...)``); ``ReferenceMatcher`` compiles them all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from operator import ne, sub
from typing import NamedTuple

import ahocorasick

from ..errors import WordlistError
from ..wordlist import MAX_ENTRY_LENGTH
from .normalization import Words, fold, split_words_folded
from .respell import NO_BREAKS, ambiguous_spellings, leet_read, letter_offsets
from .textmodel import AMBIGUOUS_IL, Reading

__all__ = [
    "Automaton",
    "Pattern",
    "compile_entry",
    "STEM_ENDINGS",
    "check_type",
    "spelling_stem",
    "too_long",
    "unusable",
    "usable_indices",
    "stem_suffixes",
    "letter_breaks_allowed",
    "letter_offsets",
    "encode_runs",
]

_DOUBLED = re.compile(r"(.)\1", re.DOTALL)


class Pattern(NamedTuple):
    entry_index: int  # into Matcher.entries / allow entries
    counts: tuple[int, ...]  # run lengths the text must reach, run by run
    breaks: frozenset[int]  # run offsets where the entry itself starts a new word
    length: int  # letters in the entry
    requires: tuple[str, ...] = ()  # a spelling-rule stem: the word must go on with one of these


def encode_runs(words: Words) -> tuple[str, list[int], list[int]]:
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


_SINGLES = [(1,) * n for n in range(65)]  # shared: most entries have no doubled letter


def compile_entry(entry: str) -> tuple[str, tuple[int, ...], frozenset[int], str]:
    """An entry -> (run key, run counts, run offsets of its word breaks, its letters)."""
    if entry.isascii() and entry.isalpha():  # most entries: skip the general pipeline
        letters = entry.lower()
        if not _DOUBLED.search(letters):
            n = len(letters)
            return letters, _SINGLES[n] if n < len(_SINGLES) else (1,) * n, NO_BREAKS, letters
        # runs at C speed: a run starts where a letter differs from the one before
        starts = [0, *itertools.compress(itertools.count(1), map(ne, letters[1:], letters))]
        counts = tuple(map(sub, [*starts[1:], len(letters)], starts))
        return "".join(map(letters.__getitem__, starts)), counts, NO_BREAKS, letters
    folded, fold_map = fold(entry)
    words = split_words_folded(folded, fold_map, Reading.CANONICAL)
    key, starts, ends = encode_runs(words)
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


def spelling_stem(
    key: str, counts: tuple[int, ...], letters: str
) -> tuple[str, tuple[int, ...], tuple[str, ...]] | None:
    """The stem an inflection is spelled from, when a rule changes the entry's last letter."""
    requires = stem_suffixes(letters)
    if requires is None or counts[-1] != 1:
        return None
    return key[:-1], counts[:-1], requires


#: The last letters of the words ``stem_suffixes`` may give suffixes for.
STEM_ENDINGS = "".join(_STEM_RULES)


def stem_suffixes(letters: str) -> tuple[str, ...] | None:
    """The suffixes one of which must follow ``letters[:-1]``, when a spelling rule
    changes the last letter of the word ``letters`` before an inflection; else None."""
    requires = _STEM_RULES.get(letters[-1:])
    if requires is None or len(letters) < 4 or letters[-2] in "aeiouy":
        return None
    return requires


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


def _add_patterns(
    grouped: _Keyed,
    index: int,
    key: str,
    counts: tuple[int, ...],
    breaks: frozenset[int],
    letters: str,
    inflect: bool,
) -> bool:
    """One compiled entry's keys: as written, with its words joined, and its spelling stem
    (True when it has one)."""
    length = len(letters)
    grouped.add(key, Pattern(index, counts, breaks, length))
    if breaks:
        joined = _joined_variant(key, counts, breaks)
        if joined is not None:  # "god damn" also as "goddamn", where dd is one run
            grouped.add(joined[0], Pattern(index, joined[1], joined[2], length))
    if inflect:
        stem = spelling_stem(key, counts, letters)
        if stem is not None:  # whore -> whor+ing, pussy -> puss+ies
            stem_key, stem_counts, requires = stem
            grouped.add(stem_key, Pattern(index, stem_counts, breaks, length, requires))
            return True
    return False


def check_type(entry: object, what: str) -> None:
    if not isinstance(entry, str):
        raise TypeError(f"{what} entries must be str, got {type(entry).__name__}")


def too_long(entry: str) -> bool:
    """Longer than a word-list file allows. A real entry is a word or a short phrase;
    a huge one would only make a trie as deep as it is long, and pyahocorasick walks
    and frees its trie recursively (a 10,000-letter entry overflows a thread's stack)."""
    return len(entry) > MAX_ENTRY_LENGTH


def unusable(entry: str, what: str) -> WordlistError:
    if too_long(entry):
        return WordlistError(
            f"{what} entry {entry[:40]!r}... is {len(entry):,} characters long;"
            f" entries are at most {MAX_ENTRY_LENGTH}"
        )
    return WordlistError(
        f"{what} entry {entry!r} has no letters or digits after normalization;"
        " it would match everywhere"
    )


def usable_indices(entries: Sequence[str], what: str, skipped: list[str] | None) -> list[int]:
    """The indices of the entries that can match. An entry that normalizes to nothing
    (or is too long) raises ``WordlistError``, or, given ``skipped``, is appended there."""
    usable = []
    for index, entry in enumerate(entries):
        check_type(entry, what)
        if too_long(entry) or not compile_entry(entry)[0]:
            if skipped is None:
                raise unusable(entry, what)
            skipped.append(entry)
        else:
            usable.append(index)
    return usable


class Automaton:
    """An Aho-Corasick automaton of run keys; colliding keys are grouped, never overwritten.

    ``indices``: compile only these entries (the matcher's exact stage compiles the few
    the prefilter points at); a pattern keeps the entry's index in ``entries``.
    A second automaton, built on first use, holds the ambiguous spellings of the entries
    (``ambiguous_spellings``), for the readings where "1" and "|" stay ambiguous.
    """

    def __init__(
        self,
        entries: Sequence[str],
        what: str,
        *,
        indices: Iterable[int] | None = None,
        inflect: bool = False,
    ) -> None:
        grouped = _Keyed()
        self._entries = entries
        self._indices = range(len(entries)) if indices is None else tuple(indices)
        self._inflect = inflect
        for index in self._indices:
            entry = entries[index]
            check_type(entry, what)
            if too_long(entry):
                raise unusable(entry, what)
            lowered = entry.lower() if entry.isascii() and entry.isalpha() else ""
            if lowered and not _DOUBLED.search(lowered):
                # the common entry (one plain word): compile_entry's fast path, inlined
                key = letters = lowered
                n = len(letters)
                counts = _SINGLES[n] if n < len(_SINGLES) else (1,) * n
                if n < _PLAIN_LIMIT:  # a bare int stands for the plain pattern
                    grouped.add(key, index << _LENGTH_BITS | n)
                else:
                    grouped.add(key, Pattern(index, counts, NO_BREAKS, n))
                stem = spelling_stem(key, counts, letters) if inflect else None
                if stem is not None:
                    grouped.add(stem[0], Pattern(index, stem[1], NO_BREAKS, n, stem[2]))
                continue
            key, counts, breaks, letters = compile_entry(entry)
            if not key:
                raise unusable(entry, what)
            _add_patterns(grouped, index, key, counts, breaks, letters, inflect)
            read = leet_read(key, counts, breaks)
            if read is not None:
                _add_patterns(grouped, index, *read, letters, inflect)
        self.automaton = grouped.finish()
        self.size = len(self.automaton)
        self._ambiguous: ahocorasick.Automaton | None = None

    def _ambiguous_automaton(self) -> ahocorasick.Automaton:
        if self._ambiguous is None:
            grouped = _Keyed()
            for index in self._indices:
                key, counts, breaks, letters = compile_entry(self._entries[index])
                read = leet_read(key, counts, breaks)
                for form in (key, counts, breaks), *([read] if read else []):
                    if "i" in form[0] or "l" in form[0]:
                        for spelled in ambiguous_spellings(*form):
                            _add_patterns(grouped, index, *spelled, letters, self._inflect)
            self._ambiguous = grouped.finish()
        return self._ambiguous

    def spans(
        self,
        runs: tuple[str, list[int], list[int]],
        words: Words,
        *,
        strict: bool = False,
        ambiguous: bool = False,
    ) -> list[tuple[Pattern, int, int]]:
        """Every place the run key matches with enough repeats and allowed breaks.

        ``strict`` (allowlists): the entry written as the word it is (``_strictly``).
        ``ambiguous``: the text's letters may hold ``AMBIGUOUS_IL``, so the ambiguous
        spellings count too.
        """
        if not self.size:
            return []
        found = _spans(self.automaton, runs, words, strict)
        if ambiguous and AMBIGUOUS_IL in runs[0]:
            found += _spans(self._ambiguous_automaton(), runs, words, strict)
        return found


class _Keyed:
    """Patterns by run key, written straight into an automaton (no dictionary of lists
    in between: a 100k-entry list builds in less time and memory). A colliding key
    keeps every pattern. A plain one-word entry's pattern is stored as one int, its
    index and length (its counts are all 1 and the key is its letters)."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()

    def add(self, key: str, pattern: Pattern | int) -> None:
        old = self.automaton.get(key, None)
        value: object
        if old is None:
            value = pattern if pattern.__class__ is int else (len(key), (pattern,))
        else:
            value = (len(key), (*_patterns(old), *_patterns(pattern)))
        self.automaton.add_word(key, value)

    def finish(self) -> ahocorasick.Automaton:
        if len(self.automaton):
            self.automaton.make_automaton()
        return self.automaton


_LENGTH_BITS = 7
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1
_PLAIN_LIMIT = min(1 << _LENGTH_BITS, len(_SINGLES))


def _patterns(value: object) -> tuple[Pattern, ...]:
    """An automaton value (or one pattern) as patterns."""
    if value.__class__ is int:
        length = value & _LENGTH_MASK
        index = value >> _LENGTH_BITS
        return (Pattern(index, _SINGLES[length], NO_BREAKS, length),)
    if isinstance(value, Pattern):
        return (value,)
    return value[1]  # type: ignore[index,no-any-return]


def _spans(
    automaton: ahocorasick.Automaton,
    runs: tuple[str, list[int], list[int]],
    words: Words,
    strict: bool,
) -> list[tuple[Pattern, int, int]]:
    if not len(automaton):
        return []
    chars, starts, ends = runs
    found: list[tuple[Pattern, int, int]] = []
    for last, value in automaton.iter(chars):
        if value.__class__ is int:  # a plain one-word entry: one letter per run
            patterns = _patterns(value)
            key_length = patterns[0].length
        else:
            key_length, patterns = value
        first = last - key_length + 1
        for pattern in patterns:
            if all(
                ends[first + j] - starts[first + j] >= need
                for j, need in enumerate(pattern.counts)
            ):
                begin, finish = starts[first], ends[last]
                if strict and not _strictly(pattern, runs, first, words):
                    continue
                if pattern.requires and finish - starts[last] != pattern.counts[-1]:
                    continue  # rap-ping is not rape + ing: the stem's last run is exact
                if _breaks_allowed(words, begin, finish, pattern, starts, first):
                    found.append((pattern, begin, finish))
    return found


def _strictly(
    pattern: Pattern, runs: tuple[str, list[int], list[int]], first: int, words: Words
) -> bool:
    """Does an allowlist entry's occurrence write it as the word it is? Its own word
    breaks are in the text (an allowed ``pen is`` never covers ``penis``), and no letter
    is stretched to three or more beyond the entry: that is emphasis on an entry
    (``mammmmmmón`` is mamón, not the allowed mammon; ``rapeeee`` no râpée)."""
    _, starts, ends = runs
    if not all(words.breaks[starts[first + b]] for b in pattern.breaks):
        return False
    return all(
        ends[first + j] - starts[first + j] <= max(need, 2) for j, need in enumerate(pattern.counts)
    )


def letter_breaks_allowed(words: Words, begin: int, finish: int, entry: frozenset[int]) -> bool:
    """``_breaks_allowed`` for a span matched letter by letter (masked spellings)."""
    for position in range(begin + 1, finish):
        if not words.breaks[position] or (position - begin) in entry:
            continue
        if words.word_start[position] == position or not words.breaks[begin]:
            return False
    return True


def _breaks_allowed(
    words: Words, begin: int, finish: int, pattern: Pattern, run_starts: list[int], first: int
) -> bool:
    """A match may cross a break only inside a word it starts cleanly, or at an entry break."""
    breaks = words.breaks
    run = first
    for position in range(begin + 1, finish):
        while run + 1 < len(run_starts) and run_starts[run + 1] <= position:
            run += 1
        if not breaks[position]:
            continue
        if run_starts[run] != position:
            continue  # a run crosses the break ("shit-this": "tt"); the judge trims it
        if (run - first) in pattern.breaks:
            continue  # the entry has a word break here too ("piece of shit")
        if words.word_start[position] == position:
            return False  # crosses into another word ("push it", "pen is")
        if not breaks[begin]:
            return False  # starts inside a fragment ("hot-water" has no "twat")
    return True
