"""``kickflip-moderation fake-api``: serve the embedded fake Kickflip API until Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import click

from .common import EXIT_CONFIG, EXIT_FILE, CLIError, handle_errors

__all__ = ["fake_api"]


@click.command(name="fake-api")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
# Checked in the command, not by click.Path(exists=True): a missing directory is a file
# error (exit 5), not a usage error (exit 2).
@click.option("--data", "data_dir", type=click.Path(),
              help="Serve orders.json, designs.json, wordfilter.json from this directory.")
@click.option("--seed", type=int, default=7, show_default=True, help="Demo data seed.")
@click.option("--orders", type=click.IntRange(min=0), default=300, show_default=True,
              help="Number of demo orders.")
@handle_errors
def fake_api(port: int, data_dir: str | None, seed: int, orders: int) -> None:
    """Serve a fake Kickflip API on 127.0.0.1 with demo data, no account needed.

    Prints the URL, brand and token to use, and an export line to paste into
    another shell. Serves until Ctrl-C.

    \b
    Examples:
      kickflip-moderation fake-api
      kickflip-moderation fake-api --port 0 --orders 10000 --seed 3
      kickflip-moderation fake-api --data ./my-fake-data
    """
    from ..fake_api import FakeKickflip
    from ..fake_api.server import FakeServer, banner

    if data_dir and not Path(data_dir).is_dir():
        raise CLIError(f"{data_dir}: no such directory", EXIT_FILE)
    try:
        fake = (FakeKickflip.from_dir(data_dir) if data_dir
                else FakeKickflip.demo(seed=seed, orders=orders))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CLIError(f"{data_dir}: cannot load fake API data: {exc}", EXIT_FILE) from None
    try:
        server = FakeServer(fake, port)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CLIError(f"cannot listen on 127.0.0.1:{port}: {reason}", EXIT_CONFIG) from None
    if not data_dir:
        fake.host_images(server.url)  # demo images served here: complete offline
    for line in banner(fake, server.url):
        click.echo(line)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
