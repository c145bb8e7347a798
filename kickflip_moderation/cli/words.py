"""``words``: pull, diff, merge, push, add, remove, backups, restore, enable/disable and
lint the brand's word list.

Rendering only: the safety steps (re-read, backup, fold concurrent additions, verify) live
in ``kickflip_moderation.sync``, backups in ``kickflip_moderation.backups``. Safety rules,
also in each command's help:

* merge and add only add; merge asks on a terminal and needs ``--yes`` otherwise.
* remove and disable ask on a terminal and need ``--yes`` otherwise; "no" exits 7.
* push/restore may remove; any removal is listed and needs ``--yes`` (exit 2 without it);
  restore refuses another brand's backup without ``--force``.
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
from ..backups import BackupInfo, backup_brand, list_backups
from ..remote_lists import Skipped, cap_entries, skipped_lines, unusable_reason
from ..safetext import printable, safe_json
from ..wording import entry_count, plural
from ..wordlist import (
    MAX_ENTRY_LENGTH,
    read_entries,
    read_wordlist,
    unrepresentable,
    write_wordlist,
)
from ..wordlist import diff as diff_lists
from ..wordlist import merge as merge_lists
from .common import (
    EXIT_CONFIG,
    EXIT_FILE,
    EXIT_FLAGGED,
    EXIT_USAGE,
    EXIT_VERIFY,
    Settings,
    confirm,
    fail,
    handle_errors,
    note,
)
from .listfiles import LANG_CHOICE, LIST_FILE, with_langs

__all__ = ["words"]

FILES = click.argument("files", nargs=-1, required=True, type=LIST_FILE)
# FILE(s) and/or --lang: the shipped lists for a pip install, where no wordlists/ is at hand.
SOME_FILES = click.argument("files", nargs=-1, type=LIST_FILE)
LANGS = click.option("--lang", "langs", multiple=True, type=LANG_CHOICE,
                     help="Also the shipped list of LANG (repeatable; same as FILE lang:LANG).")
JSON = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
DRY = click.option("--dry-run", is_flag=True, help="Show what would change; send nothing.")
ENTRIES = click.argument("entries", nargs=-1, required=True)
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
    another admin's additions are kept, and reads it back afterwards to verify. A FILE may
    be lang:LANG, a shipped list.

    \b
    Examples:
      kfmod words pull -o brand.txt
      kfmod words merge --lang en --dry-run
      kfmod words add "piece of crap"
      kfmod words restore --latest --dry-run
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
        note(f"Wrote {_n(len(kept))} to {output}.")
    if odd:
        click.echo(f"Left out {plural(len(odd), 'remote entry', 'remote entries')} that a "
                   "word-list file cannot hold (they stay in Kickflip; --json shows them):",
                   err=True)
        for entry, why in odd:
            click.echo(f"  {printable(repr(entry))} {why}", err=True)


def _files(files: tuple[Path, ...], langs: tuple[str, ...]) -> tuple[Path, ...]:
    files = with_langs(files, langs)
    if not files:
        fail("give a word-list FILE, lang:LANG or --lang LANG", EXIT_USAGE)
    return files


@words.command()
@SOME_FILES
@LANGS
@JSON
@handle_errors
def diff(files: tuple[Path, ...], langs: tuple[str, ...], as_json: bool) -> None:
    """Compare the remote list with FILE(s): only remote, only local, near-duplicates.

    A FILE may be lang:LANG, a shipped list (lang:en); --lang en is the same.
    Informational: exits 0 whether or not the lists differ (2-5 on errors).

    \b
    Examples:
      kfmod words diff brand-extra.txt --lang en
      kfmod words diff lang:en lang:fr
    """
    local = merge_lists([], *(read_wordlist(f) for f in _files(files, langs)))
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


def _change(plan: sync.Plan, *, dry_run: bool, yes: bool, as_json: bool,
            ask: bool = False) -> None:
    """Shared tail of every list change: show, confirm, apply, report.

    Removals need --yes, or a "yes" at the prompt when ``ask`` (merge, remove) and stdin
    is a terminal; declining exits 7 with nothing sent.
    """
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
    if not yes and ask:
        if not _interactive():
            fail("stdin is not a terminal: re-run with --yes to send the changed list",
                 EXIT_USAGE)
        confirm(f"Send {_n(len(plan.after))} to the brand?")
        yes = True
    if plan.removed and not yes:
        fail(f"{_n(len(plan.removed))} would be removed; re-run with --yes", EXIT_USAGE)
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
@SOME_FILES
@LANGS
@DRY
@YES
@JSON
@handle_errors
def merge(files: tuple[Path, ...], langs: tuple[str, ...], dry_run: bool, yes: bool,
          as_json: bool) -> None:
    """Add the entries of FILE(s) to the remote list; never removes anything.

    A FILE may be lang:LANG, a shipped list (lang:en); --lang en is the same.
    Shows what would be added, then asks (on a terminal; "no" exits 7) or needs --yes
    (otherwise: exit 2). Before sending it backs up the remote list, re-reads it and keeps
    anything another admin added meanwhile; afterwards it reads the list back (exit 6 if it
    differs).

    \b
    Examples:
      kfmod words merge --lang en --dry-run
      kfmod words merge lang:en lang:fr brand-extra.txt --yes
    """
    local = [read_wordlist(f) for f in _files(files, langs)]
    _change(_plan(sync.plan_merge, *local), dry_run=dry_run, yes=yes, as_json=as_json,
            ask=True)


@words.command()
@click.argument("file", type=LIST_FILE)
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


def _typed_entries(entries: tuple[str, ...]) -> list[str]:
    """Entries typed on the command line, refused (exit 2) if a word list cannot hold them."""
    for entry in entries:
        why = unrepresentable(entry)
        if why is None and len(entry) > MAX_ENTRY_LENGTH:
            why = f"is longer than {MAX_ENTRY_LENGTH} characters"
        if why is not None:
            fail(f"entry {printable(entry)!r} {why}", EXIT_USAGE)
    return merge_lists([], entries)


@words.command()
@ENTRIES
@DRY
@YES
@JSON
@handle_errors
def add(entries: tuple[str, ...], dry_run: bool, yes: bool, as_json: bool) -> None:
    """Add ENTRY(s) to the remote list, exactly as typed; never removes anything.

    The same safe steps as merge (backup, re-read, read back and verify), without the
    prompt: the entries on the command line are the confirmation (--yes is accepted).

    \b
    Examples:
      kfmod words add "piece of crap" jerk
      kfmod words add wanker --dry-run
    """
    plan = _plan(sync.plan_merge, _typed_entries(entries))
    _change(plan, dry_run=dry_run, yes=True, as_json=as_json)


@words.command()
@ENTRIES
@DRY
@YES
@JSON
@handle_errors
def remove(entries: tuple[str, ...], dry_run: bool, yes: bool, as_json: bool) -> None:
    """Remove ENTRY(s) from the remote list (exact text; near matches are suggested).

    Asks on a terminal ("no" exits 7), needs --yes otherwise (exit 2). The same safe steps
    as push: backup, re-read (entries another admin added meanwhile are kept), read back
    and verify.

    \b
    Examples:
      kfmod words remove "scunthorpe" --dry-run
      kfmod words remove jerk --yes
    """
    targets = _typed_entries(entries)
    with _settings().client() as client:
        remote = sync.read_remote(client)
    missing = [e for e in targets if e not in remote.words]
    near = {loc: rem for rem, loc in diff_lists(remote.words, missing).near_duplicates}
    for entry in missing:
        hint = f" (did you mean {printable(near[entry])!r}?)" if entry in near else ""
        _say(f"Not on the list: {printable(entry)!r}{hint}", as_json)
    drop = set(targets)
    keep = [w for w in remote.words if w not in drop]
    plan = sync.plan_push(remote, keep, mode="remove")
    _change(plan, dry_run=dry_run, yes=yes, as_json=as_json, ask=True)


def _describe(info: BackupInfo) -> dict[str, Any]:
    saved = sync.read_backup(info.path)
    return {"path": str(info.path), "brand": info.brand,
            "taken": info.taken.strftime("%Y-%m-%dT%H:%M:%SZ"), "entries": len(saved.words),
            "isActive": saved.is_active}


@words.command()
@click.option("--all", "all_brands", is_flag=True, help="Every brand's backups.")
@JSON
@handle_errors
def backups(all_brands: bool, as_json: bool) -> None:
    """List the backups of the brand's word list, oldest first (every brand with --all or
    when no brand is configured).

    Every change (merge, push, add, remove, restore, enable, disable) saves the list it
    replaces; the newest KICKFLIP_BACKUPS_KEEP (default 100) per brand are kept.

    \b
    Examples:
      kfmod words backups
      kfmod words restore --latest --dry-run
    """
    settings = _settings().resolve()
    brand = None if all_brands else settings.brand
    rows = [_describe(info) for info in list_backups(sync.backups_dir(), brand)]
    if as_json:
        _out(rows)
        return
    for row in rows:
        state = {True: "on", False: "off", None: "?"}[row["isActive"]]
        click.echo(f"{row['taken']}  {row['brand'] or '?'}  {_n(row['entries'])}, filter "
                   f"{state}  {row['path']}")
    whose = f"brand {brand}" if brand else "any brand"
    note(f"{plural(len(rows), 'backup')} of {whose} in {sync.backups_dir()}.")


def _latest_backup(brand: str | None) -> Path:
    if not brand:
        fail("--latest needs a brand: set KICKFLIP_BRAND, pass --brand or use a --profile",
             EXIT_CONFIG)
    found = list_backups(sync.backups_dir(), brand)
    if not found:
        fail(f"no backup of brand {brand} in {sync.backups_dir()}", EXIT_FILE)
    return found[-1].path


@words.command()
@click.argument("backup", required=False, type=click.Path(path_type=Path))
@click.option("--latest", is_flag=True,
              help="The brand's newest backup: the list before the last change.")
@click.option("--force", is_flag=True, help="Restore a backup taken of another brand.")
@DRY
@YES
@JSON
@handle_errors
def restore(backup: Path | None, latest: bool, force: bool, dry_run: bool, yes: bool,
            as_json: bool) -> None:
    """Push a BACKUP (saved by every change) back; the same rules as push.

    --latest picks the brand's newest backup (the list before the last change; restoring
    saves a backup too, so running it twice undoes itself). A backup of another brand is
    refused (exit 2) without --force. Restores the words only; the isActive state recorded
    in the backup is shown, and enable/disable set it.

    \b
    Examples:
      kfmod words restore --latest --dry-run
      kfmod words restore ~/.local/share/kickflip-moderation/backups/acme-20261126T235959Z.txt
    """
    settings = _settings().resolve()
    if (backup is None) == (not latest):
        fail("give a BACKUP file or --latest (one of them)", EXIT_USAGE)
    if backup is None:
        backup = _latest_backup(settings.brand)
        _say(f"Latest backup: {backup}", as_json)
    owner = backup_brand(backup)
    if owner is not None and settings.brand and owner != settings.brand and not force:
        fail(f"{backup} is a backup of brand {owner}, not {settings.brand}; re-run with "
             "--force to restore it anyway", EXIT_USAGE)
    saved = sync.read_backup(backup)
    if saved.is_active is not None:
        _say(f"Backup recorded the filter as {'on' if saved.is_active else 'off'}.", as_json)
    plan = _plan(sync.plan_push, saved.words, mode="restore")
    _change(plan, dry_run=dry_run, yes=yes, as_json=as_json)


def _set_active(active: bool, *, as_json: bool, dry_run: bool = False, yes: bool = True) -> None:
    """enable/disable: show the change, confirm unless ``yes``, apply, verify."""
    settings = _settings()
    state = "on" if active else "off"
    with settings.client() as client:
        current = sync.read_remote(client)
        if current.is_active == active:
            _say(f"The filter is already {state}; nothing was sent.", as_json)
            if as_json:
                _out(sync.SyncResult(None, current, None, None).to_json())
            return
        _say(f"Would turn the filter {state}, keeping all {_n(len(current.words))}.", as_json)
        if dry_run:
            _say("Dry run: nothing was sent.", as_json)
            if as_json:
                _out(sync.SyncResult(None, current, None, None).to_json())
            return
        if not yes:
            if not _interactive():
                fail(f"stdin is not a terminal: re-run with --yes to turn the filter {state}",
                     EXIT_USAGE)
            confirm(f"Turn brand {settings.brand}'s filter {state}?")
        result = sync.set_active(client, active, brand=settings.brand or "brand")
    _report(result, as_json)
    _say(f"The filter is {state}; all {_n(len(result.fresh.words))} kept.", as_json)


@words.command()
@DRY
@JSON
@handle_errors
def enable(dry_run: bool, as_json: bool) -> None:
    """Turn the brand's filter on, keeping every word (re-sent with it and verified).

    \b
    Example:
      kfmod words enable
    """
    _set_active(True, as_json=as_json, dry_run=dry_run)


@words.command()
@DRY
@YES
@JSON
@handle_errors
def disable(dry_run: bool, yes: bool, as_json: bool) -> None:
    """Turn the brand's filter off, keeping every word (re-sent with it and verified).

    Kickflip then accepts any text, so it asks first on a terminal ("no" exits 7) and needs
    --yes otherwise (exit 2).

    \b
    Examples:
      kfmod words disable --dry-run
      kfmod words disable --yes
    """
    _set_active(False, as_json=as_json, dry_run=dry_run, yes=yes)


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
    """Find problems in word-list FILE(s) (lang:en: a shipped list): entries that
    normalize to nothing, exact and near-duplicates, entries a built-in allowlist entry
    shadows, and innocent words an entry would flag in the shipped dictionaries (en, fr,
    es, de) and example texts, with suggested allowlist entries.

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
