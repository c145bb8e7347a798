"""The word-list file format and the merge/diff set logic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.errors import WordlistError
from kickflip_moderation.wordlist import (
    MAX_ENTRY_LENGTH,
    diff,
    merge,
    parse_entries,
    parse_wordlist,
    read_wordlist,
    save_wordlist,
    unrepresentable,
    write_wordlist,
)


def simple_key(entry: str) -> str:
    """A stand-in for normalize.entry_key: lower case, letters only."""
    return "".join(c for c in entry.lower() if c.isalpha())


class TestParse:
    """Reading tolerates what editors produce and keeps entries exactly as written."""

    def test_bom_crlf_comments_blank_lines(self):
        text = (
            "\ufeff# brand list\r\nFuck\r\n\r\n   # indented comment\r\n"
            "  Crème brûlée  \r\nson of a b\r\n"
        )
        assert ["Fuck", "Crème brûlée", "son of a b"] == parse_wordlist(text)

    def test_escapes(self):
        assert ["#1 fan", "\\x", "a#b", "\\"] == parse_wordlist("\\#1 fan\n\\\\x\na#b\n\\\\\n")

    def test_line_numbers(self):
        entries = parse_entries("# c\n\nfoo\n  bar\n", "f.txt")
        assert [("foo", "f.txt", 3), ("bar", "f.txt", 4)] == [tuple(e) for e in entries]

    def test_duplicates_are_kept_when_reading(self):
        assert ["a", "a"] == parse_wordlist("a\na\n")

    def test_nul_byte(self):
        with pytest.raises(WordlistError, match=r"^f\.txt:2: NUL byte"):
            parse_wordlist("ok\nb\x00ad\n", "f.txt")

    def test_entry_of_ten_thousand_characters(self):
        with pytest.raises(WordlistError) as info:
            parse_wordlist("ok\n" + "x" * 10_000 + "\n", "big.txt")
        assert "big.txt:2: entry of 10,000 characters" in str(info.value)
        assert str(MAX_ENTRY_LENGTH) in str(info.value)
        assert 2 == info.value.line

    def test_max_length_is_inclusive(self):
        assert ["x" * MAX_ENTRY_LENGTH] == parse_wordlist("x" * MAX_ENTRY_LENGTH)

    def test_lone_backslash(self):
        with pytest.raises(WordlistError, match=":1: a lone backslash"):
            parse_wordlist("\\\n")


class TestReadFile:
    """File errors name the file (and the line when there is one)."""

    def test_bad_utf8_names_the_line(self, tmp_path):
        path = tmp_path / "latin1.txt"
        path.write_bytes("ok\nfine\ncr\xe8me\n".encode("latin-1"))
        with pytest.raises(WordlistError) as info:
            read_wordlist(path)
        assert f"{path}:3: not valid UTF-8" in str(info.value)
        assert 3 == info.value.line

    def test_missing_file(self, tmp_path):
        with pytest.raises(WordlistError, match="no such file"):
            read_wordlist(tmp_path / "nope.txt")

    def test_directory(self, tmp_path):
        with pytest.raises(WordlistError, match="is a directory"):
            read_wordlist(tmp_path)

    def test_save_and_read(self, tmp_path):
        entries = ["#1 fan", "Crème", "two  words", "\\o/"]
        save_wordlist(tmp_path / "w.txt", entries)
        assert entries == read_wordlist(tmp_path / "w.txt")


class TestWrite:
    """Writing escapes what needs it and refuses what cannot round-trip."""

    def test_escapes_and_header(self):
        text = write_wordlist(["#1 fan", "\\x", "ok"], header=["isActive: true"])
        assert "# isActive: true\n\\#1 fan\n\\\\x\nok\n" == text

    @pytest.mark.parametrize(
        "entry", ["", "  ", "a\nb", "a\rb", " lead", "trail ", "nul\x00"], ids=repr
    )
    def test_refuses_unrepresentable(self, entry):
        assert unrepresentable(entry)
        with pytest.raises(WordlistError, match="cannot be written"):
            write_wordlist(["ok", entry])


entries_strategy = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=MAX_ENTRY_LENGTH
    ).filter(lambda e: unrepresentable(e) is None)
)


@given(entries_strategy)
def test_write_then_read_round_trips(entries):
    assert entries == parse_wordlist(write_wordlist(entries))


@given(entries_strategy)
def test_round_trip_through_crlf_and_bom(entries):
    text = "\ufeff" + write_wordlist(entries).replace("\n", "\r\n")
    assert entries == parse_wordlist(text)


class TestMerge:
    """Merging never drops a remote word."""

    def test_remote_order_kept_new_appended_in_file_order(self):
        assert ["b", "a", "c", "d", "e"] == merge(["b", "a"], ["c", "a", "d"], ["e", "c"])

    def test_near_duplicates_are_kept(self):
        assert ["fuck", "Fuck"] == merge(["fuck"], ["Fuck"])

    def test_remote_duplicates_dropped(self):
        assert ["a"] == merge(["a", "a"])

    @given(st.lists(st.text()), st.lists(st.text()))
    def test_every_word_kept(self, remote, local):
        out = merge(remote, local)
        assert set(remote) | set(local) == set(out)
        assert len(out) == len(set(out))


class TestDiff:
    """Diff lists each side's entries and pairs near-duplicates."""

    def test_sides(self):
        d = diff(["a", "b"], ["b", "c"], key=simple_key)
        assert (["a"], ["c"]) == (d.only_remote, d.only_local)
        assert not d.same

    def test_near_duplicates(self):
        d = diff(["fuck", "shit"], ["Fuck", "f.u.c.k", "shit"], key=simple_key)
        assert [("fuck", "Fuck"), ("fuck", "f.u.c.k")] == d.near_duplicates
        assert ["Fuck", "f.u.c.k"] == d.only_local

    def test_same(self):
        assert diff(["a"], ["a"], key=simple_key).same

    def test_empty_keys_never_pair(self):
        assert [] == diff(["***"], ["!!!"], key=simple_key).near_duplicates
