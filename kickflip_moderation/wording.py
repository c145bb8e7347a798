"""Counted nouns for messages: "1 entry", "2 entries", never "1 entries" or "entry(s)"."""

from __future__ import annotations

__all__ = ["entry_count", "plural"]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` and the noun that agrees with it; ``many`` defaults to ``singular + "s"``."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def entry_count(count: int) -> str:
    """The word-list noun, irregular and the one most messages count."""
    return plural(count, "entry", "entries")
