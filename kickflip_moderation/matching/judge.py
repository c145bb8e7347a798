"""The judge: the one place that decides whether an occurrence of an entry counts.

``locate`` finds where an entry's letters occur in a text; the judge decides, for each
occurrence, whether it is a match:

1. the allowlist: an occurrence fully inside an allowed span (built-in or the brand's
   ``allow=``) does not count;
2. word boundaries (``boundaries.accepts``): a whole word always counts; inside a longer
   word it counts next to an inflection, an offensive head or tail, or another entry
   (``bull-shit``, ``fuck-ing``), not by accident (``cl-ass``, ``Scun-thorpe``);
3. innocence (``dictionary_allow``): an occurrence inside a word a reader judged
   innocent (``verdicts.py``: ``butter`` holds ``butt``) does not count; a word no reader
   judged falls back to the innocence rule for the shipped dictionaries (innocent in every
   language having it: ``specialist`` holds ``cialis``).

Both ``ReferenceMatcher`` and ``Matcher`` call ``Judge.matches`` for every occurrence
they report; nothing else decides. The prefilter's word-start keys are derived from the
same tables in ``boundaries`` (see docs/matcher.md, "Known debt").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import boundaries
from .caches import make_room
from .defaults import builtin_allowlist
from .dictionaries import dictionary_languages
from .entries import Automaton, Pattern, encode_runs
from .innocence import classify
from .match import Match
from .normalization import Words, entry_key, fold, split_words_folded
from .textmodel import AMBIGUOUS_IL, Reading
from .textspans import Intervals
from .verdicts import lookup

__all__ = ["Decision", "Judge", "Occurrence", "Runs"]

#: An occurrence of a pattern in a text's letters: (pattern, first letter, letter after).
Occurrence = tuple[Pattern, int, int]
#: The run-length encoding of a text's words (``entries.encode_runs``).
Runs = tuple[str, list[int], list[int]]

_MAX_VERDICTS = 20_000  # dictionary words judged, remembered per judge
_LONGEST_WORD = 40  # no dictionary word is longer


@dataclass(frozen=True, slots=True)
class Decision:
    """One occurrence of an entry, whether it counts, and why (``Matcher.explain``)."""

    match: Match
    counts: bool
    reason: str

    @property
    def word(self) -> str:
        """The entry."""
        return self.match.word

    @property
    def start(self) -> int:
        return self.match.start

    @property
    def end(self) -> int:
        return self.match.end


@lru_cache(maxsize=1)
def _builtin_allow_automaton() -> Automaton:
    """Compiled once per process and shared by every judge."""
    return Automaton(builtin_allowlist(), "built-in allowlist")


class Judge:
    """Decide which occurrences are matches, for one word list.

    ``patterns_for(text)``: the entry patterns worth looking for in ``text`` (all of them
    for the reference; the prefilter's candidates for ``Matcher``); the judge uses it only
    to find the entries inside a dictionary word it has to judge.
    """

    def __init__(
        self,
        entries: Sequence[str],
        allow: Sequence[str],
        *,
        builtin_allow: bool,
        dictionary_allow: bool,
        patterns_for: Callable[[str], Automaton],
    ) -> None:
        self._entries = entries
        # (automaton, the entries its patterns index)
        self._allow: list[tuple[Automaton, Sequence[str]]] = []
        if builtin_allow:
            self._allow.append((_builtin_allow_automaton(), builtin_allowlist()))
        if allow:
            self._allow.append((Automaton(allow, "allowlist"), allow))
        self.dictionary_allow = dictionary_allow
        self._patterns_for = patterns_for
        self._verdicts: dict[str, bool] = {}  # dictionary word -> innocent?
        self._entry_keys: frozenset[str] | None = None

    def matches(
        self,
        text: str,
        words: Words,
        runs: Runs,
        occurrences: list[Occurrence],
        ambiguous: bool = False,
        dictionary: bool = True,
    ) -> list[Match]:
        """The occurrences that count, as matches spanning the original ``text``.
        ``ambiguous``: the reading has ``AMBIGUOUS_IL`` letters (see ``textmodel``);
        ``dictionary=False`` skips dictionary innocence (used to judge a word itself)."""
        if not occurrences:
            return []
        decisions = self.decide(text, words, runs, occurrences, ambiguous, dictionary)
        return [d.match for d in decisions if d.counts]

    def decide(
        self,
        text: str,
        words: Words,
        runs: Runs,
        occurrences: list[Occurrence],
        ambiguous: bool = False,
        dictionary: bool = True,
        *,
        explain: bool = False,
    ) -> list[Decision]:
        """Each occurrence with whether it counts; ``explain``: with the reason in words
        (``Matcher.explain``), else the reason is left empty (the hot path)."""
        dictionary = dictionary and self.dictionary_allow
        allowed_spans = [
            (begin, finish, entries[pattern.entry_index])
            for automaton, entries in self._allow
            for pattern, begin, finish in automaton.spans(
                runs, words, strict=True, ambiguous=ambiguous
            )
        ]
        allowed = Intervals((begin, finish) for begin, finish, _ in allowed_spans)
        # affixes read an ambiguous "1" or "|" as "i" (fuck1ng), as the canonical reading does
        letters, index_map = words.letters.replace(AMBIGUOUS_IL, "i"), words.index_map
        spans = _within_words(words, letters, occurrences)
        long_starts = {b for p, b, *_ in spans if p.length >= boundaries.ADJACENT_MIN}
        # shit-fuck: the entry before must itself start the word (not xx-shit-fuck)
        long_ends = {
            f
            for p, b, f, *_ in spans
            if p.length >= boundaries.ADJACENT_MIN
            and (words.word_start[b] == b or words.breaks[b] == 2)
        }
        limit = boundaries.MAX_AFFIX + 1
        decisions: list[Decision] = []
        for pattern, begin, finish, word_start, word_end in spans:
            entry = self._entries[pattern.entry_index]
            end_letter = finish
            if pattern.requires:  # whor-ing: the span covers the word the rule spelled
                end_letter += max(
                    len(x) for x in pattern.requires if letters.startswith(x, finish)
                )
            match = Match(
                index_map[begin], _extend_over_marks(text, index_map[end_letter - 1] + 1), entry
            )
            word = letters[word_start:word_end]
            if allowed.contains(begin, finish):
                reason = ""
                if explain:
                    covering = next(
                        p for b, f, p in allowed_spans if b <= begin and finish <= f
                    )
                    reason = f"allowed: inside the allowlist entry {covering!r}"
                decisions.append(Decision(match, False, reason))
                continue
            inside = (word_start, word_end) != (begin, finish)
            if not inside:
                decisions.append(Decision(match, True, "a whole word" if explain else ""))
                continue
            prefix = letters[max(word_start, begin - limit) : begin]
            suffix = letters[finish : min(word_end, finish + limit)]
            after_entry, before_entry = begin in long_ends, finish in long_starts
            if not boundaries.accepts(
                prefix=prefix,
                suffix=suffix,
                entry_length=pattern.length,
                after_entry=after_entry,
                before_entry=before_entry,
            ):
                reason = ""
                if explain:
                    reason = (
                        f"inside the word {word!r}, by accident: what is around it"
                        f" ({prefix!r} before, {suffix!r} after) is no inflection,"
                        " offensive head or tail, or other entry (boundaries.py)"
                    )
                decisions.append(Decision(match, False, reason))
                continue
            if dictionary and self.innocent_word(word):
                reason = ""
                if explain:
                    reviewed = lookup(word)
                    if reviewed is not None:
                        reason = (
                            f"inside the word {word!r}, reviewed innocent"
                            f" ({reviewed.source}: {reviewed.reason})"
                        )
                    else:
                        langs = ", ".join(dictionary_languages(word))
                        reason = (
                            f"inside the word {word!r}, an innocent word of the shipped"
                            f" dictionaries ({langs}) by the rule of innocence.py"
                        )
                decisions.append(Decision(match, False, reason))
                continue
            reason = ""
            if explain:
                reason = f"inside the word {word!r}: " + _why_accepted(
                    prefix, suffix, pattern.length, after_entry, before_entry
                )
                reviewed = lookup(word) if dictionary else None
                if reviewed is not None:
                    reason += f"; reviewed offensive ({reviewed.source}: {reviewed.reason})"
            decisions.append(Decision(match, True, reason))
        return decisions

    def innocent_word(self, word: str) -> bool:
        """Is ``word`` (folded letters) a dictionary word the innocence rule calls innocent
        in every language whose dictionary has it? Cached per word."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._judge_word(word)
            make_room(self._verdicts, _MAX_VERDICTS)
            self._verdicts[word] = verdict
        return verdict

    def _judge_word(self, word: str) -> bool:
        reviewed = lookup(word)
        if reviewed is not None:  # a reader decided (verdicts.py): no rule overrides that
            return reviewed.innocent
        if len(word) > _LONGEST_WORD:
            return False
        langs = dictionary_languages(word)
        if not langs:
            return False
        folded, fold_map = fold(word)
        words = split_words_folded(folded, fold_map, Reading.CANONICAL)
        runs = encode_runs(words)
        occurrences = self._patterns_for(word).spans(runs, words)
        matches = self.matches(word, words, runs, occurrences, dictionary=False)
        if not matches:
            return False
        if self._entry_keys is None:
            self._entry_keys = frozenset(entry_key(entry) for entry in self._entries)
        keys = self._entry_keys
        return all(classify(word, matches, lang, keys) == "innocent" for lang in langs)


def _why_accepted(
    prefix: str, suffix: str, length: int, after_entry: bool, before_entry: bool
) -> str:
    """``boundaries.accepts``'s grounds, in words, for ``explain``."""
    reasons = []
    if prefix:
        if after_entry:
            reasons.append("another entry ends where it starts")
        elif prefix in boundaries.HEADS:
            reasons.append(f"after the offensive head {prefix!r}")
        else:
            reasons.append(f"an entry of {length} letters counts after any head")
    if suffix:
        if before_entry:
            reasons.append("another entry starts where it ends")
        elif boundaries.suffix_ok(suffix):
            reasons.append(f"followed by the inflection or tail {suffix!r}")
        else:
            reasons.append(f"an entry of {length} letters counts before any ending")
    return "; ".join(reasons)


def _within_words(
    words: Words, letters: str, occurrences: list[Occurrence]
) -> list[tuple[Pattern, int, int, int, int]]:
    """Each occurrence with the bounds of the word around it; a spelling-rule stem
    without the suffix its rule needs is dropped (it is no entry and vouches for none)."""
    spans: list[tuple[Pattern, int, int, int, int]] = []
    for pattern, begin, finish in occurrences:
        word_start, word_end = words.word_start[begin], words.word_end[finish - 1]
        # inside a spelled word ("a b i t c h", "a s.h.i.t") every chunk may start a word
        if words.breaks[begin] == 2:
            word_start = begin
        if finish < len(words.breaks) and words.breaks[finish] == 2:
            word_end = finish
        if not pattern.requires or letters.startswith(pattern.requires, finish, word_end):
            spans.append((pattern, begin, finish, word_start, word_end))
    return spans


def _extend_over_marks(text: str, end: int) -> int:
    """Include combining marks and variation selectors that belong to the last letter."""
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return end
