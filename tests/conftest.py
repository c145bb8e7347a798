"""Suite-wide settings: a steady suite whatever else the machine is doing (issue 18).

Fixtures for the fake Kickflip API live with the tests that use them (and in the pytest
plugin of issue 17); this file only holds what every module shares.
"""

from __future__ import annotations

from hypothesis import settings

# Speed is measured in benchmarks/, never by a timed test: hypothesis' default 200 ms
# deadline per example failed tests at random on a loaded machine
# (test_matcher.py::test_spans_are_in_bounds_and_non_empty, seen at load 7 on 2 cores).
settings.register_profile("kickflip-moderation", deadline=None)
settings.load_profile("kickflip-moderation")

