"""A long order history made on demand: a brand with 1M orders without 1M dicts in memory.

``FakeKickflip.long_history(n)`` serves it. Order ``k`` (orderId ``k``, 1-based) holds one
design, ``design_id(k)``; every ``OFFENDING_EVERY``-th design carries an offending text, so a
scan of any range has a known answer (``offending_between``). ``grow(k)`` adds ``k`` orders
at the top, as new sales do. Reading one order or design builds it; nothing is cached, so a
test that pages through the newest orders costs what it reads, whatever the history.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, overload

__all__ = ["OFFENDING_EVERY", "GeneratedDesigns", "GeneratedOrders"]

OFFENDING_EVERY = 29
OFFENDING_TEXT = "fuck this"
_DATE_ORIGIN = 1_700_000_000  # seconds; one order a minute from there


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def order_id_str(number: int) -> str:
    return f"a{number:023x}"


def design_id(number: int) -> str:
    return f"d{number:023x}"


class GeneratedOrders(Sequence[dict[str, Any]]):
    """Orders 1..n, ascending by orderId (and date), built when read."""

    sorted_by_order_id = True

    def __init__(self, n: int) -> None:
        self.n = n
        self.designs = GeneratedDesigns(self)

    def grow(self, k: int) -> None:
        """``k`` new orders arrive (orderIds n+1..n+k)."""
        self.n += k

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self.order(i + 1) for i in range(*index.indices(self.n))]
        if index < 0:
            index += self.n
        if not 0 <= index < self.n:
            raise IndexError(index)
        return self.order(index + 1)

    def descending(self) -> Sequence[dict[str, Any]]:
        return _Reversed(self)

    def order(self, number: int) -> dict[str, Any]:
        date = _iso(_DATE_ORIGIN + 60 * number)
        _id = order_id_str(number)
        return {"_id": _id, "id": _id, "orderId": number, "date": date, "status": "pending",
                "eCommerceOrderName": f"#{100000 + number}", "currency": "USD",
                "items": [{"quantity": 1, "design": design_id(number)}], "__v": 0}

    def lookup(self, ident: str) -> dict[str, Any] | None:
        """By ``_id`` or numeric orderId, like the real route."""
        number = _number(ident, "a") if not ident.isdigit() else int(ident)
        return self.order(number) if number is not None and 1 <= number <= self.n else None

    def offending_between(self, low: int, high: int) -> set[str]:
        """The offending designs of orders ``low < orderId <= high``."""
        first = (low // OFFENDING_EVERY + 1) * OFFENDING_EVERY
        return {design_id(k) for k in range(first, min(high, self.n) + 1, OFFENDING_EVERY)}


class _Reversed(Sequence[dict[str, Any]]):
    """Newest first, without copying."""

    def __init__(self, orders: GeneratedOrders) -> None:
        self._orders = orders

    def __len__(self) -> int:
        return len(self._orders)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        n = len(self._orders)
        if isinstance(index, slice):
            return [self._orders.order(n - i) for i in range(*index.indices(n))]
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        return self._orders.order(n - index)


class GeneratedDesigns(Mapping[str, dict[str, Any]]):
    """The design of each generated order, by ``_id``."""

    def __init__(self, orders: GeneratedOrders) -> None:
        self._orders = orders

    def __getitem__(self, key: str) -> dict[str, Any]:
        number = _number(key, "d")
        if number is None or not 1 <= number <= self._orders.n:
            raise KeyError(key)
        text = OFFENDING_TEXT if number % OFFENDING_EVERY == 0 else f"Happy birthday {number}"
        _id = design_id(number)
        choice = {"id": "CHOICE-name", "type": "text", "name": "Default text",
                  "views": [{"type": "text", "text": text}]}
        return {"_id": _id, "id": _id, "designId": number, "productName": "Custom Skateboard",
                "configuration": {"OPTION-name": choice, "OPTION-deck": "CHOICE-maple"}}

    def __len__(self) -> int:
        return self._orders.n

    def __iter__(self) -> Iterator[str]:
        return (design_id(k) for k in range(1, self._orders.n + 1))


def _number(ident: str, prefix: str) -> int | None:
    if len(ident) != 24 or not ident.startswith(prefix):
        return None
    try:
        return int(ident[1:], 16)
    except ValueError:
        return None
