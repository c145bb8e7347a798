"""``words`` end to end: the real CLI over HTTP against the fake Kickflip API."""

from __future__ import annotations

import json
import stat

import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import main
from kickflip_moderation.cli import words as words_module
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.wordlist import parse_wordlist, save_wordlist

pytestmark = pytest.mark.e2e

TRICKY = ["Fuck", "crème brûlée", "son of a  b", "#1 loser", "\\o/", "Ärsch"]


class DroppingFake(FakeKickflip):
    """A Kickflip that loses the last word of every POSTed list (to test verification)."""

    def _post_words(self, body):
        response = super()._post_words(body)
        if self.wordfilter["words"]:
            self.wordfilter["words"].pop()
        return response


@pytest.fixture(name="kickflip_fake")
def _kickflip_fake():
    """The plugin's brand, here: 5 demo orders and the TRICKY entries as its list."""
    return FakeKickflip.demo(seed=7, orders=5).seed(words=TRICKY, active=True)


@pytest.fixture(name="fake")
def _fake(kickflip_fake):
    return kickflip_fake


@pytest.fixture(name="run")
def _run(fake, kickflip_env):
    env = kickflip_env
    outputs = []

    def run(*args, input=None, **extra_env):
        result = CliRunner().invoke(main, list(args), env={**env, **extra_env}, input=input)
        outputs.append(result.output)
        if result.exception is not None:  # an error exit, never a crash
            assert isinstance(result.exception, SystemExit), result.exception
        return result

    yield run
    for out in outputs:  # the token never shows, whatever the command did
        assert fake.token not in out
        assert "Traceback" not in out


@pytest.fixture(name="wordfile")
def _wordfile(tmp_path):
    def make(entries, name="local.txt"):
        path = tmp_path / name
        save_wordlist(path, entries)
        return str(path)

    return make


def backups(tmp_path):
    return sorted((tmp_path / "home" / "backups").glob("*.txt"))


class TestPullDiff:
    """Reading commands print the remote list exactly and change nothing."""

    def test_pull_round_trips(self, run, fake):
        result = run("words", "pull")
        assert 0 == result.exit_code
        assert TRICKY == parse_wordlist(result.stdout)
        assert "\\#1 loser\n" in result.stdout
        assert [] == fake.posts

    def test_pull_to_file(self, run, tmp_path):
        out = tmp_path / "out.txt"
        assert 0 == run("words", "pull", "-o", str(out)).exit_code
        assert TRICKY == parse_wordlist(out.read_text("utf-8"))
        assert 0o600 == stat.S_IMODE(out.stat().st_mode)

    def test_pull_json(self, run):
        data = json.loads(run("words", "pull", "--json").stdout)
        assert {"isActive": True, "words": TRICKY} == data

    def test_diff(self, run, wordfile, fake):
        result = run("words", "diff", wordfile(["fuck", "crème brûlée", "new one"]))
        assert 0 == result.exit_code
        assert "Only remote (5):" in result.stdout
        assert "  + new one" in result.stdout
        assert "'fuck' (local) ~ 'Fuck' (remote)" in result.stdout
        data = json.loads(run("words", "diff", "--json", wordfile(["fuck"])).stdout)
        assert [["Fuck", "fuck"]] == data["near_duplicates"]
        assert [] == fake.posts


class TestMerge:
    """merge only adds, asks first, backs up, keeps concurrent additions and verifies."""

    def test_dry_run_posts_nothing(self, run, wordfile, fake, tmp_path):
        result = run("words", "merge", wordfile(["shit"]), "--dry-run")
        assert 0 == result.exit_code
        assert "  + shit" in result.stdout and "Dry run" in result.stdout
        assert [] == fake.posts
        assert [] == backups(tmp_path)

    def test_refuses_without_yes_when_not_a_terminal(self, run, wordfile, fake):
        result = run("words", "merge", wordfile(["shit"]))
        assert 2 == result.exit_code
        assert "--yes" in result.stderr
        assert [] == fake.posts

    def test_merge_keeps_every_remote_word(self, run, wordfile, fake, tmp_path):
        result = run("words", "merge", wordfile(["shit", "Fuck", "bitch"]), "--yes")
        assert 0 == result.exit_code, result.output
        assert [{"isActive": True, "words": [*TRICKY, "shit", "bitch"]}] == fake.posts
        (backup,) = backups(tmp_path)
        assert backup.name.startswith(f"{fake.brand}-")
        assert str(backup) in result.stdout
        assert 0o600 == stat.S_IMODE(backup.stat().st_mode)
        assert "# isActive: true" in backup.read_text("utf-8")
        assert "verified" in result.stdout

    def test_nothing_to_add(self, run, wordfile, fake):
        result = run("words", "merge", wordfile(["Fuck"]), "--yes")
        assert 0 == result.exit_code
        assert "Nothing to change" in result.stdout
        assert [] == fake.posts

    def test_concurrent_addition_survives(self, run, wordfile, fake):
        fake.faults.change_words_after_get(["other admin's word"])
        result = run("words", "merge", wordfile(["shit"]), "--yes")
        assert 0 == result.exit_code, result.output
        assert [*TRICKY, "other admin's word", "shit"] == fake.posts[-1]["words"]
        assert "another admin added" in result.stdout

    # "no" is 7 (declined), never 1 (the code for "flagged"); end of input is a "no" too.
    @pytest.mark.parametrize(("answer", "code", "posts"),
                             [("y\n", 0, 1), ("n\n", 7, 0), ("", 7, 0), ("maybe\nyes\n", 0, 1)])
    def test_asks_on_a_terminal(self, run, wordfile, fake, monkeypatch, answer, code, posts):
        monkeypatch.setattr(words_module, "_interactive", lambda: True)
        result = run("words", "merge", wordfile(["shit"]), input=answer)
        assert code == result.exit_code
        assert posts == len(fake.posts)

    def test_json(self, run, wordfile):
        result = run("words", "merge", "--json", "--yes", wordfile(["shit"]))
        data = json.loads(result.stdout)
        assert data["posted"] and data["verified"] and ["shit"] == data["added"]


class TestPush:
    """push may remove, but only what was listed and confirmed with --yes."""

    def test_removals_need_yes(self, run, wordfile, fake):
        result = run("words", "push", wordfile(["Fuck", "new"]))
        assert 2 == result.exit_code
        assert "5 entries would be removed; re-run with --yes" in result.stderr
        assert "  - crème brûlée" in result.stdout
        assert [] == fake.posts

    def test_additions_need_no_confirmation(self, run, wordfile, fake):
        assert 0 == run("words", "push", wordfile([*TRICKY, "new"])).exit_code
        assert [*TRICKY, "new"] == fake.wordfilter["words"]

    def test_push_with_yes_replaces(self, run, wordfile, fake):
        assert 0 == run("words", "push", wordfile(["b", "a"]), "--yes").exit_code
        assert ["b", "a"] == fake.wordfilter["words"]

    def test_dry_run_posts_nothing(self, run, wordfile, fake):
        assert 0 == run("words", "push", wordfile(["a"]), "--dry-run").exit_code
        assert [] == fake.posts

    def test_concurrent_addition_is_not_removed(self, run, wordfile, fake):
        fake.faults.change_words_after_get(["late"])
        assert 0 == run("words", "push", wordfile(["only"]), "--yes").exit_code
        assert ["only", "late"] == fake.wordfilter["words"]


class TestVerificationAndRestore:
    """A read-back that differs exits 6 and names the backup; backups restore exactly."""

    def test_failed_verification(self, tmp_path, wordfile):
        fake = DroppingFake.demo(seed=7, orders=5)
        fake.wordfilter = {"isActive": True, "words": ["a"]}
        with serve(fake) as server:
            result = CliRunner().invoke(main, ["words", "merge", "--yes", wordfile(["zz"])], env={
                "KICKFLIP_API_URL": server.url, "KICKFLIP_BRAND": fake.brand,
                "KICKFLIP_TOKEN": fake.token, "KICKFLIP_MODERATION_HOME": str(tmp_path / "home"),
            })
        assert 6 == result.exit_code
        (backup,) = backups(tmp_path)
        assert "verification failed" in result.stderr
        assert "missing 'zz'" in result.stderr
        assert f"words restore {backup}" in result.stderr
        assert fake.token not in result.output

    def test_backup_restores_exactly(self, run, wordfile, fake, tmp_path):
        assert 0 == run("words", "push", wordfile(["replaced"]), "--yes").exit_code
        (backup,) = backups(tmp_path)
        result = run("words", "restore", str(backup))
        assert 2 == result.exit_code  # removing "replaced" needs --yes
        result = run("words", "restore", str(backup), "--yes")
        assert 0 == result.exit_code, result.output
        assert TRICKY == fake.wordfilter["words"]
        assert "filter as on" in result.stdout


class TestActive:
    """enable/disable flip isActive and keep every word."""

    def test_disable_then_enable(self, run, fake):
        result = run("words", "disable", "--yes")
        assert 0 == result.exit_code, result.output
        assert {"isActive": False, "words": TRICKY} == fake.wordfilter
        assert {"isActive": False, "words": TRICKY} == fake.posts[-1]
        assert "already off" in run("words", "disable", "--yes").stdout
        assert 0 == run("words", "enable").exit_code
        assert {"isActive": True, "words": TRICKY} == fake.wordfilter


class TestErrors:
    """One line, a documented exit code, never the token."""

    def test_wrong_token(self, run, fake):
        result = run("words", "pull", KICKFLIP_TOKEN=fake.token[:-3] + "xyz")
        assert 3 == result.exit_code
        assert "Traceback" not in result.output

    def test_no_brand(self, run):
        assert 4 == run("words", "pull", KICKFLIP_BRAND="").exit_code

    @pytest.mark.parametrize("command", ["merge", "push", "diff"])
    def test_missing_file(self, run, fake, tmp_path, command):
        result = run("words", command, str(tmp_path / "missing.txt"))
        assert 5 == result.exit_code
        assert "missing.txt: no such file" in result.stderr
        assert [] == fake.posts

    def test_bad_file_names_the_line(self, run, tmp_path):
        path = tmp_path / "bad.txt"
        path.write_bytes(b"ok\n\xff\n")
        result = run("words", "merge", str(path), "--yes")
        assert 5 == result.exit_code
        assert "bad.txt:2: not valid UTF-8" in result.stderr


@pytest.mark.parametrize(
    "command", ["pull", "diff", "merge", "push", "restore", "enable", "disable", "lint"]
)
def test_help_has_an_example(command):
    result = CliRunner().invoke(main, ["words", command, "--help"])
    assert 0 == result.exit_code
    assert "Example" in result.output


class TestLint:
    """lint with the real matcher and shipped dictionaries: exit 0 clean, 1 problems, 5 files."""

    def test_clean(self, wordfile):
        result = CliRunner().invoke(main, ["words", "lint", wordfile(["zorglub"])])
        assert 0 == result.exit_code, result.output
        assert "0 problems" in result.stderr

    def test_structural_problems(self, wordfile):
        path = wordfile(["zorglub", "***", "zorglub"])
        result = CliRunner().invoke(main, ["words", "lint", path])
        assert 1 == result.exit_code
        assert "local.txt:2: empty: '***'" in result.stdout
        assert "local.txt:3: duplicate: 'zorglub' duplicate of" in result.stdout

    def test_innocent_dictionary_words_and_json(self, wordfile):
        result = CliRunner().invoke(main, ["words", "lint", "--json", "--lang", "en",
                                           wordfile(["hell"])])
        assert 1 == result.exit_code
        data = json.loads(result.stdout)
        (problem,) = data["problems"]
        # the judge reads "hellas" as hell + the plural "-as"; the innocence rule, in
        # English, sees a word of its own (Greece)
        assert "innocent" == problem["kind"] and "hellas" in problem["words"]
        assert "hellas" in problem["suggest_allow"]
        assert "hells" not in problem["words"]  # a plain inflection of the entry
        assert "hello" not in problem["words"]  # a known word the judge never flags
        assert data["words_scanned"] > 70_000
        assert data["seconds"] < 30

    def test_texts_file(self, wordfile, tmp_path):
        names = tmp_path / "names.txt"
        names.write_text("Zorgy\nEmma\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["words", "lint", "--lang", "en", "--texts",
                                           str(names), wordfile(["zorg"])])
        assert 1 == result.exit_code
        assert "'zorg' would flag 1 innocent word(s): Zorgy" in result.stdout

    def test_unreadable_file(self, tmp_path):
        result = CliRunner().invoke(main, ["words", "lint", str(tmp_path)])
        assert 5 == result.exit_code
        assert "is a directory" in result.stderr
