"""The reviewed fr/es/de verdicts are well-formed data that says what the reader decided.

The matcher looks these files up to tell an innocent word (concours, computadora, Butter)
from one that uses an entry (connards, pendejos, Arschloch): issue 14, STYLE §5.3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kickflip_moderation.matching.normalization import entry_key

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "kickflip_moderation" / "matching" / "data" / "verdicts"
REVIEWS = ROOT / "tools" / "verdict_reviews"
LDNOOBW = ROOT.parent / "shared" / "data" / "ldnoobw"
LANGS = ("fr", "es", "de")
LIST_LANGS = ("en", "fr", "es", "de")
MIN_ENTRY = 3


def rows(path: Path) -> list[list[str]]:
    """The data lines of a verdict file, split on tabs (comments only as a leading header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    header = len(lines) - len(body)
    assert header > 0, f"{path.name}: no header comment explaining the format"
    assert all(line.startswith("#") for line in lines[:header]), f"{path.name}: comment in body"
    return [line.split("\t") for line in body]


def entry_keys(files: list[Path]) -> set[str]:
    keys = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key = entry_key(line)
                if len(key) >= MIN_ENTRY:
                    keys.add(key)
    return keys


@pytest.fixture(scope="module", params=LANGS)
def verdict_rows(request: pytest.FixtureRequest) -> list[list[str]]:
    return rows(VERDICTS / f"{request.param}.tsv")


def test_each_line_is_word_verdict_reason(verdict_rows: list[list[str]]) -> None:
    assert verdict_rows
    for fields in verdict_rows:
        assert len(fields) == 3, fields
        word, verdict, reason = fields
        assert verdict in {"innocent", "offensive"}, fields
        assert word and word == entry_key(word), fields
        assert reason.strip() == reason and reason, fields


def test_words_are_sorted_and_unique(verdict_rows: list[list[str]]) -> None:
    words = [fields[0] for fields in verdict_rows]
    assert words == sorted(set(words))


def test_both_verdicts_occur_and_most_words_are_innocent(verdict_rows: list[list[str]]) -> None:
    verdicts = [fields[1] for fields in verdict_rows]
    assert 0 < verdicts.count("offensive") < verdicts.count("innocent")


def test_every_word_holds_a_shorter_entry_of_the_lists() -> None:
    keys = entry_keys([ROOT / "wordlists" / f"{lang}.txt" for lang in LIST_LANGS])
    unexplained = {
        lang: [w for w, _, _ in rows(VERDICTS / f"{lang}.tsv") if not holds(w, keys)]
        for lang in LANGS
    }
    if any(unexplained.values()):
        if not LDNOOBW.is_dir():
            pytest.skip("words held only by LDNOOBW entries, and ../shared/data/ldnoobw is absent")
        keys |= entry_keys([LDNOOBW / lang for lang in LIST_LANGS])
        for lang, words in unexplained.items():
            assert [w for w in words if not holds(w, keys)] == [], lang


def holds(word: str, keys: set[str]) -> bool:
    return any(
        word[start:end] in keys and word[start:end] != word
        for start in range(len(word))
        for end in range(start + MIN_ENTRY, len(word) + 1)
    )


def test_a_word_has_one_verdict_in_every_language() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for lang in LANGS:
        for word, verdict, _ in rows(VERDICTS / f"{lang}.tsv"):
            first = seen.setdefault(word, (lang, verdict))
            assert first[1] == verdict, (word, first, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_file_carries_every_reviewed_decision(lang: str) -> None:
    """The review record under tools/ and the data the matcher reads agree line for line."""
    shipped = {fields[0]: fields for fields in rows(VERDICTS / f"{lang}.tsv")}
    review = (REVIEWS / f"{lang}.overrides.tsv").read_text(encoding="utf-8").splitlines()
    decisions = [line.split("\t") for line in review if line and not line.startswith("#")]
    assert decisions
    for decision in decisions:
        assert shipped.get(decision[0]) == decision, decision


@pytest.mark.parametrize("lang", LANGS)
def test_every_offensive_verdict_has_a_reviewed_reason(lang: str) -> None:
    review = (REVIEWS / f"{lang}.overrides.tsv").read_text(encoding="utf-8")
    reviewed = {line.split("\t")[0] for line in review.splitlines() if "\t" in line}
    offensive = [w for w, verdict, _ in rows(VERDICTS / f"{lang}.tsv") if verdict == "offensive"]
    assert [w for w in offensive if w not in reviewed] == []


SPOT_CHECKS = {  # verdict -> language -> words the reviewer decided
    "innocent": {
        "fr": "concours conscience cultiver concombre computer assassin baisers butte retarder",
        "es": "computadora disputar reputacion bandera piso cacao compinches concacaf",
        "de": "klassische butter erdnussbutter bitten warschau schiesserei badische moses",
    },
    "offensive": {
        "fr": "connards conneries putains putes encules salopes emmerder engueuler merdeux",
        "es": "pendejos cabrones chingada putada culero putita maricones",
        "de": "arschloch arschlocher scheissegal klugscheisser verpissen fotzen wichser "
        "verarschen gefickt",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_spot_checks_of_reviewed_verdicts(lang: str) -> None:
    verdicts = {word: verdict for word, verdict, _ in rows(VERDICTS / f"{lang}.tsv")}
    for expected, words in SPOT_CHECKS.items():
        for word in words[lang].split():
            assert verdicts.get(word) == expected, (lang, word)
