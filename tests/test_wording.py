"""Counted nouns agree with their count everywhere a message counts things ("1 entry")."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.cli import main
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.fake_api.data import generate
from kickflip_moderation.fake_api.server import banner
from kickflip_moderation.report import ScanTotals
from kickflip_moderation.sync import Snapshot, save_backup
from kickflip_moderation.wording import entry_count, plural
from kickflip_moderation.wordlist import save_wordlist

NO_BRAND = {"KICKFLIP_BRAND": "", "KICKFLIP_TOKEN": "", "KICKFLIP_API_URL": ""}


@given(st.integers(min_value=0, max_value=10**9))
def test_noun_agrees_with_count(count):
    word = plural(count, "order")
    assert word == (f"{count} order" if count == 1 else f"{count} orders")
    assert entry_count(count).endswith(" entry" if count == 1 else " entries")
    assert entry_count(count).split()[0] == str(count)


def test_scan_summary_counts_one_order_and_one_design():
    line = ScanTotals(orders=1, designs_checked=1, flagged=1).line()
    assert line.startswith("1 order, 1 design checked, 1 flagged")
    assert "2 orders, 0 designs checked" in ScanTotals(orders=2).line()


def test_fake_api_banner_with_one_order():
    data = generate(seed=7, orders=1)
    fake = FakeKickflip("b", None, data.orders[:1], data.designs[:1])
    assert "(1 order, 1 design)" in banner(fake, "http://127.0.0.1:1")[0]


def test_backup_header_with_one_entry(tmp_path):
    path = save_backup("acme", Snapshot(["darn"], True), directory=tmp_path)
    assert "\n# 1 entry; restore with" in "\n" + path.read_text("utf-8")


@pytest.mark.slow  # words lint scans the English dictionary
def test_cli_messages_with_one_entry_and_one_problem(tmp_path):
    save_wordlist(tmp_path / "one.txt", ["darn"])
    result = CliRunner().invoke(main, ["check", "--words", str(tmp_path / "one.txt"), "hi"],
                                env=NO_BRAND)
    assert "(1 entry)" in result.stderr, result.stderr
    lint = CliRunner().invoke(main, ["words", "lint", "--lang", "en",
                                     str(tmp_path / "one.txt")], env=NO_BRAND)
    assert lint.stderr.startswith("1 entry checked against"), lint.stderr
    assert lint.stderr.rstrip().endswith(": 0 problems."), lint.stderr
