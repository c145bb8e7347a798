"""Sound-alike spellings (``matching/sound_alikes.py``): fuk, fuq, azz, phuck, kunt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation import Matcher
from kickflip_moderation.matching import ReferenceMatcher
from kickflip_moderation.matching.sound_alikes import MAX_LIST, sound_alikes

WORDS = ["fuck", "ass", "jackass", "asshole", "cock", "cunt", "fag"]


def test_each_rule_respells_where_it_applies_and_reports_its_entry():
    spellings, stands_for = sound_alikes(WORDS)
    spelled = dict(zip(spellings, (WORDS[i] for i in stands_for), strict=True))
    assert spelled["fuk"] == spelled["fuq"] == spelled["phuck"] == "fuck"
    assert spelled["azz"] == "ass" and spelled["azzhole"] == "asshole"
    assert spelled["kock"] == spelled["cok"] == "cock" and spelled["kunt"] == "cunt"
    assert "jackazz" in spelled and "jaqass" in spelled  # every "ck", one at a time
    assert not set(spellings) & set(WORDS)


def test_a_v_for_a_u_and_a_doubled_consonant_written_once():
    words = ["fuck", "cunt", "asshole", "bollocks", "ass", "butt", "cum", "pussy"]
    spellings, stands_for = sound_alikes(words)
    spelled = dict(zip(spellings, (words[i] for i in stands_for), strict=True))
    assert spelled["fvck"] == "fuck" and spelled["cvnt"] == "cunt"
    assert spelled["ashole"] == "asshole" and spelled["bolocks"] == "bollocks"
    # too short to be anything but a word of their own: as, but, cvm, pusy, bvtt is kept
    assert not {"as", "but", "cvm", "pusy"} & set(spelled)
    assert spelled["bvtt"] == "butt"


def test_long_lists_long_entries_and_odd_entries_get_none():
    assert sound_alikes(["fuck"] * (MAX_LIST + 1)) == ((), ())
    assert sound_alikes(["fuck" * 20, "f.u.c.k", "fück", 42]) == ((), ())  # type: ignore[list-item]


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
@pytest.mark.parametrize(
    ("text", "word"),
    [("what the fuq", "fuck"), ("fuker123", "fuck"), ("treefuker", "fuck"), ("fuuk", "fuck"),
     ("phuck you", "fuck"), ("azzwipe", "ass"), ("you kunt", "cunt"), ("fvck you", "fuck"),
     ("what an ashole", "asshole"), ("ash0le", "asshole"), ("cvnt", "cunt")],
)  # fmt: skip
def test_a_sound_alike_in_a_word_that_is_no_word_counts_as_its_entry(cls, text, word):
    assert word in [m.word for m in cls(WORDS).find(text)]


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
@pytest.mark.parametrize(
    "text",
    ["coq au vin", "Mr Kock", "Ufuk Yilmaz", "jazz", "pizzazz", "Fukuoka", "phagocyte",
     "cookbiomass", "ashes", "Ashley", "Cashel", "as he", "Stasholm"],
)  # fmt: skip
def test_common_words_and_names_hold_sound_alikes_by_accident(cls, text):
    """``coq`` is a common French word, ``Kock`` and ``Ufuk`` names: a sound-alike never
    counts in them, however it would as an entry; nor where its own letters are a word
    (cok, with its o doubled, is ``cook`` in "cookbiomass")."""
    assert cls(WORDS).find(text) == []


def test_explain_names_the_spelling_and_the_entry():
    (decision,) = Matcher(["fuck"]).explain("fuq")
    assert decision.counts and decision.word == "fuck" and "'fuq', a sound-alike" in decision.reason


_SOUNDISH = st.lists(
    st.sampled_from(["fu", "ck", "k", "q", "ph", "azz", "ass", "ko", "co", "ck ", " ", "er",
                     "123", "Ufuk", "coq", "tree", "hole", "jack", "ing", "-", "Kock"]),
    max_size=10,
).map("".join)  # fmt: skip


@given(_SOUNDISH)
def test_matcher_and_reference_agree_on_sound_alikes(text):
    fast, reference = _pair()
    assert fast.find(text) == reference.find(text)
    assert fast.is_clean(text) == reference.is_clean(text)


_PAIR: list[tuple[Matcher, ReferenceMatcher]] = []


def _pair() -> tuple[Matcher, ReferenceMatcher]:
    if not _PAIR:
        _PAIR.append((Matcher(WORDS), ReferenceMatcher(WORDS)))
    return _PAIR[0]


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
def test_a_sound_alike_read_across_a_symbol_does_not_unmask_it(cls):
    """"fu*k" holds the sound-alike fu.k (a known word, so it does not count); a reading
    that skips the "*" as punctuation explains nothing, so the * is still a mask."""
    assert [m.word for m in cls(["fuck"]).find("fu*k")] == ["fuck"]
    assert [m.word for m in cls(["fuck"]).find("hey fu&k lol")] == ["fuck"]


def test_every_dictionary_word_that_is_a_respelling_of_an_entry_is_reviewed():
    """A respelling (``fuq``, ``kunt``) may be a word of the web-drawn dictionaries, and
    so may a word that only looks like one (``coq``, ``niger``): each such word of the
    shipped dictionaries, for the entries of the shipped lists and of LDNOOBW, has a
    reviewed verdict in ``data/sound_alike_verdicts.tsv``, and nothing else is there."""
    from pathlib import Path

    from kickflip_moderation.matching.dictionaries import dictionary_languages
    from kickflip_moderation.matching.normalization import entry_key
    from kickflip_moderation.matching.verdicts import SPELLINGS

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "wordlists").glob("??.txt"))
    ldnoobw = root.parent / "shared" / "data" / "ldnoobw"
    files += sorted(ldnoobw.glob("??")) if ldnoobw.is_dir() else []
    keys = sorted({
        entry_key(line.strip()) for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    } - {""})  # fmt: skip
    spellings = sound_alikes(keys)[0]
    words = {spelling for spelling in spellings if dictionary_languages(spelling)}
    reviewed = {
        line.split("\t")[0]
        for line in SPELLINGS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    if not ldnoobw.is_dir():  # a checkout without ../shared: the shipped lists' only
        assert words <= reviewed
    else:
        assert words == reviewed


@pytest.mark.parametrize("cls", [Matcher, ReferenceMatcher])
def test_a_reviewed_respelling_counts_and_a_reviewed_word_does_not(cls):
    m = cls(["fuck", "cunt", "cock", "nigger"])
    assert [x.word for x in m.find("what the fuq")] == ["fuck"]
    assert [x.word for x in m.find("you kunt")] == ["cunt"]
    assert m.find("coq au vin") == [] and m.find("Niger Delta") == []
    (decision,) = m.explain("coq")
    assert not decision.counts and "sound_alike_verdicts.tsv" in decision.reason
