"""The word-list file format, and the set logic that keeps a merge from losing words.

Format (``wordlists/*.txt``, ``words pull`` output, backups):

* UTF-8; a leading BOM is tolerated. Lines end in LF or CRLF.
* One entry per line. Surrounding whitespace is trimmed; blank lines are ignored.
  Case, accents and inner spaces are kept exactly, because Kickflip stores entries as written.
* A line whose first non-blank character is ``#`` is a comment.
* An entry that itself starts with ``#`` or ``\\`` is written with one leading backslash,
  which reading removes: ``\\#1 fan`` is the entry ``#1 fan``, ``\\\\x`` is ``\\x``.
* An entry is at most ``MAX_ENTRY_LENGTH`` (200) characters: a longer line is almost
  certainly a pasted paragraph or a binary file, not a word.
* NUL bytes and invalid UTF-8 are errors; every error is a ``WordlistError`` that names the
  file and the line.

Entries the format cannot hold (empty, with a line break or NUL, or with surrounding
whitespace) are refused by ``write_wordlist`` rather than silently changed: what is written
always reads back as the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import WordlistError

__all__ = [
    "MAX_ENTRY_LENGTH",
    "Diff",
    "Entry",
    "diff",
    "merge",
    "parse_entries",
    "parse_wordlist",
    "read_entries",
    "read_wordlist",
    "save_wordlist",
    "unrepresentable",
    "write_wordlist",
]

MAX_ENTRY_LENGTH = 200


class Entry(NamedTuple):
    """An entry with where it was read from, so lint and errors can point at ``path:line``."""

    text: str
    path: str
    line: int


def parse_entries(
    text: str, path: str = "<string>", *, max_length: int | None = MAX_ENTRY_LENGTH
) -> list[Entry]:
    """Entries of a word-list text, each with its line number (1-based)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    entries: list[Entry] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\x00" in raw:
            raise WordlistError("NUL byte in line (is this a binary file?)", path=path, line=number)
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("\\"):
            line = line[1:]
            if not line:
                raise WordlistError("a lone backslash is not an entry", path=path, line=number)
        if max_length is not None and len(line) > max_length:
            raise WordlistError(
                f"entry of {len(line):,} characters is longer than the maximum of {max_length}",
                path=path,
                line=number,
            )
        entries.append(Entry(line, path, number))
    return entries


def parse_wordlist(
    text: str, path: str = "<string>", *, max_length: int | None = MAX_ENTRY_LENGTH
) -> list[str]:
    """The entries of a word-list text, in file order (duplicates kept; see ``merge``)."""
    return [e.text for e in parse_entries(text, path, max_length=max_length)]


def _read_text(path: str | Path) -> tuple[str, str]:
    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise WordlistError("is a directory, not a word-list file", path=name)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise WordlistError("no such file", path=name) from None
    except OSError as exc:
        raise WordlistError(f"cannot read: {exc.strerror or exc}", path=name) from None
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise WordlistError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=name,
            line=line,
        ) from None


def read_entries(path: str | Path, *, max_length: int | None = MAX_ENTRY_LENGTH) -> list[Entry]:
    """Entries of a word-list file with their line numbers."""
    text, name = _read_text(path)
    return parse_entries(text, name, max_length=max_length)


def read_wordlist(path: str | Path, *, max_length: int | None = MAX_ENTRY_LENGTH) -> list[str]:
    """The entries of a word-list file; ``WordlistError`` (with file and line) if it is broken."""
    return [e.text for e in read_entries(path, max_length=max_length)]


def unrepresentable(entry: str) -> str | None:
    """Why ``entry`` cannot be written to a word-list file, or None if it can."""
    if not entry.strip():
        return "is empty"
    if "\n" in entry or "\r" in entry:
        return "contains a line break"
    if "\x00" in entry:
        return "contains a NUL character"
    if entry != entry.strip():
        return "has leading or trailing whitespace"
    return None


def write_wordlist(entries: Iterable[str], *, header: Iterable[str] = ()) -> str:
    """The file text for ``entries`` (LF line ends), escaping those that start with # or \\.

    ``header`` lines are written first as ``# ...`` comments.
    """
    lines = [f"# {h}".rstrip() for h in header]
    for index, entry in enumerate(entries, start=1):
        problem = unrepresentable(entry)
        if problem:
            raise WordlistError(f"entry {index} ({entry!r}) {problem}; it cannot be written")
        lines.append("\\" + entry if entry[0] in "#\\" else entry)
    return "".join(line + "\n" for line in lines)


def save_wordlist(path: str | Path, entries: Iterable[str], *, header: Iterable[str] = ()) -> Path:
    """Write ``entries`` to ``path`` in the word-list format (UTF-8, no BOM)."""
    p = Path(path)
    p.write_text(write_wordlist(entries, header=header), encoding="utf-8", newline="")
    return p


def merge(remote: Sequence[str], *locals_: Iterable[str]) -> list[str]:
    """Union that never drops a word: remote order kept, new entries appended in file order.

    Only exact duplicates are dropped; near-duplicates (``Fuck``/``fuck``) are kept, since
    they are different entries on Kickflip (``diff``/``lint`` report them).
    """
    seen: set[str] = set()
    out: list[str] = []
    for source in (remote, *locals_):
        for entry in source:
            if entry not in seen:
                seen.add(entry)
                out.append(entry)
    return out


@dataclass(frozen=True)
class Diff:
    """Remote vs local. ``near_duplicates`` pairs (remote, local) entries with the same key."""

    only_remote: list[str] = field(default_factory=list)
    only_local: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.only_remote or self.only_local)


def _default_key() -> Callable[[str], str]:
    from .matching.normalization import entry_key

    return entry_key


def diff(
    remote: Sequence[str], local: Sequence[str], *, key: Callable[[str], str] | None = None
) -> Diff:
    """What only one side has, and the near-duplicates across sides (same ``entry_key``).

    A near-duplicate pair is reported for each local entry absent from the remote list whose
    key equals that of a different remote entry (``f.u.c.k`` local vs ``fuck`` remote).
    """
    key = key or _default_key()
    remote_set, local_set = set(remote), set(local)
    only_remote = [e for e in merge(remote) if e not in local_set]
    only_local = [e for e in merge(local) if e not in remote_set]
    by_key: dict[str, list[str]] = {}
    for entry in merge(remote):
        k = key(entry)
        if k:
            by_key.setdefault(k, []).append(entry)
    near: list[tuple[str, str]] = []
    for entry in only_local:
        k = key(entry)
        for other in by_key.get(k, []) if k else []:
            near.append((other, entry))
    return Diff(only_remote, only_local, near)
