"""Find the data files that ship with the package: dictionaries and the default word lists.

In a wheel, ``wordlists/`` is installed as ``kickflip_moderation/wordlists/`` (hatch
force-include); in a source checkout or editable install it is the repository's top-level
``wordlists/``. Both are looked up, so the same code works from either.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from .constants import LANGUAGES

__all__ = ["DICTIONARY_LANGUAGES", "load_dictionary", "wordlists_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent
DICTIONARY_LANGUAGES = LANGUAGES  # a dictionary for every shipped language


def wordlists_dir() -> Path:
    """The directory holding the shipped word lists and allowlists."""
    for candidate in (_PACKAGE_DIR / "wordlists", _PACKAGE_DIR.parent / "wordlists"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the shipped wordlists/ directory is missing from this installation")


@cache
def load_dictionary(lang: str = "en") -> tuple[str, ...]:
    """The most frequent words of ``lang`` (lower-cased), for linting and allowlist building."""
    if lang not in DICTIONARY_LANGUAGES:
        raise ValueError(f"no dictionary for {lang!r}; have {', '.join(DICTIONARY_LANGUAGES)}")
    path = _PACKAGE_DIR / "data" / f"dictionary-{lang}.txt.gz"
    return tuple(gzip.decompress(path.read_bytes()).decode("utf-8").split())
