"""Smoke tests for benchmarks/: the evasion generator's properties and each script's
``main(["--quick"])``. No timing assertions."""

from __future__ import annotations

import gc
import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
WORDS = ["fuck", "shit", "ass", "bitch", "blow job", "cum", "2g1c", "asshole"]


def _load(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev():
    return _load("evasions")


@pytest.fixture
def frozen_heap():
    """The benchmarks call ``gc.collect()`` before each measurement (bench_speed: over a
    hundred times). Alone, a collection takes milliseconds; in a test worker that has run
    hundreds of tests it walks their whole heap each time, and test_speed_quick took 20 s
    instead of 3. ``gc.freeze()`` leaves what exists now out of the collections (after one
    last one); whatever the benchmark itself allocates is collected as before."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def test_every_form_differs_from_its_entry(ev):
    cases = ev.generate(WORDS)
    assert cases
    for case in cases:
        assert case.form != case.entry
        assert case.cls in ev.CLASSES
        if case.cls in ev.WORD_CLASSES:  # the span is the entry's part of the form
            assert case.form in case.text
            assert case.text[case.start : case.end] in case.form
        else:
            assert case.text[case.start : case.end] == case.form


def test_seeding_is_deterministic(ev):
    a = [(c.cls, c.text) for c in ev.generate(WORDS, seed=7)]
    b = [(c.cls, c.text) for c in ev.generate(WORDS, seed=7)]
    c = [(c.cls, c.text) for c in ev.generate(WORDS, seed=8)]
    assert a == b
    assert a != c


def test_every_class_is_generated(ev):
    assert {c.cls for c in ev.generate(WORDS)} == set(ev.CLASSES)


def test_class_properties(ev):
    for word in WORDS:
        for seed in range(5):
            leet = ev.obfuscate(word, "leet", seed)
            if leet is not None:
                assert any(ch in "".join(sum(ev.LEET.values(), ())) for ch in leet)
            sep = ev.obfuscate(word, "separators", seed)
            assert sep is not None and len(sep) > len(word)
            full = ev.obfuscate(word, "fullwidth", seed)
            assert unicodedata.normalize("NFKC", full).lower() == word
            inv = ev.obfuscate(word, "invisible", seed)
            assert "".join(ch for ch in inv if ch.isprintable() and ch != "\xad") == word
            rep = ev.obfuscate(word, "repeat", seed)
            assert len(rep) > len(word)
            censored = ev.obfuscate(word, "self-censor", seed)
            if censored is not None:
                assert censored.count("*") == 1 and censored[0] == word[0]
            homo = ev.obfuscate(word, "homoglyph", seed)
            if homo is not None:
                assert not homo.isascii() and len(homo) == len(word)


def test_inflections(ev):
    assert ("cumming", 3) in ev.inflections("cum")
    assert ("bitches", 5) in ev.inflections("bitch")
    assert ev.inflections("tits") == []
    case = next(c for c in ev.generate(["shit"], ["inflection"]) if c.form == "shitty")
    assert (case.start, case.start + 4) in case.exact_spans()
    assert (case.start, case.start + 5) in case.exact_spans()


@pytest.mark.slow
def test_accuracy_quick(capsys, frozen_heap):
    pytest.importorskip("wordfreq", reason="needs the bench extra")
    assert _load("bench_accuracy").main(["--quick", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "recall" in out and "customization(all)" in out


@pytest.mark.slow
def test_speed_quick(capsys, frozen_heap):
    pytest.importorskip("wordfreq", reason="needs the bench extra")
    assert _load("bench_speed").main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "build" in out and "worst cases" in out


def test_bench_scan_quick(frozen_heap):
    assert _load("bench_scan").main(["--quick", "--first", "60", "--history", "2000",
                                     "--new", "0", "30"]) == 0


def test_published_quick(capsys):
    cases = _load("published_cases")
    assert _load("bench_published").main(["--quick", "--no-peers"]) == 0
    out = capsys.readouterr().out
    for source in cases.SOURCES:  # one block per source, one line per list
        assert f"== {source.name} " in out
    assert out.count("   default (") == len(cases.SOURCES)
    assert out.count("   brand (") == len(cases.SOURCES)
    assert "== all sources" in out
