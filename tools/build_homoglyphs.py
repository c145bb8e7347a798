"""Build the homoglyph table the matcher folds with, from Unicode's confusables data.

Usage: python tools/build_homoglyphs.py [--check]

Reads the pinned copy ``tools/unicode/confusables.txt`` (UTS #39; its SHA-256 must match
``tools/unicode/confusables.txt.sha256``) and the reviewed additions
``tools/unicode/homoglyphs-reviewed.tsv``, and writes
``kickflip_moderation/data/homoglyphs.tsv``: code point, the ASCII letter it reads as, where
the pair comes from, the character's name. ``--check`` writes nothing and exits 1 when the
committed table differs from a fresh build (the tests run the same comparison).

Why a generated table: the hand-written one had errors (Greek capital Nu folded to "v",
capital Upsilon to "u") and missed about a quarter of the letter look-alikes. Unicode's
list is reviewed by people whose job this is; this script only narrows it to our use:

- a source is one non-ASCII code point that compatibility normalization leaves alone
  (``NFKD(c) == c``): the matcher decomposes everything else and folds the parts, so
  fullwidth, mathematical and accented letters need no entry. The one exception is a
  letter whose decomposition folds to ANOTHER letter than Unicode's (lunate sigma ``ϲ``
  decomposes to final sigma, which reads "s"): NFKC does not fold that one right;
- only letters: the matcher drops invisible characters and combining marks, and reads
  digits and symbols through unidecode and its leetspeak and separator steps;
- the prototype (what Unicode says the character looks like), without its combining
  marks, must read as ONE Latin letter: an ASCII letter, ``rn`` (Unicode's prototype of
  ``m``), or a decorated Latin letter whose name says which ("LATIN LETTER SMALL CAPITAL
  H", "LATIN SMALL LETTER V WITH HOOK"). Unicode gives ``l`` as the prototype of both
  ``l`` and ``I``; an upper-case source reads as ``i``, any other as ``l``.
- decorated Latin prototypes (small capitals) are look-alikes themselves and get an entry;
- the reviewed file adds what Unicode maps elsewhere but a reader of a product still
  sees as a letter (Cyrillic ``м`` as ``m``), and wins over Unicode for the same key.

Digits and multi-letter prototypes are left out: a digit would meet the leetspeak step
with a different meaning, and unidecode already spells the ligature-like letters out.
Build-only: not shipped in the wheel.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "unicode" / "confusables.txt"
SOURCE_SHA256 = ROOT / "tools" / "unicode" / "confusables.txt.sha256"
REVIEWED = ROOT / "tools" / "unicode" / "homoglyphs-reviewed.tsv"
TARGET = ROOT / "kickflip_moderation" / "data" / "homoglyphs.tsv"

_DECORATED_LATIN = re.compile(
    r"LATIN (?:SMALL |CAPITAL )?LETTER (?:SMALL CAPITAL )?([A-Z])(?: WITH [A-Z ]+)?"
)


@dataclass(frozen=True)
class Confusable:
    """One line of confusables.txt: a source character and the prototype it looks like."""

    source: str
    prototype: str
    source_name: str
    prototype_name: str


def read_pinned_source(path: Path = SOURCE, sha_path: Path = SOURCE_SHA256) -> str:
    """The confusables text, refused unless it is byte for byte the pinned copy."""
    data = path.read_bytes()
    expected = sha_path.read_text(encoding="ascii").split()[0]
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise SystemExit(f"{path}: SHA-256 {actual} is not the pinned {expected}")
    return data.decode("utf-8-sig")


def parse_confusables(text: str) -> list[Confusable]:
    """The single-code-point entries, with the names from each line's comment."""
    entries: list[Confusable] = []
    for line in text.splitlines():
        data, _, comment = line.partition("#")
        if not data.strip():
            continue
        fields = [field.strip() for field in data.split(";")]
        source_points = fields[0].split()
        if len(source_points) != 1:
            continue
        # "( с → c ) CYRILLIC SMALL LETTER ES → LATIN SMALL LETTER C\t# →ϲ→": names never
        # hold a parenthesis or a "#", the characters shown before them may.
        names = comment.rsplit(")", 1)[-1].split("#")[0].strip().split(" → ")
        entries.append(Confusable(
            source=chr(int(source_points[0], 16)),
            prototype="".join(chr(int(p, 16)) for p in fields[1].split()),
            source_name=names[0].strip(),
            prototype_name=names[-1].strip() if len(names) > 1 else "",
        ))
    return entries


def is_letter(ch: str) -> bool:
    """A non-ASCII letter, or a code point this Python does not know yet. Digits, symbols
    and punctuation keep their unidecode reading ("│" -> "|", "٥" -> "5"), which the
    leetspeak and separator steps already read."""
    category = unicodedata.category(ch)
    return not ch.isascii() and (category.startswith("L") or category == "Cn")


def is_candidate_source(ch: str) -> bool:
    """A letter that NFKD leaves alone: nothing but this table can fold it."""
    return is_letter(ch) and unicodedata.normalize("NFKD", ch) == ch


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def letter_of_prototype(prototype: str, prototype_name: str, source: str) -> str | None:
    """The lower-case ASCII letter a prototype reads as, or None (digit, symbol, several)."""
    bare = _strip_marks(prototype)
    if bare == "rn":
        return "m"
    if len(bare) != 1:
        return None
    if bare.isascii():
        if bare in "lI":  # Unicode's prototype of both "l" and "I"
            return "i" if source.isupper() else "l"
        return bare.lower() if bare.isalpha() else None
    match = _DECORATED_LATIN.fullmatch(prototype_name) if len(prototype) == 1 else None
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Row:
    """One line of the generated table."""

    char: str
    letter: str
    origin: str  # "confusables", "prototype" or "reviewed"
    name: str

    def line(self) -> str:
        return f"{ord(self.char):04X}\t{self.letter}\t{self.origin}\t{self.name}"


#: The letter of a reviewed line that removes Unicode's pair (unidecode reads the character).
NO_ENTRY = "-"


def read_reviewed(path: Path = REVIEWED) -> list[Row]:
    """The reviewed lines: ``code point <TAB> letter or - <TAB> name <TAB> why``."""
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        point, letter, name, _why = line.split("\t")
        char = chr(int(point, 16))
        if letter != NO_ENTRY and not (len(letter) == 1 and "a" <= letter <= "z"):
            raise SystemExit(f"{path}:{number}: {letter!r} is neither one a-z letter nor -")
        if not is_letter(char):
            raise SystemExit(f"{path}:{number}: U+{point} is not a non-ASCII letter")
        rows.append(Row(char, letter, "reviewed", name))
    return rows


def _fold_without_entry(ch: str, table: dict[str, Row]) -> str | None:
    """What the matcher makes of a decomposable ``ch`` with no entry of its own: its
    decomposition without marks, read through the table, else as ASCII or by unidecode.
    None when that is the table's or ASCII's reading, which the table must not override."""
    base = _strip_marks(unicodedata.normalize("NFKD", ch))
    if len(base) != 1 or base.isascii() or base in table:
        return None
    return unidecode(base).lower()


def build_rows(text: str, reviewed: list[Row]) -> list[Row]:
    """The table, sorted by code point.

    First Unicode's pairs for letters NFKD leaves alone, and their prototypes, then the
    reviewed lines; last the letters NFKD decomposes into something that folds to another
    letter than Unicode's (Greek lunate sigma ``ϲ`` decomposes to final sigma, read "s").
    """
    reviewed_letter = {row.char: row.letter for row in reviewed if row.letter != NO_ENTRY}
    table: dict[str, Row] = {}
    decomposable: list[Row] = []
    for entry in parse_confusables(text):
        letter = reviewed_letter.get(entry.prototype) or letter_of_prototype(
            entry.prototype, entry.prototype_name, entry.source
        )
        if letter is None:
            continue
        if is_candidate_source(entry.source):
            table[entry.source] = Row(entry.source, letter, "confusables", entry.source_name)
        elif is_letter(entry.source):
            decomposable.append(Row(entry.source, letter, "confusables", entry.source_name))
        proto = entry.prototype
        if len(proto) == 1 and is_candidate_source(proto) and proto not in table:
            table[proto] = Row(proto, letter, "prototype", entry.prototype_name)
    removed = {row.char for row in reviewed if row.letter == NO_ENTRY}
    for row in reviewed:
        if row.letter == NO_ENTRY:
            table.pop(row.char, None)
        else:
            table[row.char] = row
    for row in decomposable:
        folded = _fold_without_entry(row.char, table)
        if folded is not None and folded != row.letter and row.char not in removed:
            table.setdefault(row.char, row)
    return sorted(table.values(), key=lambda row: ord(row.char))


def render(rows: list[Row], text: str) -> str:
    """The data file: a header saying where it comes from, then one row per line."""
    version = re.search(r"^# Version: (\S+)", text, re.MULTILINE)
    digest = SOURCE_SHA256.read_text(encoding="ascii").split()[0]
    header = [
        "# Homoglyphs: characters that look like a Latin letter, and that letter.",
        "# GENERATED by tools/build_homoglyphs.py: do not edit; edit",
        "# tools/unicode/homoglyphs-reviewed.tsv and re-run the script.",
        f"# Derived from Unicode confusables.txt {version.group(1) if version else '?'}"
        f" (UTS #39, file SHA-256 {digest}),",
        "# Copyright (c) 1991-2026 Unicode, Inc., under the Unicode License v3",
        "# (LICENSE-Unicode-3.0.txt beside this file); narrowed and modified by this project.",
        f"# Keys: non-ASCII letters that NFKD (Unicode {unicodedata.unidata_version}) leaves alone"
        " or folds to another letter.",
        "# code point\tletter\torigin\tname",
    ]
    return "\n".join(header + [row.line() for row in rows]) + "\n"


def build() -> str:
    """The table's text from the pinned source and the reviewed additions."""
    text = read_pinned_source()
    return render(build_rows(text, read_reviewed()), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    fresh = build()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == fresh
        print(f"{TARGET.relative_to(ROOT)} is {'up to date' if same else 'STALE'}")
        return 0 if same else 1
    TARGET.write_text(fresh, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {fresh.count(chr(10)) - 8} homoglyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
