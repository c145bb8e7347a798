"""The shipped lists: default banned words per language and the built-in allowlist.

Files live in ``wordlists/`` (see ``resources_data.wordlists_dir``): ``<lang>.txt`` holds a
language's default entries, ``allow-<lang>.txt`` the innocent words the matcher never
flags (how they are made is told in ``wordlists/README.md``). The allowlists of every
language apply together, because a brand's list mixes languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..resources_data import DICTIONARY_LANGUAGES, wordlists_dir

__all__ = ["LANGUAGES", "builtin_allowlist", "default_words"]

LANGUAGES = DICTIONARY_LANGUAGES


def _read(name: str) -> tuple[str, ...]:
    from ..wordlist import read_wordlist

    path = wordlists_dir() / name
    if not path.exists():
        return ()
    return tuple(read_wordlist(path))


def default_words(langs: str | Iterable[str] = ("en",)) -> list[str]:
    """The default entries of ``langs`` (one code or several), duplicates dropped."""
    codes = [langs] if isinstance(langs, str) else list(langs)
    out: dict[str, None] = {}
    for code in codes:
        if code not in LANGUAGES:
            raise ValueError(f"no default list for {code!r}; have {', '.join(LANGUAGES)}")
        out.update(dict.fromkeys(_read(f"{code}.txt")))
    return list(out)


@lru_cache(maxsize=1)
def builtin_allowlist() -> tuple[str, ...]:
    """Every shipped allowlist entry (all languages)."""
    out: dict[str, None] = {}
    for code in LANGUAGES:
        out.update(dict.fromkeys(_read(f"allow-{code}.txt")))
    return tuple(out)
