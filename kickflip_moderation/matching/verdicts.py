"""Reviewed verdicts: is a word that holds an entry innocent or offensive? Data, not a rule.

``data/verdicts/<source>.tsv`` (en, fr, es, de dictionaries; names) hold, for every word
of the shipped dictionaries and of the names data that contains an entry of the shipped
lists or of LDNOOBW, a verdict a reader decided (``butter``: innocent, food;
``bullshit``: offensive, built on shit). No rule separates ``butter`` from ``wanker``;
these files do. ``tools/propose_verdicts.py`` drafts them and ``tools/verdict_reviews``
holds the review record.

The judge looks a word up here before any rule. A word in several files is innocent
only when every file says so (``cons`` is innocent in English, the plural of ``con`` in
French). ``lookup`` returns where the decision came from, so ``explain`` can cite it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal, NamedTuple

__all__ = ["DIRECTORY", "SPELLINGS", "Reviewed", "load_verdicts", "lookup", "lookup_spelling"]

DIRECTORY = Path(__file__).resolve().parent / "data" / "verdicts"
_LOCK = threading.Lock()


class Reviewed(NamedTuple):
    """A word's reviewed verdict, and the file line that decided it."""

    verdict: Literal["innocent", "offensive"]
    source: str  # e.g. "verdicts/en.tsv:123"
    reason: str

    @property
    def innocent(self) -> bool:
        return self.verdict == "innocent"


def _read(path: Path, source: str) -> Iterator[tuple[str, Reviewed]]:
    """The (word, verdict) lines of one reviewed file; ``source`` names it in each
    verdict (``verdicts/en.tsv``), with the line number."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            word, verdict, reason = line.rstrip("\n").split("\t", 2)
            if verdict not in ("innocent", "offensive"):
                raise ValueError(f"{path.name}:{number}: verdict {verdict!r}")
            yield word, Reviewed(verdict, f"{source}:{number}", reason)  # type: ignore[arg-type]


@cache
def _verdicts() -> dict[str, Reviewed]:
    found: dict[str, Reviewed] = {}
    for path in sorted(DIRECTORY.glob("*.tsv")):
        for word, reviewed in _read(path, f"verdicts/{path.name}"):
            known = found.get(word)
            if known is None or (known.innocent and not reviewed.innocent):
                found[word] = reviewed  # offensive anywhere: offensive
    return found


#: Reviewed verdicts for dictionary words that are a sound-alike spelling of an entry
#: (``fuq``: offensive; ``coq``: innocent), which no entry is inside.
SPELLINGS = DIRECTORY.parent / "sound_alike_verdicts.tsv"


@cache
def _spelling_verdicts() -> dict[str, Reviewed]:
    return dict(_read(SPELLINGS, SPELLINGS.name))


def load_verdicts() -> None:
    """Read the files now (about 20,000 lines, once per process), not on first use."""
    with _LOCK:
        _verdicts()
        _spelling_verdicts()


def lookup_spelling(word: str) -> Reviewed | None:
    """The reviewed verdict of a dictionary word that is a sound-alike spelling of an
    entry (``fuq``), or None."""
    with _LOCK:
        verdicts = _spelling_verdicts()
    return verdicts.get(word)


def lookup(word: str) -> Reviewed | None:
    """The reviewed verdict of ``word`` (folded letters, ``normalization.entry_key``),
    or None when no reader judged it."""
    with _LOCK:
        verdicts = _verdicts()
    return verdicts.get(word)
