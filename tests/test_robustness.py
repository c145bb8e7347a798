"""Robustness: fuzzing of every input boundary, and a fault matrix end to end.

* hypothesis feeds arbitrary Unicode to the matcher, arbitrary JSON to the design reader and
  to the client (through ``httpx.MockTransport``) and arbitrary bytes to the word-list reader:
  each either returns a well-formed result or raises one of our typed errors.
* the fault matrix runs the real ``scan`` and ``words merge`` commands against the fake
  Kickflip API on loopback with one injected fault each: the command either completes with
  the exact result, or stops with one clear line and a documented exit code, after which a
  run without the fault completes with no order skipped and no word lost.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kickflip_moderation.client as client_module
from kickflip_moderation import Matcher
from kickflip_moderation.cli import main
from kickflip_moderation.design import check_design, extract_texts
from kickflip_moderation.errors import KickflipModerationError, WordlistError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.matching.defaults import default_words
from kickflip_moderation.retry import RetryPolicy
from kickflip_moderation.store import DamagedDatabaseError, ScanStore
from kickflip_moderation.wordlist import read_wordlist

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- the matcher ---------------------------------------------------------------------------

WORDS = [*default_words(("en", "fr")), "piece of shit", "g-spot"]
_MATCHER: Matcher | None = None


def matcher() -> Matcher:
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher(WORDS)
    return _MATCHER


# Every code point, surrogates and controls included, plus the evasions the matcher unfolds.
ANY_CHAR = st.one_of(st.characters(exclude_categories=()), st.characters(categories=["Cs"]),
                     st.characters(categories=["Cc", "Mn", "Me", "Cf"]))
TRICKY = st.sampled_from([
    "fuck", "sh1t", "f.u.c.k", "f u c k", "fu\u200bck", "f\u0301u\u0308ck",
    "\uff46\uff55\uff43\uff4b",
    "\u0430sshole", "\ud800", "\udfff", "\x00", "\u202e", "\ufe0f", "\u0363\u0364\u0365",
    "ß", "İ", "ﬀ", "👨‍👩‍👧", "🇫🇷", "Scunthorpe", "class", "piece  of   sh1t", "g-spot",
    "\u0300" * 30, "1!|+@$", "\r\n\t",
])
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=80),
    st.lists(st.one_of(TRICKY, st.text(ANY_CHAR, max_size=4)), max_size=12).map("".join),
)


@FUZZ
@given(TEXTS)
def test_matcher_never_fails_and_reports_valid_spans(text):
    m = matcher()
    found = m.find(text)
    for match in found:
        assert 0 <= match.start < match.end <= len(text), (text, match)
        assert match.word in m.entries
    assert found == sorted(found)
    assert m.is_clean(text) == (not found)
    censored = m.censor(text)
    assert len(censored) == len(text)
    assert (censored == text) == (not found) or all(text[i].isspace() for f in found
                                                      for i in range(f.start, f.end))


def test_matcher_long_text_spans_stay_in_bounds():
    text = ("Happy birthday Jessica, sh1t happens. \u0301" * 400) + "f.u.c.k"
    found = matcher().find(text)
    assert found and all(0 <= f.start < f.end <= len(text) for f in found)
    assert found[-1].end == len(text)


# --- designs -------------------------------------------------------------------------------

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.text(ANY_CHAR, max_size=20))


def json_values(keys: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    key = keys if keys is not None else st.text(max_size=8)
    return st.recursive(
        JSON_SCALARS,
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.dictionaries(key, inner, max_size=5)),
        max_leaves=25,
    )


DESIGN_KEYS = st.one_of(
    st.sampled_from(["configuration", "views", "text", "name", "id", "_id", "productionData",
                     "summary", "designImage", "url", "choices", "option", "choice"]),
    st.text(max_size=6),
)
DESIGNS = st.one_of(
    json_values(DESIGN_KEYS),
    st.fixed_dictionaries({
        "_id": JSON_SCALARS,
        "configuration": st.one_of(
            json_values(DESIGN_KEYS),
            st.dictionaries(st.text(max_size=5), st.fixed_dictionaries(
                {"id": JSON_SCALARS, "name": JSON_SCALARS,
                 "views": st.one_of(json_values(DESIGN_KEYS), st.lists(st.fixed_dictionaries(
                     {"text": st.one_of(JSON_SCALARS, TEXTS)}), max_size=3))}),
                max_size=4),
        ),
        "productionData": json_values(DESIGN_KEYS),
        "summary": json_values(DESIGN_KEYS),
    }),
)


@FUZZ
@given(DESIGNS)
def test_extract_texts_and_check_design_never_raise_on_a_design(design):
    if not (isinstance(design, dict) and ("configuration" in design or "_id" in design)):
        for call in (extract_texts, lambda d: check_design(d, matcher())):
            with pytest.raises(TypeError):  # not a design: refused, never "clean"
                call(design)
        return
    items = extract_texts(design)
    for item in items:
        assert isinstance(item.text, str) and item.text
        assert isinstance(item.label, str)
    for finding in check_design(design, matcher()):
        assert finding.matches and isinstance(finding.text, str) and finding.text


# --- word-list files -----------------------------------------------------------------------

WORDLIST_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), st.sampled_from(
        ["#c", "\\#x", "\\\\", "", " ", "\ufeff", "fuck", "é", "\r"])), max_size=10)
    .map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda t: ("\ufeff" + t).encode("utf-8")),
)


@FUZZ
@given(WORDLIST_BYTES)
def test_read_wordlist_gives_strings_or_a_wordlist_error(tmp_path, data):
    path = tmp_path / "list.txt"
    path.write_bytes(data)
    try:
        entries = read_wordlist(path)
    except WordlistError as exc:
        assert str(exc).startswith(str(path))
        return
    assert isinstance(entries, list) and all(isinstance(e, str) and e for e in entries)


# --- the client against arbitrary bodies ---------------------------------------------------

SHAPED = st.one_of(
    st.fixed_dictionaries({}, optional={
        "results": st.one_of(json_values(), st.lists(json_values(), max_size=3),
                             st.lists(st.fixed_dictionaries(
                                 {"_id": JSON_SCALARS, "orderId": JSON_SCALARS,
                                  "designs": json_values(), "items": json_values()}),
                                 max_size=3)),
        "lastIndex": JSON_SCALARS, "collectionSize": JSON_SCALARS, "resultSize": JSON_SCALARS,
        "isActive": JSON_SCALARS, "words": st.one_of(json_values(),
                                                     st.lists(st.text(max_size=6), max_size=4)),
        "_id": JSON_SCALARS, "orderId": JSON_SCALARS, "configuration": json_values(),
    }),
    json_values(),
)
BODIES = st.one_of(SHAPED.map(lambda v: json.dumps(v).encode()),
                   st.binary(max_size=40), st.just(b""), st.just(b"null"))
STATUSES = st.sampled_from([200, 200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 429, 500,
                            503])
METHODS: dict[str, Callable[[Any], Any]] = {
    "get_wordfilter": lambda c: c.get_wordfilter(),
    "set_wordfilter": lambda c: c.set_wordfilter(["fuck", "shit"]),
    "set_active": lambda c: c.set_wordfilter(is_active=False),
    "get_order": lambda c: c.get_order(12),
    "get_design": lambda c: c.get_design("64f0c0ffee"),
    "iter_orders": lambda c: list(c.iter_orders(page_size=2)),
    "iter_orders_since": lambda c: list(c.iter_orders(since_order_id=3, sort_order="descending")),
    "iter_designs": lambda c: list(c.iter_designs(page_size=2)),
}
FAST_RETRY = RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0, max_retry_after=0.0,
                         sleep=lambda _s: None)


@FUZZ
@given(method=st.sampled_from(sorted(METHODS)), status=STATUSES,
       bodies=st.lists(BODIES, min_size=1, max_size=3))
def test_client_gives_a_result_or_a_typed_error(method, status, bodies):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) > 100:  # a paginator that never stops
            raise AssertionError("more than 100 requests for one call")
        body = bodies[min(len(calls) - 1, len(bodies) - 1)]
        return httpx.Response(status, content=body,
                              headers={"Content-Type": "application/json"})

    client = client_module.KickflipClient("acme", "t0k3n.secret.value",
                                          "https://api.example.test", retry=FAST_RETRY,
                                          transport=httpx.MockTransport(handler))
    with client:
        try:
            METHODS[method](client)
        except KickflipModerationError as exc:
            assert "t0k3n.secret.value" not in str(exc)
    assert len(calls) <= 100


# --- fault matrix, end to end --------------------------------------------------------------

@pytest.fixture(name="kickflip_fake")
def _kickflip_fake():
    """The plugin's brand, here: 40 demo orders, the shipped lists in the wordfilter (also
    what ``reset()`` restores)."""
    fake = FakeKickflip.demo(seed=7, orders=40)
    return fake.seed(words=fake.wordfilter["words"] + default_words(("en", "fr", "es", "de")))


@pytest.fixture(name="fake")
def _fake(kickflip_fake):
    return kickflip_fake


@pytest.fixture(name="env")
def _env(kickflip_env, tmp_path, monkeypatch, fast_retries):
    monkeypatch.chdir(tmp_path)
    return kickflip_env


def run_cli(env: dict[str, str], *args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), env=env, input=input)
    if result.exception is not None:  # an error exit, never a crash
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def assert_clean_error(result, codes: set[int]) -> None:
    assert result.exit_code in codes, (result.exit_code, result.output)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert len(errors[0]) < 500


def rows(jsonl: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in jsonl.splitlines() if line.strip()]


def ids(jsonl: str, kind: str) -> set[str]:
    return {r["design_id"] for r in rows(jsonl) if r["kind"] == kind}


SCAN_FAULTS: dict[str, Callable[[Any], Any]] = {
    "5xx-burst-recovers": lambda f: f.fail_every(1, status=503, times=2),
    "5xx-every-other": lambda f: f.fail_every(2, status=502, times=20),
    "5xx-outage-on-wordfilter": lambda f: f.restrict_to("/wordfilter").fail_every(
        1, status=500, times=50),
    "5xx-outage-on-orders": lambda f: f.restrict_to("/orders").fail_every(1, status=504,
                                                                           times=50),
    "5xx-outage-on-designs": lambda f: f.restrict_to("/designs/").fail_every(1, status=503,
                                                                             times=12),
    "429-retry-after-0": lambda f: f.rate_limit(3, retry_after=0),
    "429-persistent": lambda f: f.rate_limit(60, retry_after=0),
    "truncated-wordfilter": lambda f: f.restrict_to("/wordfilter").truncate(1),
    "truncated-orders-page": lambda f: f.restrict_to("/orders").truncate(1),
    "truncated-design": lambda f: f.restrict_to("/designs/").truncate(2),
    "invalid-json-orders-page": lambda f: f.restrict_to("/orders").invalid_json(1),
    "invalid-json-design": lambda f: f.restrict_to("/designs/").invalid_json(3),
    "dropped-connection": lambda f: f.drop_connection(2),
    "dropped-connections-designs": lambda f: f.restrict_to("/designs/").drop_connection(10),
    "repeating-orders-page": lambda f: f.restrict_to("/orders").repeat_last_index(1),
    "no-fault-404-designs-in-data": lambda f: f,
}


@pytest.mark.parametrize("fault", list(SCAN_FAULTS), ids=list(SCAN_FAULTS))
def test_scan_fault_matrix(fault, fake, env):
    truth = fake.truth
    assert truth.offending_design_ids and truth.missing_design_ids
    SCAN_FAULTS[fault](fake.faults)
    first = run_cli(env, "scan", "--format", "jsonl")
    if first.exit_code == 1 and "not checked" not in first.stderr:
        assert ids(first.stdout, "finding") == truth.offending_design_ids
        assert ids(first.stdout, "missing") == truth.missing_design_ids
    elif "not checked" in first.stderr:
        # partial: the designs that failed are named, the rest is reported
        assert first.exit_code in (1, 3), first.output
        assert "the next scan retries it" in first.stderr
        assert ids(first.stdout, "finding") <= truth.offending_design_ids
    else:
        assert_clean_error(first, {3})
        assert fake.token not in first.output
    fake.faults.clear()
    second = run_cli(env, "scan", "--format", "jsonl")
    assert second.exit_code in (0, 1), second.output
    assert "not checked" not in second.stderr
    found = ids(first.stdout, "finding") | ids(second.stdout, "finding")
    assert found == truth.offending_design_ids
    # every order was walked: a full rescan from scratch finds nothing the two runs missed
    full = run_cli(env, "scan", "--all", "--format", "jsonl", "--db", "from-scratch.sqlite3")
    assert ids(full.stdout, "finding") == truth.offending_design_ids
    assert ids(full.stdout, "missing") == truth.missing_design_ids
    assert f"{len(fake.orders)} orders" in full.stderr


MERGE_FAULTS: dict[str, Callable[[Any], Any]] = {
    "5xx-burst-recovers": lambda f: f.fail_every(1, status=503, times=2),
    "5xx-outage": lambda f: f.fail_every(1, status=502, times=50),
    "5xx-outage-on-post-only": lambda f: f,  # set up in the test (needs the method)
    "429-retry-after-0": lambda f: f.rate_limit(2, retry_after=0),
    "429-persistent": lambda f: f.rate_limit(60, retry_after=0),
    "truncated-first-read": lambda f: f.truncate(1),
    "invalid-json-first-read": lambda f: f.invalid_json(1),
    "truncated-second-response": lambda f: f.truncate(2),
    "invalid-json-third-response": lambda f: f.invalid_json(3),
    "dropped-connection": lambda f: f.drop_connection(1),
    "dropped-connections": lambda f: f.drop_connection(10),
    "concurrent-wordfilter-change": lambda f: f.change_words_after_get(
        ["zorglub", "Another Admin Word"]),
}
LOCAL = ["fuck", "newword", "crème brûlée", "Brand New Entry"]


class PostFaultFake(FakeKickflip):
    """A Kickflip whose POST answers 503 (after storing nothing) the first few times."""

    post_failures = 0

    def handle(self, method, path, query, headers, body):  # noqa: D401 - same signature
        if method == "POST" and path.endswith("/wordfilter") and self.post_failures > 0:
            self.post_failures -= 1
            from kickflip_moderation.fake_api.faults import Response
            return Response(503, b"Service Unavailable")
        return super().handle(method, path, query, headers, body)


@pytest.mark.parametrize("fault", list(MERGE_FAULTS), ids=list(MERGE_FAULTS))
def test_words_merge_fault_matrix(fault, tmp_path, monkeypatch, fast_retries):
    monkeypatch.chdir(tmp_path)
    fake = PostFaultFake.demo(seed=7, orders=3)
    remote = ["Fuck", "shit", "son of a  b", "#1 loser", "\\o/", "Ärsch"]
    fake.wordfilter = {"isActive": True, "words": list(remote)}
    (tmp_path / "local.txt").write_text("\n".join(
        ("\\" + w) if w.startswith(("#", "\\")) else w for w in LOCAL) + "\n", "utf-8")
    if fault == "5xx-outage-on-post-only":
        fake.post_failures = 50
    MERGE_FAULTS[fault](fake.faults)
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        extra = ["zorglub", "Another Admin Word"] if fault.startswith("concurrent") else []
        expected = set(remote) | set(LOCAL) | set(extra)
        first = run_cli(env, "words", "merge", "local.txt", "--yes")
        if first.exit_code == 0:
            assert fake.posts, first.output
            assert set(fake.posts[-1]["words"]) == expected
        else:
            assert_clean_error(first, {3})
            assert fake.token not in first.output
            # nothing was lost: whatever is stored still holds every remote word
            assert set(remote) <= set(fake.wordfilter["words"])
            for post in fake.posts:
                assert set(remote) | set(extra) <= set(post["words"])
        fake.faults.clear()
        fake.post_failures = 0
        second = run_cli(env, "words", "merge", "local.txt", "--yes")
        assert second.exit_code == 0, second.output
        assert set(fake.wordfilter["words"]) == expected
        assert len(fake.wordfilter["words"]) == len(expected)
        assert fake.wordfilter["isActive"] is True


def test_merge_post_bodies_are_the_full_list(tmp_path, monkeypatch, fast_retries):
    """A POST replaces the whole list: each one sent must be the complete union."""
    monkeypatch.chdir(tmp_path)
    fake = FakeKickflip.demo(seed=7, orders=3)
    fake.wordfilter = {"isActive": True, "words": ["alpha", "beta"]}
    (tmp_path / "l.txt").write_text("gamma\n", "utf-8")
    fake.faults.change_words_after_get(["delta"])
    with serve(fake) as server:
        env = {"KICKFLIP_BRAND": fake.brand, "KICKFLIP_TOKEN": fake.token,
               "KICKFLIP_API_URL": server.url,
               "KICKFLIP_MODERATION_HOME": str(tmp_path / "home")}
        result = run_cli(env, "words", "merge", "l.txt", "--yes")
    assert result.exit_code == 0, result.output
    assert [set(p["words"]) for p in fake.posts] == [{"alpha", "beta", "gamma", "delta"}]



# A damaged scan database (issue 16, item 12): a clear error and exit 5, no traceback, and
# nothing repaired behind the user's back.
DAMAGES = {
    "schema_version-abc": "UPDATE meta SET value = 'abc' WHERE key = 'schema_version'",
    "checkpoint-not-a-number": "UPDATE checkpoint SET order_id = 'x7'",
    "findings-dropped": "DROP TABLE findings",
    "designs-dropped": "PRAGMA foreign_keys = OFF; DROP TABLE designs",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_scan_database_is_a_clear_error_and_left_as_is(env, tmp_path, damage):
    db = tmp_path / "scan.sqlite3"
    first = run_cli(env, "scan", "--db", str(db))
    assert first.exit_code == 1 and ids(first.stdout, "finding")  # findings were stored
    with sqlite3.connect(db) as conn:
        conn.executescript(DAMAGES[damage])
    conn.close()
    before = sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall()
    for args in (["scan"], ["scan", "--all"]):
        result = run_cli(env, *args, "--db", str(db))
        assert_clean_error(result, {5})
        assert "damaged scan database" in result.stderr and str(db) in result.stderr
    after = sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall()
    assert after == before  # no table silently recreated


def test_damaged_database_is_refused_by_the_library_too(tmp_path):
    path = tmp_path / "scan.sqlite3"
    ScanStore(path, brand="acme").close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO checkpoint VALUES (1, 'abc', 'now')")
    conn.close()
    with pytest.raises(DamagedDatabaseError, match="checkpoint 'abc' is not an order number"):
        ScanStore(path, brand="acme")
