"""Following Kickflip's pages: which page to ask for next, and when to stop.

Pure (no I/O), shared by both clients. The reference is ambiguous about ``lastIndex``
(notes #1-#3 in ``docs/kickflip-api.md``), so the state machine works with every reading
(a running count, an echo of the request, the index of the last result returned) and
refuses to loop: results already seen are dropped, and a page that brings nothing new ends
the walk - cleanly when it reaches the end of the collection, with ``PaginationError`` when
``collectionSize`` says results are still missing.

Memory stays flat in the size of the collection: only the ids of the last few pages are
remembered, which is what overlapping pages repeat (a walk of 1M orders must not hold 1M
ids); loops further back are caught by the page cap.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from .api_requests import Call, validate_page_size
from .errors import APIResponseError, PaginationError
from .resources import Order

__all__ = ["Page", "Paginator", "parse_page", "select_since"]

PAGE_SLACK = 3  # pages of new results allowed beyond collectionSize (the collection grows)
RECENT_PAGES = 3  # pages whose ids are remembered to drop repeats (overlap is page-local)


@dataclass(frozen=True)
class Page:
    results: list[Any]
    last_index: int | None
    collection_size: int | None
    result_size: int | None


def _opt_int(pagination: Mapping[str, Any], key: str) -> int | None:
    value = pagination.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise APIResponseError(f"pagination.{key} is not an integer")
    return value


def parse_page(data: Any) -> Page:
    """``{"pagination": {...}, "results": [...]}`` -> ``Page``, or ``APIResponseError``."""
    if not isinstance(data, dict):
        raise APIResponseError("the page is not an object")
    pagination = data.get("pagination")
    if not isinstance(pagination, dict):
        raise APIResponseError("pagination is missing or not an object")
    results = data.get("results")
    if not isinstance(results, list):
        raise APIResponseError("results is missing or not a list")
    for i, item in enumerate(results):
        if not isinstance(item, dict):
            raise APIResponseError(f"results[{i}] is not an object")
    return Page(results, _opt_int(pagination, "lastIndex"),
                _opt_int(pagination, "collectionSize"), _opt_int(pagination, "resultSize"))


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


class Paginator(Generic[T]):
    """Which page to ask for next, and when to stop (notes #1-#3).

    Works with every reading of the response ``lastIndex``: a running count (send it
    back), an echo of the request (it does not advance, so advance by the number of results
    received) or the index of the last result returned (send it back; the next page starts
    with a result already seen, which is dropped). The walk ends on an empty page,
    ``resultSize == 0``, a cursor at ``collectionSize``, or a page with nothing new that
    reaches the end of the collection. A page with nothing new before the end, a
    ``lastIndex`` that goes backwards, or more pages than ``collectionSize`` can fill ->
    ``PaginationError``.
    """

    def __init__(self, call: Call, parse: Callable[[Any, str], T], page_size: int) -> None:
        self._call = call
        self._parse = parse
        self._page_size = validate_page_size(page_size)
        self._next: int | None = None  # None: first page, lastIndex omitted (note #2)
        self._done = False
        self._pages = 0
        self._longest = 0
        self._delivered = 0  # new results so far: more than collectionSize can hold is a loop
        self._recent: deque[set[str]] = deque(maxlen=RECENT_PAGES)

    def next_call(self) -> Call | None:
        if self._done:
            return None
        params = {**self._call.params, "count": str(self._page_size)}
        if self._next is not None:
            params["lastIndex"] = str(self._next)
        return replace(self._call, params=params)

    def feed(self, data: Any) -> list[T]:
        """The new items of one page; updates the cursor or marks the end."""
        page = parse_page(data)
        items = [self._parse(raw, f"results[{i}]") for i, raw in enumerate(page.results)]
        sent = self._next or 0
        self._pages += 1
        fresh = []
        ids: set[str] = set()
        for item in items:
            if item.id not in ids and not any(item.id in page_ids for page_ids in self._recent):
                fresh.append(item)
            ids.add(item.id)
        self._recent.append(ids)
        self._delivered += len(fresh)
        size = page.collection_size
        if items and not fresh:
            if size is None or sent + len(items) >= size:
                self._done = True  # the last page again (lastIndex = index of the last item)
                return fresh
            raise PaginationError(
                f"{self._call.subject}: the page after lastIndex={sent} repeated "
                f"{len(items)} results already returned; stopping instead of looping"
            )
        if not items or page.result_size == 0:
            self._done = True
            return fresh
        last = page.last_index
        if last is None or last == sent:  # an echo of the request: count ourselves
            self._next = sent + len(items)
        elif last < sent:
            raise PaginationError(
                f"{self._call.subject}: lastIndex went backwards ({sent} -> {last})"
            )
        else:
            self._next = last
        self._longest = max(self._longest, len(items))
        if size is not None:
            if self._next >= size:
                self._done = True
            elif self._delivered > size + PAGE_SLACK * self._longest:
                raise PaginationError(
                    f"{self._call.subject}: {self._pages} pages fetched for a collection of "
                    f"{size}; stopping instead of looping"
                )
        return fresh


def select_since(
    orders: list[Order], since: int | None, newest_first: bool
) -> tuple[list[Order], bool]:
    """Orders with ``orderId > since``, and whether the rest can only be older (stop):
    only when the page really is newest first, so an API that ignores ``sortOrder`` costs
    a full walk instead of new orders missed."""
    if since is None:
        return orders, False
    kept = [o for o in orders if o.order_id > since]
    descending = all(a.order_id >= b.order_id for a, b in itertools.pairwise(orders))
    return kept, newest_first and descending and len(kept) < len(orders)
