"""Skeletons: the prefilter's alphabet, and automata of skeleton keys.

A text becomes a *skeleton* with C-level calls only: one ``translate`` folds it, reads
leetspeak digits and symbols as letters (one ``Skeletonizer`` per symbol reading), merges
``l`` into ``i``, drops punctuation and turns whitespace into the word marker ``MARK``;
``collapse_doubled`` then collapses runs of a letter. ``Keys`` is an automaton of
skeleton keys; a key for an entry with a doubled letter carries a *needle* (``needle``)
that the uncollapsed skeleton must hold, so ``ass`` is not found in "Thomas".
"""

from __future__ import annotations

import functools
import re
from enum import IntEnum

import ahocorasick

from ..normalization import FOLD, PLACEHOLDER
from ..textmodel import LEET, LEET_MAYBE_SEPARATOR, Reading

__all__ = [
    "BOUNDED", "COVERS", "DOUBLED", "LEET_SYMBOLS", "LOOSE", "MARK", "SKELETON_LETTERS",
    "SYMBOL_RE", "SymbolReading",
    "BoundedKeys", "KeyMap", "KeyValue", "KeyWriter", "Keys", "Skeletonizer",
    "add_key", "collapse_doubled", "has_symbol", "holds_needle", "needle", "skeleton_letters",
]  # fmt: skip

MARK = "_"
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)
_SHORT_TEXT = 200  # has_symbol: a regex on shorter texts, one search per symbol on longer
SKELETON_LETTERS = str.maketrans({**{k: v for k, v in LEET.items() if k.isdigit()}, "l": "i"})
DOUBLED = re.compile(r"(.)\1", re.DOTALL)
#: A key's value: the index of the entry it stands for (the key always counts), or
#: (needles or None, entry indices) when it needs a needle or stands for several entries.
#: With needles, a key counts only if the uncollapsed skeleton holds one of them.
KeyValue = int | tuple[tuple[str, ...] | None, tuple[int, ...]]
KeyMap = dict[str, KeyValue]


def skeleton_letters(letters: str) -> str:
    """The prefilter alphabet: leetspeak digits read as letters, and ``l`` read as ``i``."""
    return letters.translate(SKELETON_LETTERS)


def needle(skeleton: str) -> tuple[str, ...] | None:
    """What an entry with a doubled letter needs in the uncollapsed text: ``ass`` -> "ass"
    (the doubled run with the letter before it, or after it at the start: "llama" ->
    "lla"). Every real match contains it, however long its runs; "Thomas" does not."""
    run = _REPEATS.search(skeleton)
    if run is None:
        return None
    start, end = run.span()
    return (skeleton[start - 1 : end],) if start else (skeleton[: end + 1],)


class SymbolReading(IntEnum):
    """What the prefilter reads leetspeak symbols as: one skeleton per way, each the
    over-approximation of one or more exact readings (``COVERS``)."""

    LETTERS = 0  # every leetspeak symbol is its letter ("$h!t")
    MAYBE_SEPARATORS = 1  # "!|+(" are separators, the other symbols letters ("f+u+c+k")
    SEPARATORS = 2  # every symbol is a separator (a chunk with no letter stays a number)


_LEET_SYMBOLS = frozenset(k for k in LEET if not k.isalnum())
#: The symbols each skeleton reads as letters.
_SYMBOLS_READ: dict[SymbolReading, frozenset[str]] = {
    SymbolReading.LETTERS: _LEET_SYMBOLS,
    SymbolReading.MAYBE_SEPARATORS: _LEET_SYMBOLS - LEET_MAYBE_SEPARATOR,
    SymbolReading.SEPARATORS: frozenset(),
}
#: The skeleton that over-approximates each exact reading of ``textmodel.Reading``
#: (``Reading.MASKED`` has none: a masked text skips the prefilter, ``masks.may_be_masked``).
#: tests/test_textmodel.py checks each pair character by character.
COVERS: dict[Reading, SymbolReading] = {
    Reading.CANONICAL: SymbolReading.LETTERS,
    Reading.AMBIGUOUS: SymbolReading.LETTERS,
    Reading.BANG: SymbolReading.LETTERS,
    Reading.SEPARATORS: SymbolReading.MAYBE_SEPARATORS,
}


def _ascii_table(symbols: frozenset[str], marker: str) -> dict[int, str]:
    """ASCII code point -> skeleton: letters and digits mapped, whitespace -> ``marker``,
    the leetspeak ``symbols`` read as letters, other punctuation dropped."""
    table: dict[int, str] = {}
    for codepoint in range(0x80):
        ch = chr(codepoint)
        if ch.isalpha():
            table[codepoint] = skeleton_letters(ch.lower())
        elif ch.isdigit() or ch in symbols:
            table[codepoint] = skeleton_letters(LEET[ch])
        elif ch.isspace():
            table[codepoint] = marker
        else:
            table[codepoint] = ""
    return table


class _UnicodeTable(dict[int, str]):
    """``str.translate`` table: any code point -> skeleton (folded once, then cached)."""

    def __init__(self, ascii_table: dict[int, str]) -> None:
        super().__init__(ascii_table)
        self._ascii = ascii_table

    def __missing__(self, codepoint: int) -> str:
        # PLACEHOLDER (a symbol with no transliteration) is punctuation here, not a control
        value = "".join(self._ascii[ord(c)] for c in FOLD[codepoint] if c != PLACEHOLDER)
        self[codepoint] = value
        return value


def collapse_doubled(skeleton: str) -> str:
    """Collapse runs (``fuuuck`` -> ``fuck``). Only the letters that are doubled are
    collapsed, with ``str.replace``: far faster than a regex substitution, and most
    names have none."""
    doubled = DOUBLED.findall(skeleton)
    for char in set(doubled) if doubled else ():
        pair = char + char
        while pair in skeleton:
            skeleton = skeleton.replace(pair, char)
    return skeleton


class Skeletonizer:
    """Text -> skeleton with C-level calls only: ``bytes.translate`` for ASCII text."""

    def __init__(self, symbols: frozenset[str], marker: str) -> None:
        ascii_table = _ascii_table(symbols, marker)
        table = bytearray(range(256))
        delete = bytearray()
        for codepoint, value in ascii_table.items():
            if value:
                table[codepoint] = ord(value)
            else:
                delete.append(codepoint)
        self._bytes = bytes(table), bytes(delete)
        self._unicode = _UnicodeTable(ascii_table)
        self._start = marker

    def body(self, text: str) -> str:
        """The skeleton without the word markers around it."""
        if text.isascii():
            return text.encode().translate(*self._bytes).decode()
        return text.translate(self._unicode)

    def __call__(self, text: str) -> str:
        return self._start + self.body(text) + self._start


# The symbol readings of the exact stage: all leetspeak symbols as letters; "!|+(" as
# separators and the rest as letters; all symbols as separators (letterless chunks).
# Indexed by ``SymbolReading``.
BOUNDED = tuple(Skeletonizer(_SYMBOLS_READ[reading], MARK) for reading in SymbolReading)
LOOSE = tuple(Skeletonizer(_SYMBOLS_READ[reading], "") for reading in SymbolReading)

# Leetspeak symbols (searched in folded text): the other symbol readings are needed only
# when one occurs.
LEET_SYMBOLS = "".join(k for k in LEET if not k.isalnum())
SYMBOL_RE = re.compile("[" + re.escape(LEET_SYMBOLS) + "]")


def has_symbol(folded: str) -> bool:
    """Does ``folded`` hold a leetspeak symbol? (On long texts one fast ``in`` per
    symbol beats a regex scan; on short ones the regex wins.)"""
    if len(folded) <= _SHORT_TEXT:
        return SYMBOL_RE.search(folded) is not None
    return any(symbol in folded for symbol in LEET_SYMBOLS)


class KeyWriter:
    """Keys written straight into an automaton (``add_key``), not made into one: a big
    list's keys never sit in a dictionary as well."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()


def holds_needle(value: KeyValue, skeleton: str) -> bool:
    """Does a key with ``value`` count in the uncollapsed ``skeleton``?"""
    if value.__class__ is int:
        return True
    needs = value[0]  # type: ignore[index]
    return needs is None or any(needle in skeleton for needle in needs)


class Keys:
    """One automaton of skeleton keys, with the needles of keys that need a doubled letter
    and the entries each key stands for."""

    def __init__(self, keys: KeyMap | KeyWriter) -> None:
        if isinstance(keys, KeyWriter):
            self.automaton = keys.automaton
        else:
            self.automaton = ahocorasick.Automaton()
            for key, value in keys.items():
                self.automaton.add_word(key, value)
        if len(self.automaton):
            self.automaton.make_automaton()

    def hit(self, skeleton: str) -> bool:
        """Does a key occur once runs are collapsed (``fuuuck`` -> ``fuck``)? A key with
        needles counts only if one of them is in the uncollapsed ``skeleton``."""
        if not len(self.automaton):
            return False
        collapsed = skeleton
        doubled = DOUBLED.findall(skeleton)  # collapse_doubled, inlined: the hot path
        for char in set(doubled) if doubled else ():
            pair = char + char
            while pair in collapsed:
                collapsed = collapsed.replace(pair, char)
        for _, value in self.automaton.iter(collapsed):
            if value.__class__ is int or holds_needle(value, skeleton):
                return True
        return False

    def indices(self, skeleton: str) -> tuple[set[int], str, list[int]]:
        """The entries of the keys that count in ``skeleton`` (as ``hit`` counts them),
        the collapsed skeleton, and where in it those keys end."""
        collapsed = collapse_doubled(skeleton)
        found: set[int] = set()
        ends: list[int] = []
        self.collect(skeleton, collapsed, found, ends)
        return found, collapsed, ends

    def collect(self, skeleton: str, collapsed: str, found: set[int], ends: list[int]) -> None:
        """``indices`` into ``found`` and ``ends``, for a skeleton already collapsed."""
        if not len(self.automaton):
            return
        for end, value in self.automaton.iter(collapsed):
            if value.__class__ is int:
                found.add(value)
            elif holds_needle(value, skeleton):
                found.update(value[1])
            else:
                continue
            ends.append(end)


class BoundedKeys:
    """The keys with word markers, in two automata: ``alone``, the keys within one word
    (a long text's chunks are checked against it one by one), and ``multi``, those that
    span words (None without multi-word entries). A whole text is checked against both."""

    def __init__(self, alone: KeyWriter, multi: KeyWriter) -> None:
        self.alone = Keys(alone)
        self.multi = Keys(multi) if len(multi.automaton) else None

    @functools.cached_property
    def longest(self) -> int:
        """The longest key's length (a walk over the automata: asked for on first use).
        Not ``get_stats()``: it recurses once per letter of the longest key."""
        automata = [k.automaton for k in (self.alone, self.multi) if k is not None]
        return max((len(key) for a in automata for key in a.keys()), default=0)

    @staticmethod
    def writer(alone: KeyWriter, multi: KeyWriter, key: str) -> KeyWriter:
        """Where ``key`` goes: a marker inside it means it spans words."""
        return multi if MARK in key.strip(MARK) else alone

    def hit(self, skeleton: str) -> bool:
        return self.alone.hit(skeleton) or (self.multi is not None and self.multi.hit(skeleton))

    def indices(self, skeleton: str) -> tuple[set[int], str, list[int]]:
        """``Keys.indices`` over both automata (ends in order)."""
        found, collapsed, ends = self.alone.indices(skeleton)
        if self.multi is not None:
            count = len(ends)
            self.multi.collect(skeleton, collapsed, found, ends)
            if len(ends) > count:
                ends.sort()
        return found, collapsed, ends


def add_key(
    keys: KeyMap | KeyWriter, key: str, needs: tuple[str, ...] | None, index: int
) -> None:
    """Add ``key`` for entry ``index``; a key that several entries share keeps them all,
    and counts without a needle if one of them needs none."""
    if isinstance(keys, KeyWriter):  # a big list: no Python-level mapping calls
        get, put = keys.automaton.get, keys.automaton.add_word
    else:
        get, put = keys.get, keys.__setitem__
    old = get(key, None)
    if old is None:
        put(key, index if needs is None else (needs, (index,)))
        return
    old_needs, old_indices = (None, (old,)) if isinstance(old, int) else old
    merged = None if old_needs is None or needs is None else (*old_needs, *needs)
    indices = old_indices if index in old_indices else (*old_indices, index)
    put(key, (merged, indices))
