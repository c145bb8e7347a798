"""`kickflip-moderation scan` as a user runs it, against the fake API over loopback HTTP."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kickflip_moderation import Matcher
from kickflip_moderation.cli import main
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.store import ScanStore

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(name="kickflip_fake")
def _kickflip_fake():
    """The plugin's brand, here: 40 demo orders, the shipped lists in the wordfilter."""
    fake = FakeKickflip.demo(seed=7, orders=40)
    return fake.seed(words=fake.wordfilter["words"] + default_words(("en", "fr", "es", "de")))


@pytest.fixture(name="fake")
def _fake(kickflip_fake):
    return kickflip_fake


@pytest.fixture(name="env")
def _env(kickflip_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return kickflip_env


def invoke(env, *args):
    return CliRunner().invoke(main, ["scan", *args], env=env, catch_exceptions=False)


def flagged(jsonl: str) -> set[str]:
    return {json.loads(line)["design_id"] for line in jsonl.splitlines()
            if json.loads(line)["kind"] == "finding"}


def test_jsonl_to_stdout_then_nothing_new_then_all(env, tmp_path):
    first = invoke(env)
    assert first.exit_code == 1
    assert flagged(first.stdout)
    assert "scan: 40 orders" in first.stderr and "flagged" in first.stderr
    assert (Path(env["KICKFLIP_MODERATION_HOME"]) / "scan-demo-brand.sqlite3").exists()
    second = invoke(env)
    assert (second.exit_code, second.stdout) == (0, "")
    again = invoke(env, "--all")
    assert again.exit_code == 1
    assert flagged(again.stdout) == flagged(first.stdout)


def test_allow_file_exempts_what_the_checkout_allows_and_rechecks(env, fake, tmp_path):
    """`scan --allow FILE` like `check`: a name the merchant allowed is not flagged again."""
    first = invoke(env)
    assert first.exit_code == 1
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    texts: dict[str, set[str]] = {}
    for row in rows:
        if row["kind"] == "finding":
            texts.setdefault(row["design_id"], set()).add(row["text"])
    design, (text,) = next((d, t) for d, t in sorted(texts.items()) if len(t) == 1)
    allow = tmp_path / "allow.txt"
    allow.write_text(text + "\n", encoding="utf-8")

    again = invoke(env, "--all", "--allow", str(allow))  # same DB: a new allowlist rechecks
    assert again.exit_code in (0, 1), again.stderr
    matcher = Matcher(fake.wordfilter["words"], allow=[text], skip_unusable=True)
    still = {d for d, ts in texts.items() if any(matcher.find(t) for t in ts)}
    assert design not in still and flagged(again.stdout) == still

    missing = invoke(env, "--allow", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 5 and "nope.txt" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_csv_to_a_file(env, tmp_path):
    result = invoke(env, "--format", "csv", "-o", "out.csv", "--db", "state.sqlite3")
    assert result.exit_code == 1 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert {r["kind"] for r in rows} >= {"finding", "missing"}
    assert (tmp_path / "state.sqlite3").exists()
    assert "report: out.csv" in result.stderr


def test_html_goes_to_scan_report_html_by_default(env, tmp_path):
    result = invoke(env, "--format", "html")
    assert result.exit_code == 1
    page = (tmp_path / "scan-report.html").read_text()
    assert "<mark>" in page and page.startswith("<!doctype html>")


def test_since_order(env):
    result = invoke(env, "--since-order", "35")
    assert "scan: 5 orders" in result.stderr
    later = invoke(env)  # the fresh database's checkpoint did not jump past orders 1-35
    assert "scan: 40 orders" in later.stderr


def test_a_grown_word_list_gets_a_recheck_hint(env, fake):
    invoke(env)
    fake.wordfilter["words"].append("Wildcats")
    plain = invoke(env)
    assert "scan --recheck" in plain.stderr and plain.stdout == ""
    rechecked = invoke(env, "--recheck")
    assert rechecked.exit_code == 1 and "scan --recheck" not in rechecked.stderr
    assert any(json.loads(line)["word"].casefold() == "wildcats"
               for line in rechecked.stdout.splitlines())


def test_a_second_scan_of_a_busy_database_exits_75(env, fake, tmp_path):
    db = tmp_path / "busy.sqlite3"
    with ScanStore(db, brand=fake.brand) as other, other.exclusive():
        result = invoke(env, "--db", str(db))
    assert result.exit_code == 75 and "another scan" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert invoke(env, "--db", str(db)).exit_code == 1  # free again once it has finished


def test_wrong_token_is_an_api_error(env):
    result = invoke({**env, "KICKFLIP_TOKEN": "x.y.z"})
    assert result.exit_code == 3
    assert "Error:" in result.stderr


def test_empty_word_list_is_a_config_error(env, fake):
    fake.wordfilter["words"] = []
    result = invoke(env)
    assert result.exit_code == 4 and "empty" in result.stderr


def test_missing_token_is_a_config_error(env):
    result = invoke({**env, "KICKFLIP_TOKEN": ""})
    assert result.exit_code == 4


def test_unusable_db_path_is_a_file_error(env, tmp_path):
    (tmp_path / "adir").mkdir()
    assert invoke(env, "--db", "adir").exit_code == 5  # a directory: file error (issue 17)
    result = invoke(env, "--db", "adir/missing/x.sqlite3", "-o", "adir")
    assert result.exit_code == 5
    notdb = tmp_path / "garbage.sqlite3"
    notdb.write_bytes(b"this is not a database" * 100)
    result = invoke(env, "--db", str(notdb))
    assert result.exit_code == 5 and "garbage.sqlite3" in result.stderr


def scan_process(env, db: Path, cwd: Path, *, stderr: int) -> subprocess.Popen[bytes]:
    """`kickflip-moderation scan` in a real process of its own, two designs at a time."""
    return subprocess.Popen(
        [sys.executable, "-m", "kickflip_moderation", "scan", "--db", str(db),
         "--concurrency", "2", "-o", str(cwd / "first.jsonl")],
        env={**os.environ, **env, "PYTHONPATH": str(REPO)}, cwd=cwd,
        stdout=subprocess.DEVNULL, stderr=stderr,
    )


@pytest.mark.slow
def test_sigkill_mid_scan_then_a_rerun_completes(fake, env, tmp_path, monkeypatch):
    """A real process killed with SIGKILL leaves a database the next run finishes from."""
    fake.orders = FakeKickflip.demo(seed=7, orders=200).orders
    fake.designs = FakeKickflip.demo(seed=7, orders=200).designs
    # The fake holds every design of orders after 100 until the process is dead: by the
    # time one is asked for, the scan has settled and committed at least one batch of 50
    # orders (it settles orders in walk order before it fetches more), so the kill lands
    # mid-scan with a checkpoint, without polling or timing.
    late = {item["design"] for o in fake.orders if o["orderId"] > 100 for item in o["items"]}
    held, killed = threading.Event(), threading.Event()
    handle = fake.handle

    def holding(method, path, *args, **kwargs):
        if "/designs/" in path and path.rsplit("/", 1)[-1] in late:
            held.set()
            killed.wait(timeout=30)
        return handle(method, path, *args, **kwargs)

    monkeypatch.setattr(fake, "handle", holding)
    db = tmp_path / "killed.sqlite3"
    proc = scan_process(env, db, tmp_path, stderr=subprocess.DEVNULL)
    try:
        assert held.wait(timeout=60), "the scan never reached the held designs"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed.set()
    monkeypatch.setattr(fake, "handle", handle)
    con = sqlite3.connect(db)
    try:
        checkpoint = con.execute("SELECT order_id FROM checkpoint").fetchone()[0]
    finally:
        con.close()
    assert 50 <= checkpoint <= 100, "killed too late to test a resume"
    rerun = invoke(env, "--db", str(db))
    assert rerun.exit_code == 1
    con = sqlite3.connect(db)
    try:
        orders = [o for (o,) in con.execute("SELECT order_id FROM orders ORDER BY order_id")]
        final = con.execute("SELECT order_id FROM checkpoint").fetchone()[0]
    finally:
        con.close()
    assert orders == list(range(1, 201)) and final == 200
    all_rows = invoke(env, "--db", str(db), "--all")
    assert flagged(rerun.stdout) == flagged(all_rows.stdout)  # nothing lost, nothing twice
    assert len(rerun.stdout.splitlines()) == len(set(rerun.stdout.splitlines()))


# -- scan report: render again from the database, no network ------------------------------
def test_report_renders_again_from_the_database_without_the_api(env, fake, tmp_path):
    first = invoke(env, "--format", "jsonl")
    assert first.exit_code == 1
    offline = {**env, "KICKFLIP_API_URL": "http://127.0.0.1:9", "KICKFLIP_TOKEN": ""}
    again = invoke(offline, "report", "--format", "jsonl")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout  # every current finding, as the first scan listed
    assert "brand demo-brand" in again.stderr
    table = list(csv.DictReader(io.StringIO(invoke(offline, "report", "--format", "csv",
                                                   "-o", "-").stdout)))
    assert {r["design_id"] for r in table if r["kind"] == "finding"} == flagged(first.stdout)

    page = invoke(offline, "report", "-o", str(tmp_path / "r.html"))
    assert page.exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    size = len(fake.wordfilter["words"])
    assert "brand demo-brand; generated " in html and f"word list: {size} entries, hash " in html
    assert html.count('class="design"') == len(flagged(first.stdout))
    assert invoke(env).stdout == ""  # rendering marked nothing: still nothing new to report


def test_report_file_errors_and_database_by_path(env, tmp_path):
    nothing = invoke(env, "report")
    assert nothing.exit_code == 5 and "no scan database" in nothing.stderr
    assert invoke(env, "--db", str(tmp_path / "s.sqlite3")).exit_code == 1
    no_brand = {**env, "KICKFLIP_BRAND": ""}
    by_path = invoke(no_brand, "report", "--db", str(tmp_path / "s.sqlite3"), "-o", "-")
    assert by_path.exit_code == 0 and by_path.stdout.startswith("<!doctype html>")
    assert invoke(no_brand, "report").exit_code == 4
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    bad = invoke(env, "report", "--db", str(junk))
    assert bad.exit_code == 5 and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_two_scan_processes_on_one_database(fake, env, tmp_path, monkeypatch):
    """A cron run that overlaps a slow one: the second process exits 75 at once and the
    first finishes undisturbed, each design fetched once. (The SIGKILL test shows a killed
    scan leaves no stale lock: its rerun on the same database goes ahead.)"""
    # The fake holds the first scan's design requests until the second run is over, so the
    # two overlap by construction, not by timing.
    reached, released = threading.Event(), threading.Event()
    handle = fake.handle

    def holding(method, path, *args, **kwargs):
        if "/designs/" in path:
            reached.set()
            released.wait(timeout=60)
        return handle(method, path, *args, **kwargs)

    monkeypatch.setattr(fake, "handle", holding)
    db = tmp_path / "shared.sqlite3"
    proc = scan_process(env, db, tmp_path, stderr=subprocess.PIPE)
    try:
        assert reached.wait(timeout=60), "the first scan never asked for a design"
        second = invoke(env, "--db", str(db))
        assert proc.poll() is None, "the first scan ended too early to test an overlap"
    finally:
        released.set()
        _, stderr = proc.communicate(timeout=60)
    assert second.exit_code == 75 and "another scan" in second.stderr, second.stderr
    assert proc.returncode == 1, stderr
    fetched = [p for _m, p in fake.requests if "/designs/" in p]
    assert len(fetched) == len(set(fetched))
