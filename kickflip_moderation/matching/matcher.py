"""``Matcher``: the reference semantics (``reference.py``) through accelerators.

``ReferenceMatcher`` defines a match; ``Matcher`` returns the same matches, fast, by
skipping work that cannot change them (``accel/``; each states its contract and is held
to it by tests/test_reference.py):

1. the *prefilter* (``accel/prefilter.py``): one ``translate`` to a skeleton, one
   automaton; no hit means clean, and a hit names the few entries worth looking for;
2. chunk verdicts (``accel/chunks.py``): chunks (names, words) already known to be
   clean make a text clean with one ``set.issuperset``, unless a word may be split
   by spaces: a fragment that is no word of its own (``accel/split_words.py``) and a
   key across a space where a piece starts (``Prefilter.may_split``);
3. remembered chunk matches (``accel/chunk_matches.py``): a one-chunk text seen before;
   remembered texts: a short text the chunk caches could not vouch for, seen before
   (the matches of a text depend on nothing but the text);
4. long texts (``accel/long_texts.py``): the exact stage runs only around what the
   prefilter points at.

What is left goes to the reference's exact stage (``reference.ExactStage``) with only
the entries the prefilter named (``accel/pattern_sets.py``), and to its judge.

Spans are half-open and refer to the original text.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import masks
from .accel.chunk_matches import ChunkMatches, RelativeMatch, is_single_chunk
from .accel.long_texts import LongTexts
from .accel.pattern_sets import PatternSets
from .accel.prefilter import Prefilter
from .accel.prefilter_keys import prefilter_entry
from .accel.split_words import SplitWords
from .caches import make_room
from .defaults import default_words
from .dictionaries import load_dictionaries
from .entries import STEM_ENDINGS, stem_suffixes
from .judge import Decision, Judge
from .known import load_known_words
from .masks import MaskedEntries
from .match import Match
from .reference import ExactStage, ReferenceMatcher, censor, masked_entries, word_lists
from .sound_alikes import with_sound_alikes
from .textspans import OVERLAP, WINDOW
from .verdicts import load_verdicts

__all__ = ["Match", "Matcher"]

_LEARN_CHUNKS = 8  # a clean text of at most this many chunks teaches the chunk caches
_MAX_TEXTS = 10_000  # texts of at most 640 characters: a few MB at most
#: What ``_texts`` holds for a text ``is_clean`` found a match in: it stopped at the first.
_SOME_MATCH: tuple[Match, ...] = (Match(0, 0, ""),)


class Matcher:
    """Find a brand's banned entries in any text.

    >>> m = Matcher(["fuck", "ass"])
    >>> [(x.word, x.start, x.end) for x in m.find("F.u.c.k this class")]
    [('fuck', 0, 7)]

    ``allow`` adds allowlist entries to the built-in ones (``builtin_allow=False`` turns
    those off). An entry that normalizes to nothing (``"!!!"``, an emoji) raises
    ``WordlistError`` naming it; with ``skip_unusable=True`` (for lists pulled from the API,
    where one odd entry must not stop moderation) it is left out and listed in ``skipped``.

    ``dictionary_allow``: inside a longer word, the reviewed verdicts and the known words
    (shipped dictionaries, names) decide (``butter`` holds ``butt``, ``Cassidy`` ``ass``);
    inflections and compounds (``fucking``, ``bullshit``) stay flagged. See ``judge``.
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
        # the entries and their sound-alike spellings (fuk), which report their entry
        compiled, stands_for = with_sound_alikes(self.entries)
        self._prefilter = Prefilter(
            compiled,
            lambda index, entry: prefilter_entry(index, entry, "word-list", skipped),
            stem_suffixes,
            STEM_ENDINGS,
        )
        #: Entries left out because they normalize to nothing (only with ``skip_unusable``).
        self.skipped: tuple[str, ...] = tuple(skipped or ())
        skipped = []  # the prefilter compiles entries again for what it builds on first use
        self._split_words = SplitWords(compiled)
        #: Short texts the chunk caches cannot vouch for ("Cassidy Jones" may hold a
        #: split word; "Class Clown" a multi-word entry; "fu ck you" has a match), with
        #: their matches (``_SOME_MATCH`` when only ``is_clean`` looked): texts recur at a
        #: checkout (names, a shopper's retries). Bounded.
        self._texts: dict[str, tuple[Match, ...]] = {}
        # the exact stage's patterns: only the entries the prefilter names in a text
        patterns_for = self._pattern_sets = PatternSets(compiled, self._candidates)
        judge = Judge(
            compiled,
            extra_allow,
            builtin_allow=builtin_allow,
            dictionary_allow=dictionary_allow,
            stands_for=stands_for,
        )
        self._exact = ExactStage(patterns_for, judge, self._masked_entries)
        self._empty = self._prefilter.empty
        self._clean_chunks = self._prefilter.clean_chunks
        self._starting_no_key = self._prefilter.starting_no_key
        self._masked: MaskedEntries | None = None
        self._extra_allow = extra_allow
        self._builtin_allow = builtin_allow
        self._explainer: ReferenceMatcher | None = None  # built on the first explain()
        #: Whether words of the shipped dictionaries vouch for the entries inside them.
        self.dictionary_allow = dictionary_allow
        # the matches of single chunks, remembered: words and names recur
        self._chunk_matches = ChunkMatches(
            self._relative_matches, self.allow_entries, self._prefilter.forgive
        )
        self._long = LongTexts(
            self._prefilter,
            self._exact,
            self._chunk_matches,
            compiled,
            self.allow_entries,
            self._masked_entries,
        )

    @classmethod
    def default(cls, langs: str | Iterable[str] = ("en",), **kwargs: object) -> Matcher:
        """A matcher over the shipped default lists of ``langs`` (en, fr, es, de)."""
        return cls(default_words(langs), **kwargs)  # type: ignore[arg-type]

    def warm_up(self) -> Matcher:
        """Build now what a matcher otherwise builds on its first checks (the prefilter's
        chunk keys; with ``dictionary_allow``, the shipped dictionaries, names and reviewed
        verdicts), so that a service pays for it at startup and not on a shopper's first
        check: about 0.1 s for a 100k-entry list, 0.7 s for the data (once per process).
        Returns the matcher."""
        self._prefilter.warm_up()
        if self.dictionary_allow:
            load_dictionaries()
            load_known_words()
            load_verdicts()
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
        if self._empty:
            return True
        remembered = self._texts.get(text)
        if remembered is not None:
            return not remembered
        chunks = text.split()
        split = self._may_split(text, chunks)
        if split is None:
            return True
        if not self._may_match(text, split):
            self._remember(text, chunks, ())
            return True
        known = self._single_chunk_matches(text)
        if known is not None:
            return not known
        found = self._exact(text, True, split)
        self._remember(text, chunks, _SOME_MATCH if found else ())
        if not found:
            self._learn_chunks(chunks)
        return not found

    def find(self, text: str) -> list[Match]:
        """Every match, sorted by position; spans index the original ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if self._empty:
            return []
        if len(text) > WINDOW + OVERLAP:
            return self._long.find(text)
        remembered = self._texts.get(text)
        if remembered is not None and remembered is not _SOME_MATCH:
            return list(remembered)
        chunks = text.split()
        split = self._may_split(text, chunks)
        if split is None:
            return []
        if not self._may_match(text, split):
            self._remember(text, chunks, ())
            return []
        known = self._single_chunk_matches(text)
        if known is not None:
            return known
        found = self._exact(text, False, split)
        self._remember(text, chunks, tuple(found))
        if not found:
            self._learn_chunks(chunks)
        return found

    def _may_split(self, text: str, chunks: list[str]) -> bool | None:
        """Whether ``text`` (``chunks``: its ``split()``) may hold a word split by spaces
        (``SplitWords``: a chunk that is no word of its own), or None when the chunk
        caches vouch for the whole text: every chunk known clean on its own (no key,
        symbol, mask or spelled letter) and the text holds no split word, or no chunk
        but the last can start a key across a space (``Prefilter.starting_no_key``)."""
        clean = self._clean_chunks.issuperset(chunks)
        if len(chunks) < 2:
            return None if clean else False
        if clean and (
            self._starting_no_key.issuperset(chunks[:-1])
            or self._prefilter.start_no_key(chunks[:-1])
        ):
            return None  # most texts: names and words seen before
        split = self._split_words.may_split(text, chunks)
        if not split and clean:
            return None
        return split

    def _learn_chunks(self, chunks: list[str]) -> None:
        """A short clean text of a few chunks ("Cassidy Smith"): look at each chunk not
        yet known clean on its own once, so that the chunk caches (``ChunkMatches``, and
        through it ``Prefilter.forgive``) answer for it next time in other texts. (The
        text itself is remembered whole: a chunk whose verdict depends on its neighbours,
        "Class" before "Clown", "Cassidy" beside a fragment, is never counted clean alone.)"""
        if 1 < len(chunks) <= _LEARN_CHUNKS:
            for chunk in chunks:
                if chunk not in self._clean_chunks:
                    self._chunk_matches.get(chunk)

    def _remember(self, text: str, chunks: list[str], matches: tuple[Match, ...]) -> None:
        """The matches of ``text`` (at most ``WINDOW + OVERLAP`` characters; ``chunks``:
        its ``split()``): the same text is matched the same way every time. A one-chunk
        text is the chunk caches' to remember."""
        if len(chunks) < 2:
            return
        make_room(self._texts, _MAX_TEXTS)
        self._texts[text] = matches

    def _single_chunk_matches(self, text: str) -> list[Match] | None:
        """The matches of a text that is one chunk (a name, a word), as remembered for
        the chunks of long texts; None when there is none to go by."""
        if not is_single_chunk(text):
            return None
        known = self._chunk_matches.get(text)
        return None if known is None else [Match(*match) for match in known]

    def _relative_matches(self, chunk: str) -> list[RelativeMatch]:
        return [(match.start, match.end, match.word) for match in self._exact(chunk, False, False)]

    def explain(self, text: str) -> list[Decision]:
        """Every occurrence of an entry in ``text`` (inside words too), each with whether
        it counts and the reason: a whole word, an inflection or compound, or suppressed
        by the allowlist, by the word-boundary rule or as an innocent dictionary word.
        The reference's judgement, with no shortcut: for "why was this blocked?" (and
        "why not?"), not for the hot path. ``[d.match for d in explain(t) if d.counts]``
        equals ``find(t)``."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if self._explainer is None:
            self._explainer = ReferenceMatcher(
                self.entries,
                self._extra_allow,
                builtin_allow=self._builtin_allow,
                skip_unusable=True,
                dictionary_allow=self.dictionary_allow,
            )
        return self._explainer.explain(text)

    def censor(self, text: str, char: str = "*") -> str:
        """``text`` with every offending character replaced by ``char``; same length."""
        if not isinstance(char, str) or len(char) != 1:
            raise ValueError("char must be a single character")
        return censor(text, self.find(text), char)

    # -- stages -----------------------------------------------------------------------

    def _may_match(self, text: str, split: bool) -> bool:
        """The prefilter: False guarantees there is no match. ``split``: the text may
        hold a word split by spaces (``SplitWords``); then the prefilter looks for one
        (``Prefilter.may_split``) only if nothing else sends the text to the exact stage."""
        if masks.may_be_masked(text):
            return True  # a masked spelling (f*ck) has no skeleton to look for
        return self._prefilter.may_match(text) or (split and self._prefilter.may_split(text))

    def _candidates(self, text: str) -> set[int]:
        """The entries the exact stage compiles for ``text`` (``PatternSets``)."""
        return self._prefilter.candidates(
            text, joined=self._split_words.may_split(text), masked=masks.may_be_masked(text)
        )

    def _masked_entries(self) -> MaskedEntries:
        """Built on the first text with a mask (``f*ck``): most matchers never need it."""
        if self._masked is None:
            skipped = frozenset(self.skipped)
            usable = [i for i, entry in enumerate(self.entries) if entry not in skipped]
            self._masked = masked_entries(self.entries, usable)
        return self._masked
