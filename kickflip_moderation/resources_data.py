"""Find the data files that ship with the package: dictionaries and the default word lists.

Read through ``importlib.resources``, so they are found wherever the package's loader
keeps them. In a wheel, ``wordlists/`` is installed as ``kickflip_moderation/wordlists/``
(hatch sources); a source checkout or an editable install has it at the repository's top
level instead, beside the package, which is looked up second.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .constants import LANGUAGES

__all__ = [
    "DICTIONARY_LANGUAGES", "load_dictionary", "read_shipped_text", "shipped_wordlists",
    "wordlists_dir",
]

DICTIONARY_LANGUAGES = LANGUAGES  # a dictionary for every shipped language


def shipped_wordlists() -> Traversable:
    """The shipped word lists and allowlists, wherever this installation keeps them."""
    installed = files(__package__).joinpath("wordlists")
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "wordlists"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the shipped wordlists/ directory is missing from this installation")


def wordlists_dir() -> Path:
    """The shipped word lists as a directory on disk (for commands that list or copy them)."""
    folder = shipped_wordlists()
    if isinstance(folder, Path):
        return folder
    raise FileNotFoundError("the shipped word lists are not files on disk in this installation")


def read_shipped_text(name: str) -> str | None:
    """The text of ``wordlists/<name>``, or None when this installation lacks it."""
    resource = shipped_wordlists().joinpath(name)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


@cache
def load_dictionary(lang: str = "en") -> tuple[str, ...]:
    """The most frequent words of ``lang`` (lower-cased), for linting and allowlist building."""
    if lang not in DICTIONARY_LANGUAGES:
        raise ValueError(f"no dictionary for {lang!r}; have {', '.join(DICTIONARY_LANGUAGES)}")
    resource = files(__package__).joinpath("data", f"dictionary-{lang}.txt.gz")
    return tuple(gzip.decompress(resource.read_bytes()).decode("utf-8").split())
