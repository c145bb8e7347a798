"""Text from outside (the API, shoppers) made safe to store and print.

A JSON body may hold a lone surrogate (``"\\ud83d"``: a JavaScript string cut inside an
emoji). Python decodes it into a ``str`` that cannot be encoded as UTF-8, so SQLite, files
and terminals raise ``UnicodeEncodeError`` on it. Every place that stores or prints such
text goes through the helpers here, so they all treat it the same way: a lone surrogate
becomes U+FFFD, the replacement character, and a proper pair becomes its character.

Printed text has a second hazard: a remote entry holding ``ESC ] 52 ;...`` (an OSC 52
clipboard write) or a C1 ``CSI`` drives the terminal of whoever runs ``words diff``, and a
U+2028, U+2029 or U+0085 inside a JSON Lines string splits the line for readers that use
Unicode line breaks (``str.splitlines``, JavaScript). ``printable`` shows such characters as
escapes for people; ``safe_json`` writes them as ``\\uXXXX`` escapes in machine output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

__all__ = ["has_lone_surrogate", "inert", "map_strings", "printable", "safe_json", "scrub",
           "scrub_json"]

REPLACEMENT = "\ufffd"
# What json.dumps(ensure_ascii=False) leaves raw but a reader may act on: DEL, the C1
# controls (U+0085 NEL among them, U+009B CSI) and the Unicode line/paragraph separators.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")
# What a terminal acts on in a file someone may ``cat`` (a CSV report on stdout): C0
# controls but tab and line breaks, DEL and C1.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
    place."""
    return map_strings(value, scrub)


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """A decoded JSON value with ``fn`` applied to every string (keys included), in place.
    A loop, not recursion: a value nested as deep as ``json.loads`` allows must not raise
    ``RecursionError`` here."""
    if isinstance(value, str):
        return fn(value)
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str):
                    node[i] = fn(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
        elif isinstance(node, dict):
            for key in [k for k in node if fn(k) != k]:
                node[fn(key)] = node.pop(key)
            for key, item in node.items():
                if isinstance(item, str):
                    node[key] = fn(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
    return value


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` safe to show on a terminal, on one line: lone surrogates become U+FFFD and
    every character Python does not count as printable (controls such as ESC, C1, DEL and
    NUL; line and paragraph separators; invisible format characters such as bidi
    overrides; spaces other than U+0020) is shown as a ``\\x..``/``\\u..`` escape, so a
    hostile entry can neither drive the terminal nor hide what it holds. For people only:
    a backslash is kept as is, so machine output uses JSON instead."""
    text = scrub(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def inert(text: str) -> str:
    """``text`` for a data file people may also print (CSV): lone surrogates become
    U+FFFD and terminal controls ``\\x..`` escapes; tabs and line breaks, which the
    format quotes, and all other characters stay as they are."""
    text = scrub(text)
    return _TERMINAL_UNSAFE.sub(lambda m: _escape(m.group()), text)


def safe_json(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON (one line unless ``indent``), UTF-8 kept readable (a lone
    surrogate becomes U+FFFD, so the text can always be written), with the
    characters that line-splitting readers or terminals act on written as ``\\uXXXX``.
    They can only occur inside JSON strings, where the escape means the same character."""
    dumped = scrub(json.dumps(value, ensure_ascii=False, indent=indent))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
