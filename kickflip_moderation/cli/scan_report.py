"""``kickflip-moderation scan report``: render a report again from the scan database.

No network and no token: the findings, missing and failing designs are those the scans
stored (every one, as ``scan --all`` reports them), and the header names the word list the
last scan used. Nothing is marked as reported, so the next ``scan`` reports the same new
findings it would have anyway.

Exit codes: 0 rendered, 4 configuration (no brand, a database of another brand),
5 file (no such database, it cannot be read, or the output cannot be written).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import click

from ..store import ScanStore
from ..wording import plural
from .common import EXIT_CONFIG, EXIT_FILE, Settings, fail, handle_errors
from .scan import default_db_path, report_options, write_report

__all__ = ["report"]


@click.command("report")
@report_options(default_format="html")
@click.pass_obj
@handle_errors
def report(settings: Settings, fmt: str, output: str | None, db: Path | None) -> None:
    """Render the stored findings again, without scanning (no network, no token).

    Every finding still current in the database, the missing designs and those not yet
    checked, in any format, with the brand, time and word list in the HTML header.
    Exit 0: written, 4: configuration, 5: file.

    \b
    Examples:
      kickflip-moderation scan report -o report.html
      kickflip-moderation scan report --format csv -o findings.csv
      kickflip-moderation scan report --format jsonl --db /srv/kfmod/scan-acme.sqlite3
    """
    if db is None and not settings.brand:
        fail("no brand: set KICKFLIP_BRAND or --brand, or name the database with --db",
             EXIT_CONFIG)
    db_path = db or default_db_path(str(settings.brand))
    if not db_path.is_file():
        fail(f"{db_path}: no scan database there (run `kickflip-moderation scan` first)",
             EXIT_FILE)
    try:
        brand = settings.brand or _stored_brand(db_path)
        with ScanStore(db_path, brand=brand) as store:
            rows = store.report_rows(only_new=False)
            header = store.report_header()
    except sqlite3.Error as exc:
        fail(f"{db_path}: scan database: {exc}", EXIT_FILE)
    written = write_report(fmt, rows, None, output, header=header)
    flagged = len({r.design_id for r in rows if r.kind == "finding"})
    where = f": {written}" if written else ""
    click.echo(f"scan report: {header.line()}; {plural(flagged, 'flagged design')}{where}",
               err=True)


def _stored_brand(path: Path) -> str:
    """The brand a database belongs to, read without changing the file (``--db`` alone)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'brand'").fetchone()
    if row is None:
        raise sqlite3.DatabaseError("not a scan database (no brand recorded)")
    return str(row[0])
