"""Obfuscated forms of word-list entries, per evasion class, seeded and deterministic.

Each class is a transform over *units* (one unit per character of the entry, so a unit
can grow into several code points: a letter plus combining marks, a letter plus an
invisible character, a repeated letter). Transforms leave spaces of multi-word entries
alone. A transform that cannot change an entry (no letter it applies to) is skipped
for that entry, so every generated form differs from the entry it came from.

    >>> from evasions import obfuscate
    >>> obfuscate("shit", "leet", seed=1)  # doctest: +SKIP
    'sh1t'

Leetspeak map (letter -> what it may be written as), the inverse of
``0o 1il 3e 4a 5s 7t 8b 9g @a $s !i |il +t``: see ``LEET``.

``generate(entries)`` puts each form into one carrier sentence (``CARRIERS``, chosen by
the seed) and records the span the form occupies, plus, for inflections, the span of
the entry part (``fuck`` in ``fucking``), which also counts as an exact span.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "CARRIERS",
    "CLASSES",
    "COMBOS",
    "LEET",
    "Case",
    "generate",
    "inflections",
    "obfuscate",
]

Units = list[str]
Transform = Callable[[Units, random.Random], "Units | None"]

CARRIERS: tuple[str, ...] = ("you are a {x}", "{x}!", "hey {x} lol", "{x}")

#: letter -> leetspeak spellings (inverse of 0o 1il 3e 4a 5s 7t 8b 9g @a $s !i |il +t)
LEET: dict[str, tuple[str, ...]] = {
    "a": ("4", "@"),
    "b": ("8",),
    "e": ("3",),
    "g": ("9",),
    "i": ("1", "!", "|"),
    "l": ("1", "|"),
    "o": ("0",),
    "s": ("5", "$"),
    "t": ("7", "+"),
}

#: Cyrillic and Greek look-alikes for a e o p c x y i s
HOMOGLYPHS: dict[str, tuple[str, ...]] = {
    "a": ("\u0430", "\u03b1"),  # а α
    "e": ("\u0435", "\u03b5"),  # е ε
    "o": ("\u043e", "\u03bf"),  # о ο
    "p": ("\u0440", "\u03c1"),  # р ρ
    "c": ("\u0441", "\u03f2"),  # с ϲ
    "x": ("\u0445", "\u03c7"),  # х χ
    "y": ("\u0443", "\u03b3"),  # у γ
    "i": ("\u0456", "\u03b9"),  # і ι
    "s": ("\u0455",),  # ѕ
}

#: zero-width space, ZWNJ, ZWJ, soft hyphen, word joiner, BOM
INVISIBLE: tuple[str, ...] = ("\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff")

SEPARATORS: tuple[str, ...] = (".", " ", "-", "_", "*")

_ACCENTS = tuple(chr(c) for c in (0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x308, 0x30A, 0x327))
_ZALGO = tuple(chr(c) for c in range(0x300, 0x370))
_VOWELS = frozenset("aeiouy")
_DIGIT_NAMES = "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE".split()


def _lookup(*names: str) -> str | None:
    for name in names:
        try:
            return unicodedata.lookup(name)
        except KeyError:
            continue
    return None


_MATH_STYLES = (
    "BOLD", "ITALIC", "SCRIPT", "BOLD ITALIC", "BOLD SCRIPT", "SANS-SERIF BOLD",
    "DOUBLE-STRUCK", "MONOSPACE",
)  # fmt: skip
_MATH_HOLES = {  # letters of the mathematical alphabets that live in Letterlike Symbols
    ("ITALIC", "SMALL", "h"): "PLANCK CONSTANT",
    ("SCRIPT", "SMALL", "e"): "SCRIPT SMALL E",
    ("SCRIPT", "SMALL", "g"): "SCRIPT SMALL G",
    ("SCRIPT", "SMALL", "o"): "SCRIPT SMALL O",
    ("SCRIPT", "CAPITAL", "b"): "SCRIPT CAPITAL B",
    ("SCRIPT", "CAPITAL", "e"): "SCRIPT CAPITAL E",
    ("SCRIPT", "CAPITAL", "f"): "SCRIPT CAPITAL F",
    ("SCRIPT", "CAPITAL", "h"): "SCRIPT CAPITAL H",
    ("SCRIPT", "CAPITAL", "i"): "SCRIPT CAPITAL I",
    ("SCRIPT", "CAPITAL", "l"): "SCRIPT CAPITAL L",
    ("SCRIPT", "CAPITAL", "m"): "SCRIPT CAPITAL M",
    ("SCRIPT", "CAPITAL", "r"): "SCRIPT CAPITAL R",
    ("DOUBLE-STRUCK", "CAPITAL", "c"): "DOUBLE-STRUCK CAPITAL C",
    ("DOUBLE-STRUCK", "CAPITAL", "h"): "DOUBLE-STRUCK CAPITAL H",
    ("DOUBLE-STRUCK", "CAPITAL", "n"): "DOUBLE-STRUCK CAPITAL N",
    ("DOUBLE-STRUCK", "CAPITAL", "p"): "DOUBLE-STRUCK CAPITAL P",
    ("DOUBLE-STRUCK", "CAPITAL", "q"): "DOUBLE-STRUCK CAPITAL Q",
    ("DOUBLE-STRUCK", "CAPITAL", "r"): "DOUBLE-STRUCK CAPITAL R",
    ("DOUBLE-STRUCK", "CAPITAL", "z"): "DOUBLE-STRUCK CAPITAL Z",
}


def _math_char(style: str, case: str, ch: str) -> str | None:
    if ch.isdigit():
        return _lookup(f"MATHEMATICAL {style} DIGIT {_DIGIT_NAMES[int(ch)]}")
    hole = _MATH_HOLES.get((style, case, ch))
    return _lookup(*(n for n in (hole, f"MATHEMATICAL {style} {case} {ch.upper()}") if n))


_CIRCLED_STYLES = (
    "CIRCLED LATIN SMALL LETTER {L}",
    "CIRCLED LATIN CAPITAL LETTER {L}",
    "NEGATIVE CIRCLED LATIN CAPITAL LETTER {L}",
    "SQUARED LATIN CAPITAL LETTER {L}",
)


def _letter_positions(units: Units) -> list[int]:
    return [i for i, u in enumerate(units) if u.isalpha()]


def _pick_subset(rng: random.Random, positions: Sequence[int]) -> list[int]:
    """A random non-empty subset (each position with probability 1/2)."""
    chosen = [p for p in positions if rng.random() < 0.5]
    return chosen or [rng.choice(positions)]


# -- single classes -------------------------------------------------------------------


def t_case(units: Units, rng: random.Random) -> Units | None:
    if not _letter_positions(units):
        return None
    style = rng.randrange(3)
    if style == 0:
        out = [u.upper() for u in units]
    elif style == 1:
        out = [u.upper() if i == 0 else u for i, u in enumerate(units)]
    else:
        out = [u.upper() if rng.random() < 0.5 else u for u in units]
    if out == units:  # make sure something changed
        i = rng.choice(_letter_positions(units))
        out[i] = units[i].swapcase()
    return out


def t_leet(units: Units, rng: random.Random) -> Units | None:
    positions = [i for i, u in enumerate(units) if u.lower() in LEET]
    if not positions:
        return None
    out = list(units)
    for i in _pick_subset(rng, positions):
        out[i] = rng.choice(LEET[units[i].lower()])
    return out


def t_separators(units: Units, rng: random.Random) -> Units | None:
    if len([u for u in units if u != " "]) < 2:
        return None
    sep = rng.choice(SEPARATORS)
    out = list(units)
    for i in range(len(units) - 1):
        if units[i] != " " and units[i + 1] != " ":
            out[i] = units[i] + sep
    return out


def t_self_censor(units: Units, rng: random.Random) -> Units | None:
    letters = _letter_positions(units)
    if len(letters) < 4:
        return None
    # inner = not the first or last letter of its word
    inner = [
        i for i in letters if 0 < i < len(units) - 1 and units[i - 1] != " " and units[i + 1] != " "
    ]
    if not inner:
        return None
    vowels = [i for i in inner if units[i].lower() in _VOWELS]
    i = rng.choice(vowels or inner)
    out = list(units)
    out[i] = "*"
    return out


def t_repeat(units: Units, rng: random.Random) -> Units | None:
    letters = _letter_positions(units)
    if not letters:
        return None
    if rng.random() < 0.25:  # every letter doubled
        return [u * 2 if u.isalpha() else u for u in units]
    vowels = [i for i in letters if units[i].lower() in _VOWELS]
    i = rng.choice(vowels or letters)
    out = list(units)
    out[i] = units[i] * rng.randint(3, 6)
    return out


def t_homoglyph(units: Units, rng: random.Random) -> Units | None:
    positions = [i for i, u in enumerate(units) if u in HOMOGLYPHS]
    if not positions:
        return None
    out = list(units)
    for i in _pick_subset(rng, positions):
        out[i] = rng.choice(HOMOGLYPHS[units[i]])
    return out


def _fullwidth_char(ch: str, upper: bool) -> str:
    ch = ch.upper() if upper else ch  # may grow: "ß".upper() is "SS"
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in ch)


def t_fullwidth(units: Units, rng: random.Random) -> Units | None:
    if not any(u.isalnum() for u in units):
        return None
    upper = rng.random() < 0.5
    return ["".join(_fullwidth_char(c, upper) for c in u) for u in units]


def t_math(units: Units, rng: random.Random) -> Units | None:
    if not _letter_positions(units):
        return None
    style = rng.choice(_MATH_STYLES)
    case = rng.choice(("SMALL", "CAPITAL"))
    out = []
    for u in units:
        if u.isascii() and u.isalnum() and len(u) == 1:
            out.append(_math_char(style, case, u.lower()) or u)
        else:
            out.append(u)
    return out


def t_circled(units: Units, rng: random.Random) -> Units | None:
    if not _letter_positions(units):
        return None
    style = rng.choice(_CIRCLED_STYLES)
    out = []
    for u in units:
        if u.isascii() and u.isalpha() and len(u) == 1:
            out.append(_lookup(style.format(L=u.upper())) or u)
        elif u.isdigit() and len(u) == 1:
            out.append(_lookup(f"CIRCLED DIGIT {_DIGIT_NAMES[int(u)]}") or u)
        else:
            out.append(u)
    return out


def t_invisible(units: Units, rng: random.Random) -> Units | None:
    inner = [i for i in range(len(units) - 1) if units[i] != " " and units[i + 1] != " "]
    if not inner:
        return None
    char = rng.choice(INVISIBLE)
    chosen = inner if rng.random() < 0.3 else _pick_subset(rng, inner)[:2]
    out = list(units)
    for i in chosen:
        out[i] = units[i] + char
    return out


def _mark(unit: str, marks: str) -> str:
    """Combining marks go right after the base letter (before any separator/invisible)."""
    return unit[0] + marks + unit[1:]


def t_combining(units: Units, rng: random.Random) -> Units | None:
    letters = [i for i, u in enumerate(units) if u[:1].isalpha()]
    if not letters:
        return None
    out = list(units)
    if rng.random() < 0.5:  # accents, composed where Unicode has a precomposed letter
        for i in _pick_subset(rng, letters)[:2]:
            out[i] = unicodedata.normalize("NFC", _mark(units[i], rng.choice(_ACCENTS)))
    else:  # zalgo: several marks on every letter
        for i in letters:
            marks = "".join(rng.choice(_ZALGO) for _ in range(rng.randint(2, 6)))
            out[i] = _mark(units[i], marks)
    return out


def t_accents(units: Units, rng: random.Random) -> Units | None:
    """One or two precomposed accented letters (used in combinations)."""
    letters = [i for i, u in enumerate(units) if u[:1].isalpha()]
    if not letters:
        return None
    out = list(units)
    for i in _pick_subset(rng, letters)[:2]:
        out[i] = unicodedata.normalize("NFC", _mark(units[i], rng.choice(_ACCENTS)))
    return out


SINGLE: dict[str, Transform] = {
    "case": t_case,
    "leet": t_leet,
    "separators": t_separators,
    "self-censor": t_self_censor,
    "repeat": t_repeat,
    "homoglyph": t_homoglyph,
    "fullwidth": t_fullwidth,
    "math": t_math,
    "circled": t_circled,
    "invisible": t_invisible,
    "combining": t_combining,
}

#: two classes applied one after the other (the second sees the first's units)
COMBOS: dict[str, tuple[Transform, Transform]] = {
    "leet+separators": (t_leet, t_separators),
    "homoglyph+repeat": (t_homoglyph, t_repeat),
    "fullwidth+invisible": (t_fullwidth, t_invisible),
    "leet+repeat": (t_leet, t_repeat),
    "case+accents": (t_case, t_accents),
    "homoglyph+invisible": (t_homoglyph, t_invisible),
}

# -- word-level classes (issue "Word judgement") ----------------------------------------
# Each has a TUNE half, looked at while the judge was written, and a HELD_OUT half, not
# looked at: the report shows both, so a rule fitted to the first shows up in the second.

#: words shoppers glue to an entry (fuck+boy, dumb+ass)
COMPOUND_WORDS = {
    "tune": ("boy", "face", "show", "head", "clown", "star", "fest", "bag", "dumb", "mega"),
    "held-out": ("wit", "muppet", "lord", "squad", "wagon", "king", "crazy", "cheap",
                 "little", "party"),
}  # fmt: skip
#: words joined to an entry by punctuation (fuck-off, son-of-a-bitch)
JOINED_WORDS = {
    "tune": ("off", "you", "up", "this", "son-of-a"),
    "held-out": ("that", "them", "all", "go", "holy"),
}
JOINERS = ("-", "_", "/", ".", "+")
#: symbols written where a letter should be, and the first-letter-then-marks form
MASKS = {"tune": ("@", "#", "%"), "held-out": ("$", "&", "?")}

WORD_CLASSES: tuple[str, ...] = (
    "compound", "compound-held-out", "joined", "joined-held-out", "mask", "mask-held-out",
    "x-mask", "split",
)  # fmt: skip


def _half(cls: str) -> str:
    return "held-out" if cls.endswith("-held-out") else "tune"


def word_level(entry: str, cls: str, rng: random.Random) -> tuple[str, int, int] | None:
    """(form, where the entry part starts and ends in it) for a word-level class."""
    if " " in entry or not entry.isalpha() or len(entry) < 3:
        return None
    if cls.startswith("compound"):
        word = rng.choice(COMPOUND_WORDS[_half(cls)])
        if rng.random() < 0.5:
            return word + entry, len(word), len(word) + len(entry)
        return entry + word, 0, len(entry)
    if cls.startswith("joined"):
        word, joiner = rng.choice(JOINED_WORDS[_half(cls)]), rng.choice(JOINERS)
        if word.endswith("-a") or rng.random() < 0.5:
            head = word.replace("-", joiner) + joiner
            return head + entry, len(head), len(head) + len(entry)
        return entry + joiner + word, 0, len(entry)
    if cls == "x-mask":  # fxck, shxt: a letter x written where a letter should be
        if len(entry) < 4:
            return None
        at = rng.choice([i for i in range(1, len(entry) - 1) if entry[i] != "x"] or [0])
        if not at:
            return None
        form = entry[:at] + "x" + entry[at + 1 :]
        return form, 0, len(form)
    if cls.startswith("mask"):
        if rng.random() < 0.3 or len(entry) < 4:
            shown = rng.randrange(1, len(entry) - 1)  # f***, sh**: marks to the end
            form = entry[:shown] + "*" * (len(entry) - shown)
        else:
            at = rng.randrange(1, len(entry) - 1)
            form = entry[:at] + rng.choice(MASKS[_half(cls)]) + entry[at + 1 :]
        return form, 0, len(form)
    if cls == "split":
        # the rule (issue "Word judgement"): fragments join unless each is a word of its
        # own ("pen is" stays apart), so a split into two common words is no evasion
        cuts = list(range(2, len(entry) - 1)) if len(entry) >= 4 else [1]
        rng.shuffle(cuts)
        for at in cuts:
            if not (_common_word(entry[:at]) and _common_word(entry[at:])):
                form = entry[:at] + " " + entry[at:]
                return form, 0, len(form)
        return None
    raise ValueError(cls)


def _common_word(fragment: str) -> bool:
    """A common English word by wordfreq (not the matcher's data), or "a" / "i". Without
    wordfreq (the ``bench`` extra; the tests' smoke runs lack it) no fragment is one."""
    if len(fragment) == 1:
        return fragment in "ai"
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return zipf_frequency(fragment, "en") >= 3.0


#: every class, in report order ("inflection" is handled by ``inflections``)
CLASSES: tuple[str, ...] = (*SINGLE, "inflection", *COMBOS, *WORD_CLASSES)


# -- inflections ----------------------------------------------------------------------


def _double_final(word: str) -> bool:
    """Short consonant-vowel-consonant words double their last letter (cum -> cumming)."""
    return (
        len(word) <= 4
        and len(word) >= 3
        and word[-1] not in _VOWELS | set("wxh")
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def inflections(entry: str) -> list[tuple[str, int]]:
    """Natural inflected forms of ``entry``: (form, length of the entry part).

    Suffixes s/ing/er/ed/y, with the usual spelling rules; the entry part is the prefix
    of the form that equals the entry (0 when the spelling changed it, e.g. rape->raping).
    """
    last = entry.split(" ")[-1]
    if not last.isalpha() or not last.isascii() or len(last) < 3:
        return []
    if last.endswith("s") and not last.endswith("ss"):
        return []  # a plural already
    out: list[str] = []
    if last.endswith(("x", "z", "ch", "sh", "ss")):
        out.append(entry + "es")
    elif last.endswith("y") and last[-2] not in _VOWELS:
        out.append(entry[:-1] + "ies")
    else:
        out.append(entry + "s")
    if last.endswith(("y", "ing", "ed", "er")):
        return [(f, len(entry) if f.startswith(entry) else 0) for f in out if f != entry]
    stem = entry
    if last.endswith("e"):
        stem = entry[:-1]
    elif _double_final(last):
        stem = entry + last[-1]
    out.append(stem + "ing")
    out.append(entry + "r" if last.endswith("e") else stem + "er")
    out.append(entry + "d" if last.endswith("e") else stem + "ed")
    if not last.endswith(("e", "s")):
        out.append(stem + "y")
    forms = [f for f in dict.fromkeys(out) if f != entry]
    return [(f, len(entry) if f.startswith(entry) else 0) for f in forms]


# -- generation -----------------------------------------------------------------------


def _rng(seed: int, cls: str, entry: str, extra: str = "") -> random.Random:
    return random.Random(f"{seed}\x00{cls}\x00{entry}\x00{extra}")  # str seeds are stable


def obfuscate(entry: str, cls: str, seed: int = 0) -> str | None:
    """One obfuscated form of ``entry`` in class ``cls`` (None: the class cannot apply)."""
    rng = _rng(seed, cls, entry)
    units = list(entry)
    if cls in SINGLE:
        out = SINGLE[cls](units, rng)
    elif cls in COMBOS:
        first, second = COMBOS[cls]
        step = first(units, rng)
        out = second(step, rng) if step is not None else None
    elif cls == "inflection":
        forms = inflections(entry)
        return rng.choice(forms)[0] if forms else None
    else:
        raise ValueError(f"unknown evasion class {cls!r}; have {', '.join(CLASSES)}")
    if out is None:
        return None
    form = "".join(out)
    return form if form != entry else None


@dataclass(frozen=True)
class Case:
    """One test text: ``text[start:end]`` is the obfuscated ``form`` of ``entry``.

    ``core_end`` (inflections only) is where the entry part ends; a match over
    ``text[start:core_end]`` is exact too (plus a doubled final consonant: ``shitt`` of
    ``shitty``). It equals ``end`` otherwise.
    """

    cls: str
    entry: str
    form: str
    text: str
    start: int
    end: int
    core_end: int

    def exact_spans(self) -> set[tuple[int, int]]:
        spans = {(self.start, self.end), (self.start, self.core_end)}
        c = self.core_end
        if self.start < c < self.end and self.text[c] == self.text[c - 1]:
            spans.add((self.start, c + 1))  # the doubled letter of cum-m-ing, shit-t-y
        return spans


def _place(cls: str, entry: str, form: str, core: int, carrier: str) -> Case:
    start = carrier.index("{x}")
    text = carrier.replace("{x}", form)
    end = start + len(form)
    core_end = start + core if core else end
    return Case(cls, entry, form, text, start, end, core_end)


def generate(
    entries: Iterable[str],
    classes: Iterable[str] = CLASSES,
    *,
    seed: int = 0,
    carriers: Sequence[str] = CARRIERS,
    all_inflections: bool = True,
) -> list[Case]:
    """Obfuscated forms of every entry in every class, each in one carrier sentence.

    Inflections yield every natural form (``all_inflections``) or one per entry; every
    other class one form per entry. The carrier is picked by the seeded generator.
    """
    cases: list[Case] = []
    entries = list(dict.fromkeys(entries))
    for cls in classes:
        for entry in entries:
            pick = _rng(seed, cls, entry, "carrier")
            if cls == "inflection":
                forms = inflections(entry)
                if not all_inflections and forms:
                    forms = [pick.choice(forms)]
                for form, core in forms:
                    cases.append(_place(cls, entry, form, core, pick.choice(carriers)))
                continue
            if cls in WORD_CLASSES:
                made = word_level(entry, cls, _rng(seed, cls, entry))
                if made is not None:
                    form, begin, finish = made
                    carrier = pick.choice(carriers)
                    start = carrier.index("{x}") + begin
                    text = carrier.replace("{x}", form)
                    end = start + finish - begin
                    cases.append(Case(cls, entry, form, text, start, end, end))
                continue
            form = obfuscate(entry, cls, seed)
            if form is not None:
                cases.append(_place(cls, entry, form, 0, pick.choice(carriers)))
    return cases
