"""The reviewed innocence data: well-formed, in sync with the word lists, and as reviewed.

Data-driven: every ``*.tsv`` under ``matching/data/verdicts/`` is checked, whichever
language files exist.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

import ahocorasick
import pytest

import kickflip_moderation
from kickflip_moderation.matching.normalization import entry_key
from kickflip_moderation.resources_data import DICTIONARY_LANGUAGES, load_dictionary

PACKAGE = Path(kickflip_moderation.__file__).resolve().parent
DATA = PACKAGE / "matching" / "data"
VERDICT_FILES = sorted((DATA / "verdicts").glob("*.tsv"))
NAMES = DATA / "names.txt.gz"
ROOT = PACKAGE.parent
REVIEWS = ROOT / "tools" / "verdict_reviews"
LDNOOBW = ROOT.parent / "shared" / "data" / "ldnoobw"
LANGS = ("en", "fr", "es", "de")
MIN_ENTRY = 3  # as tools/propose_verdicts.py: two-letter keys are not judged inside words


def read_verdicts(path: Path) -> list[list[str]]:
    """Data rows; header comments are allowed only before the first row."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            assert not rows, f"{path.name}: comment after the data: {line!r}"
            continue
        rows.append(line.split("\t"))
    return rows


def read_names() -> list[str]:
    with gzip.open(NAMES, "rt", encoding="ascii") as handle:
        return handle.read().splitlines()


def list_entries(paths: list[Path]) -> set[str]:
    keys = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and len(key := entry_key(line)) >= MIN_ENTRY:
                keys.add(key)
    return keys


@cache
def held_entries() -> ahocorasick.Automaton:
    """An automaton over the shipped lists and LDNOOBW (all four languages)."""
    paths = [ROOT / "wordlists" / f"{lang}.txt" for lang in LANGS]
    paths += [LDNOOBW / lang for lang in LANGS]
    automaton = ahocorasick.Automaton()
    for key in list_entries(paths):
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def verdicts(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in read_verdicts(DATA / "verdicts" / f"{name}.tsv")}


def test_the_reviewed_files_are_there():
    assert {"en.tsv", "names.tsv"} <= {path.name for path in VERDICT_FILES}


@pytest.mark.parametrize("path", VERDICT_FILES, ids=lambda path: path.name)
def test_verdict_file_is_well_formed(path):
    rows = read_verdicts(path)
    assert rows
    for row in rows:
        assert len(row) == 3, row
        word, verdict, reason = row
        assert verdict in {"innocent", "offensive"}, row
        assert word == entry_key(word) and word.isascii() and word.isalpha(), row
        assert reason.strip() == reason and reason, row
    words = [row[0] for row in rows]
    assert words == sorted(set(words)), "sorted and unique"


@pytest.mark.skipif(not LDNOOBW.is_dir(), reason="needs ../shared/data/ldnoobw beside the repo")
@pytest.mark.parametrize("path", VERDICT_FILES, ids=lambda path: path.name)
def test_every_reviewed_word_holds_an_entry_of_the_lists(path):
    """A word that holds no entry any more (a list lost it) must leave the review."""
    automaton = held_entries()
    stale = [
        word
        for word, _, _ in read_verdicts(path)
        if not any(key != word for _, key in automaton.iter(word))
    ]
    assert stale == []


def source_words(path: Path) -> list[str]:
    """The words a verdict file reviews: its dictionary, or the names data."""
    if path.stem == "names":
        return read_names()
    assert path.stem in DICTIONARY_LANGUAGES, f"{path.name}: no source for this file"
    return [entry_key(word) for word in load_dictionary(path.stem)]


@pytest.mark.skipif(not LDNOOBW.is_dir(), reason="needs ../shared/data/ldnoobw beside the repo")
@pytest.mark.parametrize("path", VERDICT_FILES, ids=lambda path: path.name)
def test_every_source_word_holding_an_entry_is_reviewed(path):
    """Completeness: no dictionary word or name that holds an entry lacks a verdict."""
    automaton = held_entries()
    holding = {
        word
        for word in source_words(path)
        if word.isalpha() and any(key != word for _, key in automaton.iter(word))
    }
    reviewed = {row[0] for row in read_verdicts(path)}
    assert sorted(holding - reviewed) == []


@pytest.mark.parametrize(
    "path",
    [path for path in VERDICT_FILES if (REVIEWS / f"{path.stem}.overrides.tsv").exists()],
    ids=lambda path: path.name,
)
def test_the_shipped_verdicts_agree_with_the_review_record(path):
    shipped = {row[0]: (row[1], row[2]) for row in read_verdicts(path)}
    record = REVIEWS / f"{path.stem}.overrides.tsv"
    for line in record.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, verdict, reason = line.split("\t")
            assert shipped.get(word) == (verdict, reason), line


def test_names_are_folded_letters_sorted_and_unique():
    names = read_names()
    assert len(names) > 100_000
    assert names == sorted(set(names))
    bad = [name for name in names if not (name.isascii() and name.isalpha() and name.islower())]
    assert bad == []
    assert min(map(len, names)) >= 3


def test_names_hold_the_names_of_issue_14_from_their_sources():
    # Cassidy, Babcock, Vassallo: US census surnames; Sexton, Hitchcock: Faker en and the
    # census; Titov: Faker et_EE; Cumbria, Scunthorpe: GeoNames; Dickens: Faker en.
    names = set(read_names())
    known = {"cassidy", "babcock", "sexton", "titov", "cumbria", "hitchcock", "vassallo"}
    assert known | {"scunthorpe", "dickens"} <= names


def test_names_leave_out_the_entries_of_the_shipped_lists():
    """``Dick``, ``Shīt`` (a village) are real names, but the word is judged as the entry."""
    shipped = list_entries(sorted((ROOT / "wordlists").glob("??.txt")))
    assert {"fuck", "shit", "dick"} <= shipped
    assert shipped & set(read_names()) == set()


def test_names_verdicts_keep_real_names_innocent():
    names_verdicts = verdicts("names")
    for name in ("cassidy", "babcock", "sexton", "hitchcock", "cumbria", "vassallo", "dickens"):
        assert names_verdicts.get(name) == "innocent", name
    assert set(names_verdicts) <= set(read_names())


@pytest.mark.parametrize(
    ("word", "verdict"),
    [
        ("butter", "innocent"),
        ("buttercup", "innocent"),
        ("class", "innocent"),
        ("scunthorpe", "innocent"),
        ("cocktail", "innocent"),
        ("peacock", "innocent"),
        ("dickens", "innocent"),
        ("cumulative", "innocent"),
        ("title", "innocent"),
        ("essex", "innocent"),
        ("analysis", "innocent"),
        ("therapist", "innocent"),
        ("grapefruit", "innocent"),
        ("assassin", "innocent"),
        ("bullshit", "offensive"),
        ("fucking", "offensive"),
        ("fucker", "offensive"),
        ("shitty", "offensive"),
        ("bitches", "offensive"),
        ("wankers", "offensive"),
        ("pornographic", "offensive"),
        ("orgasmic", "offensive"),
        ("dumbass", "offensive"),
        ("asshole", "offensive"),
        ("motherfucker", "offensive"),
        ("shithead", "offensive"),
        ("jackass", "offensive"),
        ("dickhead", "offensive"),
        ("horseshit", "offensive"),
        ("pornstar", "offensive"),
        ("cocksucker", "offensive"),
        ("clusterfuck", "offensive"),
        ("fuckup", "offensive"),
        ("shitshow", "offensive"),
    ],
)
def test_english_verdicts_named_in_issue_14(word, verdict):
    assert verdicts("en")[word] == verdict


def test_english_file_reviews_both_ways():
    counts = {"innocent": 0, "offensive": 0}
    for verdict in verdicts("en").values():
        counts[verdict] += 1
    assert counts["innocent"] > 1000 and counts["offensive"] > 100
