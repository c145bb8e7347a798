"""Value types shared by scanning, storage and reports.

Kept apart from the modules that produce, store or render them, so persistence
(``store``) does not depend on presentation (``report``) to name a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from .wording import entry_count

__all__ = ["ReportHeader", "ReportRow"]


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of a report; finding-only fields are ``None`` for missing/failed designs."""

    kind: str  # "finding" | "missing" | "failed"
    order_id: int
    order_ref: str  # the order's ``_id``
    order_name: str
    design_id: str  # the design's ``_id``
    product: str = ""
    image_url: str = ""
    option_id: str | None = None
    choice_id: str | None = None
    view_index: int | None = None
    label: str | None = None
    text: str | None = None
    word: str | None = None
    start: int | None = None
    end: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What a report is about: the brand, when it was rendered, and the word list its
    designs were checked against (``None`` where a database predates that record)."""

    brand: str
    generated_at: str  # ISO 8601, UTC
    list_size: int | None = None
    list_hash: str | None = None  # the scan's word-list fingerprint (entries + allowlist)
    scanned_at: str | None = None  # when that list was last used by a scan

    def line(self) -> str:
        parts = [f"brand {self.brand}", f"generated {self.generated_at}"]
        if self.list_size is not None:
            parts.append(f"word list: {entry_count(self.list_size)}"
                         + (f", hash {self.list_hash}" if self.list_hash else ""))
        if self.scanned_at:
            parts.append(f"last scan {self.scanned_at}")
        return "; ".join(parts)
