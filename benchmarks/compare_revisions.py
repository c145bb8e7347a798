"""Speed of this checkout against another one (a git worktree of an older commit), in turns.

    git worktree add --detach ../old <commit>
    python benchmarks/compare_revisions.py ../old --rounds 3

Runs this checkout's ``bench_speed.py`` (its texts, its peers) once against the other
tree's package (``PYTHONPATH``) and once against this one, ``--rounds`` times in turns, so
both see the same moments of a shared machine; each figure is a ratio to raw pyahocorasick
measured in the same process, or MB/s. Prints the median of each figure per tree and the
change: the "no more than 15% worse" budget of the matcher issues is read here.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: (figure, regex on bench_speed's output, lower is better?)
FIGURES: tuple[tuple[str, str, bool], ...] = (
    ("build 10k (x base)", r"^\s+10000\s+\S+\s+\S+\s+([\d.]+)x", True),
    ("build 100k (x base)", r"^\s+100000\s+\S+\s+\S+\s+([\d.]+)x", True),
    ("memory 100k (x base)", r"^\s+100000(?:\s+\S+){5}\s+([\d.]+)x", True),
    ("is_clean custom (x base)", r"^ours\s+[\d,]+\s+([\d.]+)x", True),
    ("find custom (x base)", r"^ours\s+[\d,]+\s+[\d.]+x\s+[\d,]+\s+([\d.]+)x", True),
    ("is_clean unseen (x base)", r"^ours, unseen\s+[\d,]+\s+([\d.]+)x", True),
    ("find unseen (x base)", r"^ours, unseen\s+[\d,]+\s+[\d.]+x\s+[\d,]+\s+([\d.]+)x", True),
    ("prose clean find MB/s", r"^clean\s+([\d.]+)\s+[\d.]+\s+[\d.]+", False),
    ("prose clean is_clean MB/s", r"^clean\s+[\d.]+\s+([\d.]+)\s+[\d.]+", False),
    ("prose dirty find MB/s", r"^dirty\s+([\d.]+)\s+[\d.]+", False),
    ("prose dirty is_clean MB/s", r"^dirty\s+[\d.]+\s+([\d.]+)", False),
)


def run_once(tree: Path, budget: float) -> dict[str, float]:
    """One bench_speed run with ``tree``'s package first on the path."""
    # the package is imported from ``tree`` before bench_speed puts this checkout on the path
    script = str(HERE / "bench_speed.py")
    code = (
        f"import runpy, sys; sys.path.insert(0, {str(tree)!r}); import kickflip_moderation; "
        f"assert kickflip_moderation.__file__.startswith({str(tree)!r}); "
        f"sys.argv = [{script!r}, '--budget', {str(budget)!r}]; "
        f"runpy.run_path({script!r}, run_name='__main__')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tree
    ).stdout
    figures: dict[str, float] = {}
    for name, pattern, _ in FIGURES:
        found = re.search(pattern, out, re.MULTILINE)
        if found:
            figures[name] = float(found.group(1))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("other", type=Path, help="the other checkout (a git worktree)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget", type=float, default=2.0, help="bench_speed's --budget")
    args = ap.parse_args(argv)
    trees = {"other": args.other.resolve(), "this": ROOT}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for round_ in range(args.rounds):
        for name, tree in trees.items():
            print(f"round {round_ + 1}/{args.rounds}: {name} ({tree})", file=sys.stderr)
            runs[name].append(run_once(tree, args.budget))
    print(f"{'figure':28} {'other':>9} {'this':>9}  change (median of {args.rounds})")
    for name, _, lower_better in FIGURES:
        values = {t: [r[name] for r in runs[t] if name in r] for t in trees}
        if not all(values.values()):
            continue
        other, this = (statistics.median(values[t]) for t in trees)
        worse = (this / other - 1) if lower_better else (other / this - 1)
        each = "  ".join(
            f"{a:.2f}/{b:.2f}" for a, b in zip(values["other"], values["this"], strict=False)
        )
        print(f"{name:28} {other:9.2f} {this:9.2f}  {'worse' if worse > 0 else 'better'}"
              f" by {abs(worse):.0%}   rounds (other/this): {each}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
