"""The judge's tables: offensive heads and tails, inflections (data, read by ``judge``).

Which of them applies where is ``judge._inside``'s business; here they are only named:

* ``STRONG_INFLECTIONS`` (and ``AFTER_E_INFLECTIONS``): endings that keep the entry's
  meaning even in a known word (fuck-ing, bitch-es, rape-d);
* ``SUFFIXES`` and ``TAILS``: what may follow an entry in a compound (ass-hole, fuck-face);
* ``HEADS``: what may precede it (bull-shit, dumb-ass, mother-fucker).

Lists are multilingual (en, fr, es, de) because brands mix them.
"""

from __future__ import annotations

__all__ = [
    "AFTER_E_INFLECTIONS", "HEADS", "LONG_ENTRY", "STRONG_INFLECTIONS", "SUFFIXES", "TAILS",
    "inflected",
]  # fmt: skip


SUFFIXES: frozenset[str] = frozenset(
    # Kept short on purpose: every suffix here is also a way for an innocent word to end
    # (Spanish "-o" would flag "hello" for "hell", French "-ent" "assent" for "ass").
    "s es ed d er ers r rs ing ings in ins n y ies ier iest ish ly ty "  # English
    "e ee ees x "  # French (accents are folded: -é, -ée, -és)
    "os as "  # Spanish plurals
    "en ern"  # German
    .split()
)

TAILS: tuple[str, ...] = (
    "head", "hole", "face", "bag", "wad", "stick", "sucker", "suck", "lord", "load", "fest",
    "tard", "stain", "hat", "burger", "nugget", "wit", "brain", "monkey", "muncher", "licker",
    "lick", "fuck", "shit", "wipe", "weasel", "storm", "bucket",
)  # fmt: skip

HEADS: frozenset[str] = frozenset(
    "bull horse dumb mother mutha motha mom jack dip bat chicken ape holy fat smart bad "
    "kick lard hard big cluster mind brain dog pig rat butt bum dick cock shit fuck arse "
    "dumbass stupid lazy crazy ugly dirty lame mega super ultra uber total fucking "
    "sister brother cow whore slut bitch gay cunt twat piss jizz cum god"
    .split()
)


#: Entries this long (in letters) count inside any word no dictionary or names data knows:
#: such a word is a compound or an invented spelling (fuckboy, shitshow). Shorter entries
#: (ass, cum, tit) hide in unknown names too often (Vassallo, Titov): they need the rest of
#: the word to be words, entries or inflections (assclown, dumbass).
LONG_ENTRY = 4

#: Inflections that keep the entry's meaning even in a known word: a brand's ``loser``
#: makes ``losers`` offensive. Weaker endings (-er, -ish, -ly) make new words too often
#: (heller, hellish); a known word with one of those is innocent unless reviewed.
STRONG_INFLECTIONS: frozenset[str] = frozenset(
    "s es ed ing ings in ins y ies ied ier iest os as".split()
)
#: Inflections that keep the meaning only after an entry ending in "e": rape-d, and French
#: verbs branle-r, branle-nt (after "pant", "ban", "bran", a "d" makes another word).
AFTER_E_INFLECTIONS: frozenset[str] = frozenset({"d", "r", "nt"})


def inflected(prefix: str, entry: str, suffix: str, french: bool = True) -> bool:
    """Is ``prefix`` + ``entry`` + ``suffix`` the entry inflected (fuck-ing; a doubled
    last letter is part of the entry's run: shitt-y), or after an offensive head
    (bull-shit)? ``french``: the word may be French, so -r and -nt after an "e" are verb
    endings (branle-r, branle-nt), not the English -er of rapp-er."""
    if prefix and prefix not in HEADS:
        return False
    if suffix in STRONG_INFLECTIONS or (not suffix and bool(prefix)):
        return True
    if not entry.endswith("e") or suffix not in AFTER_E_INFLECTIONS:
        return False
    return suffix == "d" or french



