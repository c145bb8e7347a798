"""Suite-wide settings and fixtures: a steady, quick suite whatever else the machine is doing
(issue 18).

Fixtures for the fake Kickflip API come from the package's pytest plugin (issue 17) and the
tests that use them; this file only holds what every module shares:

- every test runs with its own data, cache and config directories and without the
  developer's ``KICKFLIP_*`` settings, so tests cannot meet each other's files (the suite
  runs in parallel: ``-n auto``) nor the user's;
- ``fast_retries``: the CLI's default retry policy with millisecond back-offs, for tests of
  what a failure *does* rather than how long the production policy waits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

from kickflip_moderation import client as client_module
from kickflip_moderation.retry import RetryPolicy

# Speed is measured in benchmarks/, never by a timed test: hypothesis' default 200 ms
# deadline per example failed tests at random on a loaded machine
# (test_matcher.py::test_spans_are_in_bounds_and_non_empty, seen at load 7 on 2 cores).
settings.register_profile("kickflip-moderation", deadline=None)
settings.load_profile("kickflip-moderation")

# Settings a developer's shell may hold; a test sets what it needs itself.
_USER_SETTINGS = ("KICKFLIP_BRAND", "KICKFLIP_TOKEN", "KICKFLIP_API_URL", "KICKFLIP_PROFILE",
                  "KICKFLIP_MODERATION_CONFIG", "KICKFLIP_CALL_DEADLINE",
                  "KICKFLIP_BACKUPS_KEEP", "KICKFLIP_MAX_ENTRIES", "KICKFLIP_MAX_RESPONSE_BYTES")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private ``KICKFLIP_MODERATION_HOME`` (and XDG directories, for tests that unset it
    to exercise the platform defaults) per test: the guard's wordfilter cache, scan
    databases, backups and profiles never leak between tests or parallel workers."""
    root = tmp_path_factory.mktemp("home")
    for name in _USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(root / "kfmod"))
    for xdg in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(xdg, str(root / xdg.lower()))
    return root


@pytest.hookimpl(trylast=True)  # after any reordering by other plugins: the sort is stable
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first, each group in its usual order. Under ``-n auto``
    (one test at a time per worker: ``--maxschedchunk=1`` in pyproject.toml) the workers
    share the multi-second tests at the start while the short ones are still queued to even
    out the finish. In file order test_wordlists_shipped's came last, and one worker ran
    them alone while the other had nothing left."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


# ``python -m MODULE ARGS`` with SIGINT raising KeyboardInterrupt, as in a terminal. A shell
# without job control starts background jobs (`pytest ... &`, nohup, some CI runners) with
# SIGINT ignored; children inherit that and Python then installs no Ctrl-C handler, so a
# test that interrupts a CLI subprocess waited for an exit that never came.
_RUN_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
    "module = sys.argv.pop(1); runpy.run_module(module, run_name='__main__', alter_sys=True)"
)


@pytest.fixture(name="python_m_with_ctrl_c")
def _python_m_with_ctrl_c() -> list[str]:
    """The argv prefix for ``python -m`` whose child stops on SIGINT, however the suite
    itself was started: ``[*python_m_with_ctrl_c, "kickflip_moderation", "scan"]``."""
    return [sys.executable, "-c", _RUN_WITH_CTRL_C]


QUICK_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05, max_retry_after=0.5,
                          max_total_seconds=10)


@pytest.fixture(name="fast_retries")
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> RetryPolicy:
    """The CLI builds its client with ``RetryPolicy()``: here a few attempts milliseconds
    apart instead of seconds (what such a test asserts is the outcome, not the wait)."""
    monkeypatch.setattr(client_module, "RetryPolicy", lambda: QUICK_RETRY)
    return QUICK_RETRY
