"""A match: one offending span of a text and the entry it matched."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Match"]


@dataclass(frozen=True, order=True)
class Match:
    """One offending span: ``text[start:end]`` matched the entry ``word`` (as written)."""

    start: int
    end: int
    word: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end
