"""Text from outside (the API, shoppers) made safe to store and print.

A JSON body may hold a lone surrogate (``"\\ud83d"``: a JavaScript string cut inside an
emoji). Python decodes it into a ``str`` that cannot be encoded as UTF-8, so SQLite, files
and terminals raise ``UnicodeEncodeError`` on it. Every place that stores or prints such
text goes through the helpers here, so they all treat it the same way: a lone surrogate
becomes U+FFFD, the replacement character, and a proper pair becomes its character.
"""

from __future__ import annotations

from typing import Any

__all__ = ["has_lone_surrogate", "scrub", "scrub_json"]

REPLACEMENT = "\ufffd"


def has_lone_surrogate(text: str) -> bool:
    """Does ``text`` hold a surrogate code point (which UTF-8 cannot encode)?"""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scrub(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD; pairs are joined."""
    if not has_lone_surrogate(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def scrub_json(value: Any) -> Any:
    """A freshly decoded JSON value with every string (keys included) ``scrub``-bed, in
    place. A loop, not recursion: a value nested as deep as ``json.loads`` allows must
    not raise ``RecursionError`` here."""
    if isinstance(value, str):
        return scrub(value)
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str):
                    node[i] = scrub(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
        elif isinstance(node, dict):
            for key in [k for k in node if has_lone_surrogate(k)]:
                node[scrub(key)] = node.pop(key)
            for key, item in node.items():
                if isinstance(item, str):
                    node[key] = scrub(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
    return value
