"""Hostile inputs: what one remote entry or one odd character must never do.

A process that checks texts must survive anything the API or a shopper can send. Crashes
that kill the interpreter (a C extension overflowing its stack) are reproduced in a child
process, so a regression fails this test instead of killing the test run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kickflip_moderation import Matcher
from kickflip_moderation.cli import main
from kickflip_moderation.client import KickflipClient
from kickflip_moderation.design import MAX_TEXT_CHARS, TOO_LONG, check_design
from kickflip_moderation.errors import WordlistError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.guard import CheckoutGuard
from kickflip_moderation.retry import RetryPolicy
from kickflip_moderation.safetext import scrub, scrub_json
from kickflip_moderation.wordlist import MAX_ENTRY_LENGTH

LONE = "\ud83d"  # a JavaScript string cut inside an emoji


def run_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


# -- one long entry ------------------------------------------------------------------------

@pytest.mark.slow
def test_a_huge_entry_in_a_small_thread_stack_is_skipped_not_a_segfault():
    """pyahocorasick walks and frees its trie recursively: a 300,000-letter entry used to
    kill the process (SIGSEGV), in a thread with a 256 KiB stack already at 10,000."""
    child = run_child("""
        import threading
        threading.stack_size(256 * 1024)
        from kickflip_moderation import Matcher
        out = []
        def check():
            m = Matcher(["shit", "fuck" * 75000, "ab" * 5000], skip_unusable=True)
            m.warm_up()
            out.append((m.find("shit happens")[0].word, m.is_clean("x"), len(m.skipped)))
            del m
        t = threading.Thread(target=check)
        t.start()
        t.join()
        print(out)
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "[('shit', True, 2)]"


def test_an_entry_over_the_limit_is_a_clear_error_unless_skipped():
    with pytest.raises(WordlistError, match=f"at most {MAX_ENTRY_LENGTH}"):
        Matcher(["shit", "x" * (MAX_ENTRY_LENGTH + 1)])
    with pytest.raises(WordlistError, match="allowlist entry"):
        Matcher(["shit"], allow=["y" * (MAX_ENTRY_LENGTH + 1)])
    longest = "x" * MAX_ENTRY_LENGTH  # the limit itself is fine
    assert Matcher(["shit", longest]).find(f"a {longest} b")[0].word == longest


@pytest.mark.slow
def test_the_guard_survives_a_huge_remote_entry():
    """Anyone who can add an entry in Kickflip's admin reaches every storefront process."""
    child = run_child("""
        from kickflip_moderation.client import KickflipClient
        from kickflip_moderation.fake_api import FakeKickflip, serve
        from kickflip_moderation.guard import CheckoutGuard
        from kickflip_moderation.retry import RetryPolicy
        fake = FakeKickflip(wordfilter={"isActive": True, "words": ["shit", "fuck" * 75000]})
        with serve(fake) as server, KickflipClient(
            fake.brand, fake.token, base_url=server.url, retry=RetryPolicy(max_attempts=1)
        ) as client:
            guard = CheckoutGuard(client, cache_path=None, background=False)
            guard.refresh()
            print(guard.last_error, guard.validate_texts({"line": "shit"}).ok,
                  guard.validate_texts({"line": "fuck"}).ok)
    """)
    assert child.returncode == 0, child.stderr
    # only the huge entry held "fuck": it is left out, the rest of the list works
    assert child.stdout.split() == ["None", "False", "True"]


# -- lone surrogates -----------------------------------------------------------------------

def test_scrub_replaces_lone_surrogates_and_joins_pairs():
    assert scrub(f"a{LONE}b") == "a\ufffdb"
    assert scrub("\ud83d\ude00") == "\U0001f600"  # a pair, decoded separately: one emoji
    assert scrub("plain é") == "plain é"
    nested: object = [LONE]
    for _ in range(5000):  # deeper than the recursion limit: the walk is a loop
        nested = {"k": nested}
    scrubbed = scrub_json(nested)
    for _ in range(5000):
        scrubbed = scrubbed["k"]
    assert scrubbed == ["\ufffd"]
    assert scrub_json({LONE: [1, None, LONE]}) == {"\ufffd": [1, None, "\ufffd"]}


def surrogate_fake() -> tuple[FakeKickflip, str]:
    """A demo brand whose first order holds a design with a lone surrogate in its text,
    its product name and the order's name."""
    fake = FakeKickflip.demo(seed=7, orders=12)
    order = fake.orders[0]
    order["name"] = f"Order {LONE}"
    design_id = order["items"][0]["design"]
    design = fake.designs[design_id]
    design["name"] = f"Deck {LONE}"
    design["configuration"]["OPTION-hostile"] = {
        "id": "CHOICE-hostile", "type": "text", "name": f"Line {LONE}",
        "views": [{"type": "text", "text": f"fuck {LONE} you"}]}
    fake.wordfilter["words"] = [*fake.wordfilter["words"], "fuck", f"bad{LONE}"]
    return fake, design_id


def test_a_lone_surrogate_does_not_block_the_scan(tmp_path, monkeypatch):
    fake, design_id = surrogate_fake()
    monkeypatch.chdir(tmp_path)
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        for _ in range(2):  # the second run used to crash at the same order, for good
            result = CliRunner().invoke(main, ["scan", "--all", "--format", "jsonl"], env=env)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                repr(result.exception))
            assert result.exit_code == 1, result.output  # flagged
            rows = [json.loads(line) for line in result.stdout.splitlines() if line]
            hostile = [r for r in rows if r["design_id"] == design_id and r["kind"] == "finding"]
            assert any(r["word"] == "fuck" and "\ufffd" in r["text"] for r in hostile), rows


def test_words_pull_and_the_guard_take_a_remote_word_with_a_lone_surrogate(tmp_path):
    fake, _ = surrogate_fake()
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        out = tmp_path / "pulled.txt"
        result = CliRunner().invoke(main, ["words", "pull", "-o", str(out)], env=env)
        assert result.exit_code == 0, result.output
        assert "bad\ufffd" in out.read_text("utf-8").splitlines()
        with KickflipClient(fake.brand, fake.token, base_url=server.url,
                            retry=RetryPolicy(max_attempts=1)) as client:
            guard = CheckoutGuard(client, cache_path=tmp_path / "cache.json", background=False)
            guard.refresh()
            assert guard.last_error is None
            assert not guard.validate_texts({"line": f"fuck{LONE}"}).ok


# -- control characters --------------------------------------------------------------------

CONTROLS = "\x00\x01\x02\x07\x08\x0e\x1b\x7f\x80\x9f"  # C0 and C1 controls that are not spaces


@pytest.mark.parametrize("control", list(CONTROLS))
def test_control_characters_between_letters_hide_nothing(control):
    m = Matcher(["fuck", "shit"])
    text = control.join("fuck") + " and " + f"sh{control}it"
    assert [(x.word, x.start, x.end) for x in m.find(text)] == [
        ("fuck", 0, 7), ("shit", 12, 17)]
    assert m.censor(text) == "*******" + " and " + "*****"


@given(
    text=st.text(alphabet=st.sampled_from(list("fuckshitaso .-1!$ \n")), max_size=40),
    where=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(list(CONTROLS))),
                   max_size=6),
)
@settings(max_examples=300, deadline=None)
def test_controls_are_invisible_to_the_matcher(text, where):
    """Inserting controls anywhere changes no verdict, and no match is lost."""
    m = _PROPERTY_MATCHER
    hidden = list(text)
    for position, control in sorted(where, reverse=True):
        hidden.insert(min(position, len(hidden)), control)
    with_controls = "".join(hidden)
    assert sorted(x.word for x in m.find(with_controls)) == sorted(x.word for x in m.find(text))
    assert m.is_clean(with_controls) == m.is_clean(text)


_PROPERTY_MATCHER = Matcher(["fuck", "shit", "ass", "f u"])



# -- item 5: texts too long to check are flagged, never "ok" -----------------------------------

def _scan_jsonl(fake: FakeKickflip, tmp_path, *args: str):
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        result = CliRunner().invoke(main, ["scan", "--format", "jsonl", *args], env=env)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result, rows


@pytest.mark.parametrize("text", ["FUCK YOU" + " " * 10_000, "hello " * 2_000 + "x" * 100])
def test_a_text_over_the_limit_is_flagged_by_the_scan(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    fake = FakeKickflip.demo(seed=7, orders=3)
    for design in fake.designs.values():  # only the long text can be flagged
        design["configuration"] = {}
    design_id = fake.orders[0]["items"][0]["design"]
    fake.designs[design_id]["configuration"]["OPTION-long"] = {
        "id": "CHOICE-long", "name": "Line", "views": [{"type": "text", "text": text}]}
    result, rows = _scan_jsonl(fake, tmp_path)
    assert result.exit_code == 1, result.output
    hits = [r for r in rows if r["design_id"] == design_id and r["kind"] == "finding"]
    assert any(r["word"] == TOO_LONG and r["start"] == MAX_TEXT_CHARS for r in hits), rows
    if text.startswith("FUCK"):  # what lies within the limit is still checked
        assert any(r["word"] != TOO_LONG and r["end"] <= MAX_TEXT_CHARS for r in hits)


def test_check_design_flags_a_text_over_the_limit():
    design = {"configuration": {"O": {"id": "C", "views": [{"type": "text",
                                                              "text": "a" * 50}]}}}
    matcher = Matcher(["shit"])
    assert check_design(design, matcher) == []
    [finding] = check_design(design, matcher, max_chars=49)
    assert [(m.start, m.end, m.word) for m in finding.matches] == [(49, 50, TOO_LONG)]
    assert check_design(design, matcher, max_chars=None) == []


# -- item 7: CPU -------------------------------------------------------------------------------

def test_validate_design_builds_the_label_index_once(monkeypatch, tmp_path):
    """Per rejected text, the index was rebuilt from the whole design: 8,000 flagged texts
    took 12 s. Counted, not timed: one build per design however many texts are rejected."""
    from kickflip_moderation import design as design_module

    builds = []
    original = design_module._Labels._build
    monkeypatch.setattr(design_module._Labels, "_build",
                        lambda self: (builds.append(1), original(self))[1])
    n = 300
    design = {"configuration": {f"OPTION-{i}": {"id": f"CHOICE-{i}", "views": [
        {"type": "text", "text": "fuck"}]} for i in range(n)},
        "productionData": [{"key": f"Line {i}", "ref": {"optionId": f"OPTION-{i}",
                                                        "choiceId": f"CHOICE-{i}"}}
                           for i in range(n)]}
    guard = CheckoutGuard(lambda: None, cache_path=None, background=False,
                          matcher_factory=lambda words, allow: Matcher(words))
    guard._state = guard._build(["fuck"], True, "api", "now")
    verdict = guard.validate_design(design)
    assert len(verdict.problems) == n
    assert [p.label for p in verdict.problems[:2]] == ["Line 0", "Line 1"]
    assert len(builds) == 1


# -- item 10: odd remote entries never block the words commands, and are reported ----------

ODD_REMOTE = ["shit", "shit ", "a\nb", "nul\x00x", "", "x" * 300, "#comment", "!!!", '#= "x"']


def _words_env(fake: FakeKickflip, url: str, tmp_path) -> dict[str, str]:
    return {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
            "KICKFLIP_API_URL": url, "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}


def test_odd_remote_entries_never_block_the_words_commands(tmp_path):
    fake = FakeKickflip(wordfilter={"isActive": True, "words": list(ODD_REMOTE)})
    more = tmp_path / "more.txt"
    more.write_text("bastard\n")
    pulled = tmp_path / "pulled.txt"
    with serve(fake) as server:
        env = _words_env(fake, server.url, tmp_path)
        run = CliRunner().invoke
        result = run(main, ["words", "pull", "-o", str(pulled)], env=env)
        assert result.exit_code == 0, result.output
        assert "'shit '" in result.stderr and "remote entr" in result.stderr
        assert pulled.read_text().splitlines() == ["shit", "x" * 300, "\\#comment", "!!!",
                                                   '\\#= "x"']
        for args in (["merge", str(more), "--yes"], ["disable", "--yes"], ["enable"]):
            result = run(main, ["words", *args], env=env)
            assert result.exit_code == 0, (args, result.output)
        assert fake.wordfilter["words"] == [*ODD_REMOTE, "bastard"]  # nothing lost or changed
        from kickflip_moderation.sync import read_backup

        [before] = [b for b in (tmp_path / "home" / "backups").iterdir()
                    if "bastard" not in read_backup(b).words]
        result = run(main, ["words", "restore", str(before), "--yes"], env=env)
        assert result.exit_code == 0, result.output
        assert fake.wordfilter["words"] == ODD_REMOTE  # the backup held them exactly


def test_skipped_remote_entries_are_reported_everywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KICKFLIP_MAX_ENTRIES", "4")
    fake = FakeKickflip.demo(seed=7, orders=2)
    fake.wordfilter["words"] = ["fuck", "x" * 300, "!!!", "shit", "bastard", "wanker"]
    with serve(fake) as server:
        env = _words_env(fake, server.url, tmp_path)
        scan = CliRunner().invoke(main, ["scan"], env=env)
        assert scan.exit_code in (0, 1), scan.output
        (tmp_path / "local.txt").write_text("fuck\n")
        diff = CliRunner().invoke(main, ["words", "diff", str(tmp_path / "local.txt")], env=env)
        with KickflipClient(fake.brand, fake.token, base_url=server.url,
                            retry=RetryPolicy(max_attempts=1)) as client:
            guard = CheckoutGuard(client, cache_path=None, background=False)
            assert guard.refresh()
    for output in (scan.stderr, diff.stderr):
        assert "Left out 4 remote entries" in output
        assert "past the 4-entry limit" in output and "'bastard'" in output
        assert "'!!!'" in output and "not used by the checks" in output
    assert set(guard.status.skipped) == {"x" * 300, "!!!", "bastard", "wanker"}
    assert not guard.validate_texts({"a": "shit"}).ok
    assert guard.validate_texts({"a": "wanker"}).ok  # past the limit: not checked, and said


# -- item 9: the checkpoint is a hint, not a promise about the API ----------------------------

def _three_orders(ids: list[int]) -> tuple[FakeKickflip, list[str]]:
    fake = FakeKickflip.demo(seed=7, orders=len(ids))
    for order, number in zip(fake.orders, ids, strict=True):
        order["orderId"] = number
        del order["items"][1:]
    return fake, [o["items"][0]["design"] for o in fake.orders]


def _scan(fake: FakeKickflip, tmp_path, *args: str):
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url, "KICKFLIP_MODERATION_HOME": str(tmp_path / "h")}
        return CliRunner().invoke(main, ["scan", "--format", "jsonl", *args], env=env)


def test_a_failed_design_behind_the_checkpoint_is_retried(tmp_path, monkeypatch, fast_retries):
    """Orders sent out of order (5, 3, 7): 3 fails, the checkpoint passes it at 5."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KICKFLIP_CALL_DEADLINE", "5")
    fake, designs = _three_orders([5, 3, 7])
    fake.faults.unsorted_orders()
    fake.faults.restrict_to(f"/designs/{designs[1]}").fail_every(1, status=503, times=1000)
    first = _scan(fake, tmp_path)
    assert first.exit_code == 3, first.output  # design of order 3 not checked
    fake.faults.clear().unsorted_orders()
    second = _scan(fake, tmp_path)
    assert second.exit_code in (0, 1), second.output
    assert "not checked" not in second.stderr
    assert any(p.endswith(f"/designs/{designs[1]}") for _, p in fake.requests[-20:])


def test_a_huge_order_number_does_not_hide_later_orders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fake, designs = _three_orders([1, 2, 2**62])
    assert _scan(fake, tmp_path).exit_code in (0, 1)
    newcomer = dict(fake.orders[0], _id="late-order", orderId=3)
    fake.designs["late-design"] = dict(fake.designs[designs[0]], _id="late-design",
                                       designId=999, configuration={"OPTION-x": {
                                           "id": "C", "views": [{"type": "text",
                                                                 "text": "fuck off"}]}})
    newcomer["items"] = [dict(fake.orders[0]["items"][0], design="late-design")]
    fake.orders.append(newcomer)
    fake.wordfilter["words"] = [*fake.wordfilter["words"], "fuck"]
    result = _scan(fake, tmp_path)
    rows = [json.loads(line) for line in result.stdout.splitlines() if line]
    assert any(r["order_id"] == 3 and r["kind"] == "finding" for r in rows), result.output


def test_an_order_number_past_64_bits_is_reported_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fake, _ = _three_orders([1, 2, 2**63])
    for _ in range(2):  # every run says so; none crashes
        result = _scan(fake, tmp_path)
        assert result.exit_code == 3, result.output
        assert f"orderId {2**63} is outside the range" in result.stderr
        assert "Traceback" not in result.output and result.exception is None or isinstance(
            result.exception, SystemExit)


# -- item 15: nothing is logged after the final line --------------------------------------------

@pytest.mark.slow  # a scan subprocess, interrupted while its workers retry
def test_no_worker_logs_a_retry_after_ctrl_c(tmp_path, python_m_with_ctrl_c):
    import os
    import signal
    import threading

    fake = FakeKickflip.demo(seed=7, orders=40)
    # slow 503s: at Ctrl-C, some workers wait in a retry, others are inside a request
    fake.faults.restrict_to("/designs/").fail_every(1, status=503, times=100_000).slow(
        0.7, times=100_000)
    with serve(fake) as server:
        env = {**os.environ, "KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url, "KICKFLIP_MODERATION_HOME": str(tmp_path)}
        child = subprocess.Popen([*python_m_with_ctrl_c, "kickflip_moderation", "scan"],
                                 env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        retrying = threading.Event()

        def read_stderr() -> None:
            assert child.stderr is not None
            for line in child.stderr:
                lines.append(line.rstrip("\n"))
                if "retrying" in line:
                    retrying.set()

        reader = threading.Thread(target=read_stderr, daemon=True)
        reader.start()
        try:
            # the first worker now waits in a retry; the others are still in their first,
            # slow request or about to wait too
            assert retrying.wait(30), lines
            child.send_signal(signal.SIGINT)
            child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(10)  # reaped here, not left to warn in another test
            reader.join(10)
            child.stderr.close()
    err = "\n".join(lines)
    lines = [line for line in lines if line.strip()]
    assert any("retrying" in line for line in lines), err  # the retries were under way
    assert lines[-1] == "Interrupted.", err[-2000:]
    assert child.returncode == 130
