"""The judge: the one place that decides whether an occurrence of an entry counts.

``reference.locate`` finds where an entry's letters occur in a text; the judge decides,
for each occurrence, whether it is a match, and why (``Decision``, ``Matcher.explain``):

1. the allowlist: an occurrence fully inside an allowed span does not count;
2. words: words joined by punctuation are separate words (fuck-off); a whole word counts;
   pieces joined by punctuation count together unless each is a word of its own (sh.it
   yes, he'll no);
3. inside a longer word (``_inside``): a reviewed verdict (``verdicts``), an inflection or
   offensive head (``boundaries``), a known word (``known``: dictionaries and names),
   or, for an unknown word, whether the rest of it is made of words (a compound).

Both ``ReferenceMatcher`` and ``Matcher`` call ``Judge.matches``; nothing else decides,
and the prefilter's keys encode none of it (docs/matcher.md).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import boundaries
from .caches import make_room
from .defaults import builtin_allowlist
from .dictionaries import dictionary_languages
from .entries import Automaton, Pattern
from .known import (
    EVERY_LANGUAGE,
    common_languages,
    common_word,
    compound_piece,
    contraction_tail,
    is_known,
    is_name,
    short_word_languages,
)
from .match import Match
from .normalization import Words, entry_key
from .textmodel import AMBIGUOUS_IL
from .textspans import Intervals
from .verdicts import Reviewed, lookup, lookup_spelling

__all__ = [
    "SPLIT_TAILS", "SPLIT_TEXT_LIMIT", "Decision", "Judge", "Occurrence", "Runs",
    "reads_split_words", "split_piece_languages",
]  # fmt: skip

#: An occurrence of a pattern in a text's letters: (pattern, first letter, letter after).
Occurrence = tuple[Pattern, int, int]
#: The run-length encoding of a text's words (``entries.encode_runs``).
Runs = tuple[str, list[int], list[int]]

_MAX_VERDICTS = 20_000  # dictionary words judged, remembered per judge
#: No word of the shipped dictionaries, names or reviewed verdicts is longer (a test
#: holds the data to it): a longer word is judged without looking it up, so a hostile
#: text that is one huge word costs no more per occurrence than a short one.
_LONGEST_WORD = 40
#: How far past an entry a word that holds it may reach (``_innocent_word_around``),
#: and how many letters a rare word must add to the entry to hold it by accident.
_AROUND = 16
_COVER_EXTRA = 3


#: Split words (``fu ck``) are read in texts up to this many characters: a shopper's line
#: (a name, an engraving, a slogan). In longer prose an unknown fragment beside a word is
#: a typo or a name far more often than an evasion, and prose is checked chunk by chunk.
SPLIT_TEXT_LIMIT = 200


#: What may follow a split occurrence in its last piece (``fu cking``: the occurrence of
#: fuck ends before "ing"); it starts at the first letter of its first piece. The
#: prefilter's split check (``Prefilter.key_across_spaces``) asks the same.
SPLIT_TAILS: frozenset[str] = boundaries.STRONG_INFLECTIONS


def reads_split_words(text: str) -> bool:
    """Are fragments of ``text`` separated by single spaces read joined (``fu ck``,
    ``bit ch``)? Only in a short text; then an occurrence that runs over them counts
    unless every fragment is a word of its own (``push it``, ``pen is``)."""
    return len(text) <= SPLIT_TEXT_LIMIT


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

    ``entries`` may go on past the list with its sound-alike spellings
    (``sound_alikes``): ``stands_for[i]`` is the entry that the entry
    ``len(entries) - len(stands_for) + i`` respells, and its matches report that entry."""

    def __init__(
        self,
        entries: Sequence[str],
        allow: Sequence[str],
        *,
        builtin_allow: bool,
        dictionary_allow: bool,
        stands_for: Sequence[int] = (),
    ) -> None:
        self._entries = entries
        self._stands_for = stands_for
        self._first_sound_alike = len(entries) - len(stands_for)
        # (automaton, the entries its patterns index)
        self._allow: list[tuple[Automaton, Sequence[str]]] = []
        if builtin_allow:
            self._allow.append((_builtin_allow_automaton(), builtin_allowlist()))
        if allow:
            self._allow.append((Automaton(allow, "allowlist"), allow))
        self.dictionary_allow = dictionary_allow
        self._known_words: dict[str, bool] = {}  # word -> known? (remembered)
        self._wordish_pieces: dict[tuple[str, bool, bool], bool] = {}  # _wordish, remembered
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
        ``dictionary=False`` skips the reviewed verdicts and known words (``_inside``)."""
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
        decisions: list[Decision] = []
        # one word's pieces serve all its occurrences: a hostile text may be one long
        # word (a.b.c.d...) holding thousands of them
        word_pieces: dict[tuple[int, int], _Pieces] = {}
        for pattern, begin, finish, word_start, word_end in spans:
            sound_alike = pattern.entry_index >= self._first_sound_alike
            entry = self._entries[
                self._stands_for[pattern.entry_index - self._first_sound_alike]
                if sound_alike else pattern.entry_index
            ]  # fmt: skip
            pieces = word_pieces.get((word_start, word_end))
            if pieces is None:
                pieces = _Pieces(_pieces(text, words, word_start, word_end))
                word_pieces[word_start, word_end] = pieces
            if not pattern.breaks and pattern.counts:
                begin, finish = _snap(pieces, letters, begin, finish, pattern.counts)
            end_letter = finish
            if pattern.requires:  # whor-ing: the span covers the word the rule spelled
                end_letter += max(  # within the word: "dingleberr-ies ta" is no -iest
                    len(x) for x in pattern.requires if letters.startswith(x, finish, word_end)
                )
            shown_begin, shown_end = begin, end_letter
            if pattern.counts and not pattern.requires:
                shown_begin, shown_end = _shared_runs(
                    pieces, letters, begin, end_letter, pattern.counts
                )
            match = Match(
                index_map[shown_begin],
                _extend_over_marks(text, index_map[shown_end - 1] + 1),
                entry,
            )
            if allowed.contains(begin, finish):
                reason = ""
                if explain:
                    covering = next(p for b, f, p in allowed_spans if b <= begin and finish <= f)
                    reason = f"allowed: inside the allowlist entry {covering!r}"
                decisions.append(Decision(match, False, reason))
                continue
            camel = text[index_map[begin]].isupper() and _camel_part(
                text, index_map, pieces.all[pieces.holding(begin)], begin, end_letter
            )
            respelled = _respelled(entry, text, index_map, pattern, begin, finish)
            if sound_alike and dictionary:
                counts, reason = self._sound_alike(letters, pieces, begin, end_letter, explain)
                if counts:
                    counts, reason = self._occurrence(
                        letters, pieces, pattern, begin, end_letter, dictionary, explain,
                        camel, sound_alike=True,
                    )  # fmt: skip
                if explain:
                    spelling = self._entries[pattern.entry_index]
                    reason = f"written {spelling!r}, a sound-alike: {reason}"
            else:
                counts, reason = self._occurrence(
                    letters, pieces, pattern, begin, end_letter, dictionary, explain,
                    camel, respelled=respelled,
                )  # fmt: skip
            decisions.append(Decision(match, counts, reason))
        return decisions

    def _sound_alike(
        self, letters: str, pieces: _Pieces, begin: int, finish: int, explain: bool
    ) -> tuple[bool, str]:
        """May an occurrence of a sound-alike spelling count (then the usual rules say
        whether it does)? A dictionary word that is the spelling itself has a reviewed
        verdict (``data/sound_alike_verdicts.tsv``: ``fuq`` counts, ``coq`` does not).
        Otherwise only in a word no dictionary or name holds and no reviewed
        verdict calls innocent, and only if its own letters are no common word:
        ``coking``, ``Ufuk`` are words and names, and "cookbiomass" holds cok written
        ``cook`` (measured on benchmarks/bench_accuracy.py: trusting only common words
        and names flagged ``coking`` and ``cookin``, cok with a doubled o)."""
        first = pieces.all[pieces.holding(begin)]
        last = pieces.all[pieces.holding(finish - 1)]
        word = letters[first.start : last.end]
        spelling = lookup_spelling(word)
        if spelling is not None:  # a dictionary word that is the respelling (fuq, coq)
            if spelling.innocent:
                why = f"in the word {word!r}, reviewed innocent ({spelling.source})"
                return False, why if explain else ""
        else:
            reviewed = _reviewed(word)
            if self._known(word) or (reviewed is not None and reviewed.innocent):
                why = f"in the word {word!r}, a dictionary word or a name"
                return False, why if explain else ""
        spelled = letters[begin:finish]
        if spelled != word and common_word(spelled):
            why = f"spelling the common word {spelled!r}"
            return False, why if explain else ""
        return True, ""

    def _occurrence(
        self,
        letters: str,
        pieces: _Pieces,
        pattern: Pattern,
        begin: int,
        finish: int,
        dictionary: bool,
        explain: bool,
        camel: bool = False,
        *,
        sound_alike: bool = False,
        respelled: Respelled | None = None,
    ) -> tuple[bool, str]:
        """Does one occurrence (not allowed) count, and why (``explain``)? ``camel``: it
        is written as a part of a CamelCase word (``_camel_part``); ``sound_alike``: it
        is a sound-alike spelling (``_inside``); ``respelled``: how the text wrote the
        entry otherwise than the list (``_respelled``).

        Words joined by punctuation are separate words (``fuck-off``); runs of single
        letters stay one (``f.u.c.k``). An occurrence that is a whole word counts. One
        that spans several punctuation-joined pieces exactly counts unless every piece is
        a word of its own (``sh.it`` yes, ``he'll`` no). Inside a longer word, the word
        decides (``_inside``). A split occurrence counts only from the first letter of a
        piece (``Prefilter.key_across_spaces`` looks for keys from there only)."""
        first_index, last_index = pieces.holding(begin), pieces.holding(finish - 1)
        first, last = pieces.all[first_index], pieces.all[last_index]
        joined = pieces.all[first_index : last_index + 1]
        split = any(piece.joined_by == "space" for piece in joined[1:])
        if pattern.breaks and first is not last and not split:  # "piece of shit"
            if (first.start, last.end) == (begin, finish):
                return True, "a multi-word entry, word for word" if explain else ""
            if begin > first.start:  # "beforehand jobs", "bathtub girl": its first word decides
                return self._inside(
                    letters[first.start : first.end], letters[first.start : begin], "",
                    pattern, dictionary, explain,
                )  # fmt: skip
            return self._inside(
                *_word_around(letters, first.start, begin, finish, last.end),
                pattern, dictionary, explain,
            )  # fmt: skip
        if first is last:
            start, end = first.start, first.end
            if (start, end) == (begin, finish):
                if respelled is not None and dictionary:
                    return self._respelled_word(letters[begin:finish], respelled, explain)
                return True, "a whole word" if explain else ""
            start, end = _without_numbers(first, begin, finish)
            if (start, end) == (begin, finish):
                return True, "a whole word beside a number" if explain else ""
            return self._inside(
                *_word_around(letters, start, begin, finish, end),
                pattern, dictionary, explain, camel, sound_alike,
            )  # fmt: skip
        if begin != first.start or (
            finish != last.end
            and not (split and letters[finish : last.end] in SPLIT_TAILS)
        ):
            if split:
                why = "it runs on into the next word but starts or ends inside one"
            else:
                why = "it starts or ends inside a word joined by punctuation to the next"
            return False, why if explain else ""
        if split:
            apart = _split_apart(letters, joined)
        else:
            apart = all(_word_of_its_own(letters, piece) for piece in joined)
        if not explain:
            return not apart, ""
        shown = "+".join(letters[piece.start : piece.end] for piece in joined)
        how = "split by spaces" if split else "joined by punctuation"
        if apart:
            return False, f"{how} from words of their own ({shown})"
        return True, f"{how} ({shown}), not every piece a word of its own"

    def _inside(
        self,
        word: str,
        prefix: str,
        suffix: str,
        pattern: Pattern,
        dictionary: bool,
        explain: bool,
        camel: bool = False,
        sound_alike: bool = False,
    ) -> tuple[bool, str]:
        """An occurrence inside a longer ``word`` (``prefix`` + entry + ``suffix``).

        1. a reviewed verdict for the word decides (``verdicts``: butter, bullshit);
        2. the entry inflected (``boundaries.STRONG_INFLECTIONS``: -s, -ed, -ing, -y, ...)
           or after an offensive head counts, known word or not;
        3. a known word (dictionary, names) is innocent: the entry is there by accident;
        4. in an unknown word, the entry counts when it is written as a part of its own
           in CamelCase (``camel``: CumGuzzler, BigDick), or when the rest of the word is
           made of words, entries, offensive heads or inflections: a compound (fuckboy,
           assclown, sonofabitch, pornstar) unless a word of the compound holds the entry
           (``_innocent_word_around``: hellokitty); otherwise it is there by accident
           (Vassallo, Shittu). A sound-alike spelling (``sound_alike``: kon for con) is
           itself a guess: it forms compounds only with common words (treefuker), not
           with any dictionary word (Rubikon: rubi; Kulbane: bane).
           Measured on benchmarks/bench_accuracy.py: counting every unknown word, as
           for entries of 4+ letters at first, flagged unknown names (Shittu, Analise).
        ``dictionary=False`` (``dictionary_allow``): steps 1 and 3 are skipped, and an
        entry of 4+ letters counts inside any word."""
        where = f"inside the word {word!r}"
        middle = word[len(prefix) : len(word) - len(suffix)]
        # A run of the text may be longer than the entry needs: the extra letter may
        # belong to what comes before (god-damn, "dd") or after (hentai-ing, "ii").
        prefixes, suffixes = [prefix], [suffix]
        if pattern.counts[:1] == (1,) and middle[:1] == middle[1:2]:
            prefixes.append(prefix + middle[0])
        if pattern.counts[-1:] == (1,) and middle[-1:] == middle[-2:-1] and len(middle) > 1:
            suffixes.append(middle[-1] + suffix)
        inflected = any(
            boundaries.inflected(p, middle, x, french=True) for p in prefixes for x in suffixes
        )
        if inflected and not any(
            boundaries.inflected(p, middle, x, french=False) for p in prefixes for x in suffixes
        ):  # only as a French verb ending (-r, -nt): is the word French, or unknown?
            # A French word that stretches a letter of the entry is another verb: French
            # doubles no letter to inflect ("rapper", to rap, is no "raper")
            langs = dictionary_languages(word) if len(word) <= _LONGEST_WORD else ()
            inflected = not langs or ("fr" in langs and len(middle) == pattern.length)
        if dictionary:
            reviewed = _reviewed_for(word, inflected)
            if reviewed is not None:
                reason = ""
                if explain:
                    reason = f"{where}, reviewed {reviewed.verdict}"
                    reason += f" ({reviewed.source}: {reviewed.reason})"
                return not reviewed.innocent, reason
        if inflected:
            return True, f"{where}: an inflection or compound of the entry" if explain else ""
        if dictionary and (
            self._known(word) or _name_spelled_double(word, len(prefix), len(word) - len(suffix))
        ):
            return False, f"{where}, a known word (dictionary or names)" if explain else ""
        if not dictionary and pattern.length >= boundaries.LONG_ENTRY:
            why = f"{where}: with no dictionary, an entry of 4+ letters counts in any word"
            return True, why if explain else ""
        if camel:
            why = f"{where}: written as a word of its own, in CamelCase"
            return True, why if explain else ""
        if any(self._wordish(p, head=True, common=sound_alike) for p in prefixes) and any(
            self._wordish(x, head=False, common=sound_alike) for x in suffixes
        ):
            around = dictionary and next(filter(None, (
                self._innocent_word_around(word, len(p), len(x)) for p in prefixes for x in suffixes
            )), "")  # fmt: skip
            if around:
                why = f"{where}, by accident: it is part of the word {around!r}"
                return False, why if explain else ""
            why = f"{where}: a compound of the entry with {prefix or suffix!r}"
            return True, why if explain else ""
        why = f"{where}, by accident: {prefix!r} and {suffix!r} are not words of their own"
        return False, why if explain else ""

    def _respelled_word(
        self, word: str, respelled: Respelled, explain: bool
    ) -> tuple[bool, str]:
        """A whole word that the text writes otherwise than the entry: with a letter
        stretched (``Conn``, ``Putte`` for con, pute) or without the entry's accents
        (``Peter`` for péter). The fold makes them equal, but the word as written may be
        a word of its own: then it is judged as a word holding the entry is. Its reviewed
        verdict decides (``Cono`` stays offensive); else a known word or name, as
        written, is innocent (one without the entry's accents: a name only, since the
        folded dictionaries hold the entry itself: ``negre``); else it counts
        (``fuuuck``). A letter written three times is emphasis, never a word of its own,
        though the dictionaries (drawn from the web) hold ``shiiiit``. Measured on
        benchmarks/bench_accuracy.py (repeat, case+accents) and on given names, surnames
        and places with the LDNOOBW lists."""
        if respelled.stretched and _TRIPLED.search(word):
            return True, "a whole word, a letter stretched" if explain else ""  # shiiiit
        reviewed = lookup(word) if len(word) <= _LONGEST_WORD else None
        if reviewed is not None:
            why = f"written {word!r}, reviewed {reviewed.verdict}"
            why += f" ({reviewed.source}: {reviewed.reason})"
            return not reviewed.innocent, why if explain else ""
        if len(word) <= _LONGEST_WORD and (
            is_name(word) if respelled.unaccented else self._known(word)
        ):
            how = "without the entry's accents" if respelled.unaccented else "with a letter doubled"
            why = f"written {word!r} ({how}), a known word or name of its own"
            return False, why if explain else ""
        return True, "a whole word" if explain else ""

    def _innocent_word_around(self, word: str, before: int, after: int) -> str:
        """In an unknown word that splits into words around the entry, a dictionary word
        that holds the entry and more (``hello`` in "hellokitty", ``cockroach`` in
        "CockroachWondering"), with common words of its language before and after it: the
        entry is part of that word, as it would be were the words written apart. Empty
        when there is none. Only words of three letters or more stand beside it (short
        words and names split almost anything: "he+a+darse"); and the word must pass
        ``_covers``. The entry has ``before`` letters of the word before it, ``after``
        after it; looks ``_AROUND`` letters either side."""
        begin, finish = before, len(word) - after
        for start in range(begin, max(begin - _AROUND, 0) - 1, -1):
            languages_before = _long_word_languages(word[:start])
            if not languages_before:
                continue
            for end in range(finish, min(finish + _AROUND, len(word)) + 1):
                if (start, end) in ((begin, finish), (0, len(word))):
                    continue
                shared = languages_before & _long_word_languages(word[end:])
                if not shared:
                    continue
                candidate = word[start:end]
                shared &= frozenset(dictionary_languages(candidate))
                if shared and _covers(candidate, shared, word[start:begin], word[finish:end]):
                    return candidate
        return ""

    def _known(self, word: str) -> bool:
        if len(word) > _LONGEST_WORD:
            return False
        known = self._known_words.get(word)
        if known is None:
            known = is_known(word)
            make_room(self._known_words, _MAX_VERDICTS)
            self._known_words[word] = known
        return known

    def _wordish(self, piece: str, *, head: bool, common: bool = False) -> bool:
        """Can ``piece``, beside an entry in an unknown word, stand for words of their
        own: nothing, an offensive head (before) or an inflection or tail (after), or a
        run of known words and entries (``sonofa``: son+of+a; ``boys``: boy+s)?
        ``common``: of common words only (``known.common_word``), not any dictionary's."""
        if not piece:
            return True
        if head and piece in boundaries.HEADS:
            return True
        if not head and (piece in boundaries.SUFFIXES or piece.startswith(boundaries.TAILS)):
            return True
        if len(piece) == 1 or len(piece) > _LONGEST_WORD:
            return False  # a lone letter is no word beside an entry ("cum!" read "cumi")
        remembered = self._wordish_pieces.get((piece, head, common))
        if remembered is None:
            remembered = self._split_into_words(piece, head=head, common=common)
            make_room(self._wordish_pieces, _MAX_VERDICTS)
            self._wordish_pieces[piece, head, common] = remembered
        return remembered

    def _split_into_words(self, piece: str, *, head: bool, common: bool) -> bool:
        """``_wordish`` for a piece of 2 to ``_LONGEST_WORD`` letters: does it split
        into words and entries (after an entry: and end in an inflection)?"""
        if self._entry_keys is None:
            self._entry_keys = frozenset(entry_key(entry) for entry in self._entries)
        keys = self._entry_keys
        word = _common_part if common else _compound_part
        # reachable[i]: piece[:i] splits into words; a word of 1-2 letters must be a short
        # word of its own ("a", "of"), and after the last word an inflection may follow
        reachable = [True] + [False] * len(piece)
        for end in range(1, len(piece) + 1):
            for start in range(end - 1, -1, -1):
                if not reachable[start]:
                    continue
                part = piece[start:end]
                if part in keys or word(part):
                    reachable[end] = True
                    break
        if reachable[-1]:
            return True
        if head:
            return False
        return any(
            reachable[len(piece) - len(ending)]
            for ending in boundaries.STRONG_INFLECTIONS
            if piece.endswith(ending) and len(ending) < len(piece)
        )


_TRIPLED = re.compile(r"(.)\1\1")


class Respelled(NamedTuple):
    """How a text writes an entry otherwise than the list does (``_respelled``)."""

    stretched: bool  # a letter written more times than the entry has it (Conn: con)
    unaccented: bool  # plain letters where the entry has accents (Peter: péter)


def _respelled(
    entry: str, text: str, index_map: list[int], pattern: Pattern, begin: int, finish: int
) -> Respelled | None:
    """How the occurrence ``[begin, finish)`` writes ``entry`` otherwise than the list,
    or None when it writes it as listed (up to case, leetspeak and the like). Accents
    added to a plain entry (``fück``) are an evasion, not another word: not counted."""
    stretched = finish - begin > pattern.length
    written = text[index_map[begin] : index_map[finish - 1] + 1]
    unaccented = not entry.isascii() and written.isascii()
    if stretched or unaccented:
        return Respelled(stretched, unaccented)
    return None


def _word_of_its_own(letters: str, piece: _Piece) -> bool:
    """Does a piece of a punctuation-joined occurrence stand as a word of its own (he +
    'll), so that the occurrence across it is there by accident? Single letters spelled
    out never do (sh + i.t)."""
    if piece.spelled:
        return False
    part = letters[piece.start : piece.end]
    return contraction_tail(part) if piece.joined_by == "apostrophe" else is_known(part)


def _split_apart(letters: str, pieces: Sequence[_Piece]) -> bool:
    """Are the pieces of a split occurrence words of their own, all of one language
    (``pen is``), so that the entry across them is there by accident?"""
    shared = EVERY_LANGUAGE
    for piece in pieces:
        if piece.spelled:
            return False
        part = letters[piece.start : piece.end]
        languages = (
            EVERY_LANGUAGE if piece.joined_by == "apostrophe" and contraction_tail(part)
            else split_piece_languages(part)
        )  # fmt: skip
        shared &= languages
        if not shared:
            return False
    return True


def split_piece_languages(part: str) -> frozenset[str]:
    """The languages in which a fragment of a split occurrence stands as a word of its own
    (empty: none): a short word of that language (``data/short_words.txt``), or one of its
    most common words: names and rare words (``swa``, ``ker``) would vouch for almost
    any fragment (``swa stika``, ``wan ker``), and the fragments must share a language
    (``sa lope``: French sa, English lope). Measured on benchmarks/bench_accuracy.py."""
    if len(part) <= 2:
        return short_word_languages(part)
    return common_languages(part)


@lru_cache(maxsize=4096)
def _long_word_languages(piece: str) -> frozenset[str]:
    """The languages in which ``piece`` splits into common words of three letters or
    more (``common_languages``): every language for no letters, none for a piece longer
    than ``_LONGEST_WORD``."""
    if len(piece) > _LONGEST_WORD:
        return frozenset()
    reachable = [EVERY_LANGUAGE] + [frozenset[str]()] * len(piece)
    for end in range(3, len(piece) + 1):
        for start in range(end - 2):
            if reachable[start]:
                shared = reachable[start] & common_languages(piece[start:end])
                reachable[end] = reachable[end] | shared
    return reachable[-1]


def _covers(candidate: str, languages: frozenset[str], before: str, after: str) -> bool:
    """May the dictionary word ``candidate`` (of ``languages``: ``before`` + an entry +
    ``after``) hold the entry by accident? Its reviewed verdict says (``spices``,
    ``cocker`` innocent; ``titty`` offensive; a names verdict only as ``_reviewed_for``
    allows). Unreviewed: if it
    is not the entry inflected, and is a common word or adds ``_COVER_EXTRA`` letters
    (a rare word just past the entry would cover real compounds)."""
    entry = candidate[len(before) : len(candidate) - len(after)]
    inflected = boundaries.inflected(before, entry, after, french=False)
    reviewed = _reviewed_for(candidate, inflected)
    if reviewed is not None:
        return reviewed.innocent
    if inflected:
        return False
    return len(before) + len(after) >= _COVER_EXTRA or bool(
        languages & common_languages(candidate)
    )


def _name_spelled_double(word: str, entry_start: int, entry_end: int) -> bool:
    """A name written with one letter doubled away from the entry (``Willcock`` for
    Wilcock): surnames vary so, and the names data holds one spelling. A double at the
    entry's edge is an inflection's (slut-t-er), not a spelling variant."""
    if len(word) > _LONGEST_WORD:
        return False
    return any(
        word[i] == word[i + 1]
        and not entry_start - 1 <= i < entry_end
        and is_name(word[:i] + word[i + 1 :])
        for i in range(len(word) - 1)
    )


def _compound_part(part: str) -> bool:
    """A word a compound may be built from: a word of the shipped dictionaries (of three
    letters, only a common one: rare ones like "ise" split any name), or one of the short
    ``compound_pieces`` (son-of-a-bitch). Names are no compound pieces."""
    if len(part) <= 2:
        return compound_piece(part)
    if len(part) == 3:
        return common_word(part)
    return bool(dictionary_languages(part))


def _common_part(part: str) -> bool:
    """``_compound_part`` for a sound-alike spelling's compounds: a common word (three
    letters or more), or one of the short ``compound_pieces``."""
    return compound_piece(part) if len(part) <= 2 else common_word(part)


_NAMES = "verdicts/names.tsv"

#: Endings stripped to find a reviewed base word: (ending, what replaces it).
_BASE_FORMS = (
    ("s", ""), ("es", ""), ("ies", "y"), ("ier", "y"), ("iest", "y"), ("ied", "y"),
    ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""),
)  # fmt: skip


def _reviewed_for(word: str, inflected: bool) -> Reviewed | None:
    """``_reviewed``, but a names verdict does not speak for a word that is the entry
    inflected: a place called "Wanked" does not make wanked innocent."""
    reviewed = _reviewed(word)
    if reviewed is not None and inflected and reviewed.source.startswith(_NAMES):
        return None
    return reviewed


def _reviewed(word: str) -> Reviewed | None:
    """The reviewed verdict of ``word``, or of the word it inflects (dickies: dickie,
    spicier: spicy) when only that one was reviewed."""
    if len(word) > _LONGEST_WORD + 4:  # + the longest ending stripped below
        return None
    reviewed = lookup(word)
    if reviewed is not None:
        return reviewed
    for ending, base in _BASE_FORMS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            reviewed = lookup(word[: -len(ending)] + base)
            if reviewed is not None:
                return reviewed
    return None


def _snap(
    pieces: _Pieces,
    letters: str,
    begin: int,
    finish: int,
    counts: tuple[int, ...],
) -> tuple[int, int]:
    """An occurrence whose letter run crosses punctuation (``shit-this``: the run "tt"
    joins both words) ends where its piece ends; the same at its start (``this.skank``).
    Only where the entry needs one letter of that run (``as-sassin`` holds no ``ass``)."""
    for start, end, *_ in pieces.all[pieces.holding(begin) : pieces.holding(finish - 1) + 1]:
        if (
            counts[-1] == 1
            and begin < end < finish
            and letters[end - 1 : finish] == letters[end - 1] * (finish - end + 1)
        ):
            finish = end
        if (
            counts[0] == 1
            and begin < start < finish <= end
            and letters[begin : start + 1] == letters[start] * (start - begin + 1)
        ):
            begin = start
    return begin, finish


def _shared_runs(
    pieces: _Pieces,
    letters: str,
    begin: int,
    finish: int,
    counts: tuple[int, ...],
) -> tuple[int, int]:
    """The span an occurrence shows: inside a longer word, a run of letters at its edge
    that is longer than the entry needs shares its extra letters with the word beside it
    (``fest|tits``, ``head|dumbass``, ``cocks|show``), so the match starts at the run's
    last letter (ends after its first). Alone, the run is the entry's (``ffuck``,
    ``shitt``). Only the span moves: the decision is made on the whole run."""
    piece_start = pieces.all[pieces.holding(begin)][0]
    piece_end = pieces.all[pieces.holding(finish - 1)][1]
    shown_begin, shown_end = begin, finish
    if counts[0] == 1 and begin > piece_start:
        while shown_begin + 1 < finish and letters[shown_begin + 1] == letters[begin]:
            shown_begin += 1
    if counts[-1] == 1 and finish < piece_end:
        while shown_end - 1 > shown_begin + 1 and letters[shown_end - 2] == letters[finish - 1]:
            shown_end -= 1
    return shown_begin, shown_end


class _Piece(NamedTuple):
    """A piece of a word (``_pieces``): letters ``[start, end)``, how it is joined to the
    piece before it, whether it is single letters spelled out (``f.u.c.k``), and how many
    of its first and last letters a number wrote (``_number_edges``)."""

    start: int
    end: int
    joined_by: str  # "" (the first), "punctuation", "apostrophe", "word" or "space" (split)
    spelled: bool
    number_before: int = 0
    number_after: int = 0


#: A number this long at the edge of a word is a number, not leetspeak letters, when the
#: judge asks what the word is (``sexmaster69``, ``88kike``): usernames and team names
#: append them. One digit is as often a letter (``hell0``).
_NUMBER_EDGE = 2


def _number_edges(text: str, index_map: list[int], piece: _Piece) -> _Piece:
    """``piece`` with the runs of letters at its edges that the text wrote as digits
    (``_NUMBER_EDGE`` or more; the read letters of "kikekiller99" end in "gg")."""
    start, end = piece.start, piece.end
    before = start
    while before < end and text[index_map[before]].isdigit():
        before += 1
    after = end
    while after > before and text[index_map[after - 1]].isdigit():
        after -= 1
    return piece._replace(
        number_before=before - start if before - start >= _NUMBER_EDGE else 0,
        number_after=end - after if end - after >= _NUMBER_EDGE else 0,
    )


def _camel_part(
    text: str, index_map: list[int], piece: _Piece, begin: int, finish: int
) -> bool:
    """Is the occurrence ``[begin, finish)`` written as a part of a CamelCase word: a
    capital and lower-case letters, after a lower-case letter or at the piece's start,
    and before a capital followed by a lower-case letter or at the piece's end, with the
    piece going on at one side (``CumGuzzler``, ``bigDick``)? Alternating case (``FuCk``,
    ``ShIt``) is no CamelCase: the entry's own letters must be lower case."""
    if piece.spelled or (begin, finish) == (piece.start, piece.end):
        return False
    at = index_map[begin]
    if not text[at].isupper() or (begin > piece.start and not text[at - 1].islower()):
        return False
    if not all(text[index_map[i]].islower() for i in range(begin + 1, finish)):
        return False
    if finish >= piece.end:  # (past it: a multi-piece occurrence, judged otherwise)
        return finish == piece.end
    after = index_map[finish]
    return text[after].isupper() and after + 1 < len(text) and text[after + 1].islower()


def _without_numbers(piece: _Piece, begin: int, finish: int) -> tuple[int, int]:
    """The piece's bounds without the numbers at its edges that the occurrence
    ``[begin, finish)`` does not need: ``sex69`` is the word ``sex`` beside a number, and
    ``sexmaster69`` the word ``sexmaster``; ``a55`` keeps its digits (they spell ass)."""
    start, end = piece.start, piece.end
    if piece.number_before and start + piece.number_before <= begin:
        start += piece.number_before
    if piece.number_after and end - piece.number_after >= finish:
        end -= piece.number_after
    return start, end


def _pieces(text: str, words: Words, word_start: int, word_end: int) -> list[_Piece]:
    """The pieces of a word that punctuation joins (``fuck-off``: fuck, off), or of the
    words a split occurrence runs over (``fu ck``: fu, ck); a run of single letters is
    one piece (``f.u.c.k``, ``f u c k``)."""
    breaks, index_map = words.breaks, words.index_map
    fragments: list[list[int]] = []
    for i in range(word_start, word_end):
        if i == word_start or breaks[i]:
            fragments.append([i, i + 1])
        else:
            fragments[-1][1] = i + 1
    pieces: list[_Piece] = []
    single = False
    spelled_end = 0  # where the run of single letters that ends the last piece ends
    for start, end in fragments:
        if end - start == 1 and single:
            spelled_end = end  # one more spelled letter: the piece grows (set once, below)
            continue
        if spelled_end:
            pieces[-1] = pieces[-1]._replace(end=spelled_end, spelled=True)
            spelled_end = 0
        single = end - start == 1
        before = index_map[start] - 1
        if not pieces:
            joined_by = ""
        elif breaks[start] == 2 and words.word_start[start] == start:
            joined_by = "word"  # the next word of a multi-word entry ("piece of shit")
        elif breaks[start] == 2:  # whitespace inside a word: words joined by a split
            joined_by = "space"
        elif breaks[start] == 1 and before >= 0 and text[before] in _APOSTROPHES:
            joined_by = "apostrophe"
        else:
            joined_by = "punctuation"
        pieces.append(_Piece(start, end, joined_by, False))
    if spelled_end:
        pieces[-1] = pieces[-1]._replace(end=spelled_end, spelled=True)
    return [
        piece if piece.spelled or not _has_digit(text, index_map, piece)
        else _number_edges(text, index_map, piece)
        for piece in pieces
    ]  # fmt: skip


def _has_digit(text: str, index_map: list[int], piece: _Piece) -> bool:
    return (
        text[index_map[piece.start]].isdigit() or text[index_map[piece.end - 1]].isdigit()
    )


_APOSTROPHES = "'\u2019\u02bc`\u00b4"


def _word_around(
    letters: str, start: int, begin: int, finish: int, end: int
) -> tuple[str, str, str]:
    """(word, prefix, suffix) of an occurrence ``[begin, finish)`` inside the word
    ``[start, end)``, each side cut to ``_LONGEST_WORD`` + 1 letters: a word that long is
    judged alike whatever its length (no data holds it, no prefix or suffix that long is
    a word), and a hostile text that is one huge word stays linear."""
    start, end = max(start, begin - _LONGEST_WORD - 1), min(end, finish + _LONGEST_WORD + 1)
    return letters[start:end], letters[start:begin], letters[finish:end]


class _Pieces:
    """A word's pieces (``_pieces``), which cover it end to end, found by position in
    O(log n): an occurrence looks only at the pieces it spans."""

    def __init__(self, pieces: list[_Piece]) -> None:
        self.all = pieces
        self._starts = [piece.start for piece in pieces]

    def holding(self, position: int) -> int:
        """The index of the piece that holds the letter at ``position``."""
        return bisect.bisect_right(self._starts, position) - 1


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
