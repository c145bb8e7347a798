"""Word-list chores (issue 17): add/remove through the safe flow, backups, restore --latest,
another brand's backup, retention, disable's confirmation, and the shipped lists by name."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kickflip_moderation import backups as backups_module
from kickflip_moderation.cli import main
from kickflip_moderation.cli import words as words_module
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.resources_data import wordlists_dir
from kickflip_moderation.sync import Snapshot, save_backup
from kickflip_moderation.wordlist import parse_wordlist, read_wordlist

pytestmark = pytest.mark.e2e

START = ["Fuck", "shit", "#1 loser"]


@pytest.fixture(name="fake")
def _fake():
    fake = FakeKickflip.demo(seed=7, orders=3)
    fake.wordfilter = {"isActive": True, "words": list(START)}
    return fake


@pytest.fixture(name="server")
def _server(fake):
    with serve(fake) as server:
        yield server


@pytest.fixture(name="home")
def _home(tmp_path):
    return tmp_path / "home"


@pytest.fixture(name="run")
def _run(fake, server, home):
    env = {"KICKFLIP_API_URL": server.url, "KICKFLIP_BRAND": fake.brand,
           "KICKFLIP_TOKEN": fake.token, "KICKFLIP_MODERATION_HOME": str(home),
           "KICKFLIP_BACKUPS_KEEP": None}

    def run(*args, input=None, **extra_env):
        result = CliRunner().invoke(main, list(args), env={**env, **extra_env}, input=input)
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), result.exception
        assert fake.token not in result.output and "Traceback" not in result.output
        return result

    return run


def saved(home):
    return sorted((home / "backups").glob("*.txt"))


class TestAddRemove:
    def test_add_backs_up_and_verifies(self, run, fake, home):
        result = run("words", "add", "jerk", "#2 loser", "shit")
        assert 0 == result.exit_code, result.output
        assert [*START, "jerk", "#2 loser"] == fake.wordfilter["words"]
        (backup,) = saved(home)
        assert START == read_wordlist(backup)
        assert "verified" in result.stdout

    def test_add_dry_run_sends_nothing(self, run, fake, home):
        result = run("words", "add", "jerk", "--dry-run")
        assert 0 == result.exit_code and "  + jerk" in result.stdout
        assert [] == fake.posts and [] == saved(home)

    def test_add_keeps_a_concurrent_addition(self, run, fake):
        fake.faults.change_words_after_get(["other admin's"])
        assert 0 == run("words", "add", "jerk").exit_code
        assert [*START, "other admin's", "jerk"] == fake.wordfilter["words"]

    @pytest.mark.parametrize("bad", [" padded", "two\nlines", "x" * 201, ""])
    def test_add_refuses_what_a_list_cannot_hold(self, run, fake, bad):
        result = run("words", "add", bad)
        assert 2 == result.exit_code
        assert [] == fake.posts

    def test_remove_needs_yes_off_a_terminal(self, run, fake):
        result = run("words", "remove", "shit")
        assert 2 == result.exit_code and "--yes" in result.stderr
        assert "  - shit" in result.stdout
        assert [] == fake.posts

    def test_remove_with_yes(self, run, fake, home):
        result = run("words", "remove", "shit", "#1 loser", "--yes")
        assert 0 == result.exit_code, result.output
        assert ["Fuck"] == fake.wordfilter["words"]
        (backup,) = saved(home)
        assert START == read_wordlist(backup)

    @pytest.mark.parametrize(("answer", "code", "left"), [("y\n", 0, ["Fuck", "#1 loser"]),
                                                          ("n\n", 7, START)])
    def test_remove_asks_on_a_terminal(self, run, fake, monkeypatch, answer, code, left):
        monkeypatch.setattr(words_module, "_interactive", lambda: True)
        assert code == run("words", "remove", "shit", input=answer).exit_code
        assert left == fake.wordfilter["words"]

    def test_remove_suggests_a_near_match(self, run, fake):
        result = run("words", "remove", "fuck", "--yes")
        assert 0 == result.exit_code
        assert "Not on the list: 'fuck' (did you mean 'Fuck'?)" in result.stdout
        assert [] == fake.posts

    def test_remove_keeps_a_concurrent_addition(self, run, fake):
        fake.faults.change_words_after_get(["late"])
        assert 0 == run("words", "remove", "shit", "--yes").exit_code
        assert ["Fuck", "#1 loser", "late"] == fake.wordfilter["words"]


class TestBackupsAndRestore:
    def test_backups_lists_the_brands_backups(self, run, fake, home):
        run("words", "add", "a1")
        run("words", "add", "a2")
        save_backup("other-brand", Snapshot(("x",), True), directory=home / "backups")
        result = run("words", "backups", "--json")
        rows = json.loads(result.stdout)
        assert [len(START), len(START) + 1] == [r["entries"] for r in rows]
        assert {fake.brand} == {r["brand"] for r in rows}
        every = json.loads(run("words", "backups", "--all", "--json").stdout)
        assert {fake.brand, "other-brand"} == {r["brand"] for r in every}
        text = run("words", "backups")
        assert "3 entries, filter on" in text.stdout and "2 backups of brand" in text.stderr

    def test_restore_latest_undoes_the_last_change(self, run, fake):
        run("words", "add", "oops")
        assert [*START, "oops"] == fake.wordfilter["words"]
        result = run("words", "restore", "--latest", "--yes")
        assert 0 == result.exit_code, result.output
        assert START == fake.wordfilter["words"]
        assert "Latest backup:" in result.stdout

    def test_restore_latest_without_backups(self, run):
        result = run("words", "restore", "--latest")
        assert 5 == result.exit_code and "no backup of brand" in result.stderr

    @pytest.mark.parametrize("args", [[], ["--latest", "some-file.txt"]])
    def test_restore_needs_one_source(self, run, args):
        assert 2 == run("words", "restore", *args).exit_code

    def test_another_brands_backup_needs_force(self, run, fake, home):
        other = save_backup("other-brand", Snapshot(("other words",), True),
                            directory=home / "elsewhere")
        refused = run("words", "restore", str(other), "--yes")
        assert 2 == refused.exit_code
        assert "backup of brand other-brand, not demo-brand" in refused.stderr
        assert [] == fake.posts
        forced = run("words", "restore", str(other), "--yes", "--force")
        assert 0 == forced.exit_code, forced.output
        assert ["other words"] == fake.wordfilter["words"]

    def test_a_plain_list_file_restores_without_force(self, run, fake, tmp_path):
        path = tmp_path / "plain.txt"
        path.write_text("alpha\n", encoding="utf-8")
        assert 0 == run("words", "restore", str(path), "--yes").exit_code
        assert ["alpha"] == fake.wordfilter["words"]

    def test_retention_keeps_the_newest(self, run, fake, home):
        for i in range(5):
            assert 0 == run("words", "add", f"w{i}", KICKFLIP_BACKUPS_KEEP="3").exit_code
        kept = saved(home)
        assert 3 == len(kept)
        sizes = sorted(len(read_wordlist(p)) for p in kept)
        assert [len(START) + 2, len(START) + 3, len(START) + 4] == sizes

    def test_bad_retention_setting_is_a_config_error(self, run, fake):
        result = run("words", "add", "w", KICKFLIP_BACKUPS_KEEP="many")
        assert 4 == result.exit_code and "KICKFLIP_BACKUPS_KEEP" in result.stderr


class TestRetentionUnit:
    def test_prune_touches_only_that_brands_backups(self, tmp_path):
        for _ in range(4):
            save_backup("acme", Snapshot(("a",), True), directory=tmp_path)
            save_backup("acme-eu", Snapshot(("b",), True), directory=tmp_path)
        (tmp_path / "acme-notes.txt").write_text("mine\n")
        deleted = backups_module.prune_backups(tmp_path, "acme", keep=1)
        assert 3 == len(deleted)
        assert 1 == len(backups_module.list_backups(tmp_path, "acme"))
        assert 4 == len(backups_module.list_backups(tmp_path, "acme-eu"))
        assert (tmp_path / "acme-notes.txt").exists()

    def test_same_second_backups_sort_in_order(self, tmp_path):
        paths = [save_backup("acme", Snapshot((str(i),), True), directory=tmp_path)
                 for i in range(3)]
        assert paths == [i.path for i in backups_module.list_backups(tmp_path, "acme")]

    def test_a_pruned_name_is_not_reused_within_the_second(self, tmp_path):
        from datetime import UTC, datetime

        now = datetime(2026, 12, 5, 12, 0, 0, tzinfo=UTC)
        (tmp_path / "acme-20261205T120000Z-3.txt").write_text("x\n")  # -1 and -2 pruned
        assert "acme-20261205T120000Z-4.txt" == backups_module.new_backup_path(
            tmp_path, "acme", now).name
        assert "acme-eu-20261205T120000Z.txt" == backups_module.new_backup_path(
            tmp_path, "acme-eu", now).name

    def test_zero_keeps_everything(self, tmp_path, monkeypatch):
        monkeypatch.setenv("KICKFLIP_BACKUPS_KEEP", "0")
        for _ in range(3):
            save_backup("acme", Snapshot(("a",), True), directory=tmp_path)
        assert 3 == len(backups_module.list_backups(tmp_path, "acme"))


class TestDisable:
    def test_needs_yes_off_a_terminal(self, run, fake):
        result = run("words", "disable")
        assert 2 == result.exit_code and "--yes" in result.stderr
        assert fake.wordfilter["isActive"] and [] == fake.posts

    def test_dry_run(self, run, fake):
        result = run("words", "disable", "--dry-run")
        assert 0 == result.exit_code
        assert "Would turn the filter off, keeping all 3 entries" in result.stdout
        assert [] == fake.posts

    @pytest.mark.parametrize(("answer", "code", "active"), [("y\n", 0, False), ("n\n", 7, True)])
    def test_asks_on_a_terminal(self, run, fake, monkeypatch, answer, code, active):
        monkeypatch.setattr(words_module, "_interactive", lambda: True)
        assert code == run("words", "disable", input=answer).exit_code
        assert active == fake.wordfilter["isActive"]
        assert START == fake.wordfilter["words"]

    def test_enable_needs_no_confirmation(self, run, fake):
        fake.wordfilter["isActive"] = False
        assert 0 == run("words", "enable").exit_code
        assert fake.wordfilter["isActive"]


class TestShippedLists:
    """lang:LANG and --lang name the shipped lists, from any directory."""

    def test_merge_lang(self, run, fake, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)  # no wordlists/ here
        result = run("words", "merge", "--lang", "fr", "--yes")
        assert 0 == result.exit_code, result.output
        shipped = read_wordlist(wordlists_dir() / "fr.txt")
        assert set(shipped) <= set(fake.wordfilter["words"])

    def test_lang_prefix_equals_the_file(self, run, fake):
        by_name = json.loads(run("words", "diff", "lang:de", "--json").stdout)
        by_path = json.loads(run("words", "diff", str(wordlists_dir() / "de.txt"),
                                 "--json").stdout)
        assert by_name == by_path and by_name["only_local"]

    def test_check_with_a_shipped_list_and_allowlist(self, run):
        result = run("check", "--words", "lang:en", "--allow", "lang:allow-en", "shit",
                     KICKFLIP_BRAND="")
        assert 1 == result.exit_code

    def test_scan_allow_a_shipped_allowlist(self, run):
        assert run("scan", "--allow", "lang:allow-en", "--all").exit_code in (0, 1)
        assert 2 == run("scan", "--allow", "lang:allow-xx").exit_code

    def test_unknown_shipped_list_is_a_usage_error(self, run):
        result = run("words", "diff", "lang:xx")
        assert 2 == result.exit_code and "no shipped list 'xx'" in result.stderr

    def test_diff_needs_something(self, run):
        assert 2 == run("words", "diff").exit_code

    def test_lint_a_shipped_list(self, run):
        result = run("words", "lint", "lang:es", "--lang", "es", "--json")
        assert result.exit_code in (0, 1)
        assert json.loads(result.stdout)["entries"] == len(
            parse_wordlist((wordlists_dir() / "es.txt").read_text("utf-8")))


@pytest.mark.slow  # its words lint scans the whole dictionaries
def test_readme_word_list_commands_work_as_written(run, fake, tmp_path, monkeypatch):
    """The README's "Manage word lists" block, line by line, from a directory without
    wordlists/ (as after a pip install), answering "y" where it asks."""
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    block = readme.split("### Manage word lists", 1)[1].split("```bash", 1)[1]
    lines = [line.split("  #", 1)[0].strip() for line in block.split("```", 1)[0].splitlines()]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-list.txt").write_text("shit\nscunthorpe\n", encoding="utf-8")
    monkeypatch.setattr(words_module, "_interactive", lambda: True)
    ran = 0
    for line in filter(None, lines):
        program, *args = shlex.split(line)
        assert "kickflip-moderation" == program
        result = run(*args, input="y\n")
        expected = 1 if args[0] in ("check", "lint") or args[:2] == ["words", "lint"] else 0
        assert result.exit_code in (0, expected), (line, result.output)
        ran += 1
    assert ran >= 6 and "piece of crap" in fake.wordfilter["words"]
