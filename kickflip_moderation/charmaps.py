"""Character data for normalization: homoglyphs, leetspeak, invisible characters.

Data only, kept apart from the code that applies it (obscenity keeps its leetspeak
dictionary the same way). Every target is a lower-case ASCII letter.
"""

from __future__ import annotations

from .homoglyph_table import load_homoglyphs

__all__ = [
    "AMBIGUOUS_IL", "HOMOGLYPHS", "INVISIBLE", "LEET", "LEET_AMBIGUOUS", "LEET_MAYBE_SEPARATOR",
]


# Letters that LOOK like a Latin letter. They must be folded before unidecode, which
# transliterates by sound: Cyrillic "с" would become "s" and "ѕ" "dz", breaking "fuсk".
# Generated from Unicode's confusables data (tools/build_homoglyphs.py), not typed here.
HOMOGLYPHS: dict[str, str] = load_homoglyphs()
# Regional indicator symbols (the letters of flag emoji) read as letters.
HOMOGLYPHS.update({chr(0x1F1E6 + i): chr(ord("a") + i) for i in range(26)})

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
