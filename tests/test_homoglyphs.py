"""The homoglyph table: generated from Unicode's pinned confusables data (issue 18)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickflip_moderation import Matcher
from kickflip_moderation.matching.homoglyph_table import load_homoglyphs
from kickflip_moderation.matching.normalization import fold, fold_char
from kickflip_moderation.matching.textmodel import HOMOGLYPHS

ROOT = Path(__file__).resolve().parent.parent


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_homoglyphs", ROOT / "tools" / "build_homoglyphs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = _load_build_script()
TABLE = load_homoglyphs()


def test_every_key_is_one_non_ascii_letter_and_every_value_one_ascii_letter():
    assert len(TABLE) > 600
    for key, letter in TABLE.items():
        assert len(key) == 1 and not key.isascii(), f"U+{ord(key):04X}"
        assert unicodedata.category(key)[0] in "LC", f"U+{ord(key):04X} is not a letter"
        assert len(letter) == 1 and "a" <= letter <= "z", f"U+{ord(key):04X} -> {letter!r}"


def test_keys_are_what_nfkc_does_not_already_fold_to_the_same_letter():
    """A decomposable key is there only because its decomposition folds to another letter."""
    for key, letter in TABLE.items():
        if unicodedata.normalize("NFKD", key) == key:
            continue
        without_entry = "".join(
            fold_char(part) for part in unicodedata.normalize("NFKD", key)
        )
        assert without_entry != letter, f"U+{ord(key):04X}: NFKC already folds it to {letter}"


def test_the_matcher_folds_with_the_generated_table():
    for key, letter in TABLE.items():
        assert HOMOGLYPHS[key] == letter
        assert fold_char(key) == letter


def test_the_table_is_a_regeneration_of_the_pinned_source():
    text = build.read_pinned_source()
    fresh = {row.char: row.letter for row in build.build_rows(text, build.read_reviewed())}
    assert {k: v for k, v in TABLE.items() if k in fresh} == fresh, "re-run the build script"
    # A Python with newer Unicode data may decompose a character that the Python which
    # built the table did not know; nothing else may differ.
    for key in TABLE.keys() - fresh.keys():
        assert unicodedata.normalize("NFKD", key) != key, f"U+{ord(key):04X} is stale"


def test_the_committed_file_is_what_the_build_script_writes():
    if unicodedata.unidata_version not in build.TARGET.read_text(encoding="utf-8"):
        pytest.skip("built with another Unicode version; the regeneration test still runs")
    assert build.main(["--check"]) == 0


def test_a_source_that_is_not_the_pinned_copy_is_refused(tmp_path):
    copy = tmp_path / "confusables.txt"
    shutil.copy(build.SOURCE, copy)
    assert build.read_pinned_source(copy, build.SOURCE_SHA256)
    copy.write_bytes(copy.read_bytes().replace(b"039D ;\t004E", b"039D ;\t0056", 1))
    with pytest.raises(SystemExit, match="SHA-256"):
        build.read_pinned_source(copy, build.SOURCE_SHA256)


@pytest.mark.parametrize(
    ("text", "word", "folded"),
    [
        ("\u039dAZI", "nazi", "nazi"),  # Greek capital Nu used to fold to "v"
        ("PUSS\u03a5", "pussy", "pussy"),  # Greek capital Upsilon used to fold to "u"
        ("\u03f2unt", "cunt", "cunt"),  # lunate sigma: NFKD says final sigma, it reads "c"
        ("\u13a0ick", "dick", "dick"),  # Cherokee letter A looks like D: missing before
        ("\u1d05\u026a\u1d04\u1d0b", "dick", "dick"),  # small capitals
    ],
)
def test_known_look_alikes_are_caught(text, word, folded):
    assert fold(text)[0] == folded
    assert [m.word for m in Matcher([word], builtin_allow=False).find(text)] == [word]


def test_reviewed_choices_win_over_unicode():
    assert TABLE["\u03b5"] == "e"  # Greek epsilon: Unicode says "c with bar"
    assert "\u00fe" not in TABLE  # thorn stays "th" for Icelandic words, not "p"
    assert fold("\u00fe")[0] == "th"


def test_digits_and_symbols_keep_their_unidecode_reading():
    """They are read by the leetspeak and separator steps, which know more than a letter."""
    assert "\u2502" not in TABLE and fold("\u2502")[0] == "|"  # box drawing vertical
    assert "\u0665" not in TABLE and fold("\u0665")[0] == "5"  # Arabic-Indic five


_BY_LETTER: dict[str, list[str]] = {}
for _key, _letter in sorted(TABLE.items()):
    _BY_LETTER.setdefault(_letter, []).append(_key)


@settings(max_examples=200, deadline=None)
@given(st.data(), st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_swapping_letters_for_look_alikes_never_changes_the_folded_text(data, word):
    disguised = "".join(
        data.draw(st.sampled_from(_BY_LETTER[c])) if c in _BY_LETTER and data.draw(
            st.booleans()
        ) else c
        for c in word
    )
    assert fold(disguised)[0] == word
