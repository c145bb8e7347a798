"""Is a flagged word offensive or innocent? The one rule behind the allowlists and ``lint``.

The matcher flags an entry inside a longer word when the rest of the word looks like an
inflection or an offensive compound (``boundaries``); it is a guess, and this module
judges it, word by word, with more knowledge than the matcher can afford. Both
``wordlists/build_allowlists.py`` (innocent dictionary words become the built-in allowlist)
and ``lint`` (innocent words a brand's entry would flag) call it, so a word the builder
leaves flagged as offensive is never reported by lint as innocent, and the other way round.

The rule. A match is *the entry's own* when, inside its word (the run of letters/digits
around it), both sides belong to the entry:

* before it: nothing, an offensive compound head (``boundaries.HEADS``: bull-shit,
  mother-fucker), another match ending there, or exactly another entry (anal-sex);
* after it: nothing, an inflection in the word's language (``INFLECTIONS``: fuck-ing,
  shit-ty, con-nerie; a doubled last letter is allowed), an offensive compound tail
  (``boundaries.TAILS``: ass-hole, fuck-faces, maybe inflected), another match starting
  there, or exactly another entry.

A flagged word is OFFENSIVE when any of its matches is its own, INNOCENT otherwise: the
matcher accepted it through a suffix that is no inflection in the word's language
(hell-o, spic-e), a long entry's any-continuation (chatter, vergangen) or touching
entries. Reviewed exceptions win over the rule, both ways: ``OFFENSIVE`` holds derivations
and variants the rule cannot see (porno-graphic, orgasm-ic, shit-e, scheiß-egal),
``INNOCENT`` words with a strong match by accident (spic-y, cock-y, rapp-er). Overrides
are whole words, compared in lower case.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from typing import Literal, Protocol

from .boundaries import HEADS, TAILS

__all__ = [
    "INFLECTIONS",
    "INNOCENT",
    "OFFENSIVE",
    "Verdict",
    "classify",
    "is_inflection",
    "is_own",
]

Verdict = Literal["offensive", "innocent"]

#: Inflections per language (accents folded: French -é/-ée are "e"/"ee"), for judging
#: only: the matcher's own ``boundaries.SUFFIXES`` are deliberately fewer for short entries.
INFLECTIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "s es ed d er ers r rs ing ings in ins n y ies ied ier iest ish ly ty".split()
    ),
    "fr": frozenset(
        "e ee es ees s x r er nt ent z ant ante ants antes erie eries ard arde ards ardes "
        "asse asses eur eurs euse euses".split()
    ),
    "es": frozenset(
        "s es a as o os on ona ones onas ito ita itos itas azo azos ada adas ado ados".split()
    ),
    "de": frozenset("e en er es n s em ern est".split()),
}
_ANY = frozenset().union(*INFLECTIONS.values())

#: Reviewed: words the rule calls offensive that are innocent (a strong match by accident).
#: Never put a word here that is also the start of an offensive word: as a built-in allow
#: entry it would hide that word too.
INNOCENT: frozenset[str] = frozenset(
    """
    cummings cummins fagin assen spicer
    sexy sexier sexiest sexiness
    rapper rapped rapping rappen rappers
    spices spiced cullen culling culled culls connors conners mongers shiites nutters
    chatters putters retardants assos
    spice spicy spicing spica
    connor conor conned conner
    chatter chatted chatten
    annals annales annalen
    cull culasse
    putter nutter bonner mammon nazir poona arsen booba putin putins
    pinched pinches pincher
    assez assent assn asso assas
    cumin tito tita tite apetito
    monger mongo monge
    shiite
    cocky cockiness cocked cocking cocker
    retarder retardant retardo
    superarse
    dicke dicken dicker dickes dickem
    wanken
    """.split()
)

#: Reviewed: offensive derivations and variants the rule calls innocent (long-entry
#: compounds, derivational suffixes, dialect spellings, enclitic pronouns), and entries
#: of one default list that another list's entry flags (putain for Spanish "puta").
OFFENSIVE: frozenset[str] = frozenset(
    """
    vaginal vaginale clitoral incestuous orgasmic nymphomaniac whorehouse
    pornographic pornographers pornographie pornographique pornographiques pornografía
    pornográfico pornográfica pornográficas pornofilme pornografie pornostar
    chingados joderme scheissegal scheissdreck scheisst klugscheisser verpissen
    saloperie saloperies connerie conneries pendejada pendejadas
    shite fucken bordello fellation goddamnit
    pornography orgasmus putain putains spastic
    """.split()
)


class _Match(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _fold(s: str) -> str:
    """Lower case without accents (``é`` -> ``e``, ``ß`` -> ``ss``): affixes only."""
    s = unicodedata.normalize("NFKD", s.lower().replace("ß", "ss"))
    return "".join(c for c in s if not unicodedata.combining(c))


def is_inflection(stem: str, rest: str, lang: str | None = None) -> bool:
    """True if ``stem + rest`` is ``stem`` itself or a plain inflection of it in ``lang``
    (any of the four languages when ``lang`` is None or unknown)."""
    if not rest:
        return True
    rest = _fold(rest)
    suffixes = INFLECTIONS.get(lang or "", _ANY)
    if rest in suffixes:
        return True
    return bool(stem) and rest[0] == _fold(stem[-1:])[-1:] and rest[1:] in suffixes


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s, e = start, end
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    return s, e


def is_own(
    text: str,
    m: _Match,
    matches: Sequence[_Match],
    lang: str | None = None,
    entries: Collection[str] = (),
) -> bool:
    """Is match ``m`` (one of ``matches``, all found in ``text``) the entry itself,
    inflected or in an offensive compound, in its word? Reviewed overrides included.
    ``entries``: the list's entries, normalized; a prefix or rest that is one of them
    counts as another match even when the matcher did not report it (anal-sex)."""
    s, e = _token_bounds(text, m.start, m.end)
    token = text[s:e].lower()
    if token in INNOCENT:
        return False
    if token in OFFENSIVE:
        return True
    prefix, rest = _fold(text[s : m.start]), _fold(text[m.end : e])
    stem = text[m.start : m.end]
    head_ok = (
        not prefix
        or prefix in HEADS
        or prefix in entries
        or any(o.end == m.start for o in matches)
    )
    tail_ok = (
        is_inflection(stem, rest, lang)
        or rest in entries
        or any(o.start == m.end for o in matches)
        or any(rest.startswith(t) and is_inflection(t, rest[len(t) :], lang) for t in TAILS)
    )
    return head_ok and tail_ok


def classify(
    text: str,
    matches: Sequence[_Match],
    lang: str | None = None,
    entries: Collection[str] = (),
) -> Verdict:
    """``"offensive"`` when any of ``matches`` (the matcher's findings in ``text``, not
    empty) is its word's own, ``"innocent"`` otherwise. ``lang``: the language ``text``
    comes from (its dictionary); None accepts the inflections of all four. ``entries``:
    the normalized entries of the list that produced ``matches`` (see ``is_own``)."""
    own = any(is_own(text, m, matches, lang, entries) for m in matches)
    return "offensive" if own else "innocent"
