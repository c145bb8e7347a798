"""How many of Unicode's look-alikes of Latin letters the matcher folds to that letter.

Usage: python tools/homoglyph_coverage.py

Counts every single character that ``tools/unicode/confusables.txt`` says looks like one
Latin letter (Unicode's own prototypes, without this project's reviewed changes), and
whether ``normalization.fold_char`` folds it to that letter (``i`` and ``l`` count as one:
Unicode does not tell them apart). Letters are counted apart from digits and symbols,
which the table leaves to unidecode and leetspeak on purpose. Run it against another
checkout (``PYTHONPATH=that/checkout``) to compare before and after. Build-only.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_homoglyphs import letter_of_prototype, parse_confusables, read_pinned_source  # noqa: E402

from kickflip_moderation.matching.normalization import fold_char  # noqa: E402


def main() -> int:
    seen: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for entry in parse_confusables(read_pinned_source()):
        letter = letter_of_prototype(entry.prototype, entry.prototype_name, entry.source)
        if letter is None or entry.source.isascii():
            continue
        kind = "letters" if unicodedata.category(entry.source)[0] in "LC" else "other"
        folded = fold_char(entry.source)
        ok = folded == letter or (letter in "il" and folded in ("i", "l"))
        for group in (kind, "all"):
            seen[group] += 1
            caught[group] += ok
    for group in ("letters", "other", "all"):
        share = caught[group] / seen[group] if seen[group] else 0.0
        print(f"{group:8} {caught[group]:5} / {seen[group]:5}  {share:7.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
