"""The prefilter's keys, built from a word list (``prefilter.py`` says what they mean).

Each key's value names the entries it stands for (``skeleton.add_key``). A 100k-entry
list is mostly plain words (ASCII letters only): those are folded and skeletonized a
block at a time with one ``lower`` and one ``translate`` over the block, and written
straight into the automaton; any other entry goes through ``compile_word``, the
matcher's normalization. The build is about a raw automaton's cost, not twice it: the
exact stage has no trie of its own (``matcher._patterns_for``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import ahocorasick

from ...wordlist import MAX_ENTRY_LENGTH
from ..boundaries import ADJACENT_MIN, HEADS, LONG_PREFIX, LONG_SUFFIX, SUFFIXES, TAILS
from ..entries import check_type, compile_entry, spelling_stem, too_long, unusable
from ..respell import NO_BREAKS, letter_offsets
from .skeleton import (
    AFTER_HEAD,
    DOUBLED,
    MARK,
    SKELETON_LETTERS,
    BoundedKeys,
    Keys,
    KeyWriter,
    add_key,
    collapse_doubled,
    needle,
    skeleton_letters,
)

__all__ = [
    "BuiltKeys", "PrefilterEntry", "bounded_keys", "loose_keys", "prefilter_entry", "short_keys",
]  # fmt: skip

MAX_BREAKS = 6  # a multi-word entry with more breaks sends every text to the loose automaton
_MAX_HEAD_KEYS = 50_000  # beyond this many head+entry keys, a word-initial head is a hit
_MAX_ENDING_KEYS = 100_000  # beyond this many entry+ending keys, a word start is enough
_FIXED_ENDINGS = 1 + len(SUFFIXES) + len(TAILS)
_BLOCK = 4096  # plain words folded per block: one C call per block, little extra memory
#: (entry index, letters, letter offsets of the entry's word breaks, entry length in
#: letters, and for a spelling-rule stem the suffixes that must follow it: "bust" of
#: "busty" needs "ies")
PrefilterEntry = tuple[int, str, frozenset[int], int, tuple[str, ...]]
#: A short entry's key, needles, index and length, waiting for the endings.
_Short = tuple[str, tuple[str, ...] | None, int, int]


def prefilter_entry(
    index: int, entry: str, what: str, skipped: list[str] | None = None
) -> list[PrefilterEntry]:
    """What the prefilter needs of entry ``index``, its spelling stem included (``whore``
    -> ``whor`` + ing). An entry that normalizes to nothing raises ``WordlistError``, or,
    given ``skipped``, is left out and appended there."""
    check_type(entry, what)
    nothing = ("", (), NO_BREAKS, "")
    key, counts, breaks, letters = nothing if too_long(entry) else compile_entry(entry)
    if not key:
        if skipped is None:
            raise unusable(entry, what)
        skipped.append(entry)
        return []
    letter_breaks = letter_offsets(counts, breaks)
    found: list[PrefilterEntry] = [(index, letters, letter_breaks, len(letters), ())]
    stem = spelling_stem(key, counts, letters)
    if stem is not None:
        found.append((index, letters[:-1], letter_breaks, len(letters), stem[2]))
    return found



class BuiltKeys(NamedTuple):
    bounded: BoundedKeys
    bounded_ok: bool  # False: an entry has too many breaks for keys with markers
    empty: bool  # no entry at all (every text is clean)


def bounded_keys(
    words: Sequence[str],
    compile_word: Callable[[int, str], Iterable[PrefilterEntry]],
    stem_suffixes: Callable[[str], tuple[str, ...] | None],
    stem_endings: str,
) -> BuiltKeys:
    """The keys with word markers of every entry. ``compile_word(index, word)``: what
    the prefilter needs of an entry that is not a plain word; ``stem_suffixes`` gives a
    plain word's spelling-stem suffixes (what ``compile_word`` would add) when it ends in
    one of ``stem_endings``."""
    # keys within a word, and keys that span words (``BoundedKeys``)
    alone, multi = KeyWriter(), KeyWriter()
    get, add_word = alone.automaton.get, alone.automaton.add_word

    def put(key: str, needs: tuple[str, ...] | None, index: int) -> None:
        add_key(BoundedKeys.writer(alone, multi, key), key, needs, index)

    short: list[_Short] = []
    # the first letters of the short entries (which may follow a short one; a long one's
    # key occurs on its own): only while the short entries are few enough to get a key
    # per ending
    starts: set[str] | None = set()
    endless = 0  # short entries with keys per ending

    def note_short(letters: str, length: int) -> None:
        """Count an entry shorter than ``LONG_PREFIX`` (of ``length`` letters) for the
        endings, and keep its first letters."""
        nonlocal starts, endless
        if starts is None:
            return
        starts.add(letters[:ADJACENT_MIN])
        if length < LONG_SUFFIX:
            endless += 1
            if endless * _FIXED_ENDINGS > _MAX_ENDING_KEYS:
                starts = None  # too many already, before the others' starts

    bounded_ok = True
    doubled = DOUBLED.search
    for offset, letters_of, skeleton_of in _plain_blocks(words):
        for word_index in range(offset, offset + len(letters_of)):
            word = words[word_index]
            letters = letters_of[word_index - offset]
            if letters is not None:  # most entries: compile_word's plain word, inlined
                skeleton = skeleton_of[word_index - offset]
                length = len(letters)
                needs = needle(skeleton) if doubled(skeleton) else None
                key = collapse_doubled(skeleton) if needs else skeleton
                if length >= LONG_PREFIX:
                    if needs is None and get(key, None) is None:
                        add_word(key, word_index)
                    else:
                        add_key(alone, key, needs, word_index)
                else:
                    short.append((key, needs, word_index, length))
                if length < LONG_PREFIX:
                    note_short(letters, length)
                if letters[-1] not in stem_endings:
                    continue
                requires = stem_suffixes(letters)
                if requires is None:
                    continue
                # whore -> whor+ing, busty -> bust+ies: what compile_word adds as a stem
                if length < LONG_PREFIX:
                    note_short(letters[:-1], length)
                stem = skeleton[:-1]
                needs = needle(stem)
                for suffix in requires:
                    key = collapse_doubled(stem + suffix)
                    add_key(alone, key if length >= LONG_PREFIX else MARK + key, needs, word_index)
                continue
            for index, letters, breaks, length, requires in compile_word(word_index, word):
                if len(breaks) > MAX_BREAKS:  # seven words at least: never short
                    bounded_ok = False
                    continue
                if length < LONG_PREFIX:
                    note_short(letters, length)
                needs = None if breaks else needle(skeleton_letters(letters))
                for variant in spellings(letters, breaks):
                    if requires:  # a stem: only with the suffix its spelling rule needs
                        for suffix in requires:
                            key = collapse_doubled(variant + skeleton_letters(suffix))
                            put(key if length >= LONG_PREFIX else MARK + key, needs, index)
                        continue
                    key = collapse_doubled(variant)
                    if length >= LONG_PREFIX:
                        put(key, needs, index)
                    else:
                        short.append((key, needs, index, length))
    endings = _endings(starts, endless)
    for key, needs, index, length in short:
        if length >= LONG_SUFFIX or endings is None:
            put(MARK + key, needs, index)
            continue
        # an ending adds no marker inside: the key says which automaton (and most of
        # these keys are new, so they skip add_key)
        writer = BoundedKeys.writer(alone, multi, MARK + key)
        get_key, add_new = writer.automaton.get, writer.automaton.add_word
        for ending in endings:  # ass_, asses_, asshole..., not Arsenal
            with_ending = MARK + collapse_doubled(key + ending)
            if needs is None and get_key(with_ending, None) is None:
                add_new(with_ending, index)
            else:
                add_key(writer, with_ending, needs, index)
    if short:
        heads = [collapse_doubled(skeleton_letters(head)) for head in HEADS]
        if len(heads) * len(short) <= _MAX_HEAD_KEYS:
            for head, (key, _, index, _) in itertools.product(heads, short):
                put(MARK + collapse_doubled(head + key), None, index)  # bull+shit
        else:  # too many pairs: a word that starts with a head is enough
            for head in heads:
                put(MARK + head, None, AFTER_HEAD)
    empty = bounded_ok and not (len(alone.automaton) or len(multi.automaton))
    return BuiltKeys(BoundedKeys(alone, multi), bounded_ok, empty)


def _plain_blocks(
    words: Sequence[str],
) -> Iterable[tuple[int, list[str | None], list[str]]]:
    """Blocks of ``words``: (offset, the lowered letters of each plain word (ASCII
    letters only; None for any other), their skeletons). One ``lower`` and one
    ``translate`` per block instead of one per word."""
    for offset in range(0, len(words), _BLOCK):
        block = words[offset : offset + _BLOCK]
        try:
            joined = "\n".join(block)
        except TypeError:  # not all str: compile_word says which
            yield offset, [None] * len(block), []
            continue
        lowered = joined.lower()
        letters: list[str | None] = list(lowered.split("\n"))
        if len(letters) != len(block):  # an entry holds a newline: word by word
            yield offset, [None] * len(block), []
            continue
        skeletons = lowered.translate(SKELETON_LETTERS).split("\n")
        for i, word in enumerate(block):
            # a word too long for a list goes to compile_word, which leaves it out
            if not (word.isascii() and word.isalpha()) or len(word) > MAX_ENTRY_LENGTH:
                letters[i] = None
        yield offset, letters, skeletons


def loose_keys(entries: Iterable[PrefilterEntry]) -> Keys:
    """Keys without word markers, for text with letters spelled out chunk by chunk."""
    keys = KeyWriter()
    for index, letters, _, _, _ in entries:
        skeleton = skeleton_letters(letters)
        add_key(keys, collapse_doubled(skeleton), needle(skeleton), index)
    return Keys(keys)


def short_keys(entries: Iterable[PrefilterEntry]) -> tuple[ahocorasick.Automaton | None, int]:
    """The keys of the short entries without word markers, their stems' with the
    suffix their rule needs, in an automaton (key -> entry indices; None without short
    entries), and the longest key's length."""
    keys: dict[str, tuple[int, ...]] = {}
    for index, letters, breaks, length, requires in entries:
        if length >= LONG_PREFIX or len(breaks) > MAX_BREAKS:
            continue
        for variant in spellings(letters, breaks):
            for suffix in requires or ("",):
                key = collapse_doubled(variant + skeleton_letters(suffix))
                keys[key] = (*keys.get(key, ()), index)
    if not keys:
        return None, 0
    automaton = ahocorasick.Automaton()
    for key, indices in keys.items():
        automaton.add_word(key, indices)
    automaton.make_automaton()
    return automaton, max(map(len, keys))


def _endings(starts: set[str] | None, short: int) -> list[str] | None:
    """What may follow a short entry inside its word (``boundaries.accepts``): the word's
    end, an inflection, a compound tail, or the start of another short entry (``starts``:
    their first letters): the entry then vouches for that one ("shit" + "tit"), or is
    vouched for by it if it has 4+ letters. A long entry after it needs no ending: its
    own key occurs, and ``Prefilter.candidates`` looks back from it. None when there
    would be too many keys for the ``short`` entries (then a word start is enough)."""
    if starts is None:
        return None
    endings = [
        MARK,
        *(skeleton_letters(suffix) + MARK for suffix in SUFFIXES),
        *(skeleton_letters(tail) for tail in TAILS),
        *{collapse_doubled(skeleton_letters(start)) for start in starts},
    ]
    return endings if short * len(endings) <= _MAX_ENDING_KEYS else None


def spellings(letters: str, breaks: Iterable[int]) -> Iterable[str]:
    """Every way to write the entry's word breaks: as a marker, or not at all."""
    if not breaks:
        yield skeleton_letters(letters)
        return
    cuts = sorted(breaks)
    bounds = zip([0, *cuts], [*cuts, len(letters)], strict=True)
    parts = [skeleton_letters(letters[a:b]) for a, b in bounds]
    for marks in itertools.product(("", MARK), repeat=len(cuts)):
        yield parts[0] + "".join(m + p for m, p in zip(marks, parts[1:], strict=True))
