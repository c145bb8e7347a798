"""Packaging hygiene: one source for shared values, build scripts out of the package (issue 18)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
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


def _code_strings(path: Path) -> set[str]:
    """The string constants of a module's code, docstrings left out (they show examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr)
    }
    return {
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    }


def test_the_default_api_url_is_written_once():
    holders = [p.name for p in SOURCES if constants.DEFAULT_BASE_URL in _code_strings(p)]
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


def test_the_dev_group_pins_the_linters_and_the_test_extra_does_not_carry_them():
    dev = PYPROJECT["dependency-groups"]["dev"]
    assert {re.split(r"==", pin)[0] for pin in dev} == {"ruff", "mypy"}
    assert all("==" in pin for pin in dev)
    test_extra = PYPROJECT["project"]["optional-dependencies"]["test"]
    assert not [d for d in test_extra if d.startswith(("ruff", "mypy"))]


def test_project_urls_are_absolute_https():
    urls = PYPROJECT["project"]["urls"]
    assert urls and all(u.startswith("https://") for u in urls.values())


def test_no_build_script_sits_among_the_shipped_files():
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert "tools" not in wheel["only-include"]
    for folder in wheel["only-include"]:
        assert not [p for p in (ROOT / folder).rglob("build_*.py")], folder


@pytest.mark.slow
def test_shipped_data_is_read_through_the_package_loader(tmp_path):
    """From a zip (as a zipapp or a frozen app ships it), no file on disk to open by path."""
    archive = tmp_path / "kfmod.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        package = ROOT / "kickflip_moderation"
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT).as_posix())
        for path in (ROOT / "wordlists").glob("*.txt"):
            zf.write(path, f"kickflip_moderation/wordlists/{path.name}")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import kickflip_moderation as k; assert k.__file__.startswith(sys.argv[1]), k.__file__;"
        "from kickflip_moderation.matching.defaults import default_words, builtin_allowlist;"
        "from kickflip_moderation.resources_data import load_dictionary;"
        "from kickflip_moderation.matching.normalization import fold;"
        "print(len(default_words('en')), len(builtin_allowlist()), len(load_dictionary('de')),"
        " fold('\\u039dAZI')[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(archive)], capture_output=True, text=True, timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    words, allow, dictionary, folded = result.stdout.split()
    from kickflip_moderation.matching.defaults import builtin_allowlist, default_words
    from kickflip_moderation.resources_data import load_dictionary

    assert int(words) == len(default_words("en")) > 100
    assert int(allow) == len(builtin_allowlist()) > 0
    assert int(dictionary) == len(load_dictionary("de")) > 1000
    assert folded == "nazi"
