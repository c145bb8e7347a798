"""Extracting shopper texts from Kickflip designs, and checking them."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickflip_moderation.design import (
    MAX_TEXT_CHARS,
    Finding,
    TextItem,
    check_design,
    extract_texts,
)
from kickflip_moderation.resources import Design

REFERENCE = json.loads(
    (Path(__file__).parent / "fixtures" / "design-reference.json").read_text("utf-8")
)


@dataclass(frozen=True)
class M:
    word: str
    start: int
    end: int


class SubstringMatcher:
    """A test double: case-insensitive substring search, spans in the original text."""

    def __init__(self, words: list[str]) -> None:
        self.words = words

    def find(self, text: str) -> list[M]:
        low = text.lower()
        out = []
        for w in self.words:
            i = low.find(w.lower())
            while i >= 0:
                out.append(M(w, i, i + len(w)))
                i = low.find(w.lower(), i + 1)
        return sorted(out, key=lambda m: m.start)


def text_choice(*texts: Any, choice_id: str = "CHOICE-t", name: str = "Default text") -> dict:
    return {"id": choice_id, "type": "text", "name": name,
            "views": [{"type": "text", "text": t} for t in texts]}


class TestReferenceDesign:
    """The sample design of the vendor's reference (tests/fixtures/design-reference.json)."""

    def test_exactly_one_text_item(self):
        assert extract_texts(REFERENCE) == [
            TextItem("OPTION-1xy6ba", "CHOICE-1xxsvq", "Default text", "Your text", 0)
        ]

    def test_logo_and_plain_choices_carry_no_text(self):
        design = copy.deepcopy(REFERENCE)
        del design["configuration"]["OPTION-1xy6ba"]
        assert extract_texts(design) == []

    def test_check_design_reports_option_choice_label_and_spans(self):
        findings = check_design(REFERENCE, SubstringMatcher(["text"]))
        assert findings == [
            Finding("OPTION-1xy6ba", "CHOICE-1xxsvq", "Default text", "Your text",
                    (M("text", 5, 9),), 0)
        ]

    def test_clean_design_has_no_findings(self):
        assert check_design(REFERENCE, SubstringMatcher(["zzz"])) == []


class TestLabels:
    def test_production_data_entry_with_matching_ref_wins(self):
        design = {
            "configuration": {"OPTION-a": text_choice("Bob", choice_id="CHOICE-a")},
            "productionData": [
                {"key": "Other", "value": "x", "ref": {"optionId": "OPTION-a", "choiceId": "C"}},
                {"key": "Name text", "value": "Bob",
                 "ref": {"optionId": "OPTION-a", "choiceId": "CHOICE-a"}},
            ],
            "summary": [{"key": "Your name", "value": "Bob"}],
        }
        assert extract_texts(design)[0].label == "Name text"

    def test_summary_entry_with_the_same_value_is_next(self):
        design = {"configuration": {"OPTION-a": text_choice("Bob")},
                  "summary": [{"key": "Your name"}, {"key": "Name", "value": "Bob"}]}
        assert extract_texts(design)[0].label == "Name"

    def test_choice_name_then_option_id(self):
        design = {"configuration": {"OPTION-a": text_choice("Bob", name="Engraving"),
                                    "OPTION-b": {"id": "C", "views": [{"text": "Al"}]}}}
        assert [i.label for i in extract_texts(design)] == ["Engraving", "OPTION-b"]

    def test_odd_label_sources_are_ignored(self):
        design = {"configuration": {"OPTION-a": text_choice("Bob")},
                  "productionData": [None, {"key": 3, "ref": []}, {"key": "K", "ref": None}],
                  "summary": "nope"}
        assert extract_texts(design)[0].label == "Default text"


def test_several_views_yield_one_item_each_with_its_index():
    design = {"configuration": {"OPTION-a": text_choice("Front", "", None, "Back")}}
    assert [(i.text, i.view_index) for i in extract_texts(design)] == [
        ("Front", 0), ("Back", 3)
    ]


@pytest.mark.parametrize(
    "design",
    [
        {"configuration": None}, {"configuration": []}, {"_id": "d1", "designId": 1},
        {"configuration": {"O": "CHOICE-x"}}, {"configuration": {"O": None}},
        {"configuration": {"O": {"views": None}}}, {"configuration": {"O": {"views": {}}}},
        {"configuration": {"O": {"views": "text"}}}, {"configuration": {"O": {"views": [None]}}},
        {"configuration": {"O": {"views": [["text", "x"]]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": None}]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": ""}]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": "   "}]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": 23}]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": {"text": "x"}}]}}},
        {"configuration": {"O": {"views": [{"type": "logo", "text": "x"}]}}},
        {"configuration": {"O": {"views": [{"type": "text", "text": "x" * (MAX_TEXT_CHARS + 1)}]}}},
        {"configuration": {"O": [{"views": [{"type": "text", "text": "x"}]}]}},
    ],
    ids=lambda d: json.dumps(d)[:60],
)
def test_malformed_shapes_are_skipped(design):
    assert extract_texts(design) == []


@pytest.mark.parametrize(
    "not_a_design",
    [None, 42, 1.5, "fuck", b"fuck", [], [{"configuration": {}}], {}, {"views": []},
     {"id": "x", "orderId": 3}],
    ids=repr,
)
def test_what_is_not_a_design_raises_type_error_naming_what_is_accepted(not_a_design):
    """Never "no text, clean": a caller's mistake must not pass offensive designs."""
    for call in (lambda: extract_texts(not_a_design),
                 lambda: check_design(not_a_design, SubstringMatcher(["fuck"]))):
        with pytest.raises(TypeError, match=r"Design .*'configuration' or '_id'\)"):
            call()


def test_a_design_object_is_checked_like_its_raw_dict():
    design = Design.from_json(copy.deepcopy(REFERENCE))
    design.raw["configuration"]["OPTION-1xy6ba"]["views"][0]["text"] = "oh fuck"
    assert extract_texts(design) == extract_texts(design.raw)
    assert [t.text for t in extract_texts(design)] == ["oh fuck"]
    findings = check_design(design, SubstringMatcher(["fuck"]))
    assert findings == check_design(design.raw, SubstringMatcher(["fuck"]))
    assert [(f.text, f.matches[0].start) for f in findings] == [("oh fuck", 3)]


def test_huge_texts_are_kept_when_asked():
    design = {"configuration": {"O": text_choice("x" * (MAX_TEXT_CHARS + 1))}}
    assert len(extract_texts(design, max_chars=None)) == 1


# -- property tests -------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=25,
)
text_views = st.fixed_dictionaries(
    {"type": st.just("text"), "text": st.text(min_size=1, max_size=12)})
odd_views = st.fixed_dictionaries(
    {"type": st.sampled_from(["text", "logo", None]), "text": json_values | st.text()})
views = st.lists(st.one_of(text_views, text_views, odd_views, json_values), max_size=4)
choice_objects = st.fixed_dictionaries(
    {"id": json_values | st.text(), "views": views | views | json_values},
    optional={"name": json_values | st.text(), "type": json_values},
)
choices = st.one_of(choice_objects, choice_objects, st.text(max_size=10), json_values)
configurations = st.dictionaries(st.text(max_size=10), choices, max_size=6)
designs = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"configuration": configurations | configurations | json_values},
        optional={"productionData": json_values | st.lists(json_values),
                  "summary": json_values | st.lists(st.dictionaries(
                      st.sampled_from(["key", "value"]), json_values | st.text()))},
    ),
    st.fixed_dictionaries({"configuration": configurations}),
    st.fixed_dictionaries({"configuration": configurations}),
)


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(v) | strings_in(k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value))
    return set()


@settings(max_examples=250, deadline=None)
@given(designs)
def test_extraction_of_a_design_never_raises_and_only_returns_its_texts(design):
    if not (isinstance(design, dict) and ("configuration" in design or "_id" in design)):
        with pytest.raises(TypeError):  # not a design at all: raised, never "clean"
            extract_texts(design)
        return
    items = extract_texts(design)
    found = strings_in(design)
    for item in items:
        assert isinstance(item.text, str) and item.text.strip()
        assert item.text in found
        assert isinstance(item.label, str)
    assert check_design(design, SubstringMatcher(["a"])) is not None
