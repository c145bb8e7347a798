"""Fuzz the client, the checkout guard and the scan against a hostile Kickflip server.

Each case draws a point of the fault space (what the body is: endless, a gzip bomb, dripped
a byte at a time, an echo of the token, cut short, not JSON; when it arrives: slow, dropped,
429/5xx bursts; what the data holds: lone surrogates, controls, huge or odd entries, long
texts, huge order numbers, unsorted orders) and a target (``get_wordfilter`` sync or async,
``CheckoutGuard``, ``scan``, ``words pull``/``merge``), and runs it in a child process
against a fake API served on 127.0.0.1. A case FAILS if the child:

* dies from a signal, prints a traceback, or raises anything but our documented errors;
* exits with a code that is not documented, or takes longer than 2 minutes;
* peaks over 500 MB of memory (``ru_maxrss``);
* shows 12 or more characters of the token in any output, log, exception or file;
* passes something silently: a scan that exits 0 while offending designs exist, or a guard
  that answers "checked and ok" for an offending text.

    .venv/bin/python benchmarks/fuzz_hostile.py --minutes 10 [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CASE_TIMEOUT = 120.0
MEMORY_LIMIT_KB = 500 * 1024
TARGETS = ("client", "client_async", "guard", "scan", "words_pull", "words_merge")
OK_EXITS = {"scan": {1, 3}, "words_pull": {0, 3}, "words_merge": {0, 3, 6}}


def draw_case(rng: random.Random) -> dict[str, Any]:
    """One point of the fault space (JSON, so a failure can be replayed with --case)."""
    faults: dict[str, Any] = {}
    if rng.random() < 0.5:
        kind = rng.choice(["endless", "gzip_bomb", "drip", "echo_token"])
        arg = {"endless": None, "gzip_bomb": rng.choice([16, 256, 2048]),
               "drip": rng.choice([0.01, 0.05, 0.3]),
               "echo_token": rng.choice(["token", "signature", "payload", "minus_last",
                                         "middle"])}[kind]
        faults["hostile"] = {"kind": kind, "times": rng.randint(1, 20), "arg": arg}
    for name, args in (("slow", {"delay": rng.choice([0.05, 0.5, 2.0]),
                                 "times": rng.randint(1, 5)}),
                       ("drop_connection", {"times": rng.randint(1, 5)}),
                       ("rate_limit", {"times": rng.randint(1, 5),
                                       "retry_after": rng.choice([0, 1])}),
                       ("fail_every", {"n": rng.randint(1, 3),
                                       "status": rng.choice([500, 502, 503, 504]),
                                       "times": rng.randint(1, 30)}),
                       ("truncate", {"times": rng.randint(1, 5)}),
                       ("invalid_json", {"times": rng.randint(1, 5)}),
                       ("lose_post_answers", {"times": rng.randint(1, 10)}),
                       ("unsorted_orders", {"on": True})):
        if rng.random() < 0.15:
            faults[name] = args
    if faults and rng.random() < 0.4:
        faults["restrict_to"] = rng.choice(["/wordfilter", "/designs/", "/orders"])
    return {
        "target": rng.choice(TARGETS),
        "faults": faults,
        "odd_words": rng.sample(["bad\ud83d", "x" * 5000, "ok\x1b]52;c;QQ==\x07", "a\nb",
                                 "shit ", "", "nul\x00", "!!!", "ls\u2028ps"],
                                rng.randint(0, 4)),
        "extra_words": rng.choice([0, 0, 0, 1000, 150_000]),
        "long_text": rng.random() < 0.3,
        "huge_order": rng.choice([None, None, 2**62, 2**63, 2**70]),
        "deadline": rng.choice([5, 10, 20]),
        "max_bytes": rng.choice([None, 1_000_000, 50_000]),
    }


# --- the child: one case ---------------------------------------------------------------------
def run_case(case: dict[str, Any], home: Path) -> dict[str, Any]:
    import asyncio
    import io
    import logging
    import os

    from click.testing import CliRunner

    from kickflip_moderation.cli import main
    from kickflip_moderation.client import AsyncKickflipClient, KickflipClient
    from kickflip_moderation.errors import KickflipModerationError
    from kickflip_moderation.fake_api import FakeKickflip, serve
    from kickflip_moderation.guard import CheckoutGuard
    from kickflip_moderation.retry import RetryPolicy

    fake = FakeKickflip.demo(seed=7, orders=25)
    fake.wordfilter["words"] += list(case["odd_words"])
    fake.wordfilter["words"] += [f"zq{i}word" for i in range(case["extra_words"])]
    first_design = fake.orders[0]["items"][0]["design"]
    if case["long_text"]:
        fake.designs[first_design]["configuration"]["OPTION-long"] = {
            "id": "C", "views": [{"type": "text", "text": "FUCK YOU" + " " * 20_000}]}
    if case["huge_order"] is not None:
        fake.orders[-1]["orderId"] = case["huge_order"]
    offending = bool(fake.truth.offending_design_ids) or case["long_text"]
    spec = dict(case["faults"])
    if "hostile" in spec:
        h = spec.pop("hostile")
        fake.faults.hostile(h["kind"], times=h["times"], arg=h["arg"])
    fake.faults.configure(spec)

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG)
    os.environ["KICKFLIP_CALL_DEADLINE"] = str(case["deadline"])
    if case["max_bytes"]:
        os.environ["KICKFLIP_MAX_RESPONSE_BYTES"] = str(case["max_bytes"])
    os.environ["KICKFLIP_MODERATION_HOME"] = str(home)
    problems: list[str] = []
    shown: list[str] = []
    target = case["target"]
    retry = RetryPolicy(max_attempts=3, base_delay=0.05, max_delay=0.2, max_retry_after=1)
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url}
        os.environ.update(env)
        try:
            if target == "client":
                with KickflipClient(fake.brand, fake.token, server.url, retry=retry) as c:
                    shown.append(repr(c.get_wordfilter().words[:3]))
            elif target == "client_async":
                async def pull() -> None:
                    async with AsyncKickflipClient(fake.brand, fake.token, server.url,
                                                   retry=retry) as c:
                        shown.append(repr((await c.get_wordfilter()).words[:3]))
                asyncio.run(pull())
            elif target == "guard":
                with KickflipClient(fake.brand, fake.token, server.url, retry=retry) as c:
                    guard = CheckoutGuard(c, cache_path=home / "cache.json", background=False,
                                          refresh_timeout=30)
                    guard.refresh()
                    verdict = guard.validate_texts({"line": "fuck you"})
                    status = guard.status
                    shown.append(repr(status))
                    if verdict.ok and verdict.checked and "fuck" in fake.wordfilter["words"]:
                        problems.append("guard said checked and ok for 'fuck you'")
                    if not verdict.checked and status.source != "none":
                        problems.append(f"unchecked with a list: {status}")
                    if status.source == "none" and not status.last_error:
                        problems.append("no list and no last_error")
            else:
                args = {"scan": ["scan", "--all"], "words_pull": ["words", "pull"],
                        "words_merge": ["words", "merge", str(home / "more.txt"), "--yes"]}
                (home / "more.txt").write_text("brandnewword\n")
                result = CliRunner().invoke(main, args[target], env=env)
                shown += [result.output, repr(result.exception)]
                if result.exception is not None and not isinstance(result.exception,
                                                                   SystemExit):
                    problems.append(f"exception {result.exception!r}")
                if result.exit_code not in OK_EXITS[target]:
                    if not (target == "scan" and result.exit_code in (4,) and
                            "empty" in result.output):
                        problems.append(f"exit {result.exit_code}: {result.output[-300:]}")
                if target == "scan" and result.exit_code == 0 and offending:
                    problems.append("scan exit 0 with offending designs")
                if "Traceback" in result.output:
                    problems.append("traceback in output")
        except KickflipModerationError as exc:
            shown.append(f"{exc} {getattr(exc, '__notes__', '')}")
        except Exception as exc:  # noqa: BLE001 - this is what the fuzzer is looking for
            problems.append(f"unexpected {type(exc).__name__}: {exc}"[:500])
    shown.append(log.getvalue())
    for path in home.rglob("*"):
        if path.is_file():
            shown.append(path.read_bytes().decode("utf-8", "replace"))
    text = "\n".join(shown)
    token = fake.token
    if any(token[i:i + 12] in text for i in range(len(token) - 11)):
        problems.append("a piece of the token is shown")
    return {"problems": problems,
            "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


# --- the parent: many cases ------------------------------------------------------------------
def one(case: dict[str, Any], workdir: Path) -> tuple[list[str], float, int]:
    started = time.monotonic()
    home = workdir / f"case-{time.monotonic_ns()}"
    home.mkdir(parents=True)
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--case", json.dumps(case), "--home", str(home)],
            capture_output=True, text=True, timeout=CASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return [f"took over {CASE_TIMEOUT:.0f} s"], time.monotonic() - started, 0
    elapsed = time.monotonic() - started
    if child.returncode != 0:
        return [f"child exit {child.returncode}: {child.stderr[-800:]}"], elapsed, 0
    out = json.loads(child.stdout.strip().splitlines()[-1])
    problems = list(out["problems"])
    if out["rss_kb"] > MEMORY_LIMIT_KB:
        problems.append(f"peak memory {out['rss_kb'] // 1024} MB")
    if "Traceback" in child.stderr:
        problems.append(f"traceback on stderr: {child.stderr[-800:]}")
    return problems, elapsed, out["rss_kb"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", help="run one case (JSON) in this process")
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(json.loads(args.case), args.home)))
        return 0
    import tempfile

    rng = random.Random(args.seed)
    end = time.monotonic() + args.minutes * 60
    cases = failures = 0
    slowest = peak = 0.0
    by_target: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="fuzz-hostile-") as tmp:
        while time.monotonic() < end:
            case = draw_case(rng)
            problems, elapsed, rss = one(case, Path(tmp))
            cases += 1
            by_target[case["target"]] = by_target.get(case["target"], 0) + 1
            slowest, peak = max(slowest, elapsed), max(peak, rss / 1024)
            if problems:
                failures += 1
                print(f"FAIL case {cases}: {json.dumps(case, ensure_ascii=True)}")
                for p in problems:
                    print(f"  - {p}")
    print(f"{cases} cases ({', '.join(f'{k} {v}' for k, v in sorted(by_target.items()))}), "
          f"{failures} failures; slowest case {slowest:.1f} s, peak memory {peak:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
