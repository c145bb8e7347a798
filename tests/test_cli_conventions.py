"""CLI conventions (issue 17): exit codes that never collide with "flagged", options after
the subcommand, -v/-q, NO_COLOR/--color, timestamped logs off a terminal, completion."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import common, main
from kickflip_moderation.cli import words as words_module
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.wordlist import save_wordlist

pytestmark = pytest.mark.e2e

ANSI = "\x1b["
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ DEBUG kickflip_moderation\.client: GET ",
                   re.M)


@pytest.fixture(name="fake", scope="module")
def _fake():
    fake = FakeKickflip.demo(seed=7, orders=3)
    fake.wordfilter = {"isActive": True, "words": ["shit", "Fuck"]}
    return fake


@pytest.fixture(name="server", scope="module")
def _server(fake):
    with serve(fake) as server:
        yield server


@pytest.fixture(name="env")
def _env(fake, server, tmp_path):
    return {"KICKFLIP_API_URL": server.url, "KICKFLIP_BRAND": fake.brand,
            "KICKFLIP_TOKEN": fake.token, "KICKFLIP_MODERATION_HOME": str(tmp_path / "home"),
            "NO_COLOR": None}


@pytest.fixture(name="words_file")
def _words_file(tmp_path):
    path = tmp_path / "list.txt"
    save_wordlist(path, ["shit", "a new word"])
    return str(path)


def invoke(args, env, **kwargs):
    result = CliRunner().invoke(main, args, env=env, **kwargs)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


class CtrlC(io.RawIOBase):
    """A stdin whose first read is interrupted, as Ctrl-C at a prompt does."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise KeyboardInterrupt


class TestExitCodes:
    """Declining a prompt is 7 and Ctrl-C is 130: never 1, which means "flagged"."""

    def test_codes_do_not_collide(self):
        codes = [v for k, v in vars(common).items() if k.startswith("EXIT_")]
        assert len(codes) == len(set(codes))
        assert common.EXIT_DECLINED not in (common.EXIT_FLAGGED, common.EXIT_USAGE)

    @pytest.mark.parametrize("answer", ["n\n", "no\n", "\n", ""])
    def test_declined_prompt_exits_7(self, env, fake, words_file, monkeypatch, answer):
        monkeypatch.setattr(words_module, "_interactive", lambda: True)
        before = len(fake.posts)
        result = invoke(["words", "merge", words_file, "--brand", fake.brand], env,
                        input=answer)
        assert 7 == result.exit_code, result.output
        assert "declined" in result.stderr
        assert before == len(fake.posts)

    def test_ctrl_c_at_a_prompt_exits_130(self, env, fake, tmp_path, monkeypatch):
        monkeypatch.setattr(words_module, "_interactive", lambda: True)
        path = tmp_path / "new.txt"
        save_wordlist(path, ["brand new word"])
        before = len(fake.posts)
        result = invoke(["words", "merge", str(path)], env,
                        input=io.BufferedReader(CtrlC()))
        assert 130 == result.exit_code, result.output
        assert "Interrupted" in result.stderr
        assert before == len(fake.posts)

    def test_ctrl_c_outside_handle_errors_exits_130(self, env, monkeypatch):
        """The root group maps an interrupt anywhere (click alone would exit 1)."""

        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(words_module.sync, "read_remote", interrupted)
        result = invoke(["words", "pull"], env)
        assert 130 == result.exit_code

    def test_fake_api_missing_data_dir_exits_5(self, tmp_path):
        result = invoke(["fake-api", "--data", str(tmp_path / "nope")], {})
        assert 5 == result.exit_code
        assert "no such directory" in result.stderr

    def test_scan_database_that_is_a_directory_exits_5(self, env, tmp_path):
        result = invoke(["scan", "--db", str(tmp_path)], env)
        assert 5 == result.exit_code
        assert "scan database" in result.stderr

    @pytest.mark.parametrize("args", [["check", "--words", "{d}", "x"],
                                      ["words", "lint", "{d}"],
                                      ["check", "--allow", "{d}/missing.txt", "x"]])
    def test_unreadable_list_files_exit_5(self, tmp_path, args):
        result = invoke([a.format(d=tmp_path) for a in args], {"KICKFLIP_BRAND": None})
        assert 5 == result.exit_code, result.output


class TestOptionsAfterTheSubcommand:
    """Group options work after the subcommand name too, and override the environment."""

    def test_connection_options_after(self, fake, server, tmp_path):
        env = {"KICKFLIP_BRAND": None, "KICKFLIP_TOKEN": None, "KICKFLIP_API_URL": None,
               "KICKFLIP_MODERATION_HOME": str(tmp_path)}
        result = invoke(["words", "pull", "--brand", fake.brand, "--token", fake.token,
                         "--api-url", server.url], env)
        assert 0 == result.exit_code, result.output
        assert "shit\nFuck\n" == result.stdout

    def test_after_overrides_before_and_environment(self, env, fake):
        env = {**env, "KICKFLIP_BRAND": "no-such-brand"}
        assert 3 == invoke(["words", "pull"], env).exit_code  # unknown brand: API error
        assert 0 == invoke(["--brand", "other", "words", "pull", "--brand", fake.brand],
                           env).exit_code
        assert 0 == invoke(["words", "--brand", fake.brand, "pull"], env).exit_code

    def test_help_lists_them(self):
        out = CliRunner().invoke(main, ["words", "pull", "--help"]).output
        for option in ("--brand", "--profile", "--verbose", "--quiet", "--color"):
            assert option in out

    def test_commands_without_a_brand_do_not_offer_connection_options(self):
        out = CliRunner().invoke(main, ["fake-api", "--help"]).output
        assert "--brand" not in out and "--quiet" in out


class TestVerbosityAndLogs:
    def test_default_is_quiet_about_requests(self, env):
        result = invoke(["words", "pull"], env)
        assert "kickflip_moderation.client" not in result.stderr

    @pytest.mark.parametrize("args", [["-vv", "words", "pull"], ["words", "pull", "-vv"],
                                      ["-v", "words", "pull", "-v"]])
    def test_vv_logs_each_request_with_a_timestamp_off_a_terminal(self, env, args):
        result = invoke(args, env)
        assert 0 == result.exit_code
        assert STAMP.search(result.stderr), result.stderr

    def test_v_shows_info_lines(self, env, fake):
        env = {**env, "KICKFLIP_BACKUPS_KEEP": "1"}
        try:
            invoke(["words", "add", "first"], env)
            plain = invoke(["words", "add", "second"], env)
            assert 0 == plain.exit_code and "INFO" not in plain.stderr
            verbose = invoke(["words", "add", "third", "-v"], env)
            assert re.search(r"Z INFO kickflip_moderation\.backups: deleted 1 old backup\(s\)"
                             r" of demo-brand, keeping the newest 1", verbose.stderr)
            assert "DEBUG" not in verbose.stderr
        finally:
            fake.wordfilter["words"] = ["shit", "Fuck"]  # the module's fake, for the others

    def test_quiet_drops_notes_not_errors(self, env, tmp_path):
        out = tmp_path / "pulled.txt"
        loud = invoke(["words", "pull", "-o", str(out)], env)
        assert "Wrote 2 entries" in loud.stderr
        quiet = invoke(["words", "pull", "-o", str(out), "-q"], env)
        assert 0 == quiet.exit_code and "" == quiet.stderr
        failed = invoke(["-q", "words", "pull"], {**env, "KICKFLIP_TOKEN": "x.y.z"})
        assert 3 == failed.exit_code and "Error:" in failed.stderr

    def test_log_handler_is_removed_after_the_run(self, env):
        import logging

        invoke(["-vv", "words", "pull"], env)
        assert logging.getLogger("kickflip_moderation").handlers == []

    def test_terminal_lines_have_no_timestamp(self, monkeypatch):
        from kickflip_moderation.cli import options

        class Tty(io.StringIO):
            def isatty(self):
                return True

        monkeypatch.setattr(sys, "stderr", Tty())
        import logging

        record = logging.LogRecord("kickflip_moderation.client", logging.WARNING, "", 0,
                                   "retrying", None, None)
        assert "WARNING: retrying" == options._formatter().format(record)


class TestColour:
    ARGS = ["check", "--words", "lang:en", "shit happens"]

    def test_colour_on_a_terminal(self):
        result = invoke(self.ARGS, {"KICKFLIP_BRAND": None, "NO_COLOR": None}, color=True)
        assert 1 == result.exit_code and ANSI in result.stdout

    def test_no_color_wins_over_a_terminal(self):
        result = invoke(self.ARGS, {"KICKFLIP_BRAND": None, "NO_COLOR": "1"}, color=True)
        assert 1 == result.exit_code and ANSI not in result.output

    def test_empty_no_color_is_ignored(self):
        result = invoke(self.ARGS, {"KICKFLIP_BRAND": None, "NO_COLOR": ""}, color=True)
        assert ANSI in result.stdout

    @pytest.mark.parametrize(("where", "flag", "coloured"), [
        ("before", "always", True), ("after", "always", True),
        ("before", "never", False), ("after", "never", False)])
    def test_color_flag(self, where, flag, coloured):
        args = (["--color", flag, *self.ARGS] if where == "before"
                else [*self.ARGS, "--color", flag])
        # not a terminal, and NO_COLOR set: only --color always gives colour
        result = invoke(args, {"KICKFLIP_BRAND": None, "NO_COLOR": "1"})
        assert coloured == (ANSI in result.stdout)


class TestCompletion:
    @pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
    def test_prints_a_script(self, shell):
        result = invoke(["completion", shell], {})
        assert 0 == result.exit_code
        assert "_KICKFLIP_MODERATION_COMPLETE" in result.stdout

    def test_the_script_completes_commands(self):
        """What the printed bash script runs: the program answers with the subcommands."""
        env = {"_KICKFLIP_MODERATION_COMPLETE": "bash_complete",
               "COMP_WORDS": "kickflip-moderation words re", "COMP_CWORD": "2"}
        done = subprocess.run([sys.executable, "-m", "kickflip_moderation"], env=env,
                              capture_output=True, text=True, timeout=60)
        names = {line.split(",", 1)[1] for line in done.stdout.splitlines()}
        assert {"remove", "restore"} <= names

    def test_shipped_lists_complete(self):
        from kickflip_moderation.cli.listfiles import LIST_FILE

        items = LIST_FILE.shell_complete(None, None, "lang:a")
        assert ["lang:allow-en", "lang:allow-fr", "lang:allow-es", "lang:allow-de"] == [
            i.value for i in items if i.type == "plain"]
        # a file whose name starts like the prefix still completes
        assert ["file"] == [i.type for i in LIST_FILE.shell_complete(None, None, "local")]
        assert "file" in [i.type for i in LIST_FILE.shell_complete(None, None, "l")]

    def test_unknown_shell_is_a_usage_error(self):
        assert 2 == invoke(["completion", "tcsh"], {}).exit_code


def _on_a_terminal(python_m, args, env, keys):
    """Run the CLI (``python_m``: the conftest's ``python_m_with_ctrl_c``) in a real
    pseudo-terminal; wait for the prompt, then type ``keys`` (a string) or send SIGINT
    (None). Returns (exit code, everything the terminal showed)."""
    import os
    import pty
    import select
    import signal
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen([*python_m, "kickflip_moderation", *args],
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env={**os.environ, **env})
    os.close(slave)
    shown, deadline = b"", time.monotonic() + 60
    try:
        while b"[y/N]" not in shown and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    shown += os.read(master, 4096)
                except OSError:
                    break
        assert b"[y/N]" in shown, shown
        if keys is None:
            proc.send_signal(signal.SIGINT)
        else:
            os.write(master, keys.encode())
        code = proc.wait(timeout=60)
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)  # reaped here, not left to warn in another test
        os.close(master)
    return code, shown.decode("utf-8", "replace")


@pytest.mark.parametrize(("keys", "code", "said"), [(None, 130, "Interrupted"),
                                                    ("n\n", 7, "declined")])
def test_prompt_on_a_real_terminal(env, fake, tmp_path, keys, code, said,
                                   python_m_with_ctrl_c):
    """Ctrl-C (a real SIGINT) or "n" at merge's prompt: 130 or 7, nothing sent, no traceback."""
    path = tmp_path / "new.txt"
    save_wordlist(path, ["typed on a terminal"])
    before = len(fake.posts)
    env = {k: v for k, v in env.items() if v is not None}
    got, shown = _on_a_terminal(python_m_with_ctrl_c, ["words", "merge", str(path)], env,
                                keys)
    assert (code, before) == (got, len(fake.posts)), shown
    assert said in shown and "Traceback" not in shown and fake.token not in shown
