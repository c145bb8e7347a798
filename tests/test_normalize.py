"""Normalization: each step alone, the index map, and its properties."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.matching.normalization import (
    entry_key,
    fold,
    fold_char,
    normalize,
    split_words,
)


class TestFoldChar:
    """Step 1, one code point at a time."""

    @pytest.mark.parametrize(
        ("char", "expected"),
        [
            ("\u0441", "c"),  # Cyrillic es: unidecode alone would say "s"
            ("\u0455", "s"),  # Cyrillic dze: unidecode alone would say "dz"
            ("\u03bf", "o"),  # Greek omicron
            ("\u0585", "o"),  # Armenian oh
            ("\uff46", "f"),  # fullwidth
            ("\U0001d41f", "f"),  # mathematical bold
            ("\u24d5", "f"),  # circled
            ("\u00b2", "2"),  # superscript
            ("\u1d1c", "u"),  # small capital
            ("\U0001f1eb", "f"),  # regional indicator
            ("\u00df", "ss"),
            ("\u00e6", "ae"),
            ("\u0130", "i"),
            ("\u00e9", "e"),
        ],
        ids=lambda v: repr(v),
    )
    def test_folds_to_latin(self, char, expected):
        assert fold_char(char) == expected

    @pytest.mark.parametrize(
        "char",
        ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202e", "\ufe0f", "\u0301"],
        ids=["zwsp", "zwnj", "zwj", "word-joiner", "soft-hyphen", "bom", "bidi", "vs16", "acute"],
    )
    def test_invisible_characters_are_dropped(self, char):
        assert fold_char(char) == ""

    def test_whitespace_becomes_space(self):
        assert fold_char("\t") == fold_char("\u3000") == fold_char("\x85") == " "

    @pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9f"])
    def test_controls_that_are_not_whitespace_are_dropped(self, char):
        """Rendered as nothing, a control between letters must not split a word (f\0u\0c\0k)."""
        assert fold_char(char) == ""

    def test_lone_surrogate_does_not_crash(self):
        assert fold_char("\ud800") not in ("", " ")


class TestSteps:
    def test_leet_only_inside_tokens_with_letters(self):
        assert normalize("Class of 2025").text == "class of 2025"
        assert normalize("142,460 911").text == "142460 911"
        assert normalize("sh1t b4st4rd").text == "shit bastard"

    def test_separators_between_single_letters_join(self):
        for text in ["f.u.c.k", "f u c k", "f-u-c-k", "f_u_c_k"]:
            assert normalize(text).text == "fuck", text

    def test_words_stay_apart(self):
        assert normalize("push it").text == "push it"
        assert normalize("pen is mightier").text == "pen is mightier"

    def test_repeated_letters_are_kept_for_the_matcher(self):
        assert normalize("fuuuuck").text == "fuuuuck"

    def test_spelled_digits_read_as_leet(self):
        assert normalize("f 4 c k").text == "fack"

    def test_breaks_mark_soft_and_hard(self):
        words = split_words("ab.cd ef")
        assert words.letters == "abcdef"
        assert list(words.breaks) == [2, 0, 1, 0, 2, 0]
        assert words.words == [(0, 4), (4, 6)]


class TestIndexMap:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Stra\u00dfe", "strasse"),
            ("\u0130stanbul", "istanbul"),
            ("\u00e6on", "aeon"),
            ("e\u0301te\u0301", "ete"),
            ("a\U0001f468\u200d\U0001f469b", "ab"),
        ],
    )
    def test_length_changing_folds_map_back(self, text, expected):
        result = normalize(text)
        assert result.text == expected
        assert len(result.index_map) == len(result.text)
        assert result.original_span(0, len(result.text))[1] <= len(text)

    def test_fold_map_points_at_expanding_char(self):
        folded, index_map = fold("a\u00dfb")
        assert folded == "assb"
        assert index_map == [0, 1, 1, 2]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("heII", "he11"), ("SIut", "s1ut"), ("go to heII", "go to he11"),
         ("I am", "i am"), ("II", "ii"), ("DIANE", "diane"), ("MyIdea", "my1dea"),
         ("ß heII", "ss he11")],
    )  # fmt: skip
    def test_a_capital_i_drawn_like_an_l_reads_either_way(self, text, expected):
        """After a lower-case letter, or between a capital and a lower-case letter, a
        capital I is an l in most fonts: read as "1" is (textmodel.CAPITAL_I_LOOKALIKE).
        A capital I where writing puts one (I, II, all capitals) stays an i."""
        assert fold(text)[0] == expected


text_strategy = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
        list("fuck sh1t.-_*@$!|+ \u0441\u200b\u0301\uff46") + ["\ud800"]
    ),
    max_size=60,
)


@given(text_strategy)
def test_index_map_is_monotonic_and_in_bounds(text):
    result = normalize(text)
    assert len(result.index_map) == len(result.text)
    assert all(0 <= i < len(text) for i in result.index_map)
    assert list(result.index_map) == sorted(result.index_map)


@given(text_strategy)
def test_normalization_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=30))
def test_entry_key_of_plain_letters_is_the_general_path(word):
    """A word of ASCII letters takes a shortcut (lower case) that must equal the full
    normalization: a 100k-entry list's keys are built on a matcher's first compound."""
    assert entry_key(word) == split_words(word).letters


@given(st.text(max_size=30))
def test_entry_key_is_compact(text):
    key = entry_key(text)
    assert " " not in key
    assert key == key.lower()


@given(st.text(alphabet="ab cdE\u00e9\u0130 12.,;:?\"'[]{}<>)(!-", max_size=30))
def test_plain_fast_path_equals_the_general_path(text):
    """Letters, digits, spaces and sentence punctuation take a shortcut; it must split
    exactly as the general path."""
    import re

    import kickflip_moderation.matching.normalization as n

    folded, fold_map = n.fold(text)
    fast = n.split_words_folded(folded, fold_map, 0)
    saved = n.PLAIN
    n.PLAIN = re.compile("(?!)")  # never plain: force the general path
    try:
        slow = n.split_words_folded(folded, fold_map, 0)
    finally:
        n.PLAIN = saved
    assert (fast.letters, bytes(fast.breaks), fast.words, fast.index_map) == (
        slow.letters, bytes(slow.breaks), slow.words, slow.index_map
    )
    assert (fast.word_start, fast.word_end) == (slow.word_start, slow.word_end)


@pytest.mark.parametrize("text", ["| 0", "|  2 ", "@u- $ 2 |", "$ 0 d 0 m", "@ $ $", "1 2 3"])
def test_spelled_words_of_symbols_and_digits_normalize_once(text):
    """A spelled word started by a lone symbol is leetspeak like any word: no raw "|" or
    "$" is left in the letters, so normalizing again changes nothing."""
    once = normalize(text).text
    assert normalize(once).text == once
    assert not set(once) & set("|$@+!(")


def test_a_script_without_latin_look_alikes_is_not_spelled_by_sound() -> None:
    from kickflip_moderation import Matcher

    m = Matcher(["shit", "fuck"])
    for text in ("して", "どうしてですか", "東京タワー", "대한민국", "مرحبا", "שלום", "नमस्ते"):
        assert m.find(text) == [], text
    assert [x.word for x in m.find("ᖴᑌᑕK")] == ["fuck"]  # look-alikes still fold
