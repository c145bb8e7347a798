"""`kickflip-moderation demo`: the README's first command works with no account."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import main

pytestmark = pytest.mark.e2e


def test_demo_writes_the_report_and_compares_with_the_truth(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KICKFLIP_MODERATION_HOME", raising=False)
    result = CliRunner().invoke(main, ["demo", "--orders", "40"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "kickflip-demo-report.html").read_text()
    assert page.startswith("<!doctype html>") and "<mark>" in page
    assert "Report: " in result.stdout and "kickflip-demo-report.html" in result.stdout
    assert "Merged the shipped word lists" in result.stderr
    assert "offending:" in result.stdout and "false alarms" in result.stdout
    # complete offline: every image from the fake on 127.0.0.1, a header, censored texts
    images = re.findall(r'<img src="([^"]+)"', page)
    assert images and all(url.startswith("http://127.0.0.1:") for url in images)
    assert "brand demo-brand; generated " in page and "word list: " in page
    assert '<td class="censored">' in page


def test_demo_keeps_its_state_under_the_home_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path / "home"))
    out = tmp_path / "r.html"
    runner = CliRunner()
    for _ in range(2):  # a second demo starts from scratch and reports the same
        result = runner.invoke(main, ["demo", "--orders", "20", "-o", str(out)],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert list((tmp_path / "home" / "demo").glob("scan-*.sqlite3"))
    assert out.exists()
