"""The text model: which characters mean what, and the readings of a text, as data.

Homoglyphs, invisible characters, leetspeak symbols, separators, the mask character and
the named ``Reading`` objects live here and only here (obscenity keeps its leetspeak
dictionary the same way). ``normalization`` (the exact stage) and ``accel/skeleton`` (the
prefilter) build their tables from these; "how is ``1`` read?" has its answer in this
file. Every letter target is a lower-case ASCII letter.
"""

from __future__ import annotations

from enum import IntEnum

from .homoglyph_table import load_homoglyphs

__all__ = [
    "AMBIGUOUS_IL", "CAPITAL_I_LOOKALIKE", "HOMOGLYPHS", "INVISIBLE", "LEET", "LEET_AMBIGUOUS",
    "LEET_MAYBE_SEPARATOR", "LETTER_MASK", "MASK", "MASK_SYMBOLS", "READING_RULES", "Reading",
    "SYMBOL_LOOKALIKES", "TRAILING_MASKS",
]


# Letters that LOOK like a Latin letter. They must be folded before unidecode, which
# transliterates by sound: Cyrillic "с" would become "s" and "ѕ" "dz", breaking "fuсk".
# Generated from Unicode's confusables data (tools/build_homoglyphs.py), not typed here.
HOMOGLYPHS: dict[str, str] = load_homoglyphs()
# Regional indicator symbols (the letters of flag emoji) read as letters.
HOMOGLYPHS.update({chr(0x1F1E6 + i): chr(ord("a") + i) for i in range(26)})
#: Symbols drawn like a letter, which shoppers use for it ("fμ¢κ", "⊂o⊂k", "∩igga"):
#: reviewed here, since Unicode's confusables data pairs letters only. Folded as the
#: letter wherever they stand (unidecode would drop them, or spell "¢" as "C/").
SYMBOL_LOOKALIKES: dict[str, str] = {
    "¢": "c",  # ¢ CENT SIGN
    "⊂": "c",  # ⊂ SUBSET OF
    "⊄": "c",  # ⊄ NOT A SUBSET OF
    "€": "e",  # € EURO SIGN
    "∈": "e",  # ∈ ELEMENT OF
    "∪": "u",  # ∪ UNION
    "∩": "n",  # ∩ INTERSECTION
    "∂": "d",  # ∂ PARTIAL DIFFERENTIAL
    "¥": "y",  # ¥ YEN SIGN
}
HOMOGLYPHS.update(SYMBOL_LOOKALIKES)

# Characters that render as nothing; dropped wherever they appear (in addition to the
# categories Cf, Mn and Me, which cover zero-width joiners, bidi controls, soft hyphen,
# BOM, variation selectors and combining marks).
INVISIBLE: frozenset[str] = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")

# Leetspeak, applied only inside tokens that also contain letters ("142,460" stays a number).
LEET: dict[str, str] = {
    "0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t",
    "8": "b", "9": "g", "@": "a", "$": "s", "!": "i", "|": "i", "+": "t", "(": "c",
}  # fmt: skip
# "1" and "|" read as "l" just as often as "i", even within one word ("j41|", "ba|1s",
# "d1n91eberry"). One reading keeps each of them as this letter, which matches either:
# entries are compiled with it in place of every "i" and "l" it could stand for.
AMBIGUOUS_IL = "I"  # upper case: folded text never holds one
LEET_AMBIGUOUS: dict[str, str] = {"1": AMBIGUOUS_IL, "|": AMBIGUOUS_IL}
# These are just as often separators ("f+u+c+k", "shit!"); a third reading drops them.
LEET_MAYBE_SEPARATOR: frozenset[str] = frozenset("!|+(")

#: A capital "I" that follows a lower-case letter ("heII", "toheII"), or stands between a
#: capital and a lower-case letter ("SIut"), is drawn like "l" in most fonts, and normal
#: writing puts none there: it is read as this character, which reads either way.
CAPITAL_I_LOOKALIKE = "1"

#: The character that stands for one hidden letter in the masked reading (``f*ck``).
MASK = "*"
#: What a shopper writes where a letter should be, read as ``MASK`` in the masked reading:
#: the self-censoring marks and any symbol between letters (``sh#t``, ``f@ck``, ``f%ck``).
MASK_SYMBOLS = "*#@$%&?!^~+=|("
#: A letter written where another should be, read as ``MASK`` in the masked reading, but
#: only between letters of a word that is no word (``fxck``, ``shxt``; ``masks``).
LETTER_MASK = "x"
#: Marks that also hide the end of a word (``f***``, ``holy sh**``), where a symbol such
#: as "!" would only be punctuation.
TRAILING_MASKS = "*#"


class Reading(IntEnum):
    """The ways one text may be read: a shopper's symbols mean different things.

    The matcher reads a text in every reading it needs (``reference.readings_of``) and
    unions the matches; the prefilter's skeletons (``accel/skeleton``) over-approximate
    each of them. ``READING_RULES`` says what each one does to the leetspeak table.
    """

    #: Leetspeak symbols and digits as their letters (``LEET``): ``sh1t``, ``@ss``.
    CANONICAL = 0
    #: As CANONICAL, but "1" and "|" stay ``AMBIGUOUS_IL`` (either "i" or "l"): ``j41|``.
    AMBIGUOUS = 1
    #: "!", "|", "+" and "(" are separators, not letters: ``f+u+c+k``, ``shit!``.
    SEPARATORS = 2
    #: As AMBIGUOUS, and a "!" that ends a chunk is an "i", not punctuation: ``hent4!``.
    BANG = 3
    #: Every symbol in ``MASK_SYMBOLS`` hides one letter: ``sh#t``, ``f@ck`` (``masks``).
    MASKED = 4

    @property
    def ambiguous(self) -> bool:
        """Do this reading's letters hold ``AMBIGUOUS_IL`` (patterns must allow it)?"""
        return self in (Reading.AMBIGUOUS, Reading.SEPARATORS, Reading.BANG)


#: Per reading: leetspeak overrides on top of ``LEET``, and the symbols that become
#: separators. ``normalization`` builds its translate tables from this, and nothing else.
READING_RULES: dict[Reading, tuple[dict[str, str], frozenset[str]]] = {
    Reading.CANONICAL: ({}, frozenset()),
    Reading.AMBIGUOUS: (LEET_AMBIGUOUS, frozenset()),
    Reading.SEPARATORS: ({"1": AMBIGUOUS_IL}, LEET_MAYBE_SEPARATOR),
    Reading.BANG: (LEET_AMBIGUOUS, frozenset()),
    Reading.MASKED: ({symbol: MASK for symbol in MASK_SYMBOLS}, frozenset()),
}
