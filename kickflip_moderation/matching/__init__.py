"""Everything about matching text against a word list, and only that (no I/O beyond
reading the package's own data files).

``Matcher`` is what production code uses; ``ReferenceMatcher`` defines what a match is
(same constructor, same results, no shortcuts). docs/matcher.md draws the pipeline:
``textmodel`` (the spec) -> ``normalization`` -> ``entries`` -> ``judge`` ->
``reference``, with the accelerators of ``accel/`` in front of it in ``matcher``.
"""

from __future__ import annotations

from .match import Match
from .matcher import Matcher
from .reference import ReferenceMatcher

__all__ = ["Match", "Matcher", "ReferenceMatcher"]
