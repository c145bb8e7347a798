"""Hide the API token, and any long piece of it, in text that may be shown or stored.

A server (or a proxy) that echoes the request back rarely echoes the token whole: an error
page may quote the JWT's signature, its payload, or the token cut one character short. Any of
these is enough to recognise, and the signature part is the secret itself. So ``redact``
replaces every run of at least ``FRAGMENT`` characters that also occurs in the token, not
only the token: 12 characters of a base64url secret never occur in honest text by chance.

The runs are found with an Aho-Corasick automaton of the token's 12-character pieces (one
pass over the text, in C), built once per token. That pass costs about 30 ns a character,
as much as decoding a page of orders, so successful (2xx) answers are searched with
``echoes_secret`` first: a single substring test for the signature less its first and last
characters (what makes the token a secret), and only a hit costs the full pass.
"""

from __future__ import annotations

from functools import lru_cache

import ahocorasick

__all__ = ["FRAGMENT", "MIN_SECRET", "echoes_secret", "has_fragment", "redact"]

MIN_SECRET = 8  # shorter "tokens" are test stand-ins; masking them would garble messages
FRAGMENT = 12  # the shortest piece of the token that is hidden
MASK = "***"


@lru_cache(maxsize=8)
def _pieces(token: str) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for i in range(len(token) - FRAGMENT + 1):
        automaton.add_word(token[i:i + FRAGMENT], FRAGMENT)
    automaton.make_automaton()
    return automaton


def _spans(text: str, token: str) -> list[tuple[int, int]]:
    """Merged half-open spans of ``text`` made of pieces of ``token``."""
    if len(token) < FRAGMENT:
        found, start = [], text.find(token)
        while start >= 0:
            found.append((start, start + len(token)))
            start = text.find(token, start + 1)
    else:
        found = [(end - FRAGMENT + 1, end + 1) for end, _ in _pieces(token).iter(text)]
    merged: list[tuple[int, int]] = []
    for start, end in found:  # ahocorasick reports by end: starts ascend too
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def echoes_secret(content: bytes, token: str | None) -> bool:
    """Cheap test for a 2xx body: does it hold the token's secret part (the JWT signature,
    or an opaque token) less one character at each end?"""
    if not token or len(token) < MIN_SECRET:
        return False
    parts = token.split(".")
    core = parts[2] if len(parts) == 3 and len(parts[2]) >= FRAGMENT else token
    needle = core[1:-1] if len(core) > FRAGMENT else core
    return needle.encode("utf-8", "replace") in content


def has_fragment(text: str, token: str | None) -> bool:
    """Does ``text`` hold the token or a piece of it ``redact`` would hide?"""
    return bool(token) and len(token or "") >= MIN_SECRET and bool(_spans(text, token or ""))


def redact(text: str, token: str | None) -> str:
    """``text`` with the token and every piece of it of ``FRAGMENT``+ characters as ``***``."""
    if not token or len(token) < MIN_SECRET or not text:
        return text
    spans = _spans(text, token)
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(MASK)
        pos = end
    out.append(text[pos:])
    return "".join(out)
