"""Self-censoring: ``f*ck``, ``sh#t``, ``f@ck``, ``a**hole``, ``f***``: masks hide letters.

A mask is any of ``textmodel.MASK_SYMBOLS`` between letters (a symbol written where a
letter should be), ``*``/``#`` ending a word, or a letter ``x`` between letters of a word
that is no word (``fxck``, ``shxt``: ``x_mask_words``). A masked spelling counts only where it is
unambiguous enough to be an evasion: the first and last letters stay visible, at most two
neighbouring letters are hidden, and at least half of the entry's letters show (``f**k``
yes, ``b***h`` no); or the entry's first letters are followed by exactly one mask per
other letter, two or more, to the end of the word (``holy f***``, ``holy sh**``,
``kiss my a**``, ``mother******``): a run of marks ending a word is how people censor
themselves, whatever they leave showing. The automaton of masked spellings is built on
first use, since most texts never contain a mask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick

from .caches import make_room
from .known import is_known
from .normalization import FOLD, fold, split_words_folded
from .textmodel import LETTER_MASK, MASK, MASK_SYMBOLS, TRAILING_MASKS, Reading

__all__ = [
    "MASK_CHARS", "MASKED_FOLDED", "MaskedEntries", "has_mask", "has_mask_char", "mask_chunks",
    "mask_positions", "masked_letters", "masked_spellings", "masked_texts", "may_be_masked",
    "x_mask_words",
]  # fmt: skip

MAX_HIDDEN = 2
MAX_LENGTH = 16
#: Longer entries (phrases: "leather straight jacket") get masked spellings too while
#: the list is small enough that their number stays small.
MAX_LENGTH_SMALL_LIST = 40
SMALL_LIST = 20_000
#: What texts mask letters with, before folding (fullwidth, asterisk operators).
MASK_CHARS = MASK_SYMBOLS + "\uff0a\uff03\u2217\u204e"
_MASK_CHAR_RE = re.compile("[" + re.escape(MASK_CHARS) + "]")
#: A mask in folded text: symbols between letters (f@ck), or marks ending a word (f***).
#: The one definition: the exact stage reads a text the masked way when it holds one,
#: and a text that holds one skips the prefilter (a mask has no skeleton).
MASKED_FOLDED = re.compile(
    f"[a-z0-9][{re.escape(MASK_SYMBOLS)}]+[a-z0-9]|[a-z][{re.escape(TRAILING_MASKS)}]{{2,}}"
)


#: A word needs this many letters for an ``x`` in it to be read as a mask: in shorter
#: ones (``txt``, ``sxs``) it is an abbreviation as often as an evasion.
LETTER_MASK_WORD = 4
_LETTER_RUN = re.compile("[a-z]*")
#: The last non-letter of a window: where the word that runs to the window's end starts.
_RUN_START = re.compile(r"[^a-z](?=[a-z]*\Z)")


def x_mask_words(folded: str, text: str | None = None) -> list[tuple[int, int]]:
    """Spans of the words of ``folded`` (folded text: its only whitespace is " ") in
    which each ``LETTER_MASK`` between letters is a mask: words of ``LETTER_MASK_WORD``
    letters or more that are no word (``known.is_known``: not a dictionary word, a name
    or a short word), and no longer than the longest masked spelling. ``fxck``, ``shxt``,
    ``bitxh`` yes; ``next``, ``Texas``, ``Maxx``, ``txt`` no. Found from the x's, chunk
    by chunk (a chunk's words are remembered: prose repeats ``next`` and ``text``), so a
    text without an x costs one ``str.find``. ``text``: the ASCII text ``folded`` is the
    lower case of (with its newlines as spaces); a chunk of it with a capital I is folded
    on its own, as ``normalization.fold`` reads a look-alike I by its neighbours."""
    spans: list[tuple[int, int]] = []
    at = folded.find(LETTER_MASK)
    while at >= 0:
        left = folded.rfind(" ", 0, at) + 1
        right = folded.find(" ", at)
        if right < 0:
            right = len(folded)
        chunk = folded[left:right]
        if text is not None and "I" in text[left:right]:
            chunk = fold(text[left:right])[0]
        found = _CHUNK_X_WORDS.get(chunk)
        if found is None:
            found = _x_words(chunk)
            if len(chunk) <= _CACHED_CHUNK:
                make_room(_CHUNK_X_WORDS, _CACHED_CHUNKS)
                _CHUNK_X_WORDS[chunk] = found
        if found:
            spans.extend((left + start, left + end) for start, end in found)
        at = folded.find(LETTER_MASK, right)
    return spans


#: chunk -> its ``x_mask_words``, for chunks up to ``_CACHED_CHUNK`` characters: prose
#: repeats its words with an x (next, text, example), and each costs a lookup.
_CHUNK_X_WORDS: dict[str, tuple[tuple[int, int], ...]] = {}
_CACHED_CHUNK = 64
_CACHED_CHUNKS = 20_000


def _x_words(chunk: str) -> tuple[tuple[int, int], ...]:
    """``x_mask_words`` of one whitespace-free chunk."""
    spans: list[tuple[int, int]] = []
    at = chunk.find(LETTER_MASK)
    while at >= 0:
        run = _LETTER_RUN.match(chunk, at)  # "[a-z]*" always matches
        end = run.end() if run is not None else at + 1
        if at <= MAX_LENGTH_SMALL_LIST:
            before = _RUN_START.search(chunk, 0, at)
        else:  # a word no longer than the limit starts after a non-letter in this window
            before = _RUN_START.search(chunk, at - MAX_LENGTH_SMALL_LIST - 1, at)
            if before is None:
                at = chunk.find(LETTER_MASK, end)
                continue
        start = before.start() + 1 if before is not None else 0
        if (
            LETTER_MASK_WORD <= end - start <= MAX_LENGTH_SMALL_LIST
            and LETTER_MASK in chunk[start + 1 : end - 1]
            and not _known_word(chunk[start:end])
        ):
            spans.append((start, end))
        at = chunk.find(LETTER_MASK, end)
    return tuple(spans)


@lru_cache(maxsize=4096)
def _known_word(word: str) -> bool:
    return is_known(word)


def masked_texts(
    folded: str, spans: list[tuple[int, int]], symbol_masks: bool
) -> Iterator[str]:
    """The texts the masked reading reads: ``folded`` itself when it holds a symbol mask
    (``symbol_masks``: ``MASKED_FOLDED`` found one, as the caller knows), and, for the
    ``x_mask_words`` spans, ``folded`` with one run of x's between letters per word
    written as ``MASK`` (the first run of each word, then the second...): an x may be a
    letter of the entry (``sexcxm``, ``sexc**``), and a masked spelling hides one run.
    At most ``MAX_LENGTH_SMALL_LIST`` // 2 texts."""
    if symbol_masks:
        yield folded
    runs_per_word = [
        [run.span() for run in _X_RUN.finditer(folded, start + 1, end - 1)]
        for start, end in spans
    ]
    for k in range(max(map(len, runs_per_word), default=0)):
        letters = list(folded)
        for runs in runs_per_word:
            if k < len(runs):
                run_start, run_end = runs[k]
                letters[run_start:run_end] = MASK * (run_end - run_start)
        yield "".join(letters)


_X_RUN = re.compile(LETTER_MASK + "+")


def masked_letters(text: str) -> list[str]:
    """The letters of each masked text of ``text`` (``masked_texts``) as the masked
    reading reads them (``Reading.MASKED``): where ``MaskedEntries.spans`` looks for the
    masked spellings (``reference.locate``). Empty for a text without a mask."""
    folded, fold_map = fold(text)
    letter_masks = x_mask_words(folded)
    symbol_masks = MASKED_FOLDED.search(folded) is not None
    return [
        split_words_folded(masked_text, fold_map, Reading.MASKED).letters
        for masked_text in masked_texts(folded, letter_masks, symbol_masks)
    ]


def has_mask(folded: str) -> bool:
    """Does the folded text hold a mask: a symbol (``MASKED_FOLDED``) or a letter
    (``x_mask_words``)? Such a text is read the masked way."""
    return MASKED_FOLDED.search(folded) is not None or bool(x_mask_words(folded))


def has_mask_char(text: str) -> bool:
    """Does ``text`` hold any character that masks letters (``MASK_CHARS``), or a word
    in which an ``x`` does (``x_mask_words``)?"""
    if _MASK_CHAR_RE.search(text) is not None:
        return True
    return _may_hold_letter_mask(text) and bool(x_mask_words(fold(text)[0]))


def _may_hold_letter_mask(text: str) -> bool:
    """Can ``text`` fold to an ``x`` at all? An ``x``, an ``X``, or a non-ASCII character
    that folds to one (Cyrillic х, fullwidth ｘ): accented names ("Sofía") cannot."""
    if LETTER_MASK in text or "X" in text:
        return True
    return not text.isascii() and any(
        LETTER_MASK in FOLD[ord(c)] for c in set(text) if not c.isascii()
    )


def may_be_masked(text: str) -> bool:
    """Does ``text``, folded, hold a mask (``has_mask``)? Such a text goes to the exact
    stage, since a masked spelling has no skeleton for the prefilter to look for.

    A mask lies within a chunk (a symbol between letters, marks ending a word, an x in a
    word): a short text without control characters holds one exactly when one of its
    whitespace-separated chunks does, and chunks (names, words) recur, so their answers
    are remembered (bounded)."""
    if len(text) > _CHUNKED_UP_TO or not text.replace("\n", " ").isprintable():
        return _may_be_masked(text)  # control characters fold to nothing: read it whole
    known = _MASKED_CHUNKS
    for chunk in text.split():
        found = known.get(chunk)
        if found is None:
            found = _may_be_masked(chunk)
            make_room(known, _MAX_MASKED_CHUNKS)
            known[chunk] = found
        if found:
            return True
    return False


#: Texts up to this long are looked at chunk by chunk (``may_be_masked``); a longer one
#: is prose, read in one pass rather than thousands of lookups.
_CHUNKED_UP_TO = 256
_MASKED_CHUNKS: dict[str, bool] = {}
_MAX_MASKED_CHUNKS = 50_000


def _may_be_masked(text: str) -> bool:
    """``may_be_masked`` for one text, read whole."""
    if _folds_plainly(text):  # most texts
        return next(_symbol_masks(text), None) is not None or bool(
            _letter_mask_words(text, plain=True)
        )
    return has_mask(fold(text)[0])


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _folds_plainly(text: str) -> bool:
    """No control characters, and every non-ASCII character folds to letters or digits
    (``café``): then the folded text's runs of mask symbols are the text's own, at the
    text's own positions, between the folds of the same neighbours."""
    if text.isascii():  # no control character: deleting the rest leaves nothing
        return not text.encode("ascii").translate(None, _ASCII_PRINTABLE)
    if not text.replace("\n", " ").isprintable() and _CONTROL.search(text):  # fast first
        return False
    return all(
        FOLD[ord(c)] and _PLAIN.issuperset(FOLD[ord(c)]) for c in set(text) if not c.isascii()
    )


def _symbol_runs(text: str) -> Iterator[tuple[int, int]]:
    """The runs of mask symbols in ``text``, as spans: found by ``str.find`` per symbol
    the text holds (most hold none, or a few), faster than a regular expression scan."""
    positions: list[int] = []
    for symbol in MASK_SYMBOLS:
        at = text.find(symbol)
        while at >= 0:
            positions.append(at)
            at = text.find(symbol, at + 1)
    positions.sort()
    start = end = -1
    for at in positions:
        if at != end:
            if start >= 0:
                yield start, end
            start = at
        end = at + 1
    if start >= 0:
        yield start, end


def _symbol_masks(text: str) -> Iterator[tuple[int, int]]:
    """Where ``MASKED_FOLDED`` matches the folded ``text`` (one that ``_folds_plainly``),
    as spans of ``text``, found from its runs of mask symbols rather than by trying the
    pattern at every letter (100 us per 10 KB of prose that holds none)."""
    for start, end in _symbol_runs(text):
        before = _folded(text[start - 1])[-1:] if start else ""
        if not before or before not in _PLAIN:
            continue
        if end < len(text) and _folded(text[end])[:1] in _PLAIN:
            yield start - 1, end + 1  # a symbol between letters: f@ck
            continue
        run = text[start:end]
        masks = len(run) - len(run.lstrip(TRAILING_MASKS))
        if masks >= 2 and before.isalpha():
            yield start - 1, start + masks  # marks ending a word: f***


def mask_positions(chunk: str) -> list[int]:
    """Where ``chunk`` holds a character that may be a mask: one that folds to a mask
    symbol or to the letter mask ``x``."""
    return [
        i for i, char in enumerate(chunk)
        if any(mask in _folded(char) for mask in _MASKS_AND_LETTER_MASK)
    ]  # fmt: skip


_MASKS_AND_LETTER_MASK = MASK_SYMBOLS + LETTER_MASK


def _folded(char: str) -> str:
    return char.lower() if char.isascii() else FOLD[ord(char)]


def mask_chunks(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that every masked spelling in it overlaps: the whitespace-separated
    chunks that hold a mask (``MASKED_FOLDED``); or, where the folded text's symbols may
    not be the text's own (``_folds_plainly``), each character that folds to a mask
    symbol (a masked spelling holds one). Empty exactly when ``may_be_masked`` is False."""
    if not _folds_plainly(text):
        if not has_mask(fold(text)[0]):
            return []
        spans = [(found.start(), found.end()) for found in _folding_to_masks(text).finditer(text)]
        return sorted(spans + _letter_mask_words(text))
    spans = []
    for found_start, found_end in sorted([*_symbol_masks(text), *_letter_mask_words(text, True)]):
        if spans and found_start < spans[-1][1]:
            continue  # in the chunk already pointed at (found in order)
        start = max(text.rfind(" ", 0, found_start), text.rfind("\n", 0, found_start)) + 1
        stop = min(
            (i for i in (text.find(" ", found_end), text.find("\n", found_end)) if i >= 0),
            default=len(text),
        )
        spans.append((start, stop))
    return spans


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\t\r\x0c]")
#: ASCII but for ``_CONTROL``: ``bytes.translate`` deletes it 3x faster than
#: ``str.isprintable`` reads 10 KB.
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\n"


def _letter_mask_words(text: str, plain: bool = False) -> list[tuple[int, int]]:
    """The ``x_mask_words`` of ``text``, as spans of ``text``. ``plain``: the text folds
    plainly (``_folds_plainly``)."""
    if not _may_hold_letter_mask(text):
        return []
    if plain and text.isascii():  # fold() gives the lower case, but for a look-alike I
        return x_mask_words(text.lower().replace("\n", " "), text)
    folded, index_map = fold(text)
    spans = x_mask_words(folded)
    if index_map is None:
        return spans
    return [(index_map[start], index_map[end - 1] + 1) for start, end in spans]


def _folding_to_masks(text: str) -> re.Pattern[str]:
    """The characters of ``text`` that fold to (or are) a mask symbol."""
    symbols = {c for c in set(text) if c in MASK_CHARS or (
        not c.isascii() and any(symbol in FOLD[ord(c)] for symbol in MASK_SYMBOLS))}
    return re.compile("[" + re.escape("".join(sorted(symbols))) + "]" if symbols else "(?!)")


def masked_spellings(letters: str, max_length: int = MAX_LENGTH) -> Iterable[str]:
    """Every masked spelling of ``letters`` under the rules above (none for long entries):
    its first letters followed by a mask for each other letter, two or more (``f***``,
    ``sh**``, ``a**``), and up to ``MAX_HIDDEN`` neighbouring letters hidden inside."""
    n = len(letters)
    if n < 3 or n > max_length:
        return
    for shown in range(1, n - 1):
        yield letters[:shown] + MASK * (n - shown)
    for hidden in range(1, MAX_HIDDEN + 1):
        if n - hidden < max(2, (n + 1) // 2):
            break
        for start in range(1, n - hidden):
            yield letters[:start] + MASK * hidden + letters[start + hidden :]


class MaskedEntries:
    """An automaton of masked spellings -> (entry index, entry length, word breaks) targets.

    ``entries`` gives each entry's compact letters and the letter offsets where its words
    break ("white power" breaks at 5), so a caller can check the text breaks there too.
    """

    def __init__(
        self, entries: Iterable[tuple[int, str, frozenset[int]]], max_length: int = MAX_LENGTH
    ) -> None:
        grouped: dict[str, list[tuple[int, int, frozenset[int]]]] = {}
        # the masked spellings' pieces that hold a mask and end at one of the entry's
        # word breaks, or start at one (``runs_over_edges``)
        self._ending: set[str] = set()
        self._starting: set[str] = set()
        for index, letters, breaks in entries:
            cuts = sorted(breaks)
            for spelling in masked_spellings(letters, max_length):
                grouped.setdefault(spelling, []).append((index, len(letters), breaks))
                for begin in (0, *cuts):
                    for end in (*cuts, len(letters)):
                        piece = spelling[begin:end]
                        if begin < end and MASK in piece and (begin or end < len(letters)):
                            (self._ending if end < len(letters) else self._starting).add(piece)
        self._longest_piece = max(map(len, self._ending | self._starting), default=0)
        self._automaton = ahocorasick.Automaton()
        for spelling, targets in grouped.items():
            self._automaton.add_word(spelling, (len(spelling), tuple(targets)))
        self._empty = not grouped
        if grouped:
            self._automaton.make_automaton()

    def runs_over_edges(self, letters: str) -> bool:
        """Could a masked spelling of an entry with word breaks (``bl*w job``) hold
        ``letters`` (one chunk's, in the masked reading) from a mask in them to their end
        and go on past it, or come from before their start up to a mask? Then an
        occurrence in the chunk may run over the whitespace around it."""
        if MASK not in letters:
            return False
        # the pieces hold a mask: a suffix from at most the last mask, a prefix past the first
        first, last = letters.find(MASK), letters.rfind(MASK)
        longest = self._longest_piece
        return any(
            letters[begin:] in self._ending
            for begin in range(max(0, len(letters) - longest), last + 1)
        ) or any(
            letters[:end] in self._starting
            for end in range(first + 1, min(len(letters), longest) + 1)
        )

    def spans(self, letters: str) -> list[tuple[int, int, frozenset[int], int, int]]:
        """(entry index, entry length, entry breaks, begin, finish) per masked spelling."""
        if self._empty or MASK not in letters:
            return []
        found: list[tuple[int, int, frozenset[int], int, int]] = []
        for last, (length, targets) in self._automaton.iter(letters):
            begin = last - length + 1
            for index, entry_length, breaks in targets:
                found.append((index, entry_length, breaks, begin, last + 1))
        return found
