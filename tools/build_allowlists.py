"""Regenerate wordlists/allow-{en,fr,es,de}.txt: the built-in allowlist, from the dictionaries.

    python tools/build_allowlists.py            # write the four files, print a summary
    python tools/build_allowlists.py --check    # exit 1 if the files are out of date
    python tools/build_allowlists.py --show     # also print every flagged word and its class

Method. The four default lists (wordlists/{en,fr,es,de}.txt) are merged, as a brand that
mixes languages would, into ``Matcher(words, builtin_allow=False)``.
Every word of each shipped dictionary (``resources_data.load_dictionary``), plus the names
and places below, is run through it. Each flagged word is classified by
``kickflip_moderation.matching.innocence`` (the rule ``words lint`` and the matcher's run-time
dictionary check use too), in the language of the dictionary it comes from:

* OFFENSIVE when one of its matches is the entry's own: the letters of the word before
  the match are nothing, an offensive head (``boundaries.HEADS``) or an entry, AND the
  letters after it are nothing, an inflection of that language (``innocence.INFLECTIONS``),
  a compound tail (``boundaries.TAILS``) or an entry. So ``fuck``, ``fucking``,
  ``bullshit``, ``dumbass``, ``assholes``, ``arschloch`` are offensive.
* INNOCENT otherwise: the matcher accepted the match only because the entry is long
  (``chatter``, ``trimming``, ``vergangen``), through a
  suffix that is no inflection of the word's language (``spice``) or because two entries
  touch. A name or place with a strong match is an error (review it), and so is a word
  of several dictionaries whose languages disagree (``putin``: English put-in).

The reviewed exceptions (``innocence.INNOCENT`` / ``innocence.OFFENSIVE``) win over the
rule. Innocent words become allowlist entries, shortest first: a word is left out when
an entry already chosen covers it (``grape`` covers ``grapes`` and ``grapefruit``), which
the final verification checks with the real matcher. ``PHRASES`` adds hand-written entries
with spaces (an allow entry with a space only covers text with that space).

The script fails (exit 1) when the result is unsafe: an innocent word still flagged, an
offensive word or a default entry no longer flagged with the allowlist on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDLISTS = ROOT / "wordlists"
sys.path.insert(0, str(ROOT))

from kickflip_moderation.matching import innocence  # noqa: E402
from kickflip_moderation.matching.matcher import Matcher  # noqa: E402
from kickflip_moderation.matching.normalization import entry_key  # noqa: E402
from kickflip_moderation.matching.verdicts import lookup  # noqa: E402
from kickflip_moderation.resources_data import load_dictionary  # noqa: E402
from kickflip_moderation.wordlist import read_wordlist, write_wordlist  # noqa: E402

LANGS = ("en", "fr", "es", "de")

#: First names, surnames and places that must never be flagged (they go to allow-en.txt).
#: "Dick" alone is not here: it is the entry ``dick`` itself (see README).
NAMES: tuple[str, ...] = tuple(
    """
    Dickens Dickson Dickinson Dickie Dickey Hancock Babcock Hitchcock Peacock Alcock
    Cassandra Cockburn Glasscock Woodcock Wilcox Shitaye Cockerill Cockcroft Heathcock
    Adcock Laycock Hiscock Hickock Craddock Cumberbatch Cummings Cumbria Cumberland
    Sassoon Bassett Cassidy Hasse Lassiter Massey Assange Kuntz Kunst Koontz Dickerson
    Titmuss Buttigieg Fuchs Weiner Analise Annalise Tittensor
    Fagin Fagan Fagerström Gaylord Hooker Mastrangelo Cockayne Hitchens Bassam Cumnor
    Penelope Penistone Scunthorpe Sussex Essex Middlesex Wessex Clitheroe Cockermouth
    Lightwater Arsenal Matsushita Cockfosters Fugging
    Pissouri Assen Assisi Cassel Kassel Passau Shitterton Titicaca
    Sexton Dixon Dickensian Hancocks Cassius Assad Cummins Nassau
    Vergara Pendleton Putney Cunha Nigeria Niger Nigerian Negros Negroni
    Rapeseed Cocorico Coco Pisa Pissarro Spicer Tamara
    """.split()
)

#: Innocent words missing from the dictionaries, found by hand (must be innocent too).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": ("snigger",),
    "fr": ("salopette", "retardataire"),
    "es": (),
    "de": ("poppenbüttel",),
}

#: Hand-written allow entries with spaces (only cover text written with the space).
PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "cum laude",
        "maine coon",
        "coon rapids",
        "moby dick",
        "tit for tat",
        "tit 4 tat",
        "honkey tonk",
        "blue tit",
        "great tit",
        "ho ho ho",  # Santa's laugh, for a brand that bans "ho"
    ),
    "fr": ("en retard", "du retard", "de retard", "le retard", "un retard", "sans retard"),
    "es": (),
    "de": (),
}

#: Reviewed: offensive words we accept to miss because an innocent allow entry contains
#: the match (German ``dicke`` "thick" hides English ``dicked``; ``cumin`` hides ``cuming``;
#: ``putin`` hides ``puting``, read as French ``pute`` + ing, a misspelling of putting).
ACCEPTED_MISSES: frozenset[str] = frozenset("dicked cuming puting".split())


def default_lists() -> dict[str, list[str]]:
    return {lang: read_wordlist(WORDLISTS / f"{lang}.txt") for lang in LANGS}


def merged(lists: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(e for lang in LANGS for e in lists[lang]))


class Classifier:
    """The merged default lists without any allowlist, through the matcher's judge and its
    reviewed verdicts (``matching/data/verdicts``); a flagged word no reader judged is
    judged by ``innocence.classify``."""

    def __init__(self, entries: list[str]) -> None:
        self.matcher = Matcher(entries, builtin_allow=False)
        self.keys = frozenset(entry_key(e) for e in entries)
        self._found: dict[str, tuple[Any, ...]] = {}

    def find(self, word: str) -> tuple[Any, ...]:
        """``self.matcher.find(word)``, once per word: build() asks about every dictionary
        word again for its summary, and about words several dictionaries share."""
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = tuple(self.matcher.find(word))
        return found

    def classify(self, word: str, lang: str) -> bool | None:
        """None: clean; True: offensive; False: innocent (reviewed verdicts first)."""
        matches = self.find(word)
        if not matches:
            return None
        reviewed = lookup(entry_key(word))
        if reviewed is not None:
            return not reviewed.innocent
        return innocence.classify(word, matches, lang, self.keys) == "offensive"


def build(show: bool = False) -> tuple[dict[str, list[str]], list[str], dict[str, str]]:
    lists = default_lists()
    entries = merged(lists)
    clf = Classifier(entries)
    innocent: dict[str, list[str]] = {lang: [] for lang in LANGS}
    offensive: list[str] = []
    stats: dict[str, str] = {}
    seen: set[str] = set()
    sources = {lang: list(load_dictionary(lang)) for lang in LANGS}
    sources["en"] += [n.lower() for n in NAMES]
    for lang in LANGS:
        sources[lang] += list(EXTRA[lang])
    holders: dict[str, list[str]] = {}  # word -> the languages whose sources hold it
    for lang in LANGS:
        for word in dict.fromkeys(sources[lang]):
            holders.setdefault(word, []).append(lang)
    for lang in LANGS:
        must_be_innocent = set(EXTRA[lang]) | (
            {n.lower() for n in NAMES} if lang == "en" else set()
        )
        for word in sources[lang]:
            if word in seen:
                continue
            bad = clf.classify(word, lang)
            if bad is None:
                continue
            seen.add(word)
            # lint judges a word in each dictionary's language: they must agree
            if any(clf.classify(word, other) != bad for other in holders[word][1:]):
                raise SystemExit(
                    f"{word!r} is offensive in one of {holders[word]} and innocent in another:"
                    " review it into innocence.INNOCENT or innocence.OFFENSIVE"
                )
            if word in must_be_innocent and bad:
                raise SystemExit(
                    f"{word!r} has a strong match: add it to innocence.INNOCENT or drop it"
                )
            if show:
                found = ", ".join(m.word for m in clf.find(word))
                print(f"{lang} {'OFFENSIVE' if bad else 'innocent '} {word}  [{found}]")
            (offensive.append(word) if bad else innocent[lang].append(word))

    # shortest first; skip a word an already chosen entry (as a substring) may cover
    chosen: dict[str, list[str]] = {lang: list(PHRASES[lang]) for lang in LANGS}
    keys: list[str] = []
    order = sorted(
        ((w, lang) for lang in LANGS for w in innocent[lang]), key=lambda x: (len(x[0]), x[0])
    )
    for word, lang in order:
        k = entry_key(word)
        if any(a in k for a in keys):
            continue
        chosen[lang].append(word)
        keys.append(k)

    # verification with the real matcher; add back whatever a shorter entry did not cover
    for _ in range(5):
        allow = [a for lang in LANGS for a in chosen[lang]]
        m = Matcher(entries, allow=allow, builtin_allow=False)
        missed = [(w, lang) for w, lang in order if m.find(w)]
        if not missed:
            break
        for w, lang in missed:
            chosen[lang].append(w)
    allow = [a for lang in LANGS for a in chosen[lang]]
    m = Matcher(entries, allow=allow, builtin_allow=False)
    problems = [f"innocent word still flagged: {w}" for w, _ in order if m.find(w)]
    problems += [
        f"offensive word now clean: {w}"
        for w in offensive
        if not m.find(w) and w not in ACCEPTED_MISSES
    ]
    problems += [f"default entry now clean: {e}" for e in entries if not m.find(e)]
    if problems:
        raise SystemExit("\n".join(problems))
    bad_words = set(offensive)
    for lang in LANGS:
        dictionary = load_dictionary(lang)
        before = sum(1 for w in dictionary if clf.find(w))
        after = [w for w in dictionary if m.find(w)]
        wrong = sum(1 for w in after if w not in bad_words)
        stats[lang] = (
            f"{len(dictionary):,} words; flagged {before} ({before / len(dictionary):.2%})"
            f" without the allowlist, {len(after)} ({len(after) / len(dictionary):.2%}) with it,"
            f" of which innocent {wrong}"
        )
    for lang in LANGS:
        chosen[lang].sort(key=lambda a: (entry_key(a), a))
    return chosen, offensive, stats


def header(lang: str, count: int) -> list[str]:
    size = len(load_dictionary(lang))
    return [
        f"Built-in allowlist ({lang}): innocent words the default lists would flag.",
        "GENERATED by tools/build_allowlists.py -- do not edit by hand; change the script",
        "(its NAMES, EXTRA, PHRASES) or kickflip_moderation/matching/innocence.py and rerun:",
        "    python tools/build_allowlists.py",
        f"Source: the {size:,}-word {lang} frequency dictionary (kickflip_moderation/data),"
        + (" plus the script's names and places" if lang == "en" else "")
        + (", EXTRA words" if EXTRA[lang] else "")
        + (", PHRASES" if PHRASES[lang] else "")
        + ".",
        "An entry covers any match it fully contains, inside longer words too;",
        "all four allow-*.txt files apply together.",
        f"{count} entries.",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    parser.add_argument("--show", action="store_true", help="print every flagged word")
    args = parser.parse_args()
    chosen, offensive, stats = build(show=args.show)
    stale = []
    for lang in LANGS:
        text = write_wordlist(chosen[lang], header=header(lang, len(chosen[lang])))
        path = WORDLISTS / f"allow-{lang}.txt"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        print(f"{lang}: {stats[lang]}; allow-{lang}.txt {len(chosen[lang])} entries")
    print(f"offensive dictionary words kept flagged: {len(offensive)}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
