"""Merge the drafted verdicts with the reader's decisions into the shipped fr/es/de files.

Usage: python tools/verdict_reviews/merge_fr_es_de.py [--check] [--stats]

The draft is ``tools/propose_verdicts.py`` run on the shipped dictionaries (a guess by
the old innocence rule). The decisions are ``tools/verdict_reviews/<lang>.overrides.tsv``
(word, verdict, reason): the review record. A reader read every drafted line; the draft's
"innocent" stands unless overridden, while every "offensive" word needs a reviewed reason in
the overrides, so no guess ships as an accusation. An override for a word the draft no
longer holds is an error (the dictionary or the lists changed: review again), and so is a
word judged differently in two languages (the matcher reads one verdict per word).

``--check`` rebuilds in memory and fails when the shipped files differ (for CI);
``--stats`` prints per language the counts and the overturned proposals.
Build-only: not shipped in the wheel.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

from propose_verdicts import entry_keys, propose  # noqa: E402

from kickflip_moderation.resources_data import load_dictionary  # noqa: E402

ROOT = TOOLS.parent
REVIEWS = TOOLS / "verdict_reviews"
OUT = ROOT / "kickflip_moderation" / "matching" / "data" / "verdicts"
LANGS = ("fr", "es", "de")
VERDICTS = ("innocent", "offensive")
REVIEW_DATE = "2026-12-05, extended 2026-12-06"

HEADER = """\
# Reviewed verdicts: {name} dictionary words that hold an entry (issue 14).
# Format: UTF-8, one word per line, sorted, unique: word<TAB>verdict<TAB>reason.
#   word     the entry_key() form (casefolded, accents and leetspeak folded)
#   verdict  innocent  - the entries inside sit there by accident (concours: con);
#            offensive - the word uses an entry's offensive sense: an inflection or
#                        derivation of it, a compound built on it, or itself obscene.
# Source: every word of kickflip_moderation/data/dictionary-{lang}.txt.gz whose letters
# hold an entry (3+ letters) of wordlists/??.txt or of the LDNOOBW lists (en, fr, es, de).
# The words come from those dictionaries (wordfreq data, CC BY-SA 4.0: see
# kickflip_moderation/data/ATTRIBUTION.md), so this list is CC BY-SA 4.0 too.
# Drafted by tools/propose_verdicts.py, every line read and decided by a reviewer
# ({date}); decisions: tools/verdict_reviews/{lang}.overrides.tsv. Regenerate with
# python tools/verdict_reviews/merge_fr_es_de.py. Judge in the entry's listed sense:
# the data matters only when a brand bans the entry the word holds.
"""
NAMES = {"fr": "French", "es": "Spanish", "de": "German"}


@dataclass(frozen=True)
class Proposal:
    verdict: str
    held: str


@dataclass(frozen=True)
class Decision:
    verdict: str
    reason: str


class ReviewError(Exception):
    """The review record does not cover the draft: say what to review, never guess."""


def read_overrides(path: Path) -> dict[str, Decision]:
    decisions: dict[str, Decision] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in VERDICTS or not fields[2].strip():
            raise ReviewError(f"{path.name}:{number}: want word<TAB>verdict<TAB>reason")
        word, verdict, reason = fields
        if word in decisions and decisions[word] != Decision(verdict, reason):
            raise ReviewError(f"{path.name}:{number}: {word} decided twice")
        decisions[word] = Decision(verdict, reason.strip())
    return decisions


def read_proposals(lang: str, keys: set[str]) -> dict[str, Proposal]:
    proposals: dict[str, Proposal] = {}
    # The draft folds words after deduplicating them, so accent variants repeat.
    for line in propose(list(load_dictionary(lang)), lang, keys):
        word, verdict, held, _ = line.split("\t")
        proposals[word] = Proposal(verdict, held)
    return proposals


def merge(lang: str, keys: set[str]) -> tuple[dict[str, Decision], dict[str, Proposal]]:
    proposals = read_proposals(lang, keys)
    decisions = read_overrides(REVIEWS / f"{lang}.overrides.tsv")
    stale = sorted(set(decisions) - set(proposals))
    if stale:
        raise ReviewError(f"{lang}: overrides for words not drafted: {', '.join(stale)}")
    merged: dict[str, Decision] = {}
    unreviewed = []
    for word, proposal in sorted(proposals.items()):
        if word in decisions:
            merged[word] = decisions[word]
        elif proposal.verdict == "innocent":
            merged[word] = Decision("innocent", f"holds {proposal.held} by accident")
        else:
            unreviewed.append(word)
    if unreviewed:
        raise ReviewError(f"{lang}: offensive drafts without a reviewed reason: {unreviewed}")
    return merged, proposals


def render(lang: str, merged: dict[str, Decision]) -> str:
    header = HEADER.format(name=NAMES[lang], lang=lang, date=REVIEW_DATE)
    body = "".join(f"{w}\t{d.verdict}\t{d.reason}\n" for w, d in sorted(merged.items()))
    return header + body


def check_agreement(results: dict[str, dict[str, Decision]]) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for lang, merged in results.items():
        for word, decision in merged.items():
            other = seen.setdefault(word, (lang, decision.verdict))
            if other[1] != decision.verdict:
                raise ReviewError(f"{word}: {other[1]} in {other[0]}, {decision.verdict} in {lang}")


def print_stats(lang: str, merged: dict[str, Decision], proposals: dict[str, Proposal]) -> None:
    verdicts = [d.verdict for d in merged.values()]
    print(f"{lang}: {len(merged)} words, {verdicts.count('innocent')} innocent, "
          f"{verdicts.count('offensive')} offensive")
    for before, after in (("innocent", "offensive"), ("offensive", "innocent")):
        flipped = [w for w, d in merged.items()
                   if proposals[w].verdict == before and d.verdict == after]
        print(f"  {before} -> {after}: {len(flipped)}: {' '.join(flipped)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    parser.add_argument("--stats", action="store_true", help="print counts and overturns")
    args = parser.parse_args(argv)
    keys = entry_keys()
    try:
        results = {}
        for lang in LANGS:
            merged, proposals = merge(lang, keys)
            results[lang] = merged
            if args.stats:
                print_stats(lang, merged, proposals)
        check_agreement(results)
    except ReviewError as error:
        print(f"review incomplete: {error}", file=sys.stderr)
        return 1
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, merged in results.items():
        path = OUT / f"{lang}.tsv"
        text = render(lang, merged)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale, rerun the merge: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
