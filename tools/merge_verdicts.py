"""Merge a reviewer's overrides over ``propose_verdicts.py``'s proposals into a verdict file.

Usage: python tools/merge_verdicts.py PROPOSAL OVERRIDES OUTPUT --source TEXT [--date D]

Why: the proposal is a guess by the old innocence rule; a reader goes through every line
and writes only the decisions that differ (or that need a better reason) to an overrides
file under ``tools/verdict_reviews/``, the review record. This script applies them, so
the shipped file can be rebuilt when the proposal changes (new dictionary, new list),
and it refuses an override for a word that is not proposed: such a word holds no entry
any more and must leave the review too.

PROPOSAL lines: word, verdict, entries held (comma-separated), reason.
OVERRIDES lines: word, verdict, reason (``#`` comments allowed).
OUTPUT: header comments, then ``word<TAB>verdict<TAB>reason`` sorted by word.

Rebuilding the English and names files (after a list, dictionary or names change):

    python tools/build_names.py
    python tools/propose_verdicts.py --names kickflip_moderation/matching/data/names.txt.gz /tmp/p
    python tools/merge_verdicts.py /tmp/p/en.tsv tools/verdict_reviews/en.overrides.tsv \
        kickflip_moderation/matching/data/verdicts/en.tsv \
        --source "the English dictionary kickflip_moderation/data/dictionary-en.txt.gz"
    python tools/merge_verdicts.py /tmp/p/names.tsv tools/verdict_reviews/names.overrides.tsv \
        kickflip_moderation/matching/data/verdicts/names.tsv --source "given names, surnames \
        and place names of kickflip_moderation/matching/data/names.txt.gz (names.SOURCES)"

then read the new lines (``git diff``) and add decisions to the overrides.
tests/test_verdict_data.py fails while a word holding an entry has no verdict.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

VERDICTS = ("innocent", "offensive")


def read_tsv(path: Path, fields: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != fields or row[1] not in VERDICTS:
            raise SystemExit(f"{path}:{number}: expected {fields} fields and a verdict: {line!r}")
        rows.append(row)
    return rows


def default_reason(verdict: str, held: str) -> str:
    entries = held.replace(",", ", ")
    return f"holds {entries} by accident" if verdict == "innocent" else f"built on {entries}"


def merge(
    proposal: list[list[str]], overrides: list[list[str]]
) -> tuple[list[tuple[str, str, str]], int, int]:
    """The merged rows and how many proposals the overrides turned each way."""
    proposed = {word: (verdict, held) for word, verdict, held, _ in proposal}
    decided = {word: (verdict, reason) for word, verdict, reason in overrides}
    unknown = sorted(set(decided) - set(proposed))
    if unknown:
        raise SystemExit(f"overrides for words that hold no entry: {', '.join(unknown)}")
    rows = []
    to_innocent = to_offensive = 0
    for word in sorted(proposed):
        verdict, held = proposed[word]
        if word in decided:
            new_verdict, reason = decided[word]
            to_innocent += verdict == "offensive" and new_verdict == "innocent"
            to_offensive += verdict == "innocent" and new_verdict == "offensive"
            verdict = new_verdict
        else:
            reason = default_reason(verdict, held)
        rows.append((word, verdict, reason))
    return rows, to_innocent, to_offensive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("proposal", type=Path)
    parser.add_argument("overrides", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--source", required=True, help="where the words come from")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    args = parser.parse_args(argv)
    rows, to_innocent, to_offensive = merge(read_tsv(args.proposal, 4), read_tsv(args.overrides, 3))
    offensive = sum(verdict == "offensive" for _, verdict, _ in rows)
    header = [
        f"# Reviewed verdicts: {args.source}.",
        "# Every word here holds an entry of the shipped lists (wordlists/) or of LDNOOBW",
        "# (en, fr, es, de). Format: word<TAB>verdict<TAB>reason; word folded with",
        "# normalization.entry_key; verdict innocent (the entry sits there by accident) or",
        "# offensive (inflection, derivation or compound of the entry, or itself obscene).",
        "# Drafted by tools/propose_verdicts.py, every line read by a reviewer; decisions in",
        f"# {args.overrides.as_posix()}, merged by tools/merge_verdicts.py on {args.date}.",
        f"# {len(rows)} words: {len(rows) - offensive} innocent, {offensive} offensive.",
    ]
    lines = header + ["\t".join(row) for row in rows]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{args.output}: {len(rows)} words, {offensive} offensive; overturned "
        f"{to_innocent} offensive->innocent, {to_offensive} innocent->offensive",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
