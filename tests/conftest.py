"""Suite-wide settings: a steady suite whatever else the machine is doing (issue 18).

Fixtures for the fake Kickflip API live with the tests that use them (and in the pytest
plugin of issue 17); this file only holds what every module shares.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from hypothesis import settings

# Speed is measured in benchmarks/, never by a timed test: hypothesis' default 200 ms
# deadline per example failed tests at random on a loaded machine
# (test_matcher.py::test_spans_are_in_bounds_and_non_empty, seen at load 7 on 2 cores).
settings.register_profile("kickflip-moderation", deadline=None)
settings.load_profile("kickflip-moderation")


@pytest.fixture(autouse=True, scope="module")
def _earlier_modules_heap_frozen() -> Iterator[None]:
    """Each module starts with what earlier modules left alive (dictionaries, matchers and
    their caches) moved out of the collector's sight, as in a fresh process.

    Without it every full collection walks that heap again: the speed benchmark's smoke
    test took 30 s after the matcher and lint tests instead of 5 s alone. Garbage is
    collected first and the heap is unfrozen after the module, so nothing leaks and
    finalizers (unclosed-resource warnings) still run.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()
