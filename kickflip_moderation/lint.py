"""Find problems in a word list before it reaches Kickflip, above all innocent words it flags.

Checks, in the order reported for each entry:

* ``empty``: the entry normalizes to nothing (``***``), so it can never match anything.
* ``duplicate``: the exact same entry appears earlier (in any of the files).
* ``near-duplicate``: a different spelling with the same ``entry_key`` appears earlier
  (``Fuck`` after ``fuck``); harmless, but the list is longer than it needs to be.
* ``shadowed``: the matcher does not flag the entry's own text, because a built-in
  allowlist entry covers it: the entry can never match.
* ``innocent``: ordinary words the entry would flag. One ``Matcher`` over all entries scans
  the shipped dictionaries (and any extra texts); each match is attributed to its entry.

The innocence rule is ``innocence.classify``, the one that builds the built-in allowlists:
a flagged dictionary word (the run of letters/digits around the match) is *not* innocent
when any match in it is the entry's own: before it nothing, an offensive compound head
(bull-shit, mother-fucker) or another entry; after it nothing, an inflection in the
word's language (fuck-ing, shit-ty, a doubled last letter allowed), an offensive tail
(ass-hole, fuck-face, maybe inflected) or another entry; or it is a reviewed offensive
derivation (``innocence.OFFENSIVE``: porno-graphic, orgasm-ic, shit-e). Everything else is
innocent: the matcher accepted it through a suffix that is no inflection in the word's
language (hell-o, ass-ent, tit-o), a long entry's any-continuation (German compounds such
as Arsch-loch: the user judges), a match spanning words, or a reviewed innocent word
(``innocence.INNOCENT``: cock-y, rapp-er) the built-in allowlist does not cover.
Texts in ``extra`` (first names, known-good designs) are innocent by declaration, so every
match in them counts. Dictionaries are ranked by frequency: the first words shown are the
ones customers type most.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .errors import KickflipModerationError
from .matching.innocence import INFLECTIONS, classify, is_inflection
from .matching.normalization import entry_key as _key
from .matching.verdicts import lookup
from .wordlist import Entry

__all__ = ["INFLECTIONS", "LintReport", "Problem", "is_inflection", "lint_entries"]


class _Match(Protocol):
    @property
    def word(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Matcher(Protocol):
    def find(self, text: str) -> Sequence[_Match]: ...


MatcherFactory = Callable[..., _Matcher]  # (words, allow=()) -> matcher


@dataclass(frozen=True)
class Problem:
    """One finding about one entry; ``words``/``total``/``suggest_allow`` for ``innocent``."""

    kind: str
    entry: str
    path: str
    line: int
    message: str
    words: tuple[str, ...] = ()
    total: int = 0
    suggest_allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class LintReport:
    problems: tuple[Problem, ...]
    entries: int
    words_scanned: int
    seconds: float
    sources: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def _scan(
    matcher: _Matcher,
    sources: Mapping[str, Sequence[str]],
    trusted: Iterable[str] = (),
    entries: Collection[str] = (),
) -> dict[str, list[str]]:
    """entry -> innocent words/texts it flags, most frequent first (dictionaries are ranked).

    Texts of ``trusted`` sources are innocent by declaration: every match in them counts.
    ``entries``: the normalized entries, for ``innocence.classify``."""
    trusted = set(trusted)
    texts: list[str] = []
    langs: list[str] = []
    seen: set[str] = set()
    for lang, items in sources.items():
        for t in items:
            if t and t not in seen:
                seen.add(t)
                texts.append(t)
                langs.append(lang)
    flagged: dict[str, list[str]] = {}
    for text, lang in zip(texts, langs, strict=True):
        matches = matcher.find(text)  # one call per word: the matcher's prefilter makes it µs
        if not matches or (lang not in trusted and _offensive(text, matches, lang, entries)):
            continue
        for m in matches:
            words = flagged.setdefault(m.word, [])
            if not words or words[-1] != text:
                words.append(text)
    return flagged


def _offensive(text: str, matches: Sequence[Any], lang: str, entries: Collection[str]) -> bool:
    """Is a flagged word offensive? A reader's reviewed verdict (``matching/verdicts``,
    which the matcher's judge follows) first, then the innocence rule."""
    reviewed = lookup(_key(text))
    if reviewed is not None and not reviewed.innocent:
        return True
    return classify(text, matches, lang, entries) == "offensive"


def _default_key() -> Callable[[str], str]:
    from .matching.normalization import entry_key

    return entry_key


def _default_factory() -> MatcherFactory:
    from .matching.matcher import Matcher

    # lint shows what the matcher would flag, with the same judge and reviewed data as a
    # scan or a checkout: what is left innocent-looking is the entry's doing
    return Matcher


def _default_sources(langs: Iterable[str]) -> dict[str, Sequence[str]]:
    from .resources_data import load_dictionary

    return {lang: load_dictionary(lang) for lang in langs}


def lint_entries(
    entries: Sequence[Entry],
    *,
    langs: Sequence[str] = ("en", "fr", "es", "de"),
    extra: Mapping[str, Sequence[str]] | None = None,
    cap: int = 8,
    key: Callable[[str], str] | None = None,
    matcher_factory: MatcherFactory | None = None,
    sources: Mapping[str, Sequence[str]] | None = None,
) -> LintReport:
    """Lint ``entries`` (from ``wordlist.read_entries``). ``sources`` replaces the shipped
    dictionaries (tests); ``extra`` adds named lists of known-innocent texts."""
    started = time.perf_counter()
    key = key or _default_key()
    factory = matcher_factory or _default_factory()
    scan_sources = dict(sources if sources is not None else _default_sources(langs))
    scan_sources.update(extra or {})
    problems: list[Problem] = []
    first_exact: dict[str, Entry] = {}
    first_key: dict[str, Entry] = {}
    usable: list[Entry] = []
    for e in entries:
        k = key(e.text)
        if e.text in first_exact:
            f = first_exact[e.text]
            problems.append(Problem("duplicate", e.text, e.path, e.line,
                                    f"duplicate of {f.path}:{f.line}"))
            continue
        first_exact[e.text] = e
        if not k:
            problems.append(Problem("empty", e.text, e.path, e.line,
                                    "normalizes to nothing: it can never match"))
            continue
        if k in first_key:
            f = first_key[k]
            problems.append(Problem("near-duplicate", e.text, e.path, e.line,
                                    f"same as {f.text!r} ({f.path}:{f.line}) once normalized"))
        else:
            first_key[k] = e
        usable.append(e)
    words = [e.text for e in usable]
    matcher = factory(words)
    for e in first_key.values():
        if not any(key(m.word) == key(e.text) for m in matcher.find(e.text)):
            problems.append(Problem("shadowed", e.text, e.path, e.line,
                                    "never matches its own text: a built-in allowlist entry "
                                    "covers it"))
    flagged: dict[str, dict[str, None]] = {}  # key -> innocent texts (ordered set)
    scan = _scan(matcher, scan_sources, extra or (), frozenset(first_key)) if words else {}
    for word, hits in scan.items():
        flagged.setdefault(key(word), {}).update(dict.fromkeys(hits))
    shown = {k: list(hits)[:cap] for k, hits in flagged.items()}
    suggestions = _verified_suggestions(factory, words, shown)
    scanned = sum(len(v) for v in scan_sources.values())
    for k, e in first_key.items():  # near-duplicates share the first spelling's report
        hits = list(flagged.get(k, ()))
        if not hits:
            continue
        more = f" (+{len(hits) - cap} more)" if len(hits) > cap else ""
        problems.append(Problem(
            "innocent", e.text, e.path, e.line,
            f"would flag {len(hits)} innocent word(s): {', '.join(hits[:cap])}{more}",
            tuple(hits[:cap]), len(hits), tuple(s for s in hits[:cap] if s in suggestions),
        ))
    order = {(e.path, e.line): i for i, e in enumerate(entries)}
    problems.sort(key=lambda p: order.get((p.path, p.line), 0))
    return LintReport(tuple(problems), len(entries), scanned,
                      round(time.perf_counter() - started, 3), tuple(scan_sources))


def _verified_suggestions(
    factory: MatcherFactory, words: list[str], shown: Mapping[str, list[str]]
) -> set[str]:
    """The shown innocent words that, added to the allowlist, are no longer flagged."""
    candidates = sorted({w for hits in shown.values() for w in hits})
    if not candidates:
        return set()
    try:
        with_allow = factory(words, allow=candidates)
    except KickflipModerationError:  # an allow entry the matcher refuses: suggest nothing
        return set()
    return {w for w in candidates if not with_allow.find(w)}
