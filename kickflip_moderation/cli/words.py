"""``words``: pull, diff, merge, push, restore, enable/disable and lint the brand's word list.

Rendering only: the safety steps (re-read, backup, fold concurrent additions, verify) live
in ``kickflip_moderation.sync``. Safety rules, also in each command's help:

* merge only adds; it asks for confirmation on a terminal, and needs ``--yes`` otherwise.
* push/restore may remove; any removal is listed and needs ``--yes`` (exit 2 without it).
* entries another admin added since the list was read are always kept.
* a failed read-back verification exits 6 and names the backup to restore.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .. import paths, sync
from ..remote_lists import Skipped, cap_entries, skipped_lines, unusable_reason
from ..safetext import printable, safe_json
from ..wording import entry_count, plural
from ..wordlist import diff as diff_lists
from ..wordlist import merge as merge_lists
from ..wordlist import read_entries, read_wordlist, unrepresentable, write_wordlist
from .common import EXIT_FLAGGED, EXIT_USAGE, EXIT_VERIFY, Settings, fail, handle_errors

__all__ = ["words"]

FILES = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
JSON = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
DRY = click.option("--dry-run", is_flag=True, help="Show what would change; send nothing.")
YES = click.option("--yes", "-y", is_flag=True, help="Do not ask; allow removals.")


def _interactive() -> bool:
    return sys.stdin.isatty()


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings(brand=None)


def _out(data: Any) -> None:
    click.echo(safe_json(data, indent=2))


def _say(message: str, as_json: bool) -> None:
    """Human-readable progress: stdout normally, stderr under --json."""
    click.echo(message, err=as_json)


def _report_remote(words: Sequence[str]) -> None:
    """On stderr: the remote entries the checks leave out (they stay in Kickflip)."""
    _, over = cap_entries(words)
    odd = [Skipped(w, why) for w in words[: len(words) - len(over)]
           if (why := unusable_reason(w))]
    for line in skipped_lines([*odd, *over]):
        click.echo(line, err=True)


def _list(sign: str, entries: Sequence[str], colour: str, as_json: bool) -> None:
    """One entry a line; remote entries are hostile, so controls are shown escaped."""
    for e in entries:
        click.echo(click.style(f"  {sign} {printable(e)}", fg=colour), err=as_json)


def _n(count: int) -> str:
    return entry_count(count)


@click.group()
def words() -> None:
    """Manage the brand's word list (Kickflip's wordfilter) without losing a word.

    Every change backs up the list it replaces, re-reads the list just before sending so
    another admin's additions are kept, and reads it back afterwards to verify.

    \b
    Examples:
      kfmod words pull -o brand.txt
      kfmod words merge wordlists/en.txt --dry-run
      kfmod words lint brand.txt
    """


@words.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (0600).")
@JSON
@handle_errors
def pull(output: Path | None, as_json: bool) -> None:
    """Print the remote list, one entry per line, exactly as stored.

    Entries starting with # or \\ are written with a leading backslash, so the output reads
    back as the same list. Remote entries no word-list file can hold (empty, a line break,
    a NUL, surrounding spaces) are left out and listed on stderr; --json shows them all.

    \b
    Examples:
      kfmod words pull
      kfmod words pull -o brand.txt
    """
    with _settings().client() as client:
        snap = sync.read_remote(client)
    _report_remote(snap.words)
    if as_json:
        _out({"isActive": snap.is_active, "words": list(snap.words)})
        return
    odd = [(w, why) for w in snap.words if (why := unrepresentable(w))]
    kept = [w for w in snap.words if not unrepresentable(w)]
    text = write_wordlist(kept)
    if output is None:
        click.echo(text, nl=False)
    else:
        paths.write_private_file(output, text)
        click.echo(f"Wrote {_n(len(kept))} to {output}.", err=True)
    if odd:
        click.echo(f"Left out {plural(len(odd), 'remote entry', 'remote entries')} that a "
                   "word-list file cannot hold (they stay in Kickflip; --json shows them):",
                   err=True)
        for entry, why in odd:
            click.echo(f"  {printable(repr(entry))} {why}", err=True)


@words.command()
@FILES
@JSON
@handle_errors
def diff(files: tuple[Path, ...], as_json: bool) -> None:
    """Compare the remote list with FILE(s): only remote, only local, near-duplicates.

    Informational: exits 0 whether or not the lists differ (2-5 on errors).

    \b
    Example:
      kfmod words diff wordlists/en.txt brand-extra.txt
    """
    local = merge_lists([], *(read_wordlist(f) for f in files))
    with _settings().client() as client:
        snap = sync.read_remote(client)
    _report_remote(snap.words)
    d = diff_lists(snap.words, local)
    if as_json:
        _out({"only_remote": d.only_remote, "only_local": d.only_local,
              "near_duplicates": [list(p) for p in d.near_duplicates]})
        return
    click.echo(f"Only remote ({len(d.only_remote)}):")
    _list("-", d.only_remote, "red", False)
    click.echo(f"Only local ({len(d.only_local)}):")
    _list("+", d.only_local, "green", False)
    if d.near_duplicates:
        click.echo(f"Near-duplicates ({len(d.near_duplicates)}), same once normalized:")
        for remote, loc in d.near_duplicates:
            click.echo(click.style(f"  ~ {loc!r} (local) ~ {remote!r} (remote)", fg="yellow"))


def _show_plan(plan: sync.Plan, as_json: bool) -> None:
    state = "on" if plan.remote.is_active else "off"
    _say(f"Remote list: {_n(len(plan.remote.words))} (filter {state}).", as_json)
    _report_remote(plan.remote.words)
    if plan.added:
        _say(f"Would add {_n(len(plan.added))}:", as_json)
        _list("+", plan.added, "green", as_json)
    if plan.removed:
        _say(f"Would remove {_n(len(plan.removed))}:", as_json)
        _list("-", plan.removed, "red", as_json)


def _report(result: sync.SyncResult, as_json: bool) -> None:
    """Say what happened; exit 6 if the read-back differs from what was sent."""
    if result.backup:
        _say(f"Backup of the replaced list: {result.backup}", as_json)
    if result.concurrent_added:
        _say(f"The remote list changed since it was read: kept {_n(len(result.concurrent_added))}"
             " another admin added:", as_json)
        _list("+", result.concurrent_added, "yellow", as_json)
    if result.concurrent_removed:
        _say(f"Removed remotely since it was read: "
             f"{', '.join(map(printable, result.concurrent_removed))}",
             as_json)
    if as_json:
        _out(result.to_json())
    v = result.verification
    if not result.posted:
        _say("Nothing to change; nothing was sent.", as_json)
    elif v is not None and not v.ok:
        parts = [f"missing {', '.join(map(repr, v.missing))}" if v.missing else "",
                 f"unexpected {', '.join(map(repr, v.unexpected))}" if v.unexpected else "",
                 "" if v.active_ok else f"isActive is {str(v.is_active).lower()}"]
        fail(f"verification failed: the remote list differs from what was sent: "
             f"{'; '.join(p for p in parts if p)}. The replaced list is in {result.backup} "
             f"(kfmod words restore {result.backup})", EXIT_VERIFY)
    else:
        _say(f"Sent {_n(len(result.sent or ()))}; read back and verified.", as_json)


def _change(plan: sync.Plan, *, dry_run: bool, yes: bool, as_json: bool) -> None:
    """Shared tail of merge/push/restore: show, confirm, apply, report."""
    _show_plan(plan, as_json)
    if not plan.changes:
        _say("Nothing to change; nothing was sent.", as_json)
        if as_json:
            _out(plan.to_json())
        return
    if dry_run:
        _say("Dry run: nothing was sent.", as_json)
        if as_json:
            _out(plan.to_json())
        return
    if plan.removed and not yes:
        fail(f"{_n(len(plan.removed))} would be removed; re-run with --yes", EXIT_USAGE)
    if plan.mode == "merge" and not yes:
        if not _interactive():
            fail("stdin is not a terminal: re-run with --yes to send the merged list",
                 EXIT_USAGE)
        click.confirm(f"Send {_n(len(plan.after))} to the brand?", abort=True, err=True)
    settings = _settings()
    with settings.client() as client:
        result = sync.apply_plan(client, plan, brand=settings.brand or "brand",
                                 allow_removals=yes)
    _report(result, as_json)


def _plan(build: Any, *args: Any, **kwargs: Any) -> sync.Plan:
    with _settings().client() as client:
        plan: sync.Plan = build(sync.read_remote(client), *args, **kwargs)
    return plan


@words.command()
@FILES
@DRY
@YES
@JSON
@handle_errors
def merge(files: tuple[Path, ...], dry_run: bool, yes: bool, as_json: bool) -> None:
    """Add the entries of FILE(s) to the remote list; never removes anything.

    Shows what would be added, then asks (on a terminal) or needs --yes (otherwise: exit 2).
    Before sending it backs up the remote list, re-reads it and keeps anything another admin
    added meanwhile; afterwards it reads the list back (exit 6 if it differs).

    \b
    Examples:
      kfmod words merge wordlists/en.txt --dry-run
      kfmod words merge wordlists/en.txt wordlists/fr.txt --yes
    """
    local = [read_wordlist(f) for f in files]
    _change(_plan(sync.plan_merge, *local), dry_run=dry_run, yes=yes, as_json=as_json)


@words.command()
@click.argument("file", type=click.Path(path_type=Path))
@DRY
@YES
@JSON
@handle_errors
def push(file: Path, dry_run: bool, yes: bool, as_json: bool) -> None:
    """Replace the remote list with FILE.

    Additions need no confirmation. Removals are listed and need --yes (without it nothing
    is sent, exit 2). Entries another admin adds between the read and the write are kept,
    never removed unseen: push again to remove them.

    \b
    Examples:
      kfmod words push brand.txt --dry-run
      kfmod words push brand.txt --yes
    """
    entries = read_wordlist(file)
    _change(_plan(sync.plan_push, entries), dry_run=dry_run, yes=yes, as_json=as_json)


@words.command()
@click.argument("backup", type=click.Path(path_type=Path))
@DRY
@YES
@JSON
@handle_errors
def restore(backup: Path, dry_run: bool, yes: bool, as_json: bool) -> None:
    """Push a backup (saved by merge/push/enable/disable) back; the same rules as push.

    Restores the words only; the isActive state recorded in the backup is shown, and
    enable/disable set it.

    \b
    Example:
      kfmod words restore ~/.local/share/kickflip-moderation/backups/acme-20261126T235959Z.txt
    """
    saved = sync.read_backup(backup)
    if saved.is_active is not None:
        _say(f"Backup recorded the filter as {'on' if saved.is_active else 'off'}.", as_json)
    plan = _plan(sync.plan_push, saved.words, mode="restore")
    _change(plan, dry_run=dry_run, yes=yes, as_json=as_json)


def _set_active(active: bool, as_json: bool) -> None:
    settings = _settings()
    with settings.client() as client:
        result = sync.set_active(client, active, brand=settings.brand or "brand")
    state = "on" if active else "off"
    if not result.posted:
        _say(f"The filter is already {state}; nothing was sent.", as_json)
        if as_json:
            _out(result.to_json())
        return
    _report(result, as_json)
    _say(f"The filter is {state}; all {_n(len(result.fresh.words))} kept.", as_json)


@words.command()
@JSON
@handle_errors
def enable(as_json: bool) -> None:
    """Turn the brand's filter on, keeping every word (re-sent with it and verified).

    \b
    Example:
      kfmod words enable
    """
    _set_active(True, as_json)


@words.command()
@JSON
@handle_errors
def disable(as_json: bool) -> None:
    """Turn the brand's filter off, keeping every word (re-sent with it and verified).

    \b
    Example:
      kfmod words disable
    """
    _set_active(False, as_json)


def _example_texts() -> dict[str, list[str]]:
    """Ordinary customization texts from the demo data (names, team names), if shipped."""
    try:
        from ..fake_api.data import INNOCENT, ORDINARY
    except ImportError:  # pragma: no cover - the demo data is optional
        return {}
    return {"examples": [*ORDINARY, *INNOCENT]}


@words.command()
@FILES
@click.option("--lang", "langs", multiple=True, type=click.Choice(["en", "fr", "es", "de"]),
              help="Dictionary to scan (repeatable; default: all).")
@click.option("--texts", "texts", multiple=True, type=click.Path(path_type=Path),
              help="A file of known-innocent texts (names...), one per line (repeatable).")
@click.option("--cap", default=8, show_default=True, help="Innocent words shown per entry.")
@JSON
@handle_errors
def lint(files: tuple[Path, ...], langs: tuple[str, ...], texts: tuple[Path, ...], cap: int,
         as_json: bool) -> None:
    """Find problems in word-list FILE(s): entries that normalize to nothing, exact and
    near-duplicates, entries a built-in allowlist entry shadows, and innocent words an
    entry would flag in the shipped dictionaries (en, fr, es, de) and example texts, with
    suggested allowlist entries.

    A dictionary word is not innocent when the match is the entry itself, inflected or in
    an offensive compound ("fucking", "bullshit" for "fuck", "shit"), or a reviewed
    offensive derivation ("pornographic"): the rule that builds the built-in allowlists.
    Exit 0 clean, 1 problems found, 5 unreadable.

    \b
    Examples:
      kfmod words lint brand.txt
      kfmod words lint brand.txt --lang en --texts first-names.txt --json
    """
    from ..lint import lint_entries

    entries = [e for f in files for e in read_entries(f)]
    extra = _example_texts()
    for t in texts:
        extra[str(t)] = read_wordlist(t)
    report = lint_entries(entries, langs=langs or ("en", "fr", "es", "de"), extra=extra,
                          cap=cap)
    if as_json:
        _out(report.to_json())
    else:
        for p in report.problems:
            click.echo(f"{p.path}:{p.line}: {click.style(p.kind, fg='yellow')}: "
                       f"{p.entry!r} {p.message}")
            if p.suggest_allow:
                click.echo(f"    suggested allowlist entries: {', '.join(p.suggest_allow)}")
        click.echo(f"{_n(report.entries)} checked against {report.words_scanned:,} words/texts "
                   f"({', '.join(report.sources)}) in {report.seconds:.1f}s: "
                   f"{plural(len(report.problems), 'problem')}.", err=True)
    if not report.ok:
        click.get_current_context().exit(EXIT_FLAGGED)
