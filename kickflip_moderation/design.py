"""The texts a shopper typed into a Kickflip design, and the words they match.

This is the only module that knows the design JSON shape (``docs/kickflip-api.md``, note #15):
``configuration`` maps ``OPTION-...`` ids either to a plain ``CHOICE-...`` string (no text)
or to a choice object; text choices hold ``views: [{"type": "text", "text": "..."}]``.
Designs come from an API we do not control and from storefront requests, so every odd
shape *inside* a design is skipped rather than raised: a moderation check must never crash on
input. What is not a design at all (``None``, a string, a list, a mapping with neither a
``configuration`` nor an ``_id`` key, e.g. ``{}``) raises ``TypeError``: answering "no text,
clean" for it would let a caller's mistake pass offensive designs. A ``Design`` (what
``KickflipClient.get_design`` returns) and its raw dict are accepted alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .resources import Design

if TYPE_CHECKING:  # pragma: no cover - types only
    from .matching.match import Match

__all__ = [
    "MAX_TEXT_CHARS",
    "Finding",
    "SupportsFind",
    "TextItem",
    "check_design",
    "design_mapping",
    "extract_texts",
    "iter_raw_texts",
    "iter_texts",
    "label_for",
]

#: Texts longer than this are not shopper input (Kickflip text fields are short); they are
#: skipped by default so a hostile payload cannot make a check slow. ``guard`` rejects them.
MAX_TEXT_CHARS = 10_000


class SupportsFind(Protocol):
    """What ``check_design`` needs from a matcher (``Matcher`` or a test double)."""

    def find(self, text: str) -> Sequence[Match]: ...


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text typed by the shopper: where it sits in the design and what it says."""

    option_id: str
    choice_id: str
    label: str
    text: str
    view_index: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """A text item that matched the word list; ``matches`` speak in spans of ``text``."""

    option_id: str
    choice_id: str
    label: str
    text: str
    matches: tuple[Match, ...]
    view_index: int = 0

    @classmethod
    def from_item(cls, item: TextItem, matches: Sequence[Match]) -> Finding:
        return cls(
            item.option_id, item.choice_id, item.label, item.text, tuple(matches), item.view_index
        )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class _Labels:
    """Human labels for (option, choice) pairs, built only when a design has text at all."""

    def __init__(self, design: Mapping[str, Any]) -> None:
        self._design = design
        self._by_ref: dict[tuple[str, str], str] | None = None
        self._by_value: dict[str, str] | None = None

    def _build(self) -> None:
        self._by_ref, self._by_value = {}, {}
        production = self._design.get("productionData")
        for entry in production if isinstance(production, list) else ():
            if not isinstance(entry, dict):
                continue
            key, ref = _str(entry.get("key")), entry.get("ref")
            if key and isinstance(ref, dict):
                option, choice = _str(ref.get("optionId")), _str(ref.get("choiceId"))
                if option is not None and choice is not None:
                    self._by_ref.setdefault((option, choice), key)
        summary = self._design.get("summary")
        for entry in summary if isinstance(summary, list) else ():
            if isinstance(entry, dict):
                key, value = _str(entry.get("key")), _str(entry.get("value"))
                if key and value:
                    self._by_value.setdefault(value, key)

    def label(self, option_id: str, choice_id: str, choice_name: str | None, text: str) -> str:
        if self._by_ref is None or self._by_value is None:
            self._build()
        assert self._by_ref is not None and self._by_value is not None
        return (
            self._by_ref.get((option_id, choice_id))
            or self._by_value.get(text)
            or choice_name
            or option_id
        )


def design_mapping(design: Any) -> Mapping[str, Any]:
    """The design JSON of ``design`` (a ``Design`` or its raw mapping); ``TypeError`` otherwise.

    A mapping is a design if it has ``configuration`` (the shopper's choices) or ``_id``: the
    API sends designs with no ``configuration`` (no text: ``docs/kickflip-api.md``, note
    #15), but ``{}`` or ``{"texts": ...}`` is a caller's mistake, and saying "clean" for it
    would hide it."""
    raw = design.raw if isinstance(design, Design) else design
    if isinstance(raw, Mapping) and ("configuration" in raw or "_id" in raw):
        return raw
    what = ("a mapping without 'configuration' or '_id'" if isinstance(raw, Mapping)
            else type(design).__name__)
    raise TypeError("expected a Design (KickflipClient.get_design) or a design dict (with "
                    f"'configuration' or '_id'), got {what}")


def iter_raw_texts(
    design: Any, *, max_chars: int | None = MAX_TEXT_CHARS
) -> Iterator[tuple[str, str, str | None, int, str]]:
    """``(option_id, choice_id, choice_name, view_index, text)`` without labels: the
    checkout hot path resolves a label only for a text it rejects (``label_for``).
    ``TypeError`` at once (not on first iteration) for what is not a design."""
    return _raw_texts(design_mapping(design).get("configuration"), max_chars)


def _raw_texts(
    configuration: Any, max_chars: int | None
) -> Iterator[tuple[str, str, str | None, int, str]]:
    if not isinstance(configuration, Mapping):
        return
    for option_id, choice in configuration.items():
        if not isinstance(choice, dict) or not isinstance(option_id, str):
            continue  # plain "CHOICE-..." strings carry no text
        views = choice.get("views")
        if not isinstance(views, list):
            continue
        choice_id = _str(choice.get("id")) or ""
        for index, view in enumerate(views):
            if not isinstance(view, dict) or view.get("type", "text") != "text":
                continue
            text = view.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            if max_chars is not None and len(text) > max_chars:
                continue
            yield option_id, choice_id, _str(choice.get("name")), index, text


def label_for(design: Any, option_id: str, choice_id: str, choice_name: str | None,
              text: str) -> str:
    """The human label of one text: productionData key, summary key, choice name, option id."""
    return _Labels(design_mapping(design)).label(option_id, choice_id, choice_name, text)


def iter_texts(design: Any, *, max_chars: int | None = MAX_TEXT_CHARS) -> Iterator[TextItem]:
    """Yield every non-empty text of ``design``, in configuration order; skip odd shapes.

    A choice with several text views yields one item per non-empty view (``view_index``).
    Texts longer than ``max_chars`` are skipped (``None``: keep them all). ``TypeError`` (at
    once, not on first iteration) for what is not a design (see ``design_mapping``).
    """
    raw = design_mapping(design)
    return _iter_texts(raw, max_chars)


def _iter_texts(raw: Mapping[str, Any], max_chars: int | None) -> Iterator[TextItem]:
    labels: _Labels | None = None
    for option_id, choice_id, name, index, text in iter_raw_texts(raw, max_chars=max_chars):
        if labels is None:
            labels = _Labels(raw)
        yield TextItem(option_id, choice_id, labels.label(option_id, choice_id, name, text),
                       text, index)


def extract_texts(design: Any, *, max_chars: int | None = MAX_TEXT_CHARS) -> list[TextItem]:
    """Every text a shopper typed into ``design`` (see ``iter_texts``); odd parts are
    skipped, but what is not a design raises ``TypeError``."""
    return list(iter_texts(design, max_chars=max_chars))


def check_design(design: Any, matcher: SupportsFind) -> list[Finding]:
    """The design's texts that ``matcher`` flags; the matcher normalizes, we pass raw text."""
    findings: list[Finding] = []
    for item in iter_texts(design):
        matches = matcher.find(item.text)
        if matches:
            findings.append(Finding.from_item(item, matches))
    return findings
