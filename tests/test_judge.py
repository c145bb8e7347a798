"""The judge reads reviewed verdicts (data/verdicts/*.tsv) before any rule: the data decides
the words it holds, for any brand's list, and ``explain`` cites the line that decided."""

from __future__ import annotations

import pytest

from kickflip_moderation import Matcher
from kickflip_moderation.matching import ReferenceMatcher
from kickflip_moderation.matching.verdicts import lookup

BRAND = ["butt", "shit", "ass", "crap", "fuck"]


def _reviewed(word: str, verdict: str) -> None:
    found = lookup(word)
    if found is None or found.verdict != verdict:
        pytest.skip(f"{word!r} is not reviewed {verdict} in the shipped data")


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
def test_a_reviewed_innocent_word_stays_clean_for_a_brand_list(cls: type) -> None:
    """``butter`` = butt + er looks like an inflection to the rule; a reader said food."""
    _reviewed("butter", "innocent")
    m = cls(BRAND, builtin_allow=False)
    assert m.find("Peanut Butter") == []
    assert cls(BRAND, builtin_allow=False, dictionary_allow=False).find("Peanut Butter")


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
def test_a_reviewed_offensive_word_is_flagged(cls: type) -> None:
    _reviewed("bullshit", "offensive")
    m = cls(BRAND, builtin_allow=False)
    assert [x.word for x in m.find("what bullshit")] == ["shit"]


def test_explain_cites_the_line_that_decided() -> None:
    _reviewed("butter", "innocent")
    (decision,) = Matcher(BRAND, builtin_allow=False).explain("butter")
    assert not decision.counts
    reviewed = lookup("butter")
    assert reviewed is not None and reviewed.source in decision.reason
    path, line = reviewed.source.split(":")
    assert path.startswith("verdicts/") and int(line) > 0


def test_a_word_is_innocent_only_if_every_file_says_so() -> None:
    from kickflip_moderation.matching import verdicts

    rows: dict[str, set[str]] = {}
    for path in sorted(verdicts.DIRECTORY.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, verdict, _ = line.split("\t", 2)
                rows.setdefault(word, set()).add(verdict)
    mixed = [word for word, seen in rows.items() if len(seen) > 1]
    for word in mixed[:50]:
        reviewed = lookup(word)
        assert reviewed is not None and reviewed.verdict == "offensive", word
    for word, seen in list(rows.items())[:500]:
        reviewed = lookup(word)
        assert reviewed is not None
        assert reviewed.innocent == (seen == {"innocent"})


def test_no_word_of_the_data_is_longer_than_the_judge_looks_up() -> None:
    """The judge skips lookups for words longer than ``_LONGEST_WORD`` (a hostile text may
    be one huge word): that is only right while no dictionary word, name or reviewed
    verdict is longer."""
    from kickflip_moderation.matching import judge
    from kickflip_moderation.matching.known import (
        DICTIONARY_LANGUAGES,
        _names,
        load_dictionary,
    )
    from kickflip_moderation.matching.verdicts import _verdicts

    words = [*_verdicts(), *_names()._text.split()]
    for lang in DICTIONARY_LANGUAGES:
        words.extend(load_dictionary(lang))
    assert max(map(len, words)) <= judge._LONGEST_WORD


def test_one_huge_word_is_judged_as_a_short_one_would_be() -> None:
    """Thousands of occurrences in one long run of joined letters: each is judged on its
    piece, and the verdicts are those of the same occurrences in a short text."""
    from kickflip_moderation import Matcher
    from kickflip_moderation.matching import ReferenceMatcher

    words = ["fuck", "shit", "ass"]
    unit = "x.fuck.y-shit-z"
    short, long = unit, "-".join([unit] * 3000)
    fast, reference = Matcher(words), ReferenceMatcher(words)
    assert [m.word for m in reference.find(short)] == ["fuck", "shit"]
    found = reference.find(long)
    assert [m.word for m in found] == ["fuck", "shit"] * 3000
    assert fast.find(long) == found


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("festtits", "tits"),  # the doubled t is shared: fest|tits
        ("headdumbass", "dumbass"),
        ("cocksshow", "cocks"),  # at the end too: cocks|show
        ("shittalk", "shit"),
        ("ffuck", "ffuck"),  # alone, the whole run is the entry's
        ("shitt", "shitt"),
        ("fuuuck", "fuuuck"),  # inside the entry, nothing to share
    ],
)
def test_a_run_at_the_edge_of_a_compound_is_shared_with_its_neighbour(text, shown) -> None:
    from kickflip_moderation import Matcher
    from kickflip_moderation.matching import ReferenceMatcher

    words = ["tits", "dumbass", "cocks", "shit", "fuck"]
    for matcher in (Matcher(words), ReferenceMatcher(words)):
        longest = max(matcher.find(text), key=lambda m: (m.end - m.start, m.word))
        assert text[longest.start : longest.end] == shown
