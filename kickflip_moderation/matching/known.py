"""Known words: what the judge may call a word of its own rather than an invention.

A word is *known* when it is in a shipped dictionary (en, fr, es, de: ``dictionaries``),
in the names data (given names, surnames and places: ``data/names.txt.gz``, see
``data/names.SOURCES``) or, for one or two letters, in ``data/short_words.txt``. Inside a
known word an entry is there by accident unless a reviewed verdict says otherwise
(``verdicts``); inside an unknown one it is almost always a compound or an invented
spelling. Data, loaded once per process on first use.
"""

from __future__ import annotations

import gzip
import threading
from functools import cache
from pathlib import Path

from .dictionaries import SortedWords, dictionary_languages

__all__ = ["contraction_tail", "is_known", "is_name", "load_known_words", "short_word"]

_DATA = Path(__file__).resolve().parent / "data"
_LOCK = threading.Lock()


@cache
def _short_words() -> tuple[frozenset[str], frozenset[str]]:
    words: set[str] = set()
    tails: set[str] = set()
    for line in (_DATA / "short_words.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for word in line.split():
            (tails if word.startswith("'") else words).add(word.lstrip("'"))
    return frozenset(words), frozenset(tails)


@cache
def _names() -> SortedWords:
    text = gzip.decompress((_DATA / "names.txt.gz").read_bytes()).decode("utf-8")
    return SortedWords(text.split())


def load_known_words() -> None:
    """Load the names now (about 0.3 s, once per process) rather than on first use."""
    with _LOCK:
        _names()


def is_name(word: str) -> bool:
    """Is ``word`` (folded letters) a given name, surname or place name we ship?"""
    with _LOCK:
        names = _names()
    return word in names


def short_word(word: str) -> bool:
    """A one- or two-letter word of its own (``it``, ``de``)."""
    return word in _short_words()[0]


def contraction_tail(word: str) -> bool:
    """What follows the apostrophe of a contraction (``ll`` of he'll, ``re`` of who're)."""
    return word in _short_words()[1]


def is_known(word: str) -> bool:
    """A word of its own: a dictionary word, a name, or a short word."""
    if len(word) <= 2:
        return short_word(word)
    return bool(dictionary_languages(word)) or is_name(word)
