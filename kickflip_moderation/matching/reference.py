"""``ReferenceMatcher``: the definition of a match, written to be read.

No prefilter, no cache: every entry is compiled, and every text takes the same road::

    fold (normalization)  ->  read it every way a shopper may have written it (readings)
    ->  locate every entry pattern in each reading (entries.Automaton.spans)
    ->  judge each occurrence (judge.Judge)  ->  Match objects on the original text

``Matcher`` must return exactly what this class returns, only faster: its accelerators
(``accel/``) only skip work that cannot change the answer, and then run ``find_exact``
below on what is left. The property tests in ``tests/test_reference.py`` hold them to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from . import masks
from .defaults import builtin_allowlist
from .entries import (
    Automaton,
    Pattern,
    compile_entry,
    encode_runs,
    letter_breaks_allowed,
    letter_offsets,
    usable_indices,
)
from .judge import Decision, Judge, Occurrence, Runs, reads_split_words
from .masks import MaskedEntries
from .match import Match
from .normalization import FOLD, PLAIN, Words, fold, join_split_words, split_words_folded
from .sound_alikes import with_sound_alikes
from .textmodel import LEET_AMBIGUOUS, LEET_MAYBE_SEPARATOR, LETTER_MASK, MASK, Reading
from .textspans import Intervals

__all__ = [
    "ExactStage", "Located", "ReferenceMatcher", "censor", "explain_exact", "find_exact", "locate",
    "word_lists",
]  # fmt: skip

_AMBIGUOUS = frozenset(LEET_AMBIGUOUS)
_MAYBE_SEPARATOR = frozenset(LEET_MAYBE_SEPARATOR)
# "hent4!": a "!" ending a chunk after a letter may be an "i" (``Reading.BANG``).
_TRAILING_BANG = re.compile(r"[^ ]!(?: |$)")


def readings_of(folded: str) -> list[Reading]:
    """The readings a folded text needs, the canonical one's stand-in first. A reading
    that keeps "1" and "|" ambiguous finds everything the canonical one finds, so it
    replaces it when the text holds such a symbol."""
    readings = [Reading.AMBIGUOUS if not _AMBIGUOUS.isdisjoint(folded) else Reading.CANONICAL]
    if not _MAYBE_SEPARATOR.isdisjoint(folded):
        readings.append(Reading.SEPARATORS)
    if _TRAILING_BANG.search(folded):
        readings.append(Reading.BANG)
    return readings


class Located(NamedTuple):
    """The occurrences of a text's entry patterns in one reading of it."""

    reading: Reading
    words: Words
    runs: Runs
    occurrences: list[Occurrence]


def locate(
    text: str,
    patterns: Automaton,
    masked: Callable[[], MaskedEntries],
    split: bool | None = None,
) -> Iterator[Located]:
    """Fold ``text``, read it every way it needs, and yield each reading's occurrences
    of ``patterns`` (and of the masked spellings ``masked()`` gives, asked for only when
    the text has a mask between letters). Steps 1-4 of docs/matcher.md. ``split``:
    whether occurrences may run over single spaces (default: ``reads_split_words``)."""
    if split is None:
        split = reads_split_words(text)
    folded, fold_map = fold(text)
    letter_masks = masks.x_mask_words(folded)  # fxck: a letter where a letter should be
    if PLAIN.fullmatch(folded) and not letter_masks:  # names, teams, prose: one reading
        if patterns.size:
            words = split_words_folded(folded, fold_map, Reading.CANONICAL)
            runs = encode_runs(words)
            yield Located(Reading.CANONICAL, words, runs, patterns.spans(runs, words))
            if split:
                yield from _split_words(text, Reading.CANONICAL, words, patterns)
        return
    symbol_masks = masks.MASKED_FOLDED.search(folded) is not None
    has_mask = symbol_masks or bool(letter_masks)
    if not patterns.size and not has_mask:
        return
    # the characters the other readings read as letters of an entry they found
    read: list[tuple[int, int]] = []
    read_split = False
    for reading in readings_of(folded):
        words = split_words_folded(folded, fold_map, reading)
        runs = encode_runs(words)
        found = patterns.spans(runs, words, ambiguous=reading.ambiguous)
        index_map = words.index_map
        if has_mask:
            read += _letters_read(index_map, found)
        yield Located(reading, words, runs, found)
        if split and not read_split:  # in the first reading ("sh 1t": "1" is a letter)
            read_split = True
            for located in _split_words(text, reading, words, patterns):
                if has_mask:
                    read += _letters_read(located.words.index_map, located.occurrences)
                yield located
    if has_mask:
        # a symbol is a mask only where no reading of it as a letter spells an entry:
        # "t!t" is tit read as leetspeak (and an allowed "great t!t" stays allowed); a
        # reading that skips it as punctuation explains nothing ("fu*k" holds fu.k)
        explained = Intervals(read)
        for masked_text in masks.masked_texts(folded, letter_masks, symbol_masks):
            words = split_words_folded(masked_text, fold_map, Reading.MASKED)
            index_map = words.index_map
            letters = words.letters
            occurrences: list[Occurrence] = [
                (Pattern(index, (), frozenset(), length), begin, finish)
                for index, length, breaks, begin, finish in masked().spans(letters)
                if letter_breaks_allowed(words, begin, finish, breaks)
                and not all(
                    explained.contains(index_map[i], index_map[i] + 1)
                    for i in range(begin, finish)
                    if letters[i] == MASK
                )
                # an x stands for a letter between letters only: "wa**ing" is Waxxing
                and not (
                    letter_masks and _letter_mask_at_edge(text, letters, index_map, begin, finish)
                )
            ]
            if occurrences:
                yield Located(Reading.MASKED, words, encode_runs(words), occurrences)


def _letters_read(index_map: list[int], occurrences: list[Occurrence]) -> list[tuple[int, int]]:
    """The characters of the text (as spans) that ``occurrences`` read as letters."""
    return [
        (index_map[i], index_map[i] + 1)
        for _, begin, finish in occurrences
        for i in range(begin, finish)
    ]


def _letter_mask_at_edge(
    text: str, letters: str, index_map: list[int], begin: int, finish: int
) -> bool:
    """Does the masked occurrence ``[begin, finish)`` start or end with a mask that the
    text wrote as a letter (``masks.x_mask_words``)? Symbols may hide a word's end
    (``fu**``); an x that did would make entries of invented names (Boxxer, Mixxer)."""
    return any(
        letters[i] == MASK and LETTER_MASK in FOLD[ord(text[index_map[i]])]
        for i in (begin, finish - 1)
    )


def _split_words(
    text: str, reading: Reading, words: Words, patterns: Automaton
) -> Iterator[Located]:
    """The occurrences that run over a single space (``fu ck``, ``as shole``), found with
    the words one space apart joined (``normalization.join_split_words``); the judge
    decides whether they count (every piece a word of its own: no)."""
    joined = join_split_words(words, text)
    if joined is None:
        return
    split_words, junctions = joined
    runs = encode_runs(split_words)
    found = patterns.spans(runs, split_words, ambiguous=reading.ambiguous)
    across = [occurrence for occurrence in found if _crosses(occurrence, junctions)]
    if across:
        yield Located(reading, split_words, runs, across)


def _crosses(occurrence: Occurrence, junctions: list[int]) -> bool:
    """Does the occurrence hold letters on both sides of a junction?"""
    _, begin, finish = occurrence
    i = bisect.bisect_right(junctions, begin)
    return i < len(junctions) and junctions[i] < finish


def find_exact(
    text: str,
    patterns: Automaton,
    judge: Judge,
    masked: Callable[[], MaskedEntries],
    *,
    first: bool = False,
    split: bool | None = None,
) -> list[Match]:
    """Every match of ``patterns`` in ``text``, sorted: each occurrence ``locate`` finds,
    as the judge decides. ``first``: stop at the first reading that has one
    (``is_clean``). ``split``: see ``locate`` (a part of a longer text passes False)."""
    found: set[Match] = set()
    for located in locate(text, patterns, masked, split):
        found.update(
            judge.matches(
                text, located.words, located.runs, located.occurrences,
                located.reading.ambiguous,
            )
        )  # fmt: skip
        if first and found:
            break
    return sorted(found)


def explain_exact(
    text: str, patterns: Automaton, judge: Judge, masked: Callable[[], MaskedEntries]
) -> list[Decision]:
    """Every occurrence ``locate`` finds, with the judge's decision and its reason; one
    line per span and entry (a span found in several readings is decided alike)."""
    decisions: dict[tuple[int, int, str], Decision] = {}
    for located in locate(text, patterns, masked):
        for decision in judge.decide(
            text, located.words, located.runs, located.occurrences,
            located.reading.ambiguous, explain=True,
        ):  # fmt: skip
            if located.reading is Reading.MASKED:
                decision = replace(decision, reason=f"a masked spelling; {decision.reason}")
            key = (decision.start, decision.end, decision.word)
            if key not in decisions or (decision.counts and not decisions[key].counts):
                decisions[key] = decision
    return sorted(decisions.values(), key=lambda d: (d.start, d.end, d.word))


class ExactStage:
    """``find_exact`` bound to one list: where its patterns come from (every entry, or
    the prefilter's candidates), its judge and its masked spellings. The accelerators
    hand it the texts (or regions, or chunks) they could not rule out."""

    def __init__(
        self,
        patterns_for: Callable[[str], Automaton],
        judge: Judge,
        masked: Callable[[], MaskedEntries],
    ) -> None:
        self._patterns_for = patterns_for
        self._judge = judge
        self._masked = masked

    def __call__(self, text: str, first: bool = False, split: bool | None = None) -> list[Match]:
        """``find_exact`` on ``text``; ``split=False`` for a part of a longer text, which
        reads no split words (``judge.reads_split_words`` goes by the whole text)."""
        return find_exact(
            text, self._patterns_for(text), self._judge, self._masked, first=first, split=split
        )


def masked_entries(entries: Sequence[str], usable: Iterable[int]) -> MaskedEntries:
    """The masked spellings (``f*ck``) of the ``usable`` entries. Built on the first
    text with a mask: most matchers never need it."""
    small = len(entries) <= masks.SMALL_LIST
    return MaskedEntries(
        (
            (index, letters, letter_offsets(counts, breaks))
            for index in usable
            for _key, counts, breaks, letters in [compile_entry(entries[index])]
        ),
        masks.MAX_LENGTH_SMALL_LIST if small else masks.MAX_LENGTH,
    )


def censor(text: str, matches: list[Match], char: str) -> str:
    """``text`` with every non-space character of every match replaced by ``char``."""
    if not isinstance(char, str) or len(char) != 1:
        raise ValueError("char must be a single character")
    if not matches:
        return text
    out = list(text)
    for match in matches:
        for i in range(match.start, match.end):
            if not out[i].isspace():
                out[i] = char
    return "".join(out)


def word_lists(
    words: Iterable[str], allow: Iterable[str], builtin_allow: bool
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A matcher's constructor arguments as (entries, the caller's allow entries, every
    allow entry, the built-in ones first when ``builtin_allow``). Shared by ``Matcher``
    and ``ReferenceMatcher``, so both read their arguments alike."""
    if isinstance(words, str) or isinstance(allow, str):
        raise TypeError("words and allow must be iterables of str, not a single str")
    extra_allow = tuple(allow)
    every_allow = (*builtin_allowlist(), *extra_allow) if builtin_allow else extra_allow
    return tuple(words), extra_allow, every_allow


class ReferenceMatcher:
    """The semantics of ``Matcher``, with nothing but the semantics: same constructor,
    same ``find`` / ``is_clean`` / ``censor``, same results, slower (every entry is
    looked for in every text). Use it to check a change to the matcher, or to ask what a
    match is; use ``Matcher`` in production.

    >>> m = ReferenceMatcher(["fuck", "ass"])
    >>> [(x.word, x.start, x.end) for x in m.find("F.u.c.k this class")]
    [('fuck', 0, 7)]
    """

    def __init__(
        self,
        words: Iterable[str],
        allow: Iterable[str] = (),
        *,
        builtin_allow: bool = True,
        skip_unusable: bool = False,
        dictionary_allow: bool = True,
    ) -> None:
        self.entries, extra_allow, self.allow_entries = word_lists(words, allow, builtin_allow)
        skipped: list[str] | None = [] if skip_unusable else None
        usable = usable_indices(self.entries, "word-list", skipped)
        #: Entries left out because they normalize to nothing (only with ``skip_unusable``).
        self.skipped: tuple[str, ...] = tuple(skipped or ())
        #: Whether words of the shipped dictionaries vouch for the entries inside them.
        self.dictionary_allow = dictionary_allow
        # the entries and their sound-alike spellings (fuk), which report their entry
        compiled, stands_for = with_sound_alikes(self.entries)
        every = [*usable, *range(len(self.entries), len(compiled))]
        self._patterns = Automaton(compiled, "word-list", indices=every, inflect=True)
        self._judge = Judge(
            compiled,
            extra_allow,
            builtin_allow=builtin_allow,
            dictionary_allow=dictionary_allow,
            stands_for=stands_for,
        )
        self._usable = usable
        self._masked: MaskedEntries | None = None
        self._exact = ExactStage(lambda _text: self._patterns, self._judge, self._masked_entries)

    def __repr__(self) -> str:
        return f"<ReferenceMatcher {len(self.entries)} entries, {len(self.allow_entries)} allowed>"

    def find(self, text: str) -> list[Match]:
        """Every match, sorted by position; spans index the original ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        return self._exact(text)

    def _masked_entries(self) -> MaskedEntries:
        if self._masked is None:
            self._masked = masked_entries(self.entries, self._usable)
        return self._masked

    def is_clean(self, text: str) -> bool:
        """True when ``text`` holds no entry."""
        return not self.find(text)

    def explain(self, text: str) -> list[Decision]:
        """Every occurrence of an entry in ``text``, with whether it counts and why."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        return explain_exact(text, self._patterns, self._judge, self._masked_entries)

    def censor(self, text: str, char: str = "*") -> str:
        """``text`` with every offending character replaced by ``char``; same length."""
        return censor(text, self.find(text), char)
