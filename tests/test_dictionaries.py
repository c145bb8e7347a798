"""The run-time dictionary check: innocent dictionary words around an entry are not flagged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation import Matcher
from kickflip_moderation.matching.dictionaries import SortedWords, dictionary_languages

BRAND = ["cialis", "twink", "sexual", "fuck", "shit", "con", "ass"]


@given(st.lists(st.text(alphabet="abcéß1", min_size=1, max_size=7)), st.text("abcs1 ", max_size=9))
def test_sorted_words_answer_like_a_set(words, probe):
    """Also past the longest word and its four-letter starts (the shortcuts)."""
    folded = {w.replace("é", "e").replace("ß", "ss") for w in words}
    assert (probe in SortedWords(words)) == (probe in folded)
    assert len(SortedWords(words)) == len(folded)


def test_languages_of_a_word():
    assert "en" in dictionary_languages("specialist")
    assert dictionary_languages("qzxv") == ()
    assert dictionary_languages("") == ()


def test_innocent_dictionary_words_around_an_entry_are_not_flagged():
    m = Matcher(BRAND, builtin_allow=False)
    for word in ["specialist", "socialism", "twinkle", "homosexual", "bisexuality"]:
        assert m.find(word) == [], word


def test_the_check_can_be_turned_off():
    m = Matcher(BRAND, builtin_allow=False, dictionary_allow=False)
    assert [x.word for x in m.find("specialist")] == ["cialis"]


def test_inflections_compounds_and_the_entry_itself_stay_flagged():
    m = Matcher(BRAND, builtin_allow=False)
    for text, word in [
        ("fucking", "fuck"), ("bullshit", "shit"), ("motherfucker", "fuck"),
        ("cialis", "cialis"), ("twinks", "twink"), ("buy cialis now", "cialis"),
        ("sp3cialist cialis", "cialis"), ("dumbass", "ass"),
    ]:  # fmt: skip
        assert word in [x.word for x in m.find(text)], text


def test_a_word_in_no_dictionary_counts_when_it_is_a_compound():
    """Unknown words: a compound of the entry with words counts, letters around it by
    accident do not (a name we do not know)."""
    m = Matcher(["cialis"], builtin_allow=False)
    assert [x.word for x in m.find("buycialisnow")] == ["cialis"]
    assert m.find("xyzcialisqq") == []


def test_french_verbs_of_an_entry_stay_flagged():
    """"branler" is in the French dictionary, but it is the entry's own verb (-r, -nt)."""
    m = Matcher(["branle", "suce"], builtin_allow=False)
    for text, word in [("branler", "branle"), ("ils branlent", "branle"), ("sucer", "suce")]:
        assert word in [x.word for x in m.find(text)], text
