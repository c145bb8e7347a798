"""Propose verdicts for the words that hold an entry, for a reader to review.

Usage: python tools/propose_verdicts.py [--names FILE] OUTDIR

For every word of the shipped dictionaries (en, fr, es, de), and of the names file when
given, whose letters hold the letters of an entry of the shipped lists (wordlists/??.txt)
or of the LDNOOBW lists (../shared/data/ldnoobw/??), writes one line to
``OUTDIR/<source>.tsv``:  word <TAB> proposed verdict <TAB> entries held <TAB> reason.

The proposal is ``innocence.classify`` over every occurrence (inflections, offensive heads
and tails, reviewed overrides): a guess. The reviewed files under
``kickflip_moderation/matching/data/verdicts/`` are what the matcher reads; this tool only
drafts them. Build-only: not shipped in the wheel.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from kickflip_moderation.matching.innocence import classify
from kickflip_moderation.matching.normalization import entry_key
from kickflip_moderation.resources_data import load_dictionary

ROOT = Path(__file__).resolve().parent.parent
LDNOOBW = ROOT.parent / "shared" / "data" / "ldnoobw"
LANGS = ("en", "fr", "es", "de")
MIN_ENTRY = 3  # shorter keys (two letters) hold too little to mean anything inside a word


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int


def entry_keys() -> set[str]:
    files = [ROOT / "wordlists" / f"{lang}.txt" for lang in LANGS]
    files += [LDNOOBW / lang for lang in LANGS if (LDNOOBW / lang).exists()]
    keys: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key = entry_key(line)
                if len(key) >= MIN_ENTRY:
                    keys.add(key)
    return keys


def propose(words: list[str], lang: str | None, keys: set[str]) -> list[str]:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    lines = []
    for word in sorted(set(words)):
        folded = entry_key(word)
        if not folded or not folded.isalpha():
            continue
        held = sorted({key for _, key in automaton.iter(folded) if key != folded})
        if not held:
            continue
        occurrences = [
            _Occurrence(end + 1 - len(key), end + 1)
            for end, key in automaton.iter(folded)
            if key != folded
        ]
        verdict = classify(folded, occurrences, lang, keys)
        reason = "proposed: inflection or compound" if verdict == "offensive" else "proposed"
        lines.append(f"{folded}\t{verdict}\t{','.join(held)}\t{reason}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--names", type=Path, help="a names file, one name per line (.gz ok)")
    args = parser.parse_args(argv)
    keys = entry_keys()
    args.outdir.mkdir(parents=True, exist_ok=True)
    sources: list[tuple[str, list[str], str | None]] = [
        (lang, list(load_dictionary(lang)), lang) for lang in LANGS
    ]
    if args.names:
        opener = gzip.open if args.names.suffix == ".gz" else open
        with opener(args.names, "rt", encoding="utf-8") as handle:
            sources.append(("names", [line.strip() for line in handle if line.strip()], None))
    for name, words, lang in sources:
        lines = propose(words, lang, keys)
        (args.outdir / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} words hold an entry", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
