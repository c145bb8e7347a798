"""The text model is one spec: the exact readings and the prefilter's skeletons are both
built from ``textmodel``, and each exact reading is over-approximated by a skeleton."""

from __future__ import annotations

import string

import pytest

from kickflip_moderation.matching.accel.skeleton import (
    COVERS,
    LOOSE,
    SymbolReading,
    skeleton_letters,
)
from kickflip_moderation.matching.normalization import PLACEHOLDER, READINGS
from kickflip_moderation.matching.textmodel import (
    AMBIGUOUS_IL,
    HOMOGLYPHS,
    LEET,
    READING_RULES,
    Reading,
)


def test_every_reading_has_a_rule_a_table_and_a_name() -> None:
    assert set(READING_RULES) == set(Reading) == set(READINGS)
    assert {r.name for r in Reading} == {"CANONICAL", "AMBIGUOUS", "SEPARATORS", "BANG", "MASKED"}


@pytest.mark.parametrize("reading", sorted(COVERS))
def test_each_exact_reading_is_over_approximated_by_its_skeleton(reading: Reading) -> None:
    """Character by character, inside a chunk with letters: a character the exact
    reading reads as a letter gives that letter's skeleton letter, and a character it
    turns into a separator is dropped by the skeleton too (a skeleton that kept it would
    split "f+u+c+k" where the exact stage joins it)."""
    skeleton = LOOSE[COVERS[reading]]
    table = READINGS[reading]
    for char in string.printable:
        if char.isspace():
            continue
        exact = table.get(ord(char), char.lower())
        if exact == AMBIGUOUS_IL:
            # "i" or "l": the skeleton alphabet has one letter for both
            assert skeleton.body(char) == skeleton_letters("i") == skeleton_letters("l")
        elif exact.isalnum():
            assert skeleton.body(char) == skeleton_letters(exact), char
        else:  # a separator or punctuation in this reading
            assert exact == PLACEHOLDER or not exact.isalnum()
            assert skeleton.body(char) == "", char


def test_the_masked_reading_needs_no_skeleton() -> None:
    """Masked texts skip the prefilter (``masks.may_be_masked``): no skeleton stands for
    the masked reading, and it is the only reading without one."""
    assert set(Reading) - set(COVERS) == {Reading.MASKED}


def test_leetspeak_and_homoglyphs_target_lower_case_ascii_letters() -> None:
    for source, target in [*LEET.items(), *HOMOGLYPHS.items()]:
        assert len(target) == 1 and target in string.ascii_lowercase, (source, target)
    assert all(not key.isascii() for key in HOMOGLYPHS)


def test_symbol_readings_are_named_in_order() -> None:
    assert [r.name for r in SymbolReading] == ["LETTERS", "MAYBE_SEPARATORS", "SEPARATORS"]


def test_symbols_drawn_like_letters_fold_to_them_and_are_found() -> None:
    from kickflip_moderation import Matcher
    from kickflip_moderation.matching.normalization import fold
    from kickflip_moderation.matching.textmodel import SYMBOL_LOOKALIKES

    assert all(not symbol.isalpha() for symbol in SYMBOL_LOOKALIKES)  # letters: homoglyphs
    assert fold("f\u03bc\u00a2\u03ba")[0] == "fuck"  # fμ¢κ
    matcher = Matcher(["fuck", "cock"])
    assert [m.word for m in matcher.find("\u2284o\u2282k")] == ["cock"]  # ⊄o⊂k
    assert matcher.find("99\u00a2 a cup") == [] and matcher.find("5 \u20ac") == []
