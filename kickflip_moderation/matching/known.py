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

from ..resources_data import DICTIONARY_LANGUAGES, load_dictionary
from .dictionaries import SortedWords, dictionary_languages

__all__ = [
    "EVERY_LANGUAGE", "common_languages", "common_word", "compound_piece", "contraction_tail",
    "is_known", "is_name", "load_known_words", "short_word", "short_word_languages",
]  # fmt: skip

#: The most frequent words of each dictionary: pieces a compound may be built from. Rarer
#: dictionary entries (``ise``, ``yr``) and names would split any string into "words".
COMMON_RANK = 20_000

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
def _compound_pieces() -> frozenset[str]:
    lines = (_DATA / "compound_pieces.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def compound_piece(word: str) -> bool:
    """A word of one or two letters that English compounds are built with (son-of-a-)."""
    return word in _compound_pieces()


@cache
def _names() -> SortedWords:
    text = gzip.decompress((_DATA / "names.txt.gz").read_bytes()).decode("utf-8")
    return SortedWords(text.split())


@cache
def _common() -> tuple[tuple[str, SortedWords], ...]:
    return tuple(
        (lang, SortedWords(load_dictionary(lang)[:COMMON_RANK])) for lang in DICTIONARY_LANGUAGES
    )


def load_known_words() -> None:
    """Load the names and common words now (about 0.5 s, once per process) rather than
    on first use."""
    with _LOCK:
        _names()
        _common()


#: Every shipped language: what a word of any language (a number) stands in.
EVERY_LANGUAGE: frozenset[str] = frozenset(DICTIONARY_LANGUAGES)


def common_word(word: str) -> bool:
    """One of the ``COMMON_RANK`` most frequent words of a shipped dictionary."""
    with _LOCK:
        common = _common()
    return any(word in words for _, words in common)  # no set built: compounds ask often


def common_languages(word: str) -> frozenset[str]:
    """The shipped languages in which ``word`` is one of the ``COMMON_RANK`` most frequent
    words."""
    with _LOCK:
        common = _common()
    return frozenset(lang for lang, words in common if word in words)


def is_name(word: str) -> bool:
    """Is ``word`` (folded letters) a given name, surname or place name we ship?"""
    with _LOCK:
        names = _names()
    return word in names


def short_word(word: str) -> bool:
    """A one- or two-letter word of its own (``it``, ``de``)."""
    return word in _short_words()[0]


_SECTIONS = {"# English": "en", "# French": "fr", "# Spanish": "es", "# German": "de"}


@cache
def _short_words_by_language() -> dict[str, frozenset[str]]:
    """``short_words.txt``'s language sections: word -> the languages it is a word in."""
    languages: dict[str, set[str]] = {}
    language = None
    for line in (_DATA / "short_words.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            language = _SECTIONS.get(line.strip())
            continue
        for word in line.split():
            if language is not None:
                languages.setdefault(word, set()).add(language)
    return {word: frozenset(langs) for word, langs in languages.items()}


def short_word_languages(word: str) -> frozenset[str]:
    """The languages in which a one- or two-letter ``word`` is a word (``sa``: fr)."""
    return _short_words_by_language().get(word, frozenset())


def contraction_tail(word: str) -> bool:
    """What follows the apostrophe of a contraction (``ll`` of he'll, ``re`` of who're)."""
    return word in _short_words()[1]


def is_known(word: str) -> bool:
    """A word of its own: a dictionary word, a name, or a short word."""
    if len(word) <= 2:
        return short_word(word)
    return bool(dictionary_languages(word)) or is_name(word)
