"""The fake Kickflip API: request handling as one function, plus a WSGI adapter.

It models the reference's LITERAL behaviour (see ``docs/kickflip-api.md``) and imports nothing
from the client, so it is an independent oracle. Choices where the reference is silent:

* The brand is resolved before the token is checked: an unknown brand answers 404
  ``Trying to launch invalid tenant.`` on every route, whatever the Authorization header.
* Any bad request parameter answers 500 with a bare text, like the documented
  ``Invalid sort value: { orderId: dsfdsdf }``: a bad ``count`` (0, negative, not an integer)
  or ``lastIndex`` (negative, not an integer, greater than collectionSize) gives
  ``Invalid pagination value: { count: 0 }``. ``lastIndex=0`` means the first page;
  ``lastIndex == collectionSize`` gives an empty last page.
* Pagination, ``pagination_mode = "running"`` (default, the literal reading): the request's
  lastIndex is an offset and the response's lastIndex is offset + resultSize.
  ``"echo"`` (the reading of the orders example): the request's lastIndex is still the
  offset, but the response echoes it (0 on the first page), so a client that sends it back
  gets the same page again; a client must compute offset + resultSize itself to progress.
  ``"last_item"`` (the third reading): the response's lastIndex is the index of the last
  result returned (offset + resultSize - 1), so a client that sends it back gets pages that
  overlap by one result.
* POST wordfilter bodies are recorded in ``posts`` once the brand and token are accepted
  (before validation); requests answered by an injected fault are in ``requests`` only.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from .data import EXPIRED_EXP, TOKEN_EXP, DemoData, Truth, generate, make_jwt, read_dir, write_dir
from .faults import Faults, Response
from .history import GeneratedOrders
from .images import IMAGE_PREFIX, design_svg, image_path

__all__ = ["DroppedConnection", "FakeKickflip", "Response"]

JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
TENANT = "Trying to launch invalid tenant."
PAGINATION_MODES = ("running", "echo", "last_item")


class DroppedConnection(ConnectionError):
    """Raised by the WSGI adapter for ``drop_connection``: WSGI cannot close a socket, so use
    the real server (``serve``) to see the client's own disconnect error."""


def _json(status: int, data: Any) -> Response:
    text = json.dumps(data, ensure_ascii=False)
    try:
        body = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: escaped, as JavaScript's JSON.stringify does
        body = json.dumps(data).encode()
    return Response(status, body, JSON)


def _text(status: int, text: str) -> Response:
    return Response(status, text.encode())


class FakeKickflip:
    """An in-memory Kickflip brand, served by ``handle`` / WSGI / ``serve``.

    The attributes are the state as served; tests may read and change them directly.
    """

    def __init__(self, brand: str = "demo-brand", token: str | None = None,
                 orders: Iterable[dict[str, Any]] = (),
                 designs: Iterable[dict[str, Any]] | Mapping[str, dict[str, Any]] = (),
                 wordfilter: dict[str, Any] | None = None, *, truth: Truth | None = None,
                 key: str | None = None) -> None:
        self.brand = brand
        self._key = key or f"fake-kickflip:{brand}"
        self.token = token or make_jwt(brand, TOKEN_EXP, self._key)
        self.orders: Sequence[dict[str, Any]] = list(orders)
        values = designs.values() if isinstance(designs, Mapping) else designs
        self.designs: Mapping[str, dict[str, Any]] = {d["_id"]: d for d in values}
        wf = wordfilter or {"isActive": True, "words": []}
        self.wordfilter: dict[str, Any] = {"isActive": bool(wf.get("isActive", True)),
                                           "words": list(wf.get("words", []))}
        self._initial_wordfilter = copy.deepcopy(self.wordfilter)
        self.truth = truth or Truth()
        self.faults = Faults()
        self.pagination_mode = "running"
        self.max_count: int | None = None  # cap on page size (None: serve what count asks)
        self.sort_order_served: str | None = None  # an API that ignores sortOrder: this one
        self.posts: list[Any] = []
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.RLock()
        self._index: dict[str, Any] = {}

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def demo(cls, seed: int = 7, orders: int = 300, brand: str = "demo-brand",
             token: str | None = None) -> FakeKickflip:
        """The deterministic demo brand (see ``data.generate``); same seed, same data."""
        data = generate(seed, orders)
        return cls(brand, token, data.orders, data.designs, data.wordfilter, truth=data.truth,
                   key=f"fake-kickflip:{brand}:{seed}")

    @classmethod
    def long_history(cls, orders: int, brand: str = "demo-brand",
                     token: str | None = None) -> FakeKickflip:
        """A brand with ``orders`` orders made on demand (``history.GeneratedOrders``): 1M
        orders cost nothing until read. ``fake.orders.grow(k)`` adds new orders."""
        fake = cls(brand, token, wordfilter={"isActive": True, "words": ["fuck"]})
        history = GeneratedOrders(orders)
        fake.orders, fake.designs = history, history.designs
        return fake

    @classmethod
    def from_dir(cls, path: str | Path, brand: str = "demo-brand",
                 token: str | None = None) -> FakeKickflip:
        """Load orders.json, designs.json (arrays), wordfilter.json and truth.json (optional)."""
        data = read_dir(path)
        return cls(brand, token, data.orders, data.designs, data.wordfilter, truth=data.truth)

    def write_dir(self, path: str | Path) -> None:
        """Write the current data as orders.json, designs.json, wordfilter.json, truth.json."""
        write_dir(path, DemoData(list(self.orders), list(self.designs.values()), self.wordfilter,
                                 self.truth))

    def expired_token(self) -> str:
        """A JWT-shaped token for this brand whose ``exp`` is in the past (answered 401)."""
        return make_jwt(self.brand, EXPIRED_EXP, self._key)

    def seed(self, *, words: Iterable[str] | None = None, active: bool | None = None,
             designs: Iterable[dict[str, Any]] = (), orders: Iterable[dict[str, Any]] = ()
             ) -> FakeKickflip:
        """Add ``designs`` (by ``_id``) and ``orders``; replace the wordfilter's words and/or
        ``isActive``. The new wordfilter is also the one ``reset()`` restores."""
        if not isinstance(self.orders, list) or not isinstance(self.designs, dict):
            raise TypeError("seed() adds to a brand held in lists (demo, from_dir); a "
                            "long_history() brand grows with fake.orders.grow(k)")
        with self._lock:
            for design in designs:
                self.designs[str(design["_id"])] = design
            self.orders.extend(orders)
            if words is not None:
                self.wordfilter["words"] = list(words)
            if active is not None:
                self.wordfilter["isActive"] = bool(active)
            self._initial_wordfilter = copy.deepcopy(self.wordfilter)
            self._index.clear()  # a design replaced under the same id: no stale lookup
        return self

    def host_images(self, base_url: str) -> FakeKickflip:
        """Point every design's image at ``{base_url}/images/{_id}.svg``, which this fake
        serves (no token, like a CDN; not in ``requests``): a demo report shows its images
        with no network beyond 127.0.0.1."""
        with self._lock:
            for design in self.designs.values():
                url = base_url.rstrip("/") + image_path(str(design.get("_id")))
                for image in [design.get("designImage"), *(design.get("designImages") or [])]:
                    if isinstance(image, dict):
                        image["url"] = url
        return self

    def reset(self) -> None:
        """Forget faults, posts and requests; restore the initial wordfilter and paging."""
        with self._lock:
            self.faults.clear()
            self.posts.clear()
            self.requests.clear()
            self.wordfilter = copy.deepcopy(self._initial_wordfilter)
            self.pagination_mode = "running"
            self.max_count = None
            self.sort_order_served = None

    # -- request handling ------------------------------------------------------------------
    def handle(self, method: str, path: str, query: str = "",
               headers: Mapping[str, str] | None = None, body: bytes = b"") -> Response:
        """Answer one request; mutates state (wordfilter, posts, requests, fault counters)."""
        method = method.upper()
        if path.startswith("/__fake__/"):
            return self._control(method, path, body)
        if path.startswith(IMAGE_PREFIX) and method in ("GET", "HEAD"):
            design = self.designs.get(unquote(path[len(IMAGE_PREFIX):]).removesuffix(".svg"))
            return (Response(200, design_svg(design), "image/svg+xml") if design is not None
                    else _text(404, "Not Found"))
        with self._lock:
            self.requests.append((method, f"{path}?{query}" if query else path))
        delay, fault = self.faults.before(path)
        if fault is not None:
            fault.delay = delay
            return fault
        lowered = {k.lower(): v for k, v in (headers or {}).items()}
        with self._lock:
            resp = self._route(method, path, parse_qs(query, keep_blank_values=True),
                               lowered, body)
        if resp.status == 200 and resp.content_type == JSON:
            resp.body = self.faults.after(path, resp.body)
        if resp.status == 200 and self.faults.take_lost_post_answer(method, path):
            resp = _text(500, "Internal Server Error")
        resp = self.faults.shape(path, resp, self.token)
        resp.delay = delay
        return resp

    def _route(self, method: str, path: str, query: dict[str, list[str]],
               headers: dict[str, str], body: bytes) -> Response:
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if len(parts) < 3 or parts[0] != "brands":
            return _text(404, "Not Found")
        if parts[1] != self.brand:
            return _text(404, TENANT)
        scheme, _, token = headers.get("authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or token.strip() != self.token:
            return _text(401, "Invalid credentials")
        resource, rest = parts[2], parts[3:]
        if method == "GET" and resource == "orders" and not rest:
            return self._orders(path, query)
        if method == "GET" and resource == "designs" and not rest:
            return self._designs(path, query)
        if method == "GET" and resource in ("orders", "designs") and len(rest) == 1:
            found = self._lookup(resource, rest[0])
            return _json(200, found) if found is not None else _text(404, "Not Found")
        if resource == "wordfilter" and not rest and method in ("GET", "POST"):
            return self._get_words(path) if method == "GET" else self._post_words(body)
        return _text(404, "Not Found")

    def _lookup(self, resource: str, ident: str) -> dict[str, Any] | None:
        """By ``_id``, or by the numeric orderId/designId (indexes rebuilt when data changes)."""
        if isinstance(self.orders, GeneratedOrders):  # made on demand: no index of 1M items
            if resource == "designs":
                return self.designs.get(ident)
            return self.orders.lookup(ident)
        if resource == "designs" and ident in self.designs:
            return self.designs[ident]
        items = self.orders if resource == "orders" else list(self.designs.values())
        number_key = "orderId" if resource == "orders" else "designId"
        stamp = (id(self.orders if resource == "orders" else self.designs), len(items))
        if self._index.get(resource, (None,))[0] != stamp:
            by_id = {str(d.get("_id")): d for d in items}
            by_id.update({f"#{d.get(number_key)}": d for d in items})
            self._index[resource] = (stamp, by_id)
        by_id = self._index[resource][1]
        found = by_id.get(ident)
        if found is None and ident.isdigit():
            found = by_id.get(f"#{int(ident)}")
        return found  # type: ignore[no-any-return]

    def _orders(self, path: str, query: dict[str, list[str]]) -> Response:
        sort_key = _param(query, "sortKey") or "orderId"
        sort_order = self.sort_order_served or _param(query, "sortOrder") or "descending"
        if sort_order not in ("ascending", "descending"):
            return _text(500, f"Invalid sort value: {{ {sort_key}: {sort_order} }}")
        if sort_key not in ("orderId", "date"):
            return _text(500, f"Invalid sort value: {{ sortKey: {sort_key} }}")
        def key(order: dict[str, Any]) -> tuple[str, int]:
            return (str(order.get("date", "")) if sort_key == "date" else "",
                    int(order.get("orderId", 0)))

        items = self._sorted(f"orders:{sort_key}:{sort_order}", self.orders, key,
                             sort_order == "descending")
        if self.faults.orders_unsorted:
            items = list(self.orders)
        return self._page(path, query, items, sort_order, sort_key)

    def _designs(self, path: str, query: dict[str, list[str]]) -> Response:
        backwards = (_param(query, "backwards") or "false").lower()
        if backwards not in ("true", "false"):
            return _text(500, f"Invalid sort value: {{ designId: {backwards} }}")
        items = self._sorted(f"designs:{backwards}", self.designs,
                             lambda d: int(d.get("designId", 0)), backwards == "true")
        order = "descending" if backwards == "true" else "ascending"
        return self._page(path, query, items, order, "designId")

    def _sorted(self, name: str,
                data: Sequence[dict[str, Any]] | Mapping[str, dict[str, Any]],
                key: Callable[[dict[str, Any]], Any], reverse: bool
                ) -> Sequence[dict[str, Any]]:
        """Sorted view, cached until the collection is replaced or changes size (paging
        10,000 orders must not sort 10,000 orders per page)."""
        if isinstance(data, GeneratedOrders):  # already in orderId (and date) order
            return data.descending() if reverse else data
        stamp = (id(data), len(data))
        cached = self._index.get(name)
        if cached is None or cached[0] != stamp:
            values = data.values() if isinstance(data, Mapping) else data
            cached = (stamp, sorted(values, key=key, reverse=reverse))
            self._index[name] = cached
        return cached[1]

    def _page(self, path: str, query: dict[str, list[str]], items: Sequence[dict[str, Any]],
              sort_order: str, sort_key: str) -> Response:
        count, last = _param(query, "count"), _param(query, "lastIndex")
        count_n = _as_int(count, 25)
        last_n = _as_int(last, 0)
        if count_n is None or count_n < 1:
            return _text(500, f"Invalid pagination value: {{ count: {count} }}")
        if last_n is None or not 0 <= last_n <= len(items):
            return _text(500, f"Invalid pagination value: {{ lastIndex: {last} }}")
        if self.max_count is not None:
            count_n = min(count_n, self.max_count)
        results = items[last_n:last_n + count_n]
        reported = {"running": last_n + len(results), "echo": last_n,
                    "last_item": last_n + max(len(results) - 1, 0)}[self.pagination_mode]
        if self.faults.take_repeat(path):
            reported = last_n
        return _json(200, {"pagination": {
            "collectionSize": len(items), "resultSize": len(results), "lastIndex": reported,
            "sortOrder": sort_order, "sortKey": sort_key}, "results": results})

    def _get_words(self, path: str) -> Response:
        resp = _json(200, self.wordfilter)
        self.wordfilter["words"].extend(self.faults.take_words_after_get(path))
        return resp

    def _post_words(self, body: bytes) -> Response:
        try:
            data: Any = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.posts.append(body.decode("utf-8", "replace"))
            return _text(400, "Invalid JSON body")
        self.posts.append(data)
        if not isinstance(data, dict):
            return _text(400, "Body must be a JSON object")
        words, active = data.get("words"), data.get("isActive")
        if "words" in data and not (isinstance(words, list)
                                    and all(isinstance(w, str) for w in words)):
            return _text(400, "words must be an array of strings")
        if "isActive" in data and not isinstance(active, bool):
            return _text(400, "isActive must be a boolean")
        if "words" in data:
            self.wordfilter["words"] = list(words)  # type: ignore[arg-type]
        if "isActive" in data:
            self.wordfilter["isActive"] = active
        return _json(200, list(self.wordfilter["words"]))

    def _control(self, method: str, path: str, body: bytes) -> Response:
        """``/__fake__/...``: drive a fake that runs in another process (no auth, no faults)."""
        route = (method, path.rstrip("/"))
        with self._lock:
            if route == ("POST", "/__fake__/faults"):
                try:
                    spec = json.loads(body or b"{}")
                    if not isinstance(spec, dict):
                        raise ValueError("expected a JSON object")
                    mode = spec.pop("pagination_mode", self.pagination_mode)
                    if mode not in PAGINATION_MODES:
                        raise ValueError(f"pagination_mode must be one of {PAGINATION_MODES}")
                    self.max_count = spec.pop("max_count", self.max_count)
                    self.faults.configure(spec)
                    self.pagination_mode = mode
                except (ValueError, TypeError) as exc:
                    return _text(400, f"Bad fault spec: {exc}")
            if route in (("POST", "/__fake__/faults"), ("GET", "/__fake__/faults")):
                return _json(200, {**self.faults.describe(), "max_count": self.max_count,
                                   "pagination_mode": self.pagination_mode})
            if route == ("POST", "/__fake__/reset"):
                self.reset()
                return _json(200, {"ok": True})
            views: dict[tuple[str, str], Callable[[], Any]] = {
                ("GET", "/__fake__/posts"): lambda: self.posts,
                ("GET", "/__fake__/requests"): lambda: [list(r) for r in self.requests],
                ("GET", "/__fake__/truth"): self.truth.to_json,
            }
            if route in views:
                return _json(200, views[route]())
        return _text(404, "Not Found")

    # -- WSGI ------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        """WSGI app, for ``httpx.WSGITransport(app=fake)``: no socket needed."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {k[5:].replace("_", "-"): v for k, v in environ.items()
                   if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["CONTENT-TYPE"] = environ["CONTENT_TYPE"]
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        resp = self.handle(environ["REQUEST_METHOD"], path, environ.get("QUERY_STRING", ""),
                           headers, body)
        if resp.delay:
            time.sleep(resp.delay)
        if resp.drop:
            raise DroppedConnection("fake Kickflip dropped the connection")
        start_response(f"{resp.status} {HTTPStatus(resp.status).phrase}", resp.header_list())
        return resp.stream() if resp.stream is not None else [resp.body]


def _param(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _as_int(raw: str | None, default: int) -> int | None:
    if raw is None:
        return default
    try:
        return int(raw.strip()) if raw.strip().lstrip("-").isdigit() else None
    except ValueError:  # pragma: no cover - isdigit accepts some non-ASCII digits
        return None
