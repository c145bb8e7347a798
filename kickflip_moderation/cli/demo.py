"""``kickflip-moderation demo``: the whole product on a fake brand, with no account.

It starts the embedded fake Kickflip API on a free loopback port, merges the shipped word
lists into the fake brand's wordfilter through the real client over HTTP, scans every
order and writes the HTML report. Exit 0 on success: flagged designs are the expected
outcome here (the demo data contains offending texts on purpose), unlike ``scan``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..client import KickflipClient
from ..constants import LANGUAGES
from ..fake_api import FakeKickflip, serve
from ..paths import HOME_ENV, data_dir
from ..resources_data import wordlists_dir
from ..retry import RetryPolicy
from ..scan import run_scan
from ..store import ScanStore
from ..sync import apply_plan, plan_merge, read_remote
from ..wording import entry_count, plural
from ..wordlist import read_wordlist
from .common import handle_errors
from .scan import progress, write_report

__all__ = ["DEMO_LANGUAGES", "demo"]

DEMO_LANGUAGES = LANGUAGES


@contextmanager
def _state_dir() -> Iterator[Path]:
    """``$KICKFLIP_MODERATION_HOME/demo`` when set (kept for inspection), else a temp dir."""
    if os.environ.get(HOME_ENV):
        path = data_dir() / "demo"
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in path.glob("scan-*.sqlite3*"):
            old.unlink()  # the demo's own files: every demo starts from scratch
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="kfmod-demo-") as tmp:
        yield Path(tmp)


def _shipped_entries() -> list[str]:
    root = wordlists_dir()
    entries: list[str] = []
    for lang in DEMO_LANGUAGES:
        path = root / f"{lang}.txt"
        if path.exists():
            entries.extend(read_wordlist(path))
    return entries


@click.command("demo")
@click.option("-o", "--output", default="kickflip-demo-report.html", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the HTML report.")
@click.option("--orders", type=click.IntRange(1, 100_000), default=300, show_default=True,
              help="How many orders the fake brand has.")
@handle_errors
def demo(output: str, orders: int) -> None:
    """Run a scan against a built-in fake Kickflip brand and write an HTML report.

    Needs no account and no network beyond 127.0.0.1. Exit 0 on success, even though
    the report lists flagged designs (the demo data contains them on purpose).

    \b
    Examples:
      kickflip-moderation demo
      kickflip-moderation demo -o /tmp/report.html --orders 1000
    """
    fake = FakeKickflip.demo(orders=orders)
    retry = RetryPolicy(max_attempts=3, base_delay=0.05, max_total_seconds=10)
    with serve(fake) as server, _state_dir() as state, KickflipClient(
        fake.brand, fake.token, base_url=server.url, retry=retry
    ) as client:
        fake.host_images(server.url)  # the report's images from 127.0.0.1, not a CDN
        click.echo(f"Fake Kickflip API for brand {fake.brand!r} at {server.url}", err=True)
        before = read_remote(client)
        plan = plan_merge(before, _shipped_entries())
        result = apply_plan(client, plan, brand=fake.brand, backup_dir=state / "backups")
        click.echo(f"Merged the shipped word lists ({', '.join(DEMO_LANGUAGES)}): "
                   f"{len(before.words)} -> {entry_count(len(result.sent or before.words))}, "
                   f"{len(result.added)} added", err=True)
        with ScanStore(state / f"scan-{fake.brand}.sqlite3", brand=fake.brand) as store:
            with progress("Scanning orders") as bar:
                run = run_scan(client, store, report_all=True,
                               on_order=bar.step if bar else None,
                               on_total=bar.total if bar else None)
            write_report("html", run.rows, run.totals, output,
                         title="kickflip-moderation demo report", header=store.report_header())
            store.mark_reported(run.rows)
    flagged = {r.design_id for r in run.rows if r.kind == "finding"}
    missing = {r.design_id for r in run.rows if r.kind == "missing"}
    truth = fake.truth
    click.echo(f"Report: {Path(output).resolve()}")
    click.echo(f"Scanned {run.totals.line()}.")
    click.echo(
        f"Flagged {plural(len(flagged), 'design')}; "
        f"the demo data has {len(truth.offending_design_ids)} "
        f"offending: {len(flagged & truth.offending_design_ids)} found, "
        f"{len(truth.offending_design_ids - flagged)} missed, "
        f"{len(flagged - truth.offending_design_ids)} false alarms. "
        f"Missing designs: {len(missing)} of {len(truth.missing_design_ids)}."
    )
