"""Masked spellings: which self-censored forms count."""

from __future__ import annotations

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


def test_phrases_of_a_small_list_are_masked_too():
    from kickflip_moderation import Matcher

    phrase = "leather straight jacket"
    assert len(list(masked_spellings("a" * 30, max_length=40))) > 0
    m = Matcher([phrase], builtin_allow=False)
    assert [x.word for x in m.find("a leather straight jack*t")] == [phrase]
    assert m.find("a leather straight j**k*t") == []  # three hidden letters: too many


_MASKISH = st.text(alphabet="aZ9 *#@$!?(|.-_\n\u00e9\u00df\u2153\u2103\uff0a\u200b", max_size=40)


@given(_MASKISH)
def test_the_quick_mask_scan_finds_what_the_pattern_finds(text: str) -> None:
    """Texts are scanned for masks from their symbol runs: the same answer as
    ``MASKED_FOLDED`` over the folded text, and every mask overlaps a span pointed at
    (in the folded text; a text whose symbols do not fold plainly is pointed at by
    character, checked in tests/test_reference.py)."""
    from kickflip_moderation.matching.masks import MASKED_FOLDED, mask_chunks, may_be_masked
    from kickflip_moderation.matching.normalization import FOLD

    folded = text.translate(FOLD)
    found = list(MASKED_FOLDED.finditer(folded))
    assert may_be_masked(text) == bool(found)
    chunks = mask_chunks(text)
    if any(len(c.translate(FOLD)) != 1 for c in text):
        return  # positions in the folded text are not the text's
    for match in found:
        assert any(start < match.end() and match.start() < stop for start, stop in chunks)
