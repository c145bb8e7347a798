"""Packaging hygiene: one source for shared values, build scripts out of the package (issue 18)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from click.testing import CliRunner

import kickflip_moderation
from kickflip_moderation import constants
from kickflip_moderation.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SOURCES = [p for p in (ROOT / "kickflip_moderation").rglob("*.py")]


def test_the_cli_reports_the_package_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip().endswith(kickflip_moderation.__version__)


def test_the_default_api_url_is_written_once():
    literal = re.compile(re.escape(f'"{constants.DEFAULT_BASE_URL}"'))
    holders = [p.name for p in SOURCES if literal.search(p.read_text(encoding="utf-8"))]
    assert holders == ["constants.py"]


def test_the_language_tuple_is_written_once():
    literal = re.compile(r"""\(\s*["']en["']\s*,\s*["']fr["']\s*,\s*["']es["']\s*,\s*["']de["']""")
    holders = [p.name for p in SOURCES if literal.search(p.read_text(encoding="utf-8"))]
    assert holders == ["constants.py"]


def test_the_version_is_computed_in_one_place():
    holders = [
        p.relative_to(ROOT).as_posix()
        for p in SOURCES
        if re.search(r"\bversion\(\s*[\"']kickflip-moderation", p.read_text(encoding="utf-8"))
        or "package_name=" in p.read_text(encoding="utf-8")
    ]
    assert holders == ["kickflip_moderation/__init__.py"]
