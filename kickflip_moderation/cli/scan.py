"""``kickflip-moderation scan``: orders -> designs -> findings, with resumable state.

Exit codes: 0 nothing flagged in this report, 1 flagged designs reported, 3 API error (or,
when nothing is flagged, designs that still could not be fetched: the scan is incomplete
and the next run retries them), 4 configuration (no token, empty word list, a database of
another brand), 5 file (output path, or a database that cannot be opened or written),
75 another scan holds the database (EX_TEMPFAIL: nothing was done, run again later).

Output: ``-o FILE`` (``-`` is stdout); by default jsonl and csv go to stdout and html to
``./scan-report.html`` (a page is for a browser, not a terminal). Report files are 0600.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from ..paths import data_dir, write_private_file
from ..remote_lists import skipped_lines
from ..report import FORMATS, ReportHeader, ReportRow, ScanTotals, render, render_html
from ..safetext import printable
from ..scan import ScanRun, run_scan
from ..store import ScanBusyError, ScanStore, StoredOrder
from ..wording import plural
from ..wordlist import read_wordlist
from .common import EXIT_API, EXIT_FILE, EXIT_FLAGGED, EXIT_OK, Settings, fail, handle_errors, note
from .listfiles import LIST_FILE

__all__ = ["default_db_path", "progress", "report_options", "scan", "write_report"]

HTML_DEFAULT = "scan-report.html"
F = TypeVar("F", bound=Callable[..., Any])

EXIT_BUSY = 75  # sysexits EX_TEMPFAIL: another scan holds the database; cron may retry


def default_db_path(brand: str) -> Path:
    return data_dir() / f"scan-{brand}.sqlite3"


class Progress:
    """A progress bar on stderr, opened once the scan knows how many orders it will check
    (a bar with a total; a plain count when the API gave none)."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._stack = ExitStack()
        self._bar: Any = None

    def total(self, total: int | None) -> None:
        items: Any = range(total) if total is not None else (None for _ in ())
        self._bar = self._stack.enter_context(click.progressbar(
            items, length=total, label=self._label, show_pos=True, file=sys.stderr))

    def step(self, order: StoredOrder) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        self._stack.close()


@contextmanager
def progress(label: str) -> Iterator[Progress | None]:
    """A ``Progress`` when stderr is a terminal; ``None`` otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = Progress(label)
    try:
        yield bar
    finally:
        bar.close()


def write_report(fmt: str, rows: list[ReportRow], totals: ScanTotals | None,
                 output: str | None, *, title: str = "Scan report",
                 header: ReportHeader | None = None) -> str | None:
    """Render and write; returns the file written (``None`` for stdout)."""
    text = (render_html(rows, totals=totals, title=title, header=header) if fmt == "html"
            else render(fmt, rows))
    if output is None and fmt == "html":
        output = HTML_DEFAULT
    if output is None or output == "-":
        click.echo(text, nl=False)
        return None
    write_private_file(Path(output), text)  # 0600: it holds customer text
    return output


def report_options(default_format: str) -> Callable[[F], F]:
    """``--format``, ``-o/--output`` and ``--db``: the same for ``scan`` and ``scan report``."""
    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default=default_format,
                     show_default=True, help="Report format."),
        click.option("-o", "--output", metavar="FILE",
                     help=f"Report file ('-': stdout). Default: stdout; html: ./{HTML_DEFAULT}."),
        click.option("--db", type=click.Path(path_type=Path),
                     help="Scan state database. Default: <data dir>/scan-<brand>.sqlite3."),
    ]

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def summarize(run: ScanRun, written: str | None, rechecked: bool) -> None:
    """The one-line summary (failing designs, orders not checked, remote entries left out,
    and a stale-list hint) on stderr."""
    for line in skipped_lines(run.skipped):
        click.echo(line, err=True)
    for design_id, error in sorted(run.result.failed.items()):
        click.echo(f"design {printable(design_id)} was not checked ({printable(error)}); the "
                   "next scan retries it", err=True)
    for ref, why in sorted(run.result.untracked.items()):
        click.echo(f"order {printable(ref)} was not checked ({why})", err=True)
    if run.stale and not rechecked:
        click.echo(f"note: {plural(run.stale, 'design')} of earlier orders were checked with "
                   "an older word list or allowlist; `scan --recheck` checks them again with "
                   "this one (`scan --all` also reports every finding)", err=True)
    where = f"; report: {written}" if written else ""
    note(f"scan: {run.totals.line()}{where}")


def exit_code(run: ScanRun) -> int:
    if run.totals.flagged:
        return EXIT_FLAGGED
    return EXIT_API if run.totals.failed or run.result.untracked else EXIT_OK


@click.group("scan", invoke_without_command=True)
@click.option("--since-order", type=click.IntRange(min=0), metavar="N",
              help="Only orders with orderId > N, in the scan and the report. Never moves "
                   "the checkpoint past older orders not yet checked.")
@click.option("--recheck", is_flag=True,
              help="Also check again the designs of earlier orders checked with another "
                   "word list or allowlist (new findings are reported as new).")
@click.option("--all", "all_", is_flag=True,
              help="--recheck, and report every finding, not only those not yet reported.")
@report_options(default_format="jsonl")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Designs fetched in parallel.")
@click.option("--allow", "allow_files", multiple=True, type=LIST_FILE,
              help="Allowlist FILE, on top of the built-in one (repeatable), as for check "
                   "and the checkout guard.")
@click.pass_obj
@handle_errors
def scan(settings: Settings, since_order: int | None, recheck: bool, all_: bool, fmt: str,
         output: str | None, db: Path | None, concurrency: int,
         allow_files: tuple[Path, ...]) -> None:
    """Check the designs of every new order against the brand's word list.

    The first scan walks every order; later ones walk newest first down to where the
    last one stopped, so they cost what is new. Each design is fetched once and never
    again while the word list is unchanged; after the list (or --allow) changes,
    --recheck checks earlier designs again. The scan uses the brand's list even when it
    is inactive. --allow FILE exempts the names the checkout guard allows.
    One scan at a time per database: another run exits 75 at once.
    Exit 0: nothing flagged, 1: flagged designs
    reported, 3: API error or designs left unchecked, 4: configuration, 5: file,
    75: another scan holds the database.

    \b
    Examples:
      kickflip-moderation scan > findings.jsonl
      kickflip-moderation scan --format html -o report.html
      kickflip-moderation scan --all --format csv -o all-findings.csv
      kickflip-moderation scan report --format html -o report.html   # no new scan
    """
    if click.get_current_context().invoked_subcommand is not None:
        return  # `scan report`: the subcommand does the work
    allow = [a for f in allow_files for a in read_wordlist(f)]  # before any network use
    client: Any = settings.client()
    assert settings.brand is not None  # settings.client() checked it
    db_path = db or default_db_path(settings.brand)
    try:
        with client, ScanStore(db_path, brand=settings.brand) as store, store.exclusive():
            with progress("Scanning orders") as bar:
                run = run_scan(client, store, allow=allow, since_order_id=since_order,
                               report_all=all_, recheck=recheck, concurrency=concurrency,
                               on_order=bar.step if bar else None,
                               on_total=bar.total if bar else None)
            if not run.wordfilter.is_active:
                click.echo("note: the brand's word filter is inactive; scanned with its "
                           "words anyway", err=True)
            written = write_report(fmt, run.rows, run.totals, output,
                                   header=store.report_header())
            store.mark_reported(run.rows)
    except ScanBusyError as exc:
        fail(str(exc), EXIT_BUSY)
    except sqlite3.Error as exc:
        fail(f"{db_path}: scan database: {exc}", EXIT_FILE)
    summarize(run, written, recheck or all_)
    click.get_current_context().exit(exit_code(run))


from .scan_report import report  # noqa: E402 - it uses write_report and default_db_path above

scan.add_command(report)
