"""What the Kickflip API returns, as frozen values that keep the raw JSON.

Kickflip adds fields without notice, so each value pulls out the few fields this package
needs and keeps the whole object in ``.raw``. Parsing is strict about the *type* of a field
we read (a wrong type raises ``APIResponseError`` naming the field, e.g.
``results[3].orderId is not an integer``) and lenient about fields we only show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import APIResponseError

__all__ = ["Design", "Order", "Wordfilter", "parse_words"]


# The helpers use exact ``dict``/``str``/``int`` checks: this is the hot path of paging
# 10,000 orders (see benchmarks/bench_client.py), and decoded JSON has no subclasses.
def _str_or_none(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None or type(value) is str:
        return value
    raise APIResponseError(f"{where}.{key} is not a string")


def _object_id(raw: dict[str, Any], where: str) -> str:
    """The Mongo ``_id`` (falling back to ``id``): the key other objects reference."""
    value = raw.get("_id") or raw.get("id")
    if type(value) is str:
        return value
    raise APIResponseError(f"{where}._id is missing or not a string")


def _int(raw: dict[str, Any], key: str, where: str) -> int | None:
    value = raw.get(key)
    # bool is an int subclass, and True is not an order number: hence type(), not isinstance.
    if value is None or type(value) is int:
        return value
    raise APIResponseError(f"{where}.{key} is not an integer")


def _design_refs(items: Any, where: str) -> tuple[str, ...]:
    """The designs of an order's items: ``_id`` strings, or populated objects with one."""
    if not items:
        return ()
    if type(items) is not list:
        raise APIResponseError(f"{where}.items is not a list")
    refs = []
    for i, item in enumerate(items):
        if type(item) is not dict:
            raise APIResponseError(f"{where}.items[{i}] is not an object")
        ref = item.get("design")
        if type(ref) is str:
            if ref:
                refs.append(ref)
        elif type(ref) is dict:
            refs.append(_object_id(ref, f"{where}.items[{i}].design"))
        elif ref is not None:
            raise APIResponseError(f"{where}.items[{i}].design is not a string")
    return tuple(refs)


@dataclass(frozen=True)
class Order:
    """One order. ``design_ids`` are the ``_id`` s of the designs in its items, in order."""

    order_id: int
    """Kickflip's numeric ``orderId`` (what ``since_order_id`` compares against)."""
    id: str
    """The ``_id`` string."""
    name: str | None
    """The shop's order name (``eCommerceOrderName``, e.g. ``#1001``)."""
    date: str | None
    """ISO 8601 text as sent; not parsed, so an odd format never loses an order."""
    design_ids: tuple[str, ...]
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Any, where: str = "order") -> Order:
        if type(raw) is not dict:
            raise APIResponseError(f"{where} is not an object")
        order_id = raw.get("orderId")
        if type(order_id) is not int:
            raise APIResponseError(f"{where}.orderId is not an integer")
        return cls(
            order_id,
            _object_id(raw, where),
            _str_or_none(raw, "eCommerceOrderName", where),
            _str_or_none(raw, "date", where),
            _design_refs(raw.get("items"), where),
            raw,
        )


@dataclass(frozen=True)
class Design:
    """One design; the shopper's text lives in ``raw["configuration"]``.

    ``design.extract_texts`` reads it (the only place that knows that shape).
    """

    id: str
    """The ``_id`` string (what order items reference)."""
    design_id: int | None
    """The numeric ``designId``."""
    product_name: str | None
    image_url: str | None
    """The rendered design image (``designImage.url``, else the first ``designImages``)."""
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Any, where: str = "design") -> Design:
        if type(raw) is not dict:
            raise APIResponseError(f"{where} is not an object")
        return cls(
            id=_object_id(raw, where),
            design_id=_int(raw, "designId", where),
            product_name=_str_or_none(raw, "productName", where),
            image_url=_image_url(raw),
            raw=raw,
        )


def _image_url(raw: dict[str, Any]) -> str | None:
    """Shown to humans only, so any odd shape just means "no image"."""
    candidates = [raw.get("designImage")]
    images = raw.get("designImages")
    if isinstance(images, list):
        candidates.extend(images)
    for image in candidates:
        if isinstance(image, dict) and isinstance(image.get("url"), str):
            return str(image["url"])
    return None


@dataclass(frozen=True)
class Wordfilter:
    """The brand's bad-word list. Entries are kept exactly as Kickflip stores them."""

    is_active: bool
    words: list[str]
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Any) -> Wordfilter:
        if type(raw) is not dict:
            raise APIResponseError("wordfilter response is not an object")
        is_active = raw.get("isActive")
        if not isinstance(is_active, bool):
            raise APIResponseError("isActive is not a boolean")
        return cls(is_active=is_active, words=parse_words(raw.get("words")), raw=raw)


def parse_words(value: Any, where: str = "words") -> list[str]:
    """A JSON array of strings, or ``APIResponseError`` naming the first bad entry."""
    if not isinstance(value, list):
        raise APIResponseError(f"{where} is not a list")
    for i, word in enumerate(value):
        if not isinstance(word, str):
            raise APIResponseError(f"{where}[{i}] is not a string")
    return list(value)
