"""Other spellings of compiled entries: digits read as letters, ambiguous i/l."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.matching.entries import compile_entry
from kickflip_moderation.matching.respell import ambiguous_spellings, leet_read


def test_each_i_and_l_may_be_ambiguous_on_its_own():
    spellings = {key for key, _, _ in ambiguous_spellings(*compile_entry("jail")[:3])}
    assert spellings == {"jaIl", "jaiI", "jaI"}  # "II" is one run, as in the text


def test_runs_never_join_across_the_entry_word_break():
    key, counts, breaks, _ = compile_entry("ball licking")
    for _, spelled_counts, spelled_breaks in ambiguous_spellings(key, counts, breaks):
        assert sum(spelled_counts) == sum(counts)  # no letter lost
        assert len(spelled_breaks) == 1  # the break between the words is kept


def test_digits_of_an_entry_are_read_as_letters():
    assert leet_read(*compile_entry("2 girls 1 cup")[:3])[0] == "zgirlsicup"
    assert leet_read(*compile_entry("fuck")[:3]) is None


@given(st.text(alphabet="ilabc", min_size=1, max_size=8))
def test_ambiguous_spellings_keep_the_letters_that_are_not_i_or_l(letters):
    key, counts, breaks, _ = compile_entry(letters)
    for spelled_key, spelled_counts, _ in ambiguous_spellings(key, counts, breaks):
        expanded = "".join(c * n for c, n in zip(spelled_key, spelled_counts, strict=True))
        original = "".join(c * n for c, n in zip(key, counts, strict=True))
        assert len(expanded) == len(original)
        for a, b in zip(expanded, original, strict=True):
            assert a == b or (a == "I" and b in "il")
