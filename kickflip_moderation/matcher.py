"""The matcher: a brand's entries compiled into Aho-Corasick automata over normalized text.

Two stages, so that clean text (nearly all of it) costs a few C-level calls:

1. the *prefilter* (``prefilter.py``): one ``translate`` to a skeleton with word markers,
   a run collapse, one automaton. No hit means clean.
2. the *exact* stage, only for texts (or windows of long texts) the prefilter lets
   through: ``normalize.split_words`` with the index map for each leetspeak reading,
   the run-length patterns of ``patterns.py`` (``fuuuck`` matches ``fuck``; ``as`` does
   not match ``ass``), breaks (a match may cross a hard break only inside a spelled word
   or where the entry itself has one), word boundaries (``boundaries.accepts``), the
   allowlist (a match is dropped only when an allowed span fully contains it), and
   masked spellings (``masks.py``: ``f*ck``).

The whole list lives in one automaton, the prefilter's: each key names its entries, and
the exact stage compiles its patterns only for the entries a text names
(``Prefilter.candidates``), once per set of entries. A 100k-entry list so costs about
one trie to build and to keep, not two.

A text made only of chunks the prefilter already knows to be clean takes one
``set.issuperset``. A long text goes to ``long_texts.py``: the exact stage runs only
around what the prefilter points at, and a single chunk it points at takes that chunk's
remembered matches (``chunk_matches.py``): prose repeats its words.

Spans are half-open and refer to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from . import boundaries, masks
from .caches import make_room
from .charmaps import AMBIGUOUS_IL, LEET_AMBIGUOUS, LEET_MAYBE_SEPARATOR
from .chunk_matches import ChunkMatches, RelativeMatch, is_single_chunk
from .defaults import builtin_allowlist, default_words
from .dictionaries import dictionary_languages, load_dictionaries
from .innocence import classify
from .long_texts import LongTexts
from .masks import MaskedEntries
from .match import Match
from .normalization import (
    AMBIGUOUS_READINGS,
    BANG_READING,
    MASKED_READING,
    PLAIN,
    Words,
    entry_key,
    fold,
    split_words_folded,
)
from .patterns import (
    STEM_ENDINGS,
    Automaton,
    Pattern,
    compile_entry,
    encode_runs,
    letter_breaks_allowed,
    letter_offsets,
    prefilter_entry,
    stem_suffixes,
)
from .prefilter import Prefilter
from .textspans import OVERLAP, WINDOW, Intervals

__all__ = ["Match", "Matcher"]

_MAX_VERDICTS = 20_000
_MAX_PATTERN_ENTRIES = 16_384  # entries compiled in all the remembered pattern sets
_LONGEST_WORD = 40  # no dictionary word is longer
_AMBIGUOUS = frozenset(LEET_AMBIGUOUS)
_MAYBE_SEPARATOR = LEET_MAYBE_SEPARATOR


@lru_cache(maxsize=1)
def _builtin_allow_automaton() -> Automaton:
    return Automaton(builtin_allowlist(), "built-in allowlist")


class Matcher:
    """Find a brand's banned entries in any text.

    >>> m = Matcher(["fuck", "ass"])
    >>> [(x.word, x.start, x.end) for x in m.find("F.u.c.k this class")]
    [('fuck', 0, 7)]

    ``allow`` adds allowlist entries to the built-in ones (``builtin_allow=False`` turns
    those off). An entry that normalizes to nothing (``"!!!"``, an emoji) raises
    ``WordlistError`` naming it; with ``skip_unusable=True`` (for lists pulled from the API,
    where one odd entry must not stop moderation) it is left out and listed in ``skipped``.

    ``dictionary_allow``: an entry found inside a longer word of the shipped dictionaries
    (en, fr, es, de) is not flagged when the innocence rule calls that word innocent in
    every language that has it (``specialist`` holds ``cialis``, ``twinkle`` ``twink``):
    the rule that builds the built-in allowlist, applied at run time to any list.
    Inflections and offensive compounds (``fucking``, ``bullshit``) stay flagged.
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
        if isinstance(words, str) or isinstance(allow, str):
            raise TypeError("words and allow must be iterables of str, not a single str")
        self.entries: tuple[str, ...] = tuple(words)
        extra_allow = list(allow)
        allow_entries = [*builtin_allowlist(), *extra_allow] if builtin_allow else extra_allow
        self.allow_entries: tuple[str, ...] = tuple(allow_entries)
        skipped: list[str] | None = [] if skip_unusable else None
        self._prefilter = Prefilter(
            self.entries,
            lambda index, entry: prefilter_entry(index, entry, "word-list", skipped),
            stem_suffixes,
            STEM_ENDINGS,
        )
        #: Entries left out because they normalize to nothing (only with ``skip_unusable``).
        self.skipped: tuple[str, ...] = tuple(skipped or ())
        skipped = []  # the prefilter compiles entries again for what it builds on first use
        # The exact stage's patterns, compiled per set of entries the prefilter names: the
        # whole list lives in one trie, the prefilter's
        self._patterns: dict[frozenset[int], Automaton] = {}
        self._pattern_entries = 0  # entries in them
        # The built-in allowlist is compiled once per process and shared by every matcher.
        self._allow = [_builtin_allow_automaton()] if builtin_allow else []
        if extra_allow:
            self._allow.append(Automaton(extra_allow, "allowlist"))
        self._empty = self._prefilter.empty
        self._clean_chunks = self._prefilter.clean_chunks
        self._masked: MaskedEntries | None = None
        self._dictionary_allow = dictionary_allow
        self._verdicts: dict[str, bool] = {}  # dictionary word -> innocent?
        self._entry_keys: frozenset[str] | None = None
        # the matches of single chunks, remembered: words and names recur
        self._chunk_matches = ChunkMatches(self._relative_matches, self.allow_entries)
        self._long = LongTexts(
            self._prefilter, self._exact, self._chunk_matches, self.entries, self.allow_entries
        )

    @classmethod
    def default(cls, langs: str | Iterable[str] = ("en",), **kwargs: object) -> Matcher:
        """A matcher over the shipped default lists of ``langs`` (en, fr, es, de)."""
        return cls(default_words(langs), **kwargs)  # type: ignore[arg-type]

    def warm_up(self) -> Matcher:
        """Build now what a matcher otherwise builds on its first checks (the prefilter's
        chunk and short-entry keys; the shipped dictionaries, with ``dictionary_allow``),
        so that a service pays for it at startup and not on a shopper's first check:
        about 0.1 s for a 100k-entry list, 0.3 s for the dictionaries (once per
        process). Returns the matcher."""
        self._prefilter.warm_up()
        if self._dictionary_allow:
            load_dictionaries()
        return self

    def __repr__(self) -> str:
        return f"<Matcher {len(self.entries)} entries, {len(self.allow_entries)} allowed>"

    # -- public API -------------------------------------------------------------------

    def is_clean(self, text: str) -> bool:
        """True when ``text`` holds no entry. Clean text takes the fast path only: most
        texts are made of words already known to be clean, which one C call confirms."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if len(text) > WINDOW + OVERLAP:
            return self._empty or not self._long.find(text, first=True)
        if self._clean_chunks.issuperset(text.split()) or self._empty:
            return True
        if not self._may_match(text):
            return True
        known = self._single_chunk_matches(text)
        return not known if known is not None else not self._exact(text, first=True)

    def find(self, text: str) -> list[Match]:
        """Every match, sorted by position; spans index the original ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if self._empty:
            return []
        if len(text) > WINDOW + OVERLAP:
            return self._long.find(text)
        if self._clean_chunks.issuperset(text.split()):
            return []
        if not self._may_match(text):
            return []
        known = self._single_chunk_matches(text)
        return known if known is not None else self._exact(text)

    def _single_chunk_matches(self, text: str) -> list[Match] | None:
        """The matches of a text that is one chunk (a name, a word), as remembered for
        the chunks of long texts; None when there is none to go by."""
        if not is_single_chunk(text):
            return None
        known = self._chunk_matches.get(text)
        return None if known is None else [Match(*match) for match in known]

    def _relative_matches(self, chunk: str) -> list[RelativeMatch]:
        return [(match.start, match.end, match.word) for match in self._exact(chunk)]

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
        if masks.may_be_masked(text):
            return True  # a masked spelling (f*ck) has no skeleton to look for
        return self._prefilter.may_match(text)

    def _exact(
        self,
        text: str,
        first: bool = False,
        dictionary: bool = True,
        patterns: Automaton | None = None,
    ) -> list[Match]:
        """The exact stage; ``dictionary=False`` skips the dictionary innocence check.
        ``patterns``: the entries to look for (default: those the prefilter points at)."""
        if patterns is None:
            patterns = self._patterns_for(text)
        folded, fold_map = fold(text)
        dictionary = dictionary and self._dictionary_allow
        if PLAIN.fullmatch(folded):  # names, teams: one reading, no masks
            if not patterns.size:
                return []
            words = split_words_folded(folded, fold_map, 0)
            runs = encode_runs(words)
            spans = patterns.spans(runs, words)
            return sorted(set(self._judge(text, words, runs, spans, dictionary=dictionary)))
        if not patterns.size and not _MASKED.search(folded):
            return []  # no entry to look for, and no masked spelling
        # "1" and "|" stay ambiguous in reading 1, whose matches include reading 0's
        readings = [1 if _has_any(folded, _AMBIGUOUS) else 0]
        if _has_any(folded, _MAYBE_SEPARATOR):
            readings.append(2)
        if _TRAILING_BANG.search(folded):
            readings.append(BANG_READING)
        found: set[Match] = set()
        for reading in readings:
            ambiguous = reading in AMBIGUOUS_READINGS
            words = split_words_folded(folded, fold_map, reading)
            runs = encode_runs(words)
            spans = patterns.spans(runs, words, ambiguous=ambiguous)
            found.update(self._judge(text, words, runs, spans, ambiguous, dictionary))
            if first and found:
                return sorted(found)
        if _MASKED.search(folded):
            words = split_words_folded(folded, fold_map, MASKED_READING)
            masked = [
                (Pattern(index, (), frozenset(), length), begin, finish)
                for index, length, breaks, begin, finish in self._masked_entries().spans(
                    words.letters
                )
                if letter_breaks_allowed(words, begin, finish, breaks)
            ]
            if masked:
                found.update(
                    self._judge(text, words, encode_runs(words), masked, dictionary=dictionary)
                )
        return sorted(found)

    def _patterns_for(self, text: str) -> Automaton:
        """The exact stage's patterns for the entries whose prefilter keys count in
        ``text``: a dirty text names a few, and texts repeat them, so they are compiled
        per set and remembered."""
        indices = frozenset(self._prefilter.candidates(text))
        found = self._patterns.get(indices)
        if found is None:
            found = Automaton(self.entries, "word-list", indices=sorted(indices), inflect=True)
            if len(indices) > _MAX_PATTERN_ENTRIES // 8:
                return found  # a rare text that names many entries: not worth the memory
            held = self._pattern_entries
            if make_room(self._patterns, _MAX_PATTERN_ENTRIES, len(indices), held):
                self._pattern_entries = 0
            self._pattern_entries += len(indices)
            self._patterns[indices] = found
        return found

    def _innocent_word(self, word: str) -> bool:
        """Is ``word`` a dictionary word the innocence rule calls innocent in every
        language whose dictionary has it? Cached per word."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._judge_word(word)
            if len(self._verdicts) < _MAX_VERDICTS:
                self._verdicts[word] = verdict
        return verdict

    def _judge_word(self, word: str) -> bool:
        if len(word) > _LONGEST_WORD:
            return False
        langs = dictionary_languages(word)
        if not langs:
            return False
        matches = self._exact(word, dictionary=False)
        if not matches:
            return False
        if self._entry_keys is None:
            self._entry_keys = frozenset(entry_key(entry) for entry in self.entries)
        keys = self._entry_keys
        return all(classify(word, matches, lang, keys) == "innocent" for lang in langs)

    def _masked_entries(self) -> MaskedEntries:
        """Built on the first text with a mask (``f*ck``): most matchers never need it."""
        if self._masked is None:
            small = len(self.entries) <= masks.SMALL_LIST
            self._masked = MaskedEntries(
                (
                    (index, letters, letter_offsets(counts, breaks))
                    for index, entry in enumerate(self.entries)
                    for key, counts, breaks, letters in [compile_entry(entry)]
                    if key
                ),
                masks.MAX_LENGTH_SMALL_LIST if small else masks.MAX_LENGTH,
            )
        return self._masked

    def _judge(
        self,
        text: str,
        words: Words,
        runs: tuple[str, list[int], list[int]],
        candidates: list[tuple[Pattern, int, int]],
        ambiguous: bool = False,
        dictionary: bool = False,
    ) -> list[Match]:
        """Apply the allowlist and the word-boundary rules to candidate spans."""
        if not candidates:
            return []
        allowed = Intervals(
            (begin, finish)
            for automaton in self._allow
            for _, begin, finish in automaton.spans(
                runs, words, strict=True, ambiguous=ambiguous
            )
        )
        # affixes read an ambiguous "1" or "|" as "i" (fuck1ng), as the canonical reading does
        letters, index_map = words.letters.replace(AMBIGUOUS_IL, "i"), words.index_map
        spans: list[tuple[Pattern, int, int, int, int]] = []
        for pattern, begin, finish in candidates:
            word_start, word_end = words.word_start[begin], words.word_end[finish - 1]
            # inside a spelled word ("a b i t c h", "a s.h.i.t") every chunk may start a word
            if words.breaks[begin] == 2:
                word_start = begin
            if finish < len(words.breaks) and words.breaks[finish] == 2:
                word_end = finish
            # a stem without the suffix its rule needs is no entry (and vouches for none)
            if not pattern.requires or letters.startswith(pattern.requires, finish, word_end):
                spans.append((pattern, begin, finish, word_start, word_end))
        long_starts = {b for p, b, *_ in spans if p.length >= boundaries.ADJACENT_MIN}
        # shit-fuck: the entry before must itself start the word (not xx-shit-fuck)
        long_ends = {
            f
            for p, b, f, *_ in spans
            if p.length >= boundaries.ADJACENT_MIN
            and (words.word_start[b] == b or words.breaks[b] == 2)
        }
        limit = boundaries.MAX_AFFIX + 1
        matches: list[Match] = []
        for pattern, begin, finish, word_start, word_end in spans:
            if allowed.contains(begin, finish):
                continue
            inside = (word_start, word_end) != (begin, finish)
            if inside and not boundaries.accepts(
                prefix=letters[max(word_start, begin - limit) : begin],
                suffix=letters[finish : min(word_end, finish + limit)],
                entry_length=pattern.length,
                after_entry=begin in long_ends,
                before_entry=finish in long_starts,
            ):
                continue
            if inside and dictionary and self._innocent_word(letters[word_start:word_end]):
                continue
            if pattern.requires:  # whor-ing: the span covers the word the rule spelled
                finish += max(len(x) for x in pattern.requires if letters.startswith(x, finish))
            start = index_map[begin]
            end = _extend_over_marks(text, index_map[finish - 1] + 1)
            matches.append(Match(start, end, self.entries[pattern.entry_index]))
        return matches


_TRAILING_BANG = re.compile(r"[^ ]!(?: |$)")
# A self-censoring mask between letters in folded text (``masks.may_be_masked``: the original).
_MASKED = re.compile(r"[a-z0-9][*#]+[a-z0-9]")


def _has_any(text: str, chars: frozenset[str]) -> bool:
    return not chars.isdisjoint(text)


def _extend_over_marks(text: str, end: int) -> int:
    """Include combining marks and variation selectors that belong to the last letter."""
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return end
