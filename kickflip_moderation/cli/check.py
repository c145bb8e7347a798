"""``check``: does a text pass the brand's word list? (exit 0 clean, 1 flagged).

The list comes from ``--words`` files, else the brand's remote list when a brand and token
are configured, else the shipped default list; stderr says which, so a "clean" answer is
never mistaken for a check against the wrong list.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..wording import entry_count
from ..wordlist import merge, read_wordlist
from .common import EXIT_FLAGGED, Settings, handle_errors

__all__ = ["check", "highlight"]


def highlight(text: str, spans: Sequence[tuple[int, int]], *, colour: bool = True) -> str:
    """``text`` with each (merged) span in brackets, styled red on a terminal."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        marked = f"[{text[start:end]}]"
        out += [text[pos:start], click.style(marked, fg="red", bold=True) if colour else marked]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _texts(args: Sequence[str]) -> list[str]:
    texts: list[str] = []
    for arg in args:
        if arg == "-":
            texts += [line.rstrip("\r\n") for line in sys.stdin if line.strip()]
        else:
            texts.append(arg)
    return texts


def _matcher(word_files: Sequence[Path], allow: list[str], langs: Sequence[str]) -> Any:
    """The matcher and a description of which list it uses."""
    from ..matching.matcher import Matcher

    if word_files:
        entries = merge([], *(read_wordlist(f) for f in word_files))
        where = f"word list from {', '.join(map(str, word_files))} ({entry_count(len(entries))})"
        click.echo(f"Using the {where}.", err=True)
        return Matcher(entries, allow=allow)
    settings = click.get_current_context().find_object(Settings)
    if settings is not None and settings.configured:
        with settings.client() as client:
            wf = client.get_wordfilter()
        state = "" if wf.is_active else "; the filter is disabled on Kickflip"
        click.echo(f"Using brand {settings.brand}'s remote list "
                   f"({entry_count(len(wf.words))}{state}).", err=True)
        matcher = Matcher(wf.words, allow=allow, skip_unusable=True)
        for w in matcher.skipped:
            click.echo(f"Skipping remote entry {w!r}: it normalizes to nothing.", err=True)
        return matcher
    click.echo(f"Using the shipped default list ({', '.join(langs)}); set KICKFLIP_BRAND and "
               "KICKFLIP_TOKEN to use the brand's list.", err=True)
    return Matcher.default(langs=tuple(langs), allow=allow)


def _echo_decisions(text: str, decisions: Sequence[Any]) -> None:
    """``--explain``: one line per occurrence of an entry, counted or not, with why."""
    for d in decisions:
        mark = click.style("counts ", fg="red") if d.counts else click.style("ignored", fg="green")
        click.echo(f"           {mark} {text[d.start:d.end]!r} ({d.word!r}"
                   f" at {d.start}-{d.end}): {d.reason}")


@click.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--words", "word_files", multiple=True, type=click.Path(path_type=Path),
              help="Word-list FILE to check against (repeatable).")
@click.option("--allow", "allow_files", multiple=True, type=click.Path(path_type=Path),
              help="Allowlist FILE, on top of the built-in one (repeatable).")
@click.option("--lang", "langs", multiple=True, default=("en",), show_default=True,
              help="Shipped default list(s) to use when no list is given (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
@click.option("--explain", is_flag=True,
              help="List every occurrence of an entry, counted or not, and the reason.")
@handle_errors
def check(texts: tuple[str, ...], word_files: tuple[Path, ...], allow_files: tuple[Path, ...],
          langs: tuple[str, ...], as_json: bool, explain: bool) -> None:
    """Check TEXT(s) (or - to read one text per line from stdin) against a word list.

    Uses --words FILE(s), else the brand's remote list when KICKFLIP_BRAND and
    KICKFLIP_TOKEN are set, else the shipped default list (stderr says which).
    Exit 0 when every text is clean, 1 when any is flagged.

    \b
    Examples:
      kfmod check "Happy birthday Jessica"
      kfmod check --words brand.txt "Scunthorpe United" "sh1t happens"
      kfmod check --explain "Peanut butter, bullshit"
      cat texts.txt | kfmod check --json -
    """
    items = _texts(texts)
    allow = [a for f in allow_files for a in read_wordlist(f)]
    matcher = _matcher(word_files, allow, langs)
    results: list[dict[str, Any]] = []
    for text in items:
        matches = matcher.find(text)
        results.append({
            "text": text,
            "flagged": bool(matches),
            "matches": [{"entry": m.word, "start": m.start, "end": m.end,
                         "matched": text[m.start:m.end]} for m in matches],
        })
        decisions = matcher.explain(text) if explain else []
        if explain:
            results[-1]["explain"] = [
                {"entry": d.word, "start": d.start, "end": d.end, "matched": text[d.start:d.end],
                 "counts": d.counts, "reason": d.reason} for d in decisions
            ]
        if as_json:
            continue
        if not matches:
            click.echo(f"{click.style('clean  ', fg='green')}  {text}")
            _echo_decisions(text, decisions)
            continue
        shown = highlight(text, [(m.start, m.end) for m in matches])
        click.echo(f"{click.style('flagged', fg='red', bold=True)}  {shown}")
        if explain:
            _echo_decisions(text, decisions)
            continue
        for m in matches:
            click.echo(f"           {text[m.start:m.end]!r} matches entry {m.word!r} "
                       f"at {m.start}-{m.end}")
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if any(r["flagged"] for r in results):
        click.get_current_context().exit(EXIT_FLAGGED)
