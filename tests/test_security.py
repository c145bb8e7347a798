"""Security: the token never leaks, brands cannot escape the URL path, no token over plain
http, HTML reports escape customer text and image URLs, state files are user-only."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.cli import main
from kickflip_moderation.client import KickflipClient
from kickflip_moderation.errors import ConfigError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.fake_api.data import TOKEN_EXP, make_jwt
from kickflip_moderation.guard import CheckoutGuard
from kickflip_moderation.report import ReportRow, ScanTotals, render, render_html
from kickflip_moderation.retry import RetryPolicy
from kickflip_moderation.safetext import printable, safe_json

LOCAL = "fuck\nnewword\nshit\n"

GOOD_COMMANDS = {
    "check": ["check", "sh1t happens", "Happy birthday"],
    "check-json": ["check", "--json", "fuck off"],
    "pull": ["words", "pull"],
    "pull-file": ["words", "pull", "-o", "out/pulled.txt"],
    "pull-json": ["words", "pull", "--json"],
    "diff": ["words", "diff", "local.txt"],
    "merge-dry": ["words", "merge", "local.txt", "--dry-run"],
    "merge-yes": ["words", "merge", "local.txt", "--yes"],
    "push-dry": ["words", "push", "local.txt", "--dry-run"],
    "lint": ["words", "lint", "local.txt"],
    "enable": ["words", "enable"],
    "disable": ["words", "disable", "--yes"],
    "scan": ["scan"],
    "scan-html": ["scan", "--all", "--format", "html", "-o", "out/report.html"],
    "scan-csv": ["scan", "--all", "--format", "csv", "-o", "out/report.csv"],
}


@pytest.fixture(name="small_lint")
def _small_lint(monkeypatch):
    """``words lint`` is local (no brand, token or URL): here it must run and print under
    every setup without showing the token, whatever the dictionaries say (what they say is
    test_cli_words.py's TestLint). It scans the 2,000 most frequent words of each dictionary
    instead of all 195,000, which took 2.5 s of CPU per setup."""
    from kickflip_moderation import lint
    from kickflip_moderation.resources_data import load_dictionary

    real = lint.lint_entries

    def small(entries, *, langs, **kwargs):
        return real(entries, sources={lang: load_dictionary(lang)[:2000] for lang in langs},
                    **kwargs)

    monkeypatch.setattr(lint, "lint_entries", small)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SETUPS = ["good", "wrong-token", "expired-token", "unknown-brand", "api-down", "bad-brand"]


pytestmark = pytest.mark.kickflip(demo_orders=12)  # the brand the plugin's fixtures serve


@pytest.fixture(name="fake")
def _fake(kickflip_fake):
    return kickflip_fake


@pytest.fixture(name="server")
def _server(kickflip_server):
    return kickflip_server


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _segments(token: str) -> list[str]:
    return [token, *[s for s in token.split(".") if len(s) >= 8]]


@pytest.mark.parametrize("setup", SETUPS)
def test_token_never_appears_in_output_or_files(setup, fake, server, tmp_path, monkeypatch,
                                                small_lint):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("kickflip_moderation.client.RetryPolicy",
                        lambda: RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0))
    (tmp_path / "local.txt").write_text(LOCAL, "utf-8")
    brand, url = fake.brand, server.url
    token = make_jwt(fake.brand, TOKEN_EXP, "a-secret-other-key")  # unique per test
    if setup == "good":
        token = fake.token
    elif setup == "expired-token":
        token = fake.expired_token()
    elif setup == "unknown-brand":
        brand = "no-such-brand"
    elif setup == "api-down":
        token, url = fake.token, f"http://127.0.0.1:{_closed_port()}"
    elif setup == "bad-brand":
        token, brand = fake.token, "../x"
    env = {"KICKFLIP_BRAND": brand, "KICKFLIP_TOKEN": token, "KICKFLIP_API_URL": url,
           "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
    original = dict(fake.wordfilter, words=list(fake.wordfilter["words"]))
    secrets = _segments(token)
    try:
        for name, args in GOOD_COMMANDS.items():
            result = CliRunner().invoke(main, args, env=env)
            if result.exception is not None:
                assert isinstance(result.exception, SystemExit), (name, repr(result.exception))
            out = result.stdout + result.stderr
            assert "Traceback" not in out, (name, out)
            for secret in secrets:
                assert secret not in out, (name, setup)
            if setup == "good" or args[:2] == ["words", "lint"]:  # lint is local only
                assert result.exit_code in (0, 1), (name, out)
            elif setup == "bad-brand":
                assert result.exit_code == 4, (name, out)
            else:
                assert result.exit_code == 3, (name, out)
        for path in _files(tmp_path):
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, (path, setup)
    finally:
        fake.wordfilter = original
        fake.faults.clear()


BAD_BRANDS = ["../x", "a/b", "a?x=1", "a#b", "%2e%2e", "..", ".", "", "a b", "a\\b",
              "x" * 101, "a\nb", "é"]


@pytest.mark.parametrize("brand", BAD_BRANDS, ids=[repr(b)[:20] for b in BAD_BRANDS])
def test_bad_brand_refused_before_any_request(brand, fake, server, tmp_path):
    fake.requests.clear()
    env = {"KICKFLIP_BRAND": brand, "KICKFLIP_TOKEN": fake.token,
           "KICKFLIP_API_URL": server.url, "KICKFLIP_MODERATION_HOME": str(tmp_path)}
    for args in (["words", "pull"], ["scan"], ["words", "enable"]):
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 4, (args, result.output)
        assert "Traceback" not in result.output
    assert fake.requests == []
    with pytest.raises(ConfigError):
        KickflipClient(brand, fake.token, server.url)
    assert fake.requests == []


@pytest.mark.parametrize("url", ["http://example.com", "http://10.0.0.1:8080",
                                 "http://127.0.0.1.example.com", "http://localhost.evil.com",
                                 "http://localhost.", "http://LOCALHOST.:8080",
                                 "ftp://127.0.0.1", "http://[::ffff:8.8.8.8]"])
def test_token_refused_over_plain_http(url, fake, tmp_path, monkeypatch):
    sent = []

    def no_connect(self, request):
        sent.append(request)
        raise AssertionError("a request was sent")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", no_connect)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
           "KICKFLIP_API_URL": url, "KICKFLIP_MODERATION_HOME": str(tmp_path)}
    for args in (["words", "pull"], ["scan"], ["check", "hello"], ["words", "disable"]):
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 4, (args, result.output)
        assert "Traceback" not in result.output
        assert fake.token not in result.output
    with pytest.raises(ConfigError):
        KickflipClient(fake.brand, fake.token, url)
    assert sent == []


# --- HTML report escaping ----------------------------------------------------------------

EVIL_TEXT = '<script>alert(1)</script> fuck " onmouseover="x" \'><img src=x onerror=y>'
EVIL_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
             "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
             "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:x", "//evil.example/x.png",
             'https://ok.example/a.png" onerror="alert(1)']


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _assert_safe(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "iframe", "object", "embed", "svg", "base", "form"}, names
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in ("src", "href", "action", "srcset", "background", "poster"):
                scheme = (value or "").strip().split(":", 1)[0].lower()
                assert (value or "").lower().startswith(("http://", "https://")), (tag, value)
                assert scheme in ("http", "https"), (tag, value)
        if tag == "img":
            assert dict(attrs).get("src"), attrs
    lower = page.lower()
    assert "<script" not in lower and "javascript:" not in lower


@pytest.mark.parametrize("url", EVIL_URLS)
def test_render_html_escapes_text_and_refuses_unsafe_urls(url):
    row = ReportRow(kind="finding", order_id=1, order_ref="o<1>", order_name='#1"><b>',
                    design_id='d"1<x>', product="<i>Board</i>", image_url=url,
                    option_id="opt", choice_id="ch", view_index=0, label='" onmouseover="x',
                    text=EVIL_TEXT, word="fuck", start=26, end=30)
    missing = ReportRow(kind="missing", order_id=2, order_ref="o2", order_name="<script>",
                        design_id="<script>m</script>", image_url=url)
    failed = ReportRow(kind="failed", order_id=3, order_ref="o3", order_name="n",
                       design_id="f", error='<script>boom</script> " onmouseover="x')
    page = render_html([row, missing, failed], totals=ScanTotals(orders=3),
                       title="<script>t</script>")
    _assert_safe(page)
    assert "&lt;script&gt;" in page and "<mark>" in page


def _evil_fake() -> FakeKickflip:
    fake = FakeKickflip.demo(seed=7, orders=12)
    target = sorted(fake.truth.offending_design_ids)[0]
    design = fake.designs[target]
    for value in design["configuration"].values():
        if isinstance(value, dict) and isinstance(value.get("views"), list):
            for view in value["views"]:
                if isinstance(view, dict) and isinstance(view.get("text"), str):
                    view["text"] = EVIL_TEXT
    for image in design.get("designImages", []):
        image["url"] = "javascript:alert(1)"
    design["designImage"] = {"url": "data:text/html,<script>alert(1)</script>"}
    return fake


def test_scan_html_report_from_hostile_design_is_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fake = _evil_fake()
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url, "KICKFLIP_MODERATION_HOME": str(tmp_path / "h")}
        result = CliRunner().invoke(main, ["scan", "--format", "html", "-o", "r.html"], env=env)
    assert result.exit_code == 1, result.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    _assert_safe(page)


# --- file permissions ---------------------------------------------------------------------

def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_state_and_output_files_are_user_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path / "home"))
    old = os.umask(0o022)
    try:
        fake = FakeKickflip.demo(seed=7, orders=12)
        (tmp_path / "local.txt").write_text(LOCAL, "utf-8")
        with serve(fake) as server:
            env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
                   "KICKFLIP_API_URL": server.url,
                   "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
            for args in (["words", "merge", "local.txt", "--yes"],
                         ["words", "pull", "-o", "pulled.txt"],
                         ["scan", "--format", "html", "-o", "report.html"],
                         ["scan", "--all", "--format", "csv", "-o", "report.csv"],
                         ["scan", "--all", "--format", "jsonl", "-o", "report.jsonl",
                          "--db", "own.sqlite3"]):
                result = CliRunner().invoke(main, args, env=env)
                assert result.exit_code in (0, 1), (args, result.output)
            client = KickflipClient(fake.brand, fake.token, server.url)
            with client:
                guard = CheckoutGuard(client, background=False)
                guard.refresh()
        home = tmp_path / "home"
        backups = list((home / "backups").glob("*"))
        assert backups, list(home.rglob("*"))
        cache = home / "cache" / f"{fake.brand}-wordfilter.json"
        assert cache.exists()
        db = home / f"scan-{fake.brand}.sqlite3"
        assert db.exists()
        checked = [*backups, cache, db, tmp_path / "own.sqlite3", tmp_path / "pulled.txt",
                   tmp_path / "report.html", tmp_path / "report.csv", tmp_path / "report.jsonl"]
        checked += [p for p in home.rglob("*") if p.is_file()]
        checked += list(tmp_path.glob("own.sqlite3*"))
        loose = [str(p) for p in checked if not _private(p)]
        assert loose == []
        subdirs = [p for p in home.rglob("*") if p.is_dir()]
        assert subdirs and [str(d) for d in subdirs if not _private(d)] == []
    finally:
        os.umask(old)


def test_state_directory_itself_is_user_only(tmp_path, monkeypatch):
    from kickflip_moderation.paths import data_dir, write_private_file

    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path / "home"))
    old = os.umask(0o022)
    try:
        write_private_file(data_dir() / "backups" / "b.txt", "x")
    finally:
        os.umask(old)
    assert _private(tmp_path / "home")


# Output hygiene (issue 16, item 13): remote entries may hold terminal escapes, and JSONL
# must stay one row per line for readers that split on Unicode line breaks.
HOSTILE_ENTRIES = [
    "ok\x1b]52;c;ZWNobyBwd25lZA==\x07word",  # OSC 52: writes the clipboard
    "red\x1b[31mtext\x1b[0m",                 # CSI colour
    "c1\x9b2Jclear",                          # 8-bit CSI
    "nel\x85line", "ls\u2028ps\u2029end", "del\x7fnul\x00bell\x07", "rlo\u202eevil",
]


def _raw_controls(text: str) -> list[str]:
    """Characters that a terminal or a line splitter would act on (the CLI's own colours
    aside: click.testing strips them unless asked)."""
    return [ch for ch in text if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F
            or ch in "\u2028\u2029"]


@pytest.mark.parametrize("command", [["diff"], ["push", "--dry-run"], ["merge", "--dry-run"]])
def test_remote_terminal_escapes_are_printed_escaped(command, tmp_path):
    fake = FakeKickflip.demo(seed=3, orders=1)
    fake.wordfilter = {"isActive": True, "words": list(HOSTILE_ENTRIES)}
    local = tmp_path / "local.txt"
    local.write_text("shit\n", "utf-8")
    with serve(fake) as server:
        result = CliRunner().invoke(main, ["words", *command[:1], str(local), *command[1:]], env={
            "KICKFLIP_API_URL": server.url, "KICKFLIP_BRAND": fake.brand,
            "KICKFLIP_TOKEN": fake.token, "KICKFLIP_MODERATION_HOME": str(tmp_path / "home"),
        })
    assert result.exit_code == 0, result.output
    assert _raw_controls(result.output) == [] and "\u202e" not in result.output
    shown = [line for line in result.output.splitlines() if line.startswith("  - ")]
    if command[0] == "merge":  # merge never removes: remote entries are not listed
        assert "  + shit" in result.output
        return
    assert "ok\\x1b]52;c;ZWNobyBwd25lZA==\\x07word" in result.output
    assert "c1\\x9b2Jclear" in result.output and "ls\\u2028ps\\u2029end" in result.output
    assert "del\\x7fnul\\x00bell\\x07" in result.output and "rlo\\u202eevil" in result.output
    assert len(shown) == len(HOSTILE_ENTRIES)  # one line each: nothing split or hidden
    assert fake.posts == []


def test_jsonl_report_keeps_one_row_per_line_for_unicode_line_splitters():
    rows = [ReportRow("finding", 1, "o-1", f"#1 {entry}", "d-1", text=entry, word=entry)
            for entry in HOSTILE_ENTRIES]
    out = render("jsonl", rows)
    assert len(out.splitlines()) == len(rows)  # str.splitlines knows \x85, U+2028, U+2029
    assert _raw_controls(out) == []
    assert [json.loads(line)["text"] for line in out.splitlines()] == HOSTILE_ENTRIES


@given(st.text())
def test_printable_output_is_one_safe_line_and_keeps_printable_text(text):
    shown = printable(text)
    assert shown.isprintable() and len(shown.splitlines()) <= 1
    shown.encode("utf-8")  # lone surrogates replaced
    if text.isprintable():
        assert shown == text


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_safe_json_parses_back_and_has_no_raw_line_breaks(value):
    dumped = safe_json(value)
    assert json.loads(dumped) == value
    assert len(dumped.splitlines()) == 1 and _raw_controls(dumped) == []


def _csp_img_src(page: str) -> str:
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    return next(d for d in csp.group(1).split(";") if d.strip().startswith("img-src")).strip()


def test_html_report_loads_images_only_from_the_origins_it_shows():
    """img-src "http: https:" let any host log who opens the report; now: exact origins."""
    def row(design: str, url: str) -> ReportRow:
        return ReportRow("finding", 1, "o1", "#1", design, "Board", url, "OPTION-1", "C", 0,
                         "Text", "fuck", "fuck", 0, 4)

    page = render_html([row("d1", "https://cdn1.mczr.co/a.png"),
                        row("d2", "http://tracker.example/pixel.png"),
                        row("d3", "https://evil.example;script-src *:443/x.png"),
                        row("d4", "https://CDNV2.mycustomizer.com/b.png")])
    assert _csp_img_src(page) == "img-src https://cdn1.mczr.co https://cdnv2.mycustomizer.com"
    assert '<img src="http://tracker.example' not in page
    assert 'href="http://tracker.example/pixel.png"' in page  # still reachable, by choice
    assert "script-src *" not in page.split("<title>")[0]
    empty = render_html([row("d5", "http://tracker.example/pixel.png")])
    assert _csp_img_src(empty) == "img-src 'none'"


# Shared state directories (issue 16, item 14): a link planted at the database path or at
# backups/ must not be followed, and a directory others may write to is worth a warning.
def _cli_env(fake: FakeKickflip, url: str, home: Path) -> dict[str, str]:
    return {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
            "KICKFLIP_API_URL": url, "KICKFLIP_MODERATION_HOME": str(home)}


def test_a_symlink_at_the_database_path_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fake = FakeKickflip.demo(seed=3, orders=2)
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes(b"")
    (home / f"scan-{fake.brand}.sqlite3").symlink_to(elsewhere)
    with serve(fake) as server:
        result = CliRunner().invoke(main, ["scan"], env=_cli_env(fake, server.url, home))
    assert result.exit_code == 4, result.output
    assert "symbolic link" in result.output and "Traceback" not in result.output
    assert elsewhere.read_bytes() == b""  # untouched


def test_a_symlink_at_backups_is_refused_before_anything_is_sent(tmp_path):
    fake = FakeKickflip.demo(seed=3, orders=1)
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    target = tmp_path / "attacker"
    target.mkdir()
    (home / "backups").symlink_to(target, target_is_directory=True)
    words = tmp_path / "more.txt"
    words.write_text("brandnewword\n")
    with serve(fake) as server:
        result = CliRunner().invoke(main, ["words", "merge", str(words), "--yes"],
                                    env=_cli_env(fake, server.url, home))
    assert result.exit_code == 4, result.output
    assert "symbolic link" in result.output
    assert list(target.iterdir()) == [] and fake.posts == []


def test_a_state_directory_others_may_write_to_is_used_with_a_warning(tmp_path, caplog):
    from kickflip_moderation.sync import Snapshot, save_backup

    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(0o777)
    backups = home / "backups"
    with caplog.at_level("WARNING", logger="kickflip_moderation.paths"):
        path = save_backup("acme", Snapshot(("shit",), True), directory=backups)
    assert path.read_text().endswith("shit\n")
    assert f"{home} is writable by other users (mode 0o777)" in caplog.text
    caplog.clear()
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)  # like /tmp: others cannot replace our files
    with caplog.at_level("WARNING", logger="kickflip_moderation.paths"):
        save_backup("acme", Snapshot(("shit",), True), directory=sticky / "backups")
    assert caplog.text == ""


def test_error_bodies_reach_messages_and_logs_with_escapes_shown():
    """An error page is printed by the CLI and logged with each retry: it must not drive
    the terminal (one helper, safetext.printable, for everything printed)."""
    from kickflip_moderation.api_requests import Call, interpret

    call = Call("GET", "/brands/x/wordfilter", "wordfilter")
    body = "\x1b]52;c;ZWNobyBwd25lZA==\x07 down \x9b2J \u202e".encode()
    for status in (500, 503, 404, 401, 418):
        failure = interpret(call, status, {}, body, brand="x", token="secret-token-123456")
        assert _raw_controls(str(failure.error)) == [], status
        assert "\\x1b]52" in str(failure.error)


def test_the_guard_cache_takes_a_lone_surrogate_from_any_source(tmp_path):
    from kickflip_moderation.resources import Wordfilter

    class Source:
        def get_wordfilter(self):
            return Wordfilter.from_json({"isActive": True, "words": ["fuck", "bad\ud83d",
                                                                     "ls\u2028ps"]})

    guard = CheckoutGuard(Source(), brand="acme", cache_path=tmp_path / "c.json",
                          background=False)
    assert guard.refresh() and guard.last_error is None
    cached = json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert cached["words"] == ["fuck", "bad\ufffd", "ls\u2028ps"]
    assert "\u2028" not in (tmp_path / "c.json").read_text("utf-8")
