"""Checkout validation cost vs matching the texts alone (target: ratio under 3).

    python benchmarks/bench_guard.py

A typical design: 20 options, 3 of them text choices, with productionData and summary.
"""

from __future__ import annotations

import timeit

from kickflip_moderation.guard import CheckoutGuard
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.matching.matcher import Matcher


class _Wordfilter:
    is_active = True
    words = default_words(("en", "fr", "es", "de")) or ["fuck", "shit", "bitch"]


class _Client:
    brand = "bench"

    def get_wordfilter(self) -> _Wordfilter:
        return _Wordfilter()


TEXTS = ["Happy birthday Jessica", "Class of 2025", "Riverside Rovers #23"]


def typical_design() -> dict[str, object]:
    config: dict[str, object] = {f"OPTION-{i:06d}": f"CHOICE-{i:06d}" for i in range(17)}
    production = [{"key": f"Option {i}", "value": "Red",
                   "ref": {"optionId": f"OPTION-{i:06d}", "choiceId": f"CHOICE-{i:06d}"}}
                  for i in range(17)]
    for i, text in enumerate(TEXTS):
        config[f"OPTION-t{i:05d}"] = {"id": f"CHOICE-t{i:05d}", "type": "text",
                                      "name": "Default text",
                                      "views": [{"type": "text", "text": text}]}
        production.append({"key": f"Text {i}", "value": text,
                           "ref": {"optionId": f"OPTION-t{i:05d}",
                                   "choiceId": f"CHOICE-t{i:05d}"}})
    return {"configuration": config, "productionData": production,
            "summary": [{"key": "Body", "value": "Red"}, {"key": "Your name"}]}


def main() -> None:
    guard = CheckoutGuard(_Client(), background=False, cache_path=None)
    assert guard.refresh()
    matcher = Matcher(_Wordfilter.words)
    design = typical_design()
    assert guard.validate_design(design).ok

    def texts_only() -> None:
        for text in TEXTS:
            matcher.find(text)

    def validate() -> None:
        guard.validate_design(design)

    n = 20_000
    base = min(timeit.repeat(texts_only, number=n, repeat=5)) / n
    full = min(timeit.repeat(validate, number=n, repeat=5)) / n
    dirty = typical_design()
    dirty["configuration"]["OPTION-t00000"]["views"][0]["text"] = "sh1t happens"  # type: ignore[index]
    flagged = min(timeit.repeat(lambda: guard.validate_design(dirty), number=n, repeat=5)) / n
    print(f"{len(_Wordfilter.words)} entries; design: 20 options, 3 texts")
    print(f"match the 3 texts alone: {base * 1e6:.1f} us")
    print(f"validate_design (clean): {full * 1e6:.1f} us  ratio {full / base:.2f} (target < 3)")
    print(f"validate_design (1 flagged text): {flagged * 1e6:.1f} us")


if __name__ == "__main__":
    main()
