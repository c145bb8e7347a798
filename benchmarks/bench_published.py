"""Other projects' published test cases (``published_cases.py``) run through our matcher.

Issue 14's check: on the hand-written test cases of other open-source profanity filters,
>= 90% of their offensive cases are caught where the word is in the list, and none of their
clean cases is flagged. A report, not a test: it always exits 0.

Per source, two lists:

* ``default``: the shipped list, ``Matcher.default(("en",))``.
* ``brand``: the words the source's own offensive cases contain (``Case.words``, assigned
  by hand: the base word of each case, ``f*u*c*k`` -> ``fuck``, and the custom words of
  custom-list tests). Every offensive case with a word is then in the list, so this column
  measures the matching, not the coverage of our list; clean cases are checked against the
  same list, which is where a Scunthorpe trap (``glass``, ``push it``, ``of rigs``) bites.

An offensive case is *in the list* when one of its words is an entry of the list
(casefolded) or our matcher over that list flags the bare word (so ``fucking`` counts when
the list holds ``fuck``). Cases out of the list are counted, not scored; cases with no word
(threats, spam, emoji, "the n word") are counted apart. *caught* = ``not is_clean(text)``;
a clean case is *flagged* when ``is_clean(text)`` is False. Every miss and every false
positive is listed.

Peers (``peers.py``: better_profanity and glin-profanity, built from the SAME list) are
scored on the same cases when installed; ``--no-peers`` skips them.

    .venv/bin/python benchmarks/bench_published.py [--quick] [--no-peers] [--source NAME]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import peers  # noqa: E402
from published_cases import SOURCES, Case, Source  # noqa: E402

from kickflip_moderation import Matcher  # noqa: E402

TARGET_CAUGHT = 0.90
TARGET_CLEAN_FLAGGED = 0
PEER_NAMES = ("better_profanity", "glin")
QUICK_CASES = 12  # per source and verdict with --quick


@dataclass
class Score:
    """One checker's figures on one source and one list."""

    caught: int = 0
    in_list: int = 0
    flagged: int = 0
    clean: int = 0
    misses: list[Case] = field(default_factory=list)
    false_positives: list[tuple[Case, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.caught / self.in_list if self.in_list else 1.0

    def cell(self) -> str:
        return (
            f"{self.caught}/{self.in_list} {100 * self.rate:5.1f}%  fp {self.flagged}/{self.clean}"
        )


def _matched(matcher: Matcher, text: str) -> str:
    return ", ".join(sorted({m.word for m in matcher.find(text)})) or "?"


def in_list(case: Case, entries: set[str], matcher: Matcher) -> bool:
    return any(w.casefold() in entries or not matcher.is_clean(w) for w in case.words)


def score(
    is_clean: Callable[[str], bool],
    offensive: Sequence[Case],
    clean: Sequence[Case],
    explain: Callable[[str], str] | None = None,
) -> Score:
    s = Score(in_list=len(offensive), clean=len(clean))
    for case in offensive:
        if is_clean(case.text):
            s.misses.append(case)
        else:
            s.caught += 1
    for case in clean:
        if not is_clean(case.text):
            s.flagged += 1
            s.false_positives.append((case, explain(case.text) if explain else ""))
    return s


def brand_words(source: Source) -> list[str]:
    return sorted({w for c in source.offensive for w in c.words}, key=str.casefold)


def _build_peers(words: Sequence[str]) -> dict[str, Callable[[str], bool] | str]:
    out: dict[str, Callable[[str], bool] | str] = {}
    for name in PEER_NAMES:
        try:
            out[name] = peers.build(name, words).is_clean
        except ImportError:
            out[name] = "not installed"
        except Exception as exc:  # a peer that cannot take this list: say so, go on
            out[name] = f"failed: {type(exc).__name__}: {exc}"[:80]
    return out


def _show(case: Case) -> str:
    text = case.text if len(case.text) <= 90 else case.text[:87] + "..."
    return repr(text)


def report_source(
    source: Source,
    default: Matcher,
    default_words: Sequence[str],
    with_peers: bool,
    quick: bool,
) -> dict[str, Score]:
    offensive = list(source.offensive)
    clean = list(source.clean)
    if quick:
        offensive, clean = offensive[:QUICK_CASES], clean[:QUICK_CASES]
    worded = [c for c in offensive if c.words]
    no_word = len(offensive) - len(worded)
    brand = brand_words(source)
    brand_usable, brand_rejected = peers.usable_entries(brand)
    lists = {
        "default": (default, list(default_words)),
        "brand": (Matcher(brand_usable), brand_usable),
    }
    print(
        f"\n== {source.name}  ({source.repo}, licence {source.licence.split(' ')[0]}): "
        f"{len(offensive)} offensive ({len(worded)} with a word, {no_word} without), "
        f"{len(clean)} clean"
    )
    if brand_rejected:
        print(f"   brand entries our Matcher rejects (left out): {brand_rejected}")
    head = (
        f"   {'list':<14} {'in list':>7} {'out':>4}  {'ours: caught   %':<17} {'clean flagged':<13}"
    )
    if with_peers:
        head += " | " + " | ".join(f"{n:<26}" for n in PEER_NAMES)
    print(head)
    scores: dict[str, Score] = {}
    for label, (matcher, words) in lists.items():
        entries = {w.casefold() for w in words}
        scored = [c for c in worded if in_list(c, entries, matcher)]
        out = len(worded) - len(scored)
        ours = score(matcher.is_clean, scored, clean, lambda t, m=matcher: _matched(m, t))
        scores[label] = ours
        ok_rate = "ok" if ours.rate >= TARGET_CAUGHT else "BELOW"
        ok_fp = "ok" if ours.flagged <= TARGET_CLEAN_FLAGGED else "FAIL"
        name = f"{label} ({len(words)})"
        line = (
            f"   {name:<14} {len(scored):>7} {out:>4}  "
            f"{ours.caught:>4}/{len(scored):<4} {100 * ours.rate:5.1f}% {ok_rate:<5} "
            f"{ours.flagged:>3}/{len(clean):<3} {ok_fp:<4}"
        )
        if with_peers:
            for check in _build_peers(words).values():
                if isinstance(check, str):
                    line += f" | {check:<26}"
                else:
                    line += f" | {score(check, scored, clean).cell():<26}"
        print(line)
    for label, s in scores.items():
        for case in s.misses:
            print(f"   miss [{label}]: {_show(case)}  word: {', '.join(case.words)}")
        for case, matched in s.false_positives:
            print(f"   false positive [{label}]: {_show(case)}  matched: {matched}")
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help=f"first {QUICK_CASES} cases per verdict")
    ap.add_argument("--no-peers", action="store_true", help="skip better_profanity and glin")
    ap.add_argument("--source", action="append", help="only this source (repeatable)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    default_words, where = peers.load_words("en")
    default = Matcher.default(("en",))
    sources = [s for s in SOURCES if not args.source or s.name in args.source]
    print(
        f"Published test cases of {len(sources)} projects; default list: {where} "
        f"({len(default_words)} entries). Targets: caught >= {TARGET_CAUGHT:.0%} of the "
        f"in-list offensive cases, {TARGET_CLEAN_FLAGGED} clean cases flagged."
    )
    totals: dict[str, Score] = {"default": Score(), "brand": Score()}
    for source in sources:
        for label, s in report_source(
            source, default, default_words, not args.no_peers, args.quick
        ).items():
            t = totals[label]
            t.caught += s.caught
            t.in_list += s.in_list
            t.flagged += s.flagged
            t.clean += s.clean
    print("\n== all sources")
    for label, t in totals.items():
        print(
            f"   {label:<8} caught {t.caught}/{t.in_list} ({100 * t.rate:.1f}%), "
            f"clean flagged {t.flagged}/{t.clean}"
        )
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
