"""Docs are tested (sqlite-utils style): every command has help with an example and is in README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


COMMANDS = _commands(main)


def test_the_contract_commands_exist():
    names = {name for name, _ in COMMANDS}
    expected = {"check", "scan", "fake-api", "demo", "words", "words pull", "words diff",
                "words merge", "words push", "words restore", "words enable", "words disable",
                "words lint"}  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_with_an_example(name, command):
    assert command.help, f"{name} has no help text"
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert 0 == result.exit_code
    assert "kickflip-moderation" in result.output or "kfmod" in result.output, (
        f"{name} --help shows no example"
    )


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_in_readme(name, command):
    assert f"`{name}" in README, f"{name} is not documented in README.md"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first_block) == 2
    assert first_block[0].endswith("kickflip-moderation demo")
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_command = first_block[1].rsplit("&& ", 1)[1]
    assert test_command in ci


def test_readme_documents_every_exit_code():
    from kickflip_moderation.cli import common

    codes = {v for k, v in vars(common).items() if k.startswith("EXIT_")}
    table = re.findall(r"^\| (\d+) \|", README, flags=re.M)
    assert codes <= {int(c) for c in table}


PACKAGE = Path(__file__).resolve().parent.parent / "kickflip_moderation"
SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_code_cites_only_docs_that_ship_with_the_repository(path):
    """A docstring pointing outside the project (or at a missing page) misleads readers."""
    text = path.read_text(encoding="utf-8")
    assert "/work/" not in text and "api-notes" not in text and "api notes" not in text.lower()
    for cited in re.findall(r"docs/[\w./-]+\.md", text):
        assert (PACKAGE.parent / cited).is_file(), f"{path.name} cites missing {cited}"


def test_api_page_numbers_every_point_the_code_cites():
    page = (PACKAGE.parent / "docs" / "kickflip-api.md").read_text(encoding="utf-8")
    numbered = {int(n) for n in re.findall(r"^(\d+)\. \*\*", page, flags=re.MULTILINE)}
    cited: set[int] = set()
    for path in SOURCES:
        for first, last in re.findall(r"notes? #(\d+)(?:-#(\d+))?", path.read_text("utf-8")):
            cited.update(range(int(first), int(last or first) + 1))
    assert cited and cited <= numbered
