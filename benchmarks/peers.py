"""Thin adapters with one interface over our matcher and the peers we compare against.

Every adapter is built from the SAME word list and exposes ``is_clean(text) -> bool``;
``find(text)`` (a list of hits) where the peer can give one. Peers:

* ``ours``       ``kickflip_moderation.Matcher(words)`` (built-in allowlist on).
* ``baseline``   raw pyahocorasick: casefolded words in one automaton, casefolded input,
                 no normalization and no word boundaries; ``find`` = ``list(A.iter(text))``.
                 This is the floor every speed ratio is measured against.
* ``better_profanity``  ``Profanity(words)`` (== ``profanity.load_censor_words(words)`` on
                 a private instance): the same list, with its own leetspeak variants.
* ``glin``       glin-profanity ``Filter`` with ONLY our list: ``custom_words=words`` and
                 ``languages=["__none__"]`` (an unknown language loads no dictionary, so
                 its built-in English list stays out), ``detect_leetspeak=True``, default
                 obfuscation level ("standard": unicode folding, separators, stretch).
* ``flashtext``  ``KeywordProcessor(case_sensitive=False)`` over the list (speed only:
                 whole-word keyword extraction, no normalization).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # runnable from a source checkout
    sys.path.insert(0, str(_ROOT))

import ahocorasick  # noqa: E402

__all__ = ["PEERS", "Peer", "build", "load_words", "usable_entries"]


@dataclass
class Peer:
    name: str
    is_clean: Callable[[str], bool]
    find: Callable[[str], list] | None = None
    note: str = ""


def load_words(lang: str = "en", path: str | None = None) -> tuple[list[str], str]:
    """The entries to benchmark and where they came from.

    ``path`` wins; else the shipped ``wordlists/<lang>.txt`` (read at run time, it is being
    curated); else the LDNOOBW list in ``/work/shared/data/ldnoobw/<lang>``.
    """
    from kickflip_moderation.wordlist import read_wordlist

    candidates = (
        [Path(path)]
        if path
        else [
            _ROOT / "wordlists" / f"{lang}.txt",
            Path("/work/shared/data/ldnoobw") / lang,
        ]
    )
    for candidate in candidates:
        if candidate.is_file():
            try:
                return read_wordlist(candidate), str(candidate)
            except Exception:  # a plain list that the reader rejects: read it raw
                pass
            lines = candidate.read_text(encoding="utf-8").splitlines()
            return [w.strip() for w in lines if w.strip() and not w.startswith("#")], str(candidate)
    raise FileNotFoundError(f"no word list for {lang!r}: tried {', '.join(map(str, candidates))}")


def usable_entries(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """(entries our Matcher accepts, entries it rejects, e.g. an emoji with no letters)."""
    from kickflip_moderation import Matcher
    from kickflip_moderation.errors import WordlistError

    good: list[str] = []
    bad: list[str] = []
    for w in dict.fromkeys(words):
        try:
            Matcher([w], builtin_allow=False)
            good.append(w)
        except (WordlistError, ValueError):
            bad.append(w)
    return good, bad


def ours(words: Sequence[str]) -> Peer:
    from kickflip_moderation import Matcher

    m = Matcher(words)
    return Peer("ours", m.is_clean, m.find, "kickflip_moderation.Matcher")


def baseline(words: Sequence[str]) -> Peer:
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w.casefold(), w)
    a.make_automaton()

    def is_clean(text: str) -> bool:
        for _ in a.iter(text.casefold()):
            return False
        return True

    def find(text: str) -> list:
        return list(a.iter(text.casefold()))

    return Peer("baseline", is_clean, find, "raw pyahocorasick, casefold only")


def baseline_automaton(words: Sequence[str]) -> ahocorasick.Automaton:
    """Just the baseline build (for build time / memory)."""
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w.casefold(), w)
    a.make_automaton()
    return a


def better_profanity(words: Sequence[str]) -> Peer:
    from better_profanity import Profanity

    p = Profanity(list(words))  # same as load_censor_words(words) on a private instance
    return Peer(
        "better_profanity",
        lambda t: not p.contains_profanity(t),
        note="better_profanity 0.7 Profanity(words)",
    )


def glin(words: Sequence[str]) -> Peer:
    from glin_profanity import Filter

    f = Filter(
        {
            "languages": ["__none__"],  # type: ignore[list-item]  # no built-in dictionary
            "custom_words": list(words),
            "detect_leetspeak": True,
        }
    )
    assert f.get_word_count() >= len(set(w.lower() for w in words)) * 0.9, "custom list not used"
    return Peer(
        "glin",
        lambda t: not f.is_profane(t),
        note="glin-profanity Filter(custom_words=list, languages=[none], detect_leetspeak)",
    )


def flashtext(words: Sequence[str]) -> Peer:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    kp.add_keywords_from_list(list(words))
    return Peer(
        "flashtext",
        lambda t: not kp.extract_keywords(t),
        kp.extract_keywords,
        "flashtext KeywordProcessor, case-insensitive",
    )


PEERS: dict[str, Callable[[Sequence[str]], Peer]] = {
    "ours": ours,
    "baseline": baseline,
    "better_profanity": better_profanity,
    "glin": glin,
    "flashtext": flashtext,
}


def build(name: str, words: Sequence[str]) -> Peer:
    return PEERS[name](words)
