"""The prefilter: rule out clean text with a few C-level calls, never hiding a real match.

A text becomes a *skeleton*: one ``translate`` folds it, reads leetspeak digits and
symbols as letters, merges ``l`` into ``i``, drops punctuation and turns whitespace into
a word marker ``_``; doubled letters are then collapsed. One Aho-Corasick automaton holds
the skeletons of the entries:

* entries shorter than ``boundaries.LONG_PREFIX`` letters only count at the start of a
  word (or right after an offensive head), so their keys start with ``_``: ``_ass`` is in
  "the ass" but not in "class" or "Cassidy", which then never reach the exact stage;
* a multi-word entry gets a key per way of writing its breaks (``piece_of_shit``,
  ``pieceofshit``);
* entries that need a doubled letter (``ass``) carry a needle checked on the uncollapsed
  skeleton.

One thing the markers cannot model: letters spelled out one per chunk (``f u c k``,
``a s.s``) join into one word in the exact stage. Text with two such chunks in a row
goes through a *loose* automaton without markers instead (built on first use).
No hit means clean: the matcher's property tests check that against the exact stage.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

import ahocorasick

from .boundaries import ADJACENT_MIN, HEADS, LONG_PREFIX, LONG_SUFFIX, SUFFIXES, TAILS
from .charmaps import LEET, LEET_MAYBE_SEPARATOR
from .normalize import FOLD, PLACEHOLDER

__all__ = ["Prefilter", "PrefilterEntry", "has_spelled_sequence", "skeleton_letters"]

MARK = "_"
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)
_RUN = re.compile(r"(.)\1*", re.DOTALL)
_MAX_BREAKS = 6  # a multi-word entry with more breaks sends every text to the loose automaton
_MAX_HEAD_KEYS = 50_000  # beyond this many head+entry keys, a word-initial head is a hit
_MAX_ENDING_KEYS = 100_000  # beyond this many entry+ending keys, a word start is enough

#: key -> None (any hit counts) or needles, one of which the uncollapsed text must hold
_KeyMap = dict[str, tuple[str, ...] | None]
#: (letters, letter offsets of the entry's word breaks, entry length in letters, and for a
#: spelling-rule stem the suffixes that must follow it: "bust" of "busty" needs "ies")
PrefilterEntry = tuple[str, frozenset[int], int, tuple[str, ...]]


_SKELETON_LETTERS = str.maketrans({**{k: v for k, v in LEET.items() if k.isdigit()}, "l": "i"})
_DOUBLED = re.compile(r"(.)\1", re.DOTALL)


def skeleton_letters(letters: str) -> str:
    """The prefilter alphabet: leetspeak digits read as letters, and ``l`` read as ``i``."""
    return letters.translate(_SKELETON_LETTERS)


def _collapse(text: str) -> str:
    return _REPEATS.sub(r"\1", text) if _DOUBLED.search(text) else text


def _needle(skeleton: str) -> tuple[str, ...] | None:
    """What an entry with a doubled letter needs in the uncollapsed text: ``ass`` -> "ass"
    (the doubled run with the letter before it, or after it at the start: "llama" ->
    "lla"). Every real match contains it, however long its runs; "Thomas" does not."""
    if not _DOUBLED.search(skeleton):
        return None
    runs = [(m.group(1), m.end() - m.start()) for m in _RUN.finditer(skeleton)]
    for i, (char, count) in enumerate(runs):
        if count > 1:
            if i:
                return (runs[i - 1][0] + char * count,)
            return (char * count + (runs[1][0] if len(runs) > 1 else ""),)
    return None


_SYMBOL_READINGS: tuple[frozenset[str], ...] = (
    frozenset(k for k in LEET if not k.isalnum()),
    frozenset(k for k in LEET if not k.isalnum()) - LEET_MAYBE_SEPARATOR,
    frozenset(),
)


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
        elif ch.isspace() or codepoint < 0x20 or codepoint == 0x7F:
            table[codepoint] = marker  # fold_char turns controls into spaces too
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


class _Skeletonizer:
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

    def __call__(self, text: str) -> str:
        if text.isascii():
            body = text.encode().translate(*self._bytes).decode()
        else:
            body = text.translate(self._unicode)
        return self._start + body + self._start


# The symbol readings of the exact stage: all leetspeak symbols as letters; "!|+(" as
# separators and the rest as letters; all symbols as separators (letterless chunks).
_BOUNDED = tuple(_Skeletonizer(symbols, MARK) for symbols in _SYMBOL_READINGS)
_LOOSE = tuple(_Skeletonizer(symbols, "") for symbols in _SYMBOL_READINGS)

# Leetspeak symbols (searched in folded text): the other symbol readings are needed only
# when one occurs.
_LEET_SYMBOLS = "".join(k for k in LEET if not k.isalnum())
_SYMBOL_RE = re.compile("[" + re.escape(_LEET_SYMBOLS) + "]")
# A spelled chunk: its letters stand alone ("f", "a.s", "(k)"). In folded text letters
# and digits are [a-z0-9]; anything else in a chunk is punctuation.
_SPELLED_CHUNK = re.compile(r"[^a-z0-9]*+[a-z0-9](?:[^a-z0-9]++[a-z0-9])*+[^a-z0-9]*+")
_ALNUM = re.compile(r"[a-z0-9]")
# A leetspeak symbol on its own may be a spelled letter too ("$ 0 d 0 m", "3 +!").
_LONE_SYMBOL = re.compile("[" + re.escape(_LEET_SYMBOLS) + "]!*")


# A "!" that ends a chunk is punctuation in the exact stage's main readings ("sh!t!"),
# while the other symbols of the chunk are letters: a skeleton of its own.
_TRAILING_BANGS = re.compile(r"!+(?= |$)")


def _without_trailing_bangs(keys: _Keys, skeletonize: _Skeletonizer, folded: str) -> bool:
    if _TRAILING_BANGS.search(folded) is None:
        return False
    # folded text is ASCII but for PLACEHOLDER, which is punctuation here
    return keys.hit(skeletonize(_TRAILING_BANGS.sub("", folded).replace(PLACEHOLDER, "")))


def has_spelled_sequence(folded: str) -> bool:
    """Two spelled chunks in a row (punctuation-only chunks between them don't count)?

    Those join into one word in the exact stage ("f u c k"), which word markers cannot
    show. A loop over ``split()`` chunks: most are plain words, ruled out by one C call."""
    previous = False
    for chunk in folded.split():
        if chunk.isalnum() and len(chunk) > 1:
            previous = False
        elif _SPELLED_CHUNK.fullmatch(chunk) or _LONE_SYMBOL.fullmatch(chunk):
            if previous:
                return True
            previous = True
        elif _ALNUM.search(chunk):
            previous = False
    return False


class _Keys:
    """One automaton of skeleton keys, with the needles of keys that need a doubled letter."""

    def __init__(self, keys: _KeyMap) -> None:
        self.automaton = ahocorasick.Automaton()
        for key, needs in keys.items():
            self.automaton.add_word(key, needs)
        self.automaton.make_automaton()

    def hit(self, skeleton: str) -> bool:
        """Does a key occur once runs are collapsed (``fuuuck`` -> ``fuck``)? Only the
        letters that are doubled are collapsed, with ``str.replace``: far faster than a
        regex substitution, and most names have none."""
        original = skeleton
        doubled = _DOUBLED.findall(skeleton)
        for char in set(doubled) if doubled else ():
            pair = char + char
            while pair in skeleton:
                skeleton = skeleton.replace(pair, char)
        for _, needs in self.automaton.iter(skeleton):
            if needs is None or any(needle in original for needle in needs):
                return True
        return False


def _add(keys: _KeyMap, key: str, needs: tuple[str, ...] | None) -> None:
    if needs is None or (key in keys and keys[key] is None):
        keys[key] = None
    else:
        keys[key] = (*(keys.get(key) or ()), *needs)


class Prefilter:
    """``may_match(text)``: False guarantees the exact stage would find nothing."""

    def __init__(self, entries: Sequence[PrefilterEntry]) -> None:
        self._entries = entries
        self._loose: _Keys | None = None
        self.empty = not entries
        keys: _KeyMap = {}
        short: list[str] = []
        self._bounded_ok = True
        endings = _endings(entries)
        for letters, breaks, length, requires in entries:
            if len(breaks) > _MAX_BREAKS:
                self._bounded_ok = False
                continue
            needs = None if breaks else _needle(skeleton_letters(letters))
            for variant in _spellings(letters, breaks):
                if requires:  # a stem: only with the suffix its spelling rule needs
                    for suffix in requires:
                        key = _collapse(variant + skeleton_letters(suffix))
                        _add(keys, key if length >= LONG_PREFIX else MARK + key, needs)
                    continue
                key = _collapse(variant)
                if length >= LONG_PREFIX:
                    _add(keys, key, needs)
                    continue
                short.append(key)
                if length >= LONG_SUFFIX or endings is None:
                    _add(keys, MARK + key, needs)
                    continue
                for ending in endings:  # ass_, asses_, asshole..., not Arsenal
                    _add(keys, MARK + _collapse(key + ending), needs)
        if short:
            heads = [_collapse(skeleton_letters(head)) for head in HEADS]
            if len(heads) * len(short) <= _MAX_HEAD_KEYS:
                for head, key in itertools.product(heads, short):  # bull+shit, dumb+ass
                    keys[MARK + _collapse(head + key)] = None
            else:  # too many pairs: a word that starts with a head is enough
                for head in heads:
                    keys[MARK + head] = None
        self._bounded = _Keys(keys)

    def may_match(self, text: str) -> bool:
        """False guarantees the exact stage finds nothing in ``text``."""
        if self.empty:
            return False
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded)
        if keys.hit(skeletonizers[0](text)):
            return True
        if _SYMBOL_RE.search(folded) is None:  # folded: "¡" and "＄" count as symbols too
            return False
        return (
            keys.hit(skeletonizers[1](text))
            or keys.hit(skeletonizers[2](text))
            or _without_trailing_bangs(keys, skeletonizers[0], folded)
        )

    def _choose(self, folded: str) -> tuple[_Keys, tuple[_Skeletonizer, ...]]:
        """Markers, unless letters are spelled out chunk by chunk (or an entry has too many
        breaks): then the marker-free keys."""
        if not self._bounded_ok or has_spelled_sequence(folded):
            return self._loose_keys(), _LOOSE
        return self._bounded, _BOUNDED

    def windows_may_match(self, text: str, windows: Sequence[str]) -> list[bool]:
        """``may_match`` for each window (a substring cut at whitespace) of ``text``: what
        depends on the text as a whole (spelled letters, leetspeak symbols) is looked at
        once, and a window inherits it (a window has no spelled run its text lacks)."""
        if self.empty:
            return [False] * len(windows)
        folded = text.lower() if text.isascii() else text.translate(FOLD)
        keys, skeletonizers = self._choose(folded)
        if _SYMBOL_RE.search(folded) is None:  # folded: "¡" and "＄" count as symbols too
            skeletonizers = skeletonizers[:1]
        bangs = _TRAILING_BANGS.search(folded) is not None
        return [
            any(keys.hit(skeletonize(window)) for skeletonize in skeletonizers)
            or (bangs and _without_trailing_bangs(keys, skeletonizers[0], window.translate(FOLD)))
            for window in windows
        ]

    def _loose_keys(self) -> _Keys:
        """Keys without word markers, for text with spelled-out letters (built on first use)."""
        if self._loose is None:
            keys: _KeyMap = {}
            for letters, _, _, _ in self._entries:
                skeleton = skeleton_letters(letters)
                _add(keys, _collapse(skeleton), _needle(skeleton))
            self._loose = _Keys(keys)
        return self._loose


def _endings(entries: Sequence[PrefilterEntry]) -> list[str] | None:
    """What may follow a short entry inside its word (``boundaries.accepts``): the word's
    end, an inflection, a compound tail, or the start of another entry of 4+ letters.
    None when there would be too many keys (then a short entry only needs a word start)."""
    starts = {
        _collapse(skeleton_letters(letters[:ADJACENT_MIN]))
        for letters, _, length, _ in entries
        if length >= ADJACENT_MIN
    }
    endings = [
        MARK,
        *(skeleton_letters(suffix) + MARK for suffix in SUFFIXES),
        *(skeleton_letters(tail) for tail in TAILS),
        *starts,
    ]
    short = sum(1 for _, _, length, _ in entries if length < LONG_SUFFIX)
    return endings if short * len(endings) <= _MAX_ENDING_KEYS else None


def _spellings(letters: str, breaks: Iterable[int]) -> Iterable[str]:
    """Every way to write the entry's word breaks: as a marker, or not at all."""
    if not breaks:
        yield skeleton_letters(letters)
        return
    cuts = sorted(breaks)
    bounds = zip([0, *cuts], [*cuts, len(letters)], strict=True)
    parts = [skeleton_letters(letters[a:b]) for a, b in bounds]
    for marks in itertools.product(("", MARK), repeat=len(cuts)):
        yield parts[0] + "".join(m + p for m, p in zip(marks, parts[1:], strict=True))
