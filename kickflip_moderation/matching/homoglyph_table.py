"""Read the homoglyph table: characters that look like a Latin letter, and that letter.

The table is data generated from Unicode's confusables list (UTS #39) by
``tools/build_homoglyphs.py`` and shipped as ``kickflip_moderation/data/homoglyphs.tsv``
(beside its Unicode licence), so the look-alikes are Unicode's reviewed judgement rather
than a list typed by hand. Read once, at import.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["load_homoglyphs"]

_TABLE = "homoglyphs.tsv"


def load_homoglyphs() -> dict[str, str]:
    """``{look-alike: lower-case ASCII letter}`` from the shipped table."""
    text = files("kickflip_moderation").joinpath("data", _TABLE).read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            point, letter = line.split("\t", 2)[:2]
            table[chr(int(point, 16))] = letter
    return table
