"""When does an entry found inside a longer word count? (The Scunthorpe problem.)

A match that is a whole word always counts. Inside a longer word, the rest of the word
decides, because innocent words hide short entries everywhere (cl-ass, Scun-thorpe,
cock-tail, the-rapist) while offensive derivations follow a few patterns:

* after the entry, an inflection or a compound tail: fuck-ing, shit-ty, bitch-es,
  ass-hole, fuck-face (``SUFFIXES``, ``TAILS``); entries of ``LONG_SUFFIX`` letters or
  more accept any continuation (German compounds: Arsch-loch, Scheiß-kerl);
* before the entry, an offensive compound head: bull-shit, dumb-ass, mother-fucker
  (``HEADS``); entries of ``LONG_PREFIX`` letters or more accept any head;
* another entry directly before or after it: shit-fuck.

Innocent words that still pass these rules (cumin, therapist, grapes) are what the
built-in allowlist is for. Lists are multilingual (en, fr, es, de) because brands mix
them, and short, because every affix is also a way for an innocent word to end.
"""

from __future__ import annotations

__all__ = ["HEADS", "LONG_PREFIX", "LONG_SUFFIX", "SUFFIXES", "TAILS", "accepts"]

#: Entries this long (in letters) may be followed by anything inside a word.
LONG_SUFFIX = 5
#: Entries this long may be preceded by anything inside a word.
LONG_PREFIX = 6
#: Adjacent entries shorter than this do not vouch for each other (ass-ass-in).
ADJACENT_MIN = 4

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

_MAX_AFFIX = max(len(x) for x in (*SUFFIXES, *TAILS, *HEADS))


def suffix_ok(rest: str) -> bool:
    """Is ``rest`` (what follows the entry inside its word) an inflection or a tail?"""
    if not rest or rest in SUFFIXES:
        return True
    return rest.startswith(TAILS)


def accepts(
    *, prefix: str, suffix: str, entry_length: int, after_entry: bool, before_entry: bool
) -> bool:
    """Decide one match inside a word.

    ``prefix``/``suffix``: the letters of the word before/after the match (callers may cut
    them to ``MAX_AFFIX`` letters plus one: longer ones are never an affix here);
    ``after_entry``: another entry of at least ``ADJACENT_MIN`` letters ends where this one
    starts; ``before_entry``: one starts where this one ends.
    """
    if suffix and not (before_entry or entry_length >= LONG_SUFFIX or suffix_ok(suffix)):
        return False
    if prefix and not (after_entry or entry_length >= LONG_PREFIX or prefix in HEADS):
        return False
    return True


MAX_AFFIX = _MAX_AFFIX
