"""Render scan results as JSON Lines, CSV or a self-contained HTML page (pure: strings out).

Every row names the order, the design and, for a finding, where the text sits and which
span matched which entry. Rows are of three kinds: ``finding`` (a flagged text),
``missing`` (the design 404s) and ``failed`` (it could not be fetched; the next scan retries).

The HTML page is for a moderator: its header names the brand, when it was generated and
the word list the designs were checked against (size and hash); characters a reader cannot
see (zero-width, bidi controls) or tell apart (Cyrillic ``с`` for ``c``) are shown with
their code points; each flagged text also appears censored, as the shopper would be told.

Customer and API text is hostile input here: HTML escapes all of it (attributes too) and
only keeps ``http(s)`` image URLs; only ``https`` images on a plain host name are shown
inline, and the page's CSP allows images from exactly those origins (never "any host":
an image on a tracker's server would tell it who opened the report and when); CSV
neutralises every cell, in every column, that a spreadsheet would run as a formula (a
leading ``=``, ``+``, ``-``, ``@``, tab, CR or LF, also after leading spaces, gets a ``'``
prefix, OWASP advice): ids and URLs come from the API and are as hostile as shopper text.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from html import escape
from urllib.parse import urlsplit

from .matching.textmodel import HOMOGLYPHS, INVISIBLE
from .safetext import inert, safe_json
from .wording import entry_count, plural

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ReportHeader",
    "ReportRow",
    "ScanTotals",
    "censor_spans",
    "highlight",
    "render",
    "render_csv",
    "render_html",
    "render_jsonl",
    "safe_image_url",
    "visible",
]

FORMATS = ("jsonl", "csv", "html")
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?")  # nothing that could end a CSP source


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of a report; finding-only fields are ``None`` for missing/failed designs."""

    kind: str  # "finding" | "missing" | "failed"
    order_id: int
    order_ref: str  # the order's ``_id``
    order_name: str
    design_id: str  # the design's ``_id``
    product: str = ""
    image_url: str = ""
    option_id: str | None = None
    choice_id: str | None = None
    view_index: int | None = None
    label: str | None = None
    text: str | None = None
    word: str | None = None
    start: int | None = None
    end: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ScanTotals:
    """The numbers of a scan, for the summary line and the HTML header."""

    orders: int = 0
    designs_checked: int = 0
    flagged: int = 0
    missing: int = 0
    failed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{plural(self.orders, 'order')}, {plural(self.designs_checked, 'design')} checked, "
            f"{self.flagged} flagged, {self.missing} missing, {self.failed} failed "
            f"in {self.seconds:.1f}s"
        )


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What a report is about: the brand, when it was rendered, and the word list its
    designs were checked against (``None`` where a database predates that record)."""

    brand: str
    generated_at: str  # ISO 8601, UTC
    list_size: int | None = None
    list_hash: str | None = None  # the scan's word-list fingerprint (entries + allowlist)
    scanned_at: str | None = None  # when that list was last used by a scan

    def line(self) -> str:
        parts = [f"brand {self.brand}", f"generated {self.generated_at}"]
        if self.list_size is not None:
            parts.append(f"word list: {entry_count(self.list_size)}"
                         + (f", hash {self.list_hash}" if self.list_hash else ""))
        if self.scanned_at:
            parts.append(f"last scan {self.scanned_at}")
        return "; ".join(parts)


COLUMNS = tuple(f.name for f in fields(ReportRow))


def render_jsonl(rows: Iterable[ReportRow]) -> str:
    """One JSON object per row (``json.loads`` on each line gives the row back; U+2028,
    U+2029 and C1 controls are escaped, so no reader splits a row in two)."""
    return "".join(safe_json(asdict(r)) + "\n" for r in rows)


def _cell(value: object) -> object:
    """A CSV cell: empty for ``None``; a would-be formula in ANY column made text; terminal
    controls escaped (the report may go to stdout)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = inert(value)
        if value.lstrip(" ").startswith(_FORMULA_PREFIXES):
            return "'" + value
    return value


def render_csv(rows: Iterable[ReportRow]) -> str:
    """A header line and one line per row; empty cells for ``None``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, c)) for c in COLUMNS])
    return out.getvalue()


def safe_image_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else ``None`` (no javascript:, data:, ...)."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _inline_origin(url: str | None) -> str | None:
    """``https://host[:port]`` if the image at ``url`` may be shown inline, else None;
    plain http only from 127.0.0.1, where the fake API serves the demo's images (a request
    there tells no one outside the machine that the report was opened)."""
    safe = safe_image_url(url)
    if safe is None:
        return None
    parts = urlsplit(safe)
    scheme = parts.scheme.lower()
    if scheme == "http" and parts.hostname == "127.0.0.1" and _PLAIN_HOST.fullmatch(parts.netloc):
        return f"http://{parts.netloc.lower()}"  # the fake API's images (the offline demo)
    if scheme != "https" or not _PLAIN_HOST.fullmatch(parts.netloc):
        return None
    return f"https://{parts.netloc.lower()}"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _code_point(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _hidden(ch: str) -> bool:
    """Renders as nothing (or not at all): format and control characters, surrogates."""
    category = unicodedata.category(ch)
    return ch in INVISIBLE or category in ("Cf", "Cs") or (category == "Cc" and ch not in "\n\t")


def visible(text: str) -> str:
    """``text`` escaped for HTML, with what a moderator could not see made visible: an
    invisible character becomes its code point (a zero-width space shows ``U+200B``), a
    look-alike letter keeps its glyph followed by its code point, each with its Unicode name
    (and the letter it imitates) as a tooltip."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isprintable():
            out.append(_e(ch))
        elif _hidden(ch):
            out.append(f'<span class="cp" title="{_e(_code_point(ch))}">'
                       f"U+{ord(ch):04X}</span>")
        elif ch in HOMOGLYPHS:
            title = f"{_code_point(ch)}, looks like {HOMOGLYPHS[ch]}"
            out.append(f'<span class="glyph" title="{_e(title)}">{_e(ch)}'
                       f"<sub>U+{ord(ch):04X}</sub></span>")
        else:
            out.append(_e(ch))
    return "".join(out)


def _merge(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to ``[0, length)``, empty ones dropped, overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` made ``visible``, with each (merged, clipped) span wrapped in ``<mark>``."""
    parts, pos = [], 0
    for start, end in _merge(spans, len(text)):
        parts.append(visible(text[pos:start]))
        parts.append(f"<mark>{visible(text[start:end])}</mark>")
        pos = end
    parts.append(visible(text[pos:]))
    return "".join(parts)


def censor_spans(text: str, spans: Iterable[tuple[int, int]], char: str = "*") -> str:
    """``text`` with the non-space characters of ``spans`` replaced by ``char``: for the
    spans ``Matcher.find`` reported, exactly ``Matcher.censor(text)`` (tested), without
    the word list, so a report rendered from the scan database needs no network."""
    out = list(text)
    for start, end in _merge(spans, len(text)):
        for i in range(start, end):
            if not out[i].isspace():
                out[i] = char
    return "".join(out)


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin:0 0 .3rem}
.design{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0;display:flex;gap:1rem}
.design img{max-width:180px;max-height:180px;object-fit:contain;border:1px solid #eee}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;
border-bottom:1px solid #eee;vertical-align:top}mark{background:#ffd54f;padding:0 1px}
code{font-size:.85em;background:#f4f4f4;padding:0 .2em}.muted{color:#666}
.cp{font-size:.7em;border:1px dashed #c00;color:#c00;padding:0 2px;margin:0 1px}
.glyph{color:#c00;text-decoration:underline dotted}.glyph sub{font-size:.6em}
.censored{font-family:ui-monospace,monospace}
"""


def _design_block(design_id: str, rows: Sequence[ReportRow]) -> str:
    first = rows[0]
    image = safe_image_url(first.image_url)
    if image and _inline_origin(image):
        img = (f'<a href="{_e(image)}"><img src="{_e(image)}" alt="design {_e(design_id)}" '
               f'loading="lazy" referrerpolicy="no-referrer"></a>')
    elif image:  # plain http (or an odd host): a link the reader may choose to open
        img = f'<a href="{_e(image)}" rel="noreferrer">(image)</a>'
    else:
        img = '<span class="muted">(no image)</span>'

    orders = sorted({(r.order_id, r.order_ref, r.order_name) for r in rows})
    order_list = ", ".join(
        f"<code>{_e(oid)}</code> {_e(name)} (<code>{_e(ref)}</code>)" for oid, ref, name in orders
    )
    texts: dict[tuple[str, str, int, str, str], list[ReportRow]] = {}
    for r in rows:
        key = (r.option_id or "", r.choice_id or "", r.view_index or 0, r.label or "", r.text or "")
        texts.setdefault(key, []).append(r)
    lines = []
    for (option, choice, _view, label, text), hits in texts.items():
        spans = [(h.start, h.end) for h in hits if h.start is not None and h.end is not None]
        words = sorted({h.word or "" for h in hits})
        lines.append(
            f"<tr><td>{_e(label)}<br><code>{_e(option)}</code> <code>{_e(choice)}</code></td>"
            f"<td>{highlight(text, spans)}</td>"
            f'<td class="censored">{visible(censor_spans(text, spans))}</td>'
            f"<td>{_e(', '.join(words))}</td></tr>"
        )
    return (
        f'<section class="design" id="design-{_e(design_id)}"><div>{img}</div><div>'
        f"<h2>{_e(first.product or 'design')} <code>{_e(design_id)}</code></h2>"
        f"<p>Orders: {order_list}</p><table><tr><th>Field</th><th>Text</th>"
        "<th>Censored</th><th>Entry</th></tr>"
        f"{''.join(lines)}</table></div></section>"
    )


def _simple_list(title: str, rows: Sequence[ReportRow], note: str) -> str:
    if not rows:
        return ""
    items = "".join(
        f"<li>design <code>{_e(r.design_id)}</code> in order <code>{_e(r.order_id)}</code> "
        f"{_e(r.order_name)}{': ' + _e(r.error) if r.error else ''}</li>"
        for r in rows
    )
    return f"<h2>{_e(title)}</h2><p class=\"muted\">{_e(note)}</p><ul>{items}</ul>"


def render_html(
    rows: Iterable[ReportRow], *, totals: ScanTotals | None = None, title: str = "Scan report",
    header: ReportHeader | None = None,
) -> str:
    """A self-contained page: each flagged design with its image and highlighted texts."""
    all_rows = list(rows)
    by_design: dict[str, list[ReportRow]] = {}
    for r in all_rows:
        if r.kind == "finding":
            by_design.setdefault(r.design_id, []).append(r)
    missing = [r for r in all_rows if r.kind == "missing"]
    failed = [r for r in all_rows if r.kind == "failed"]
    about = f'<p class="muted">{_e(header.line())}</p>' if header else ""
    summary = f"<p>{_e(totals.line())}</p>" if totals else ""
    origins = sorted({o for rs in by_design.values() if (o := _inline_origin(rs[0].image_url))})
    img_src = " ".join(origins) or "'none'"
    body = "".join(_design_block(d, rs) for d, rs in by_design.items()) or (
        "<p>No flagged designs.</p>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        f"img-src {img_src}; style-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>{about}{summary}"
        f"<p>{plural(len(by_design), 'flagged design')}.</p>{body}"
        + _simple_list("Missing designs", missing, "The API answers 404 for these ids.")
        + _simple_list("Designs not checked", failed, "Fetching failed; the next scan retries.")
        + "</body></html>\n"
    )


def render(
    fmt: str, rows: Iterable[ReportRow], *, totals: ScanTotals | None = None,
    header: ReportHeader | None = None,
) -> str:
    """Dispatch on ``fmt`` (one of ``FORMATS``)."""
    if fmt == "jsonl":
        return render_jsonl(rows)
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "html":
        return render_html(rows, totals=totals, header=header)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
