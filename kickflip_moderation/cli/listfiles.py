"""Word-list arguments that also name the shipped lists: ``lang:en`` or ``--lang en``.

A pip install has no ``wordlists/`` directory to point at, so ``words merge
wordlists/en.txt`` only works inside a clone; ``words merge lang:en`` (or ``--lang en``)
works everywhere. ``lang:allow-en`` names a shipped allowlist. The files are found with
``importlib.resources`` in the installed package, else in the source checkout.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..resources_data import DICTIONARY_LANGUAGES, wordlists_dir

__all__ = ["LANG_CHOICE", "LIST_FILE", "ListFile", "shipped_list", "with_langs"]

PREFIX = "lang:"
SHIPPED = (*DICTIONARY_LANGUAGES, *(f"allow-{code}" for code in DICTIONARY_LANGUAGES))


def shipped_list(name: str) -> Path:
    """The file of a shipped list: ``en`` (default entries) or ``allow-en`` (allowlist)."""
    if name not in SHIPPED:
        raise click.BadParameter(f"no shipped list {name!r}; have {', '.join(SHIPPED)}")
    packaged = importlib.resources.files("kickflip_moderation").joinpath("wordlists",
                                                                          f"{name}.txt")
    if isinstance(packaged, Path) and packaged.is_file():
        return packaged
    return wordlists_dir() / f"{name}.txt"  # a source checkout or editable install


class ListFile(click.ParamType):  # type: ignore[type-arg]
    """A word-list path, or ``lang:CODE`` for a shipped list. Reading (and its errors, exit 5)
    is left to the command: click's own file checks would exit 2, the usage-error code."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Path:
        if isinstance(value, Path):
            return value
        text = str(value)
        if text.startswith(PREFIX):
            try:
                return shipped_list(text[len(PREFIX):])
            except click.BadParameter as exc:
                self.fail(exc.message, param, ctx)
        return Path(text)

    def shell_complete(self, ctx: click.Context, param: click.Parameter,
                       incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        shipped = [CompletionItem(PREFIX + name) for name in SHIPPED
                   if incomplete and (PREFIX + name).startswith(incomplete)]
        return [*shipped, CompletionItem(incomplete, type="file")]  # files named l... too


LIST_FILE = ListFile()
LANG_CHOICE = click.Choice(DICTIONARY_LANGUAGES)


def with_langs(files: Iterable[Path], langs: Iterable[str]) -> tuple[Path, ...]:
    """FILE arguments followed by the shipped lists of ``--lang`` options."""
    return (*files, *(shipped_list(code) for code in langs))
