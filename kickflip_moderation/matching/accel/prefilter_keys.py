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

from ...wordlist import MAX_ENTRY_LENGTH
from ..entries import check_type, compile_entry, spelling_stem, too_long, unusable
from ..respell import NO_BREAKS, letter_offsets
from .skeleton import (
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
    "BuiltKeys", "PrefilterEntry", "bounded_keys", "loose_keys", "prefilter_entry",
]  # fmt: skip

MAX_BREAKS = 6  # a multi-word entry with more breaks sends every text to the loose automaton
_BLOCK = 4096  # plain words folded per block: one C call per block, little extra memory
#: (entry index, letters, letter offsets of the entry's word breaks, entry length in
#: letters, and for a spelling-rule stem the suffixes that must follow it: "bust" of
#: "busty" needs "ies")
PrefilterEntry = tuple[int, str, frozenset[int], int, tuple[str, ...]]


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
    """The keys of every entry: its skeleton, anywhere in a word (the judge decides what
    an occurrence inside a word means; the keys decide nothing), and for a multi-word
    entry each way of writing its breaks, with word markers. ``compile_word(index,
    word)``: what the prefilter needs of an entry that is not a plain word;
    ``stem_suffixes`` gives a plain word's spelling-stem suffixes (what ``compile_word``
    would add) when it ends in one of ``stem_endings``."""
    # keys within a word, and keys that span words (``BoundedKeys``)
    alone, multi = KeyWriter(), KeyWriter()
    get, add_word = alone.automaton.get, alone.automaton.add_word

    def put(key: str, needs: tuple[str, ...] | None, index: int) -> None:
        add_key(BoundedKeys.writer(alone, multi, key), key, needs, index)

    bounded_ok = True
    doubled = DOUBLED.search
    for offset, letters_of, skeleton_of in _plain_blocks(words):
        for word_index in range(offset, offset + len(letters_of)):
            word = words[word_index]
            letters = letters_of[word_index - offset]
            if letters is not None:  # most entries: compile_word's plain word, inlined
                skeleton = skeleton_of[word_index - offset]
                needs = needle(skeleton) if doubled(skeleton) else None
                key = collapse_doubled(skeleton) if needs else skeleton
                if needs is None and get(key, None) is None:
                    add_word(key, word_index)
                else:
                    add_key(alone, key, needs, word_index)
                if letters[-1] not in stem_endings:
                    continue
                requires = stem_suffixes(letters)
                if requires is None:
                    continue
                # whore -> whor+ing, busty -> bust+ies: what compile_word adds as a stem
                stem = skeleton[:-1]
                needs = needle(stem)
                for suffix in requires:
                    add_key(alone, collapse_doubled(stem + suffix), needs, word_index)
                continue
            for index, letters, breaks, _length, requires in compile_word(word_index, word):
                if len(breaks) > MAX_BREAKS:  # seven words at least
                    bounded_ok = False
                    continue
                needs = None if breaks else needle(skeleton_letters(letters))
                for variant in spellings(letters, breaks):
                    for suffix in requires or ("",):
                        put(collapse_doubled(variant + skeleton_letters(suffix)), needs, index)
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
