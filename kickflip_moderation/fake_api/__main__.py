"""``python -m kickflip_moderation.fake_api``: the same server as ``kickflip-moderation fake-api``.

Uses argparse, not click, so the fake keeps working with nothing but the standard library.
"""

from __future__ import annotations

import argparse
import sys

from .app import FakeKickflip
from .server import FakeServer, banner


def _port(text: str) -> int:
    """A TCP port, checked here so 80000 is a usage error, not an OverflowError traceback."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not in 0-65535")
    return port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kickflip_moderation.fake_api",
                                     description="Serve the fake Kickflip API on 127.0.0.1.")
    parser.add_argument("--port", type=_port, default=8765, help="port (0: a free one)")
    parser.add_argument("--data", help="directory with orders.json, designs.json, ...")
    parser.add_argument("--seed", type=int, default=7, help="demo data seed")
    parser.add_argument("--orders", type=int, default=300, help="number of demo orders")
    args = parser.parse_args(argv)
    try:
        fake = (FakeKickflip.from_dir(args.data) if args.data
                else FakeKickflip.demo(seed=args.seed, orders=args.orders))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"Error: cannot load {args.data}: {exc}", file=sys.stderr)
        return 5
    try:
        server = FakeServer(fake, args.port)
    except OSError as exc:
        print(f"Error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 4
    if not args.data:
        fake.host_images(server.url)  # demo images served here: complete offline
    for line in banner(fake, server.url):
        print(line, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
