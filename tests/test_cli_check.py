"""``check``: which list is used, what is printed, and the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import main
from kickflip_moderation.cli.check import highlight
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.wordlist import save_wordlist

NO_BRAND = {"KICKFLIP_BRAND": "", "KICKFLIP_TOKEN": "", "KICKFLIP_API_URL": ""}


@pytest.fixture(name="run")
def _run():
    def run(*args, input=None, env=None):
        result = CliRunner().invoke(main, ["check", *args], input=input, env=env or NO_BRAND)
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), result.exception
        return result

    return run


@pytest.fixture(name="wordfile")
def _wordfile(tmp_path):
    def make(entries, name="w.txt"):
        save_wordlist(tmp_path / name, entries)
        return str(tmp_path / name)

    return make


class TestDefaultList:
    """Without --words or a brand, the shipped default list is used, and stderr says so."""

    def test_clean(self, run):
        result = run("Happy birthday Jessica")
        assert 0 == result.exit_code
        assert "shipped default list" in result.stderr
        assert "clean" in result.stdout

    def test_flagged(self, run):
        result = run("Happy birthday Jessica", "fuck off")
        assert 1 == result.exit_code
        assert "[fuck] off" in result.stdout


class TestWordsFile:
    """--words replaces the list; --allow adds allowlist entries."""

    def test_matches_with_entry_and_offsets(self, run, wordfile):
        result = run("--words", wordfile(["shit", "cunt"]), "--json", "Nice day", "oh sh1t")
        assert 1 == result.exit_code
        data = json.loads(result.stdout)
        assert [False, True] == [r["flagged"] for r in data]
        (m,) = data[1]["matches"]
        assert {"entry": "shit", "start": 3, "end": 7, "matched": "sh1t"} == m
        assert "word list from" in result.stderr

    def test_human_output(self, run, wordfile):
        result = run("--words", wordfile(["shit"]), "oh sh1t")
        assert "flagged  oh [sh1t]" in result.stdout
        assert "'sh1t' matches entry 'shit' at 3-7" in result.stdout

    def test_allow_file(self, run, wordfile):
        words = wordfile(["blue"])
        assert 1 == run("--words", words, "Blue Sharks").exit_code
        allow = wordfile(["blue sharks"], name="allow.txt")
        assert 0 == run("--words", words, "--allow", allow, "Blue Sharks").exit_code

    def test_stdin(self, run, wordfile):
        result = run("--words", wordfile(["shit"]), "--json", "-", input="fine\n\nshit\r\n")
        assert ["fine", "shit"] == [r["text"] for r in json.loads(result.stdout)]
        assert 1 == result.exit_code

    def test_missing_file(self, run, tmp_path):
        result = run("--words", str(tmp_path / "nope.txt"), "hello")
        assert 5 == result.exit_code
        assert "nope.txt: no such file" in result.stderr


@pytest.mark.e2e
def test_brand_remote_list_is_used_when_configured():
    fake = FakeKickflip.demo(seed=7, orders=5)
    fake.wordfilter = {"isActive": True, "words": ["zorglub", "***"]}
    with serve(fake) as server:
        env = {"KICKFLIP_API_URL": server.url, "KICKFLIP_BRAND": fake.brand,
               "KICKFLIP_TOKEN": fake.token}
        result = CliRunner().invoke(main, ["check", "hi zorglub", "fuck"], env=env)
    assert 1 == result.exit_code
    assert "remote list (2 entries)" in result.stderr
    assert "'***' nothing left once normalized: not used by the checks" in result.stderr
    assert "hi [zorglub]" in result.stdout
    assert "clean" in result.stdout  # "fuck" is not on this brand's list
    assert fake.token not in result.output


def test_highlight_merges_overlapping_spans():
    assert "a [bcd] e" == highlight("a bcd e", [(2, 4), (3, 5)], colour=False)
    assert "[x]y[z]" == highlight("xyz", [(0, 1), (2, 3)], colour=False)


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["check", "--help"])
    assert 0 == result.exit_code
    assert "Example" in result.output


@pytest.mark.parametrize("texts", [["Happy birthday"], ["fuck off"]])
def test_broken_pipe_exits_quietly_with_141(texts):
    """``kfmod check ... | head``: the reader has gone; no traceback, no ``Error: Broken pipe``
    with the file-error code 5, and never 0 (a cut-off flagged check must not look clean)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to stdout now fails with EPIPE
    try:
        proc = subprocess.run([sys.executable, "-m", "kickflip_moderation", "check", *texts],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60,
                              env={k: v for k, v in os.environ.items()
                                   if not k.startswith("KICKFLIP_")})
    finally:
        os.close(write_end)
    assert 141 == proc.returncode, proc.stderr
    assert "Traceback" not in proc.stderr and "Broken pipe" not in proc.stderr
    assert "Exception ignored" not in proc.stderr


def test_explain_lists_counted_and_ignored_occurrences(tmp_path):
    words = tmp_path / "brand.txt"
    words.write_text("shit\nass\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--words", str(words), "--explain", "megashit class"]
    )
    assert result.exit_code == 1, result.output
    assert "counts" in result.output and "compound of the entry" in result.output
    assert "ignored" in result.output and "'class'" in result.output
    as_json = CliRunner().invoke(
        main, ["check", "--words", str(words), "--explain", "--json", "class"]
    )
    assert as_json.exit_code == 0
    assert '"counts": false' in as_json.output and '"reason"' in as_json.output
