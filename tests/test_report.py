"""Rendering scan results: hostile text stays text, and machine formats parse back."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, fields, replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickflip_moderation import Matcher
from kickflip_moderation.report import (
    COLUMNS,
    ReportHeader,
    ReportRow,
    ScanTotals,
    censor_spans,
    highlight,
    render,
    render_csv,
    render_html,
    render_jsonl,
    safe_image_url,
    visible,
)
from kickflip_moderation.safetext import inert

ROW = ReportRow(
    kind="finding", order_id=7, order_ref="o-7", order_name="#1007", design_id="d-1",
    product="Custom Skateboard", image_url="https://cdn.example/d-1.png",
    option_id="OPTION-a", choice_id="CHOICE-a", view_index=0, label="Name text",
    text="you old bastard", word="bastard", start=8, end=15,
)
MISSING = ReportRow("missing", 8, "o-8", "#1008", "d-404")
FAILED = ReportRow("failed", 9, "o-9", "#1009", "d-500", error="ServerError: 503 <b>")


class TestHtml:
    def test_marks_the_offending_span(self):
        page = render_html([ROW])
        assert "you old <mark>bastard</mark>" in page
        assert page.startswith("<!doctype html>")

    def test_escapes_script_in_every_customer_field(self):
        evil = "<script>alert(1)</script>"
        row = replace(ROW, text=evil, start=0, end=8, label=evil, product=evil, word=evil,
                      order_name=evil, design_id=evil, option_id=evil, choice_id=evil)
        page = render_html([row, replace(FAILED, error=evil)])
        assert "<script>" not in page
        assert "&lt;script&gt;" in page

    def test_attribute_injection_is_escaped(self):
        url = 'https://cdn.example/x.png"onmouseover="alert(1)'
        page = render_html([replace(ROW, image_url=url, design_id='d" onclick="x')])
        assert '"onmouseover="' not in page and '" onclick="' not in page
        assert 'src="https://cdn.example/x.png&quot;onmouseover=&quot;alert(1)"' in page
        assert 'id="design-d&quot; onclick=&quot;x"' in page
        # with a space the URL is not a URL at all: dropped
        spaced = render_html([replace(ROW, image_url='https://x.example/a" onerror="x')])
        assert "<img" not in spaced and 'onerror="' not in spaced

    @pytest.mark.parametrize("url", [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
        "data:image/png;base64,AAAA", "vbscript:x", "//evil.example/x.png", "/relative.png",
        "https:/no-host", "java\nscript:alert(1)", "",
    ])
    def test_only_http_image_urls_are_kept(self, url):
        assert safe_image_url(url) is None
        page = render_html([replace(ROW, image_url=url)])
        assert "<img" not in page
        assert "javascript:" not in page.lower() and "data:image" not in page

    def test_http_image_is_shown(self):
        assert '<img src="https://cdn.example/d-1.png"' in render_html([ROW])

    def test_groups_findings_per_design_and_lists_missing_and_failed(self):
        second = replace(ROW, word="old", start=4, end=7)
        other_order = replace(ROW, order_id=10, order_ref="o-10", order_name="#1010")
        page = render_html([ROW, second, other_order, MISSING, FAILED],
                           totals=ScanTotals(10, 3, 1, 1, 1, 0.5))
        assert page.count('class="design"') == 1
        assert "you <mark>old</mark> <mark>bastard</mark>" in page
        assert "#1010" in page and "d-404" in page and "d-500" in page
        assert "ServerError: 503 &lt;b&gt;" in page
        assert "10 orders, 3 designs checked, 1 flagged" in page

    def test_empty_report(self):
        assert "No flagged designs." in render_html([])


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("abc", [(0, 1)], "<mark>a</mark>bc"),
    ("abcd", [(0, 2), (1, 3)], "<mark>abc</mark>d"),
    ("a<b", [(1, 2)], "a<mark>&lt;</mark>b"),
    ("abc", [(2, 99), (-5, 0)], "ab<mark>c</mark>"),
    ("abc", [], "abc"),
])
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


def test_jsonl_parses_back():
    out = render_jsonl([ROW, MISSING, FAILED])
    rows = [ReportRow(**json.loads(line)) for line in out.splitlines()]
    assert rows == [ROW, MISSING, FAILED]


def test_csv_parses_back():
    weird = replace(ROW, text='multi\nline, "quoted" ☃', label="émoji 🎸")
    table = list(csv.DictReader(io.StringIO(render_csv([weird, MISSING]))))
    assert tuple(table[0]) == COLUMNS
    assert table[0]["text"] == weird.text and table[0]["label"] == "émoji 🎸"
    assert table[0]["start"] == "8" and table[1]["option_id"] == ""
    assert {k: v for k, v in table[1].items() if v} == {
        k: str(v) for k, v in asdict(MISSING).items() if v not in (None, "")
    }


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+1", "-cmd", "@SUM(A1)", "\tx"])
def test_csv_neutralises_formulas(text):
    table = list(csv.DictReader(io.StringIO(render_csv([replace(ROW, text=text)]))))
    assert table[0]["text"] == "'" + text


_STRING_COLUMNS = [f.name for f in fields(ReportRow) if f.name != "kind" and "str" in str(f.type)]


@pytest.mark.parametrize("column", _STRING_COLUMNS)
@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.example")', "-2+3", " @SUM(A1)",
                                     "\n=1", "\t=1"])
def test_csv_neutralises_formulas_in_every_column(column, payload):
    """ids and URLs come from the API too: a formula there runs just like one in a text."""
    row = replace(FAILED if column == "error" else ROW, **{column: payload})
    table = list(csv.DictReader(io.StringIO(render_csv([row]), newline="")))
    assert table[0][column] == "'" + payload


# (a cell ENDING in a lone CR does not survive csv.reader itself, so the property leaves CR out)
@given(st.sampled_from(_STRING_COLUMNS),
       st.text(st.characters(blacklist_characters="\r"), max_size=20))
def test_csv_no_cell_starts_a_formula(column, value):
    """Property: whatever the API sends, no cell reads as a formula or drives a terminal
    (controls escaped), and the rest is kept."""
    out = render_csv([replace(ROW, **{column: value})])
    cell = next(csv.DictReader(io.StringIO(out, newline="")))[column]
    assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert cell in (inert(value), "'" + inert(value))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", cell)


def test_csv_on_a_terminal_shows_escapes_not_escape_sequences():
    out = render_csv([replace(ROW, text="ok\x1b]52;c;ZQ==\x07 \x9b2J", order_name="a\nb")])
    assert "\x1b" not in out and "\x9b" not in out and "\\x1b]52" in out
    assert next(csv.DictReader(io.StringIO(out, newline="")))["order_name"] == "a\nb"


def test_render_dispatch():
    assert render("jsonl", [ROW]) == render_jsonl([ROW])
    assert render("csv", []).strip() == ",".join(COLUMNS)
    with pytest.raises(ValueError, match="unknown report format"):
        render("xml", [])


# -- what a moderator sees: header, hidden and look-alike characters, censored preview ----
class TestModeratorView:
    def test_header_names_brand_time_and_list(self):
        header = ReportHeader("acme", "2026-01-02T03:04:05+00:00", 1, "abc123",
                              "2026-01-02T03:00:00+00:00")
        page = render_html([ROW], header=header)
        assert ("brand acme; generated 2026-01-02T03:04:05+00:00; word list: 1 entry, hash "
                "abc123; last scan 2026-01-02T03:00:00+00:00") in page
        assert render("html", [ROW], header=header) == page
        assert "word list" not in ReportHeader("acme", "now").line()

    def test_zero_width_characters_show_their_code_point(self):
        assert visible("fu\u200bck") == (
            'fu<span class="cp" title="U+200B ZERO WIDTH SPACE">U+200B</span>ck')
        assert "U+202E" in visible("\u202eabc") and "U+0000" in visible("a\x00")
        assert visible("line\nnext\ttab") == "line\nnext\ttab"

    def test_look_alike_letters_keep_their_glyph_and_show_their_code_point(self):
        shown = visible("fu\u0441k")  # Cyrillic es
        assert shown == ('fu<span class="glyph" title="U+0441 CYRILLIC SMALL LETTER ES, looks '
                         'like c">\u0441<sub>U+0441</sub></span>k')
        assert visible("café naïve") == "café naïve"  # accented letters are not tricks

    def test_marked_span_and_censored_preview(self):
        row = replace(ROW, text="you old b\u0430stard", word="bastard", start=8, end=15)
        page = render_html([row])
        assert '<mark>b<span class="glyph"' in page
        assert '<td class="censored">you old *******</td>' in page

    @given(st.text())
    def test_hostile_text_adds_no_markup(self, text):
        """Whatever the text, the only tags are ours and every attribute is ours."""
        parser = _Tags()
        parser.feed(visible(text))
        assert parser.tags <= {"span", "sub"}
        assert parser.attributes <= {"class", "title"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("oh shit", [(3, 7)], "oh ****"),
    ("f u c k off", [(0, 7)], "* * * * off"),
    ("abc", [(1, 9), (-3, 1)], "***"),
    ("abc", [], "abc"),
])
def test_censor_spans(text, spans, expected):
    assert censor_spans(text, spans) == expected


CENSOR_MATCHER = Matcher(["fuck", "shit", "bitch", "wanker"])
PIECES = ["fuck", "sh1t", "b i t c h", "W4NKER", "Scunthorpe", "shitake", "hello", " ", ".",
          "\u200b", "f\u0443ck", "\n"]


@settings(deadline=None)  # the first call loads the matcher's dictionaries
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_censor_spans_is_matcher_censor(text):
    """The report's censored preview, from the stored spans, is what ``Matcher.censor``
    gives for the same text."""
    spans = [(m.start, m.end) for m in CENSOR_MATCHER.find(text)]
    assert censor_spans(text, spans) == CENSOR_MATCHER.censor(text)
