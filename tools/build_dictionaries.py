"""Regenerate kickflip_moderation/data/dictionary-*.txt.gz from the wordfreq package.

The dictionaries are what `words lint` and the built-in allowlist generator test entries
against (which innocent words would an entry flag?). They ship inside the package so
linting works offline with no extra install. Run with the `bench` extra installed:

    python tools/build_dictionaries.py

Word frequencies: wordfreq (https://github.com/rspeer/wordfreq), data CC BY-SA 4.0;
we keep only the most frequent alphabetic words of each language, lower-cased.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from wordfreq import top_n_list

SIZES = {"en": 150_000, "fr": 80_000, "es": 80_000, "de": 80_000}
OUT = Path(__file__).resolve().parent.parent / "kickflip_moderation" / "data"


def main() -> None:
    for lang, n in SIZES.items():
        words = []
        seen = set()
        for w in top_n_list(lang, n, wordlist="large"):
            w = w.strip().lower()
            if len(w) < 2 or not w.isalpha() or w in seen:
                continue
            seen.add(w)
            words.append(w)
        data = ("\n".join(words) + "\n").encode("utf-8")
        path = OUT / f"dictionary-{lang}.txt.gz"
        path.write_bytes(gzip.compress(data, mtime=0))
        print(f"{path.name}: {len(words)} words, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
