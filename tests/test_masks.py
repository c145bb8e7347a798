"""Masked spellings: which self-censored forms count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.matching.masks import MaskedEntries, masked_spellings


def test_spellings_of_fuck():
    assert sorted(masked_spellings("fuck")) == ["f***", "f**k", "f*ck", "fu**", "fu*k"]


def test_short_and_long_entries_have_few_or_none():
    assert list(masked_spellings("ab")) == []
    assert list(masked_spellings("a" * 17)) == []
    assert sorted(masked_spellings("ass")) == ["a**", "a*s"]
    assert "mother******" in masked_spellings("motherfucker")


@given(st.text(alphabet="abcdefghij", min_size=3, max_size=16))
def test_every_spelling_keeps_first_last_and_half(letters):
    """Or it is the entry's first letters and a mask per other letter, two or more, to
    the end (``f***``, ``sh**``)."""
    for spelling in masked_spellings(letters):
        assert len(spelling) == len(letters)
        shown = spelling.rstrip("*")
        if letters.startswith(shown) and len(spelling) - len(shown) >= 2:
            assert shown  # the first letter always shows
            continue
        assert spelling[0] == letters[0] and spelling[-1] == letters[-1]
        hidden = spelling.count("*")
        assert 1 <= hidden <= 2
        assert len(letters) - hidden >= max(2, (len(letters) + 1) // 2)


def test_spans_report_the_entry():
    entries = MaskedEntries([(0, "fuck", frozenset()), (1, "whitepower", frozenset({5}))])
    assert entries.spans("oh f*ck") == [(0, 4, frozenset(), 3, 7)]
    assert entries.spans("whitepow*r") == [(1, 10, frozenset({5}), 0, 10)]
    assert entries.spans("no mask here") == []


def test_runs_over_edges_names_the_chunks_a_masked_phrase_may_cross():
    entries = MaskedEntries([(0, "fuck", frozenset()), (1, "whitepower", frozenset({5}))])
    assert entries.runs_over_edges("wh*te")  # "wh*te power"
    assert entries.runs_over_edges("xyzwh*te")  # an unknown word may end with it
    assert entries.runs_over_edges("p*wer")  # "white p*wer"
    assert entries.runs_over_edges("p*werful")  # "white p*werful": an inflection
    assert not entries.runs_over_edges("f*ck")  # a word's masks stay in the word
    assert not entries.runs_over_edges("wh*tepower")  # the whole phrase is inside
    assert not entries.runs_over_edges("white")  # no mask: the prefilter's keys see it


_PHRASES = [(0, "blowjob", frozenset({4})), (1, "girlscup", frozenset({5})),
            (2, "fuck", frozenset()), (3, "abc", frozenset({1, 2}))]  # fmt: skip


_PHRASE_PIECES = st.sampled_from(
    ["bl", "b", "*", "**", "w", "ow", "o", "job", "j", "b*", "girls", "g*rls", "gi", "rls", "cup",
     "c*p", "cu", "a", "b", "c", "*c", "fu", "ck", "x"]
)  # fmt: skip


@given(st.lists(_PHRASE_PIECES, min_size=1, max_size=5).map("".join))
def test_runs_over_edges_is_every_masked_spelling_cut_at_a_break(letters: str) -> None:
    """Against the definition: some masked spelling of an entry with breaks, cut at one
    of its breaks, ends ``letters`` or starts them, and the part in them holds a mask."""
    expected = False
    for _, entry, breaks in _PHRASES:
        for spelling in masked_spellings(entry, max_length=40):
            for cut in breaks:  # the occurrence goes on after the chunk, or began before
                for begin in {0, *breaks}:
                    part = spelling[begin:cut]
                    expected |= begin < cut and "*" in part and letters.endswith(part)
                for end in {*breaks, len(entry)}:
                    part = spelling[cut:end]
                    expected |= cut < end and "*" in part and letters.startswith(part)
    assert MaskedEntries(_PHRASES, max_length=40).runs_over_edges(letters) == expected


def test_phrases_of_a_small_list_are_masked_too():
    from kickflip_moderation import Matcher

    phrase = "leather straight jacket"
    assert len(list(masked_spellings("a" * 30, max_length=40))) > 0
    m = Matcher([phrase], builtin_allow=False)
    assert [x.word for x in m.find("a leather straight jack*t")] == [phrase]
    assert m.find("a leather straight j**k*t") == []  # three hidden letters: too many


_MASKISH = st.text(
    alphabet="aZ9 *#@$!?(|.-_\n\u00e9\u00df\u2153\u2103\uff0a\u200bxXfkIc\u0445"
    "\t\x00\x1c\u00a0\u2003e",
    max_size=40,
)


@given(_MASKISH)
def test_the_quick_mask_scan_finds_what_the_pattern_finds(text: str) -> None:
    """Texts are scanned for masks from their symbol runs and their x's: the same answer
    as ``MASKED_FOLDED`` and ``x_mask_words`` over the folded text, and every mask
    overlaps a span pointed at (in the folded text; a text whose symbols do not fold
    plainly is pointed at by character, checked in tests/test_reference.py)."""
    from kickflip_moderation.matching.masks import (
        MASKED_FOLDED,
        mask_chunks,
        may_be_masked,
        x_mask_words,
    )
    from kickflip_moderation.matching.normalization import FOLD, fold

    folded = fold(text)[0]
    found = [m.span() for m in MASKED_FOLDED.finditer(folded)] + x_mask_words(folded)
    if "I" in text:  # a look-alike I ("aI**") may fold to "1": the scan reads a letter
        assert may_be_masked(text) or not found
    else:
        assert may_be_masked(text) == bool(found)
    chunks = mask_chunks(text)
    if any(len(c.translate(FOLD)) != 1 for c in text):
        return  # positions in the folded text are not the text's
    for begin, end in found:
        assert any(start < end and begin < stop for start, stop in chunks)


@pytest.mark.parametrize(
    ("text", "spans"),
    [("fxck", [(0, 4)]), ("oh shxt now", [(3, 7)]), ("FXCK", [(0, 4)]),
     ("next text", []), ("Texas Maxx", []), ("txt", []), ("xfuck", []), ("fuckx", []),
     ("f\u0445ck", [(0, 4)])],
)  # fmt: skip
def test_an_x_is_a_mask_between_letters_of_a_word_that_is_no_word(text, spans):
    """``x_mask_words``: 4+ letters, an x between letters, not a dictionary word or name
    (Cyrillic х folds to x too)."""
    from kickflip_moderation.matching.masks import x_mask_words
    from kickflip_moderation.matching.normalization import fold

    assert x_mask_words(fold(text)[0]) == spans


@given(st.text(alphabet="axIbtXo", min_size=1, max_size=12))
def test_a_chunk_with_a_letter_mask_is_never_counted_clean(chunk: str) -> None:
    """``has_mask_char`` (what keeps a chunk out of the clean-chunk caches) says yes
    whenever the exact stage reads a letter mask in it, look-alike capital I included
    (``taxonomIc`` folds to taxonom1c, whose "taxonom" is no word)."""
    from kickflip_moderation.matching.masks import has_mask_char, x_mask_words
    from kickflip_moderation.matching.normalization import fold

    if x_mask_words(fold(chunk)[0]):
        assert has_mask_char(chunk)
    assert has_mask_char("taxonomIc")


def test_a_masked_chunk_keeps_to_itself_unless_a_phrase_may_cross_it():
    from kickflip_moderation.matching.accel.masked_chunks import MaskedChunks

    entries = ["fuck", "masturbate", "blow job", "white power", "sex cam"]
    masked = MaskedEntries(
        [(0, "fuck", frozenset()), (1, "masturbate", frozenset()), (2, "blowjob", frozenset({4})),
         (3, "whitepower", frozenset({5})), (4, "sexcam", frozenset({3}))]
    )  # fmt: skip
    chunks = MaskedChunks(entries, lambda: masked)
    assert chunks.alone("m@s+ur8@te") and chunks.alone("f*ck") and chunks.alone("f*ck!")
    assert not chunks.alone("bl*w")  # masked: "bl*w job"
    assert not chunks.alone("wh!te")  # "!" read as i: "white power" explains the mask
    assert not chunks.alone("sEx")  # "x" read as a letter of "sex cam"
    assert chunks.alone("sEx" * 30) is False  # too long to remember: never alone
