"""A scheduled scan: report the designs flagged since the last run, then exit 1 if any.

Each run walks the orders placed since the previous run (the checkpoint lives in a SQLite
database, ``<state dir>/scan-<brand>.sqlite3``, the same one ``kickflip-moderation scan``
uses), checks their designs against the brand's wordfilter and prints only what was never
reported before. With ``SMTP_HOST`` set, the report is mailed instead of printed.

Cron (every 15 minutes; ``flock -n`` skips a run while the last one still goes; the
token in a file only the job's user can read, not in the crontab; see also deploy/):

    */15 * * * * flock -n /tmp/kfmod-acme.lock sh -c '. $HOME/.kfmod-acme.env && export KICKFLIP_BRAND KICKFLIP_TOKEN && exec /path/venv/bin/python /path/examples/scheduled_scan.py' >> /var/log/kfmod.log 2>&1

Mail settings (all from the environment): ``SMTP_HOST``, ``SMTP_PORT`` (587),
``SMTP_USER`` / ``SMTP_PASSWORD`` (optional), ``SMTP_STARTTLS`` (``1``; ``0`` for a local
relay), ``MAIL_FROM``, ``MAIL_TO`` (comma-separated).

Exit codes: 0 nothing new flagged, 1 new flagged designs reported, 3 nothing flagged but
some designs could not be fetched (retried next run), 4 configuration error.
Findings are marked reported only after they were printed or mailed, so a failed mail is
sent again next time.
"""  # noqa: E501 - the cron line above is one line

from __future__ import annotations

import argparse
import os
import smtplib
import sys
from email.message import EmailMessage
from pathlib import Path

from kickflip_moderation import ConfigError, KickflipClient, KickflipModerationError
from kickflip_moderation.paths import data_dir
from kickflip_moderation.report import ReportRow
from kickflip_moderation.scan import run_scan
from kickflip_moderation.store import ScanStore


def format_row(row: ReportRow) -> str:
    """One line per finding, the matched span in [brackets]."""
    where = f"order {row.order_name or row.order_id} (#{row.order_id}) design {row.design_id}"
    if row.kind == "finding" and row.text is not None and row.start is not None:
        text = f"{row.text[:row.start]}[{row.text[row.start:row.end]}]{row.text[row.end:]}"
        return f"FLAGGED {where} {row.label!r}: {text!r} (entry {row.word!r})"
    if row.kind == "missing":
        return f"MISSING {where}: the design no longer exists"
    return f"FAILED  {where}: {row.error} (retried next run)"


def send_mail(subject: str, body: str) -> None:
    """Send ``body`` with the SMTP_* / MAIL_* settings of the environment."""
    env = os.environ
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = env.get("MAIL_FROM", "kickflip-moderation@localhost")
    msg["To"] = env.get("MAIL_TO", msg["From"])
    msg.set_content(body)
    with smtplib.SMTP(env["SMTP_HOST"], int(env.get("SMTP_PORT", "587")), timeout=30) as smtp:
        if env.get("SMTP_STARTTLS", "1") != "0":
            smtp.starttls()
        if env.get("SMTP_USER"):
            smtp.login(env["SMTP_USER"], env.get("SMTP_PASSWORD", ""))
        smtp.send_message(msg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Report designs flagged since the last run.")
    parser.add_argument("--db", type=Path, help="scan database (default: the CLI's)")
    args = parser.parse_args(argv)
    try:
        client = KickflipClient.from_env()
    except KickflipModerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    db = args.db or data_dir() / f"scan-{client.brand}.sqlite3"
    with client, ScanStore(db, brand=client.brand) as store:
        try:
            run = run_scan(client, store)
        except KickflipModerationError as exc:
            print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 4 if isinstance(exc, ConfigError) else 3
        if run.rows:
            body = "\n".join(format_row(r) for r in run.rows)
            if os.environ.get("SMTP_HOST"):
                send_mail(f"[kickflip-moderation] {client.brand}: {run.totals.flagged} "
                          f"flagged design(s)", f"{body}\n\n{run.totals.line()}\n")
            else:
                print(body, flush=True)
            store.mark_reported(run.rows)
    print(f"scan {client.brand}: {run.totals.line()}", file=sys.stderr)
    if run.totals.flagged:
        return 1
    return 3 if run.totals.failed else 0


if __name__ == "__main__":
    sys.exit(main())
