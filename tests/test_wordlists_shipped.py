"""The shipped default lists and built-in allowlists (wordlists/*.txt) are sound."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kickflip_moderation.lint import lint_entries
from kickflip_moderation.matching.defaults import LANGUAGES, builtin_allowlist, default_words
from kickflip_moderation.matching.matcher import Matcher
from kickflip_moderation.matching.normalization import entry_key
from kickflip_moderation.resources_data import wordlists_dir
from kickflip_moderation.wordlist import read_entries, read_wordlist

ALL = tuple(LANGUAGES)

DEMO_WORDS = {
    "en": "fuck shit bitch cunt asshole dick whore slut bastard motherfucker bullshit".split(),
    "fr": "merde putain connard salope".split(),
    "es": "puta mierda".split(),
    "de": "scheisse arschloch".split(),
}

NAMES_AND_PLACES = """
    Dickens Dickson Dickinson Hancock Babcock Hitchcock Peacock Alcock Cassandra Cockburn
    Glasscock Woodcock Wilcox Shitaye Scunthorpe Penistone Sussex Essex Middlesex Clitheroe
    Cockermouth Lightwater Arsenal Matsushita
""".split()

CLEAN_TEXTS = [
    "Happy birthday Jessica",
    "Class of 2025",
    "Je t'aime maman",
    "Feliz cumpleaños",
    "Alles Gute",
    "Team Dickens",
    "Scunthorpe United",
    "142,460",
    "#23",
    "Summa Cum Laude",
    "Maine Coon",
    "Joyeux anniversaire en retard",
    "Te quiero con todo mi corazón",
    "Bitte lächeln",
    "Mille baisers",
    "Ma salopette préférée",
    "Spice Girls",
    "Cocktail party",
    "Therapist of the year",
    "grapes and cumin",
]


@pytest.fixture(scope="module")
def lists() -> dict[str, list[str]]:
    return {lang: read_wordlist(wordlists_dir() / f"{lang}.txt") for lang in ALL}


@pytest.fixture(scope="module")
def allow_lists() -> dict[str, list[str]]:
    return {lang: read_wordlist(wordlists_dir() / f"allow-{lang}.txt") for lang in ALL}


@pytest.fixture(scope="module")
def default() -> Matcher:
    return Matcher.default(ALL)


@pytest.fixture(scope="module")
def without_allow() -> Matcher:
    return Matcher(default_words(ALL), builtin_allow=False, dictionary_allow=False)


@pytest.mark.parametrize("lang", ALL)
def test_default_list_loads_and_builds(lists: dict[str, list[str]], lang: str) -> None:
    entries = lists[lang]
    assert len(entries) > 20
    assert len(set(entries)) == len(entries), "duplicate entries"
    assert all(entry_key(e) for e in entries), "an entry normalizes to nothing"
    Matcher(entries, builtin_allow=False)
    assert default_words(lang) == entries


@pytest.mark.parametrize("lang", ALL)
def test_allowlist_loads_and_builds(allow_lists: dict[str, list[str]], lang: str) -> None:
    entries = allow_lists[lang]  # may be empty: reviewed verdicts decide dictionary words
    assert len(set(entries)) == len(entries)
    assert any(allow_lists.values())
    Matcher([], allow=entries, builtin_allow=False)


def test_builtin_allowlist_is_all_four_files(allow_lists: dict[str, list[str]]) -> None:
    assert set(builtin_allowlist()) == {a for lang in ALL for a in allow_lists[lang]}


@pytest.mark.parametrize("lang", ALL)
def test_demo_words_are_in_the_lists(lists: dict[str, list[str]], lang: str) -> None:
    keys = {entry_key(e) for e in lists[lang]}
    assert [w for w in DEMO_WORDS[lang] if entry_key(w) not in keys] == []


def test_every_default_entry_is_flagged(default: Matcher, lists: dict[str, list[str]]) -> None:
    missed = [e for lang in ALL for e in lists[lang] if not default.find(e)]
    assert missed == []


#: Reviewed phrases for an entry brands list that the default lists do not hold
#: (tools/build_allowlists.py PHRASES): Santa's laugh, for a brand that bans "ho".
FOR_BRAND_LISTS = {"ho ho ho"}


def test_every_allow_entry_is_needed(without_allow: Matcher) -> None:
    # an allow entry suppresses itself, so check it against the lists with no allowlist
    useless = [a for a in builtin_allowlist() if not without_allow.find(a)]
    assert useless == sorted(FOR_BRAND_LISTS & set(builtin_allowlist()))
    assert all(Matcher(["ho"], builtin_allow=False).find(a) for a in FOR_BRAND_LISTS)


def test_no_allow_entry_is_a_default_entry(lists: dict[str, list[str]]) -> None:
    keys = {entry_key(e) for lang in ALL for e in lists[lang]}
    assert [a for a in builtin_allowlist() if entry_key(a) in keys] == []


@pytest.mark.parametrize("name", NAMES_AND_PLACES)
def test_names_and_places_are_clean(default: Matcher, name: str) -> None:
    assert default.find(name) == []
    assert default.find(name.upper()) == []


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_customization_texts_are_clean(default: Matcher, text: str) -> None:
    assert default.find(text) == []


@pytest.mark.parametrize(
    "text",
    ["fucking hell", "bullshit", "dumbass", "Assholes", "You retard", "dickhead",
     "fils de pute", "enculé", "hijo de puta", "cabrón", "Hurensohn", "Scheiße",
     "Fick dich", "spices and cocksucker"],
)  # fmt: skip
def test_offensive_texts_are_flagged(default: Matcher, text: str) -> None:
    assert default.find(text)


@pytest.mark.slow  # a whole-dictionary scan each
@pytest.mark.parametrize("lang", ALL)
def test_default_list_lints_clean_in_its_language(lang: str) -> None:
    """Issue 6: no duplicate/near-duplicate entry, and no innocent word of the list's own
    dictionary left flagged (lint and build_allowlists.py share innocence.classify)."""
    report = lint_entries(read_entries(wordlists_dir() / f"{lang}.txt"), langs=(lang,))
    assert [(p.kind, p.entry, p.message) for p in report.problems] == []


@pytest.mark.slow
def test_allowlists_are_up_to_date() -> None:
    script = Path(__file__).resolve().parent.parent / "tools" / "build_allowlists.py"
    if not script.exists():
        pytest.skip("tools/build_allowlists.py is not in this checkout")
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_attribution() -> None:
    readme = (wordlists_dir() / "README.md").read_text(encoding="utf-8")
    assert "List of Dirty, Naughty, Obscene, and Otherwise Bad Words" in readme
    assert "Shutterstock" in readme
    assert "creativecommons.org/licenses/by/4.0" in readme
    assert "5faf2ba42d7b1c0977169ec3611df25a3c08eb13" in readme
