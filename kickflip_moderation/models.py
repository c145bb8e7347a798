"""Value types shared by scanning, storage and reports.

Kept apart from the modules that produce, store or render them, so persistence
(``store``) does not depend on presentation (``report``) to name a row.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReportRow"]


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
