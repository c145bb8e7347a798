"""The examples in examples/ run: each is imported or executed here against the fake API."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from kickflip_moderation import KickflipClient, Matcher, check_design, extract_texts
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.resources import Order

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BIN = Path(sys.executable).parent


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.kickflip(demo_orders=40)  # the brand the plugin's fixtures serve


@pytest.fixture
def fake(kickflip_fake: FakeKickflip) -> FakeKickflip:
    return kickflip_fake


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, kickflip_env: dict[str, str]) -> dict[str, str]:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    return kickflip_env


def text_design(text: str) -> dict[str, Any]:
    return {"configuration": {
        "OPTION-color": "CHOICE-red",
        "OPTION-name": {"id": "CHOICE-name", "name": "Your name",
                        "views": [{"type": "text", "text": text}]},
    }}


# -- the sample files ----------------------------------------------------------------------
def test_sample_design_has_one_text() -> None:
    design = json.loads((EXAMPLES / "sample-design.json").read_text(encoding="utf-8"))
    items = extract_texts(design)
    assert [(i.option_id, i.choice_id, i.text) for i in items] == [
        ("OPTION-1xy6ba", "CHOICE-1xxsvq", "Your text")]


def test_sample_order_parses() -> None:
    raw = json.loads((EXAMPLES / "sample-order.json").read_text(encoding="utf-8"))
    order = Order.from_json(raw)
    assert order.order_id == 2
    assert order.name == "#1001"
    assert order.design_ids == ("5e692525714841158b8d9825",)


# -- checkout_endpoint.py ------------------------------------------------------------------
@pytest.fixture
def app(env: dict[str, str]) -> Iterator[Any]:
    mod = load("checkout_endpoint")
    with KickflipClient.from_env() as client:
        guard = mod.build_guard(client)
        assert guard.status.source == "api"
        yield mod.make_app(guard)


def call(app: Any, method: str, path: str, body: Any = None) -> tuple[str, Any]:
    data = b"" if body is None else json.dumps(body).encode("utf-8")
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "PATH_INFO": path,
                               "CONTENT_LENGTH": str(len(data)), "wsgi.input": io.BytesIO(data)}
    setup_testing_defaults(environ)
    seen: list[str] = []
    out = b"".join(app(environ, lambda status, headers: seen.append(status)))
    return seen[0], json.loads(out)


def test_checkout_clean_design(app: Any) -> None:
    status, body = call(app, "POST", "/validate", text_design("Happy birthday Jessica"))
    assert status.startswith("200") and body == {"ok": True, "checked": True}


def test_checkout_offending_design(app: Any) -> None:
    status, body = call(app, "POST", "/validate", text_design("oh sh1t"))
    assert status.startswith("422") and body["ok"] is False
    [problem] = body["problems"]
    assert problem["field"] == "OPTION-name"
    assert problem["label"] == "Your name"
    assert problem["spans"] == [[3, 7]]
    assert problem["censored"] == "oh ****"


def test_checkout_texts_and_errors(app: Any) -> None:
    status, body = call(app, "POST", "/validate", {"texts": {"Line 1": "ok", "Line 2": "FuCk"}})
    assert status.startswith("422")
    assert [p["field"] for p in body["problems"]] == ["Line 2"]
    assert call(app, "POST", "/validate", {"texts": {"Line 1": "Class of 2025"}})[0][:3] == "200"
    assert call(app, "GET", "/validate")[0][:3] == "405"
    assert call(app, "POST", "/validate", [1, 2])[0][:3] == "400"
    for not_a_design in ({}, {"texts": ["FuCk"]}, {"views": []}):  # never "ok", never a 500
        status, body = call(app, "POST", "/validate", not_a_design)
        assert status[:3] == "400" and "expected a Design" in body["error"], (status, body)
    status, health = call(app, "GET", "/healthz")
    assert status[:3] == "200" and health["source"] == "api" and health["words"] > 0


def test_checkout_over_loopback(app: Any) -> None:
    mod = load("checkout_endpoint")
    httpd = mod.make_http_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/validate"
    try:
        def post(design: Any) -> tuple[int, Any]:
            req = urllib.request.Request(url, json.dumps(design).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=5) as resp:
                    return resp.status, json.load(resp)
            except urllib.error.HTTPError as exc:
                return exc.code, json.load(exc)

        assert post(text_design("Scunthorpe United")) == (200, {"ok": True, "checked": True})
        code, body = post(text_design("b1tch"))
        assert code == 422 and body["problems"][0]["censored"] == "*****"
        # a client that promises a body and stalls holds up no one else (issue 16, item 7)
        with socket.create_connection(httpd.server_address[:2], timeout=5) as stalled:
            stalled.sendall(b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 900000"
                            b"\r\n\r\n{")
            started = time.monotonic()
            assert post(text_design("b1tch"))[0] == 422
            assert time.monotonic() - started < 3
        # a body over the limit is refused before it is read
        with socket.create_connection(httpd.server_address[:2], timeout=5) as raw:
            raw.sendall(f"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: "
                        f"{mod.MAX_BODY + 1}\r\n\r\n".encode())
            assert raw.recv(100).startswith(b"HTTP/1.0 413")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


# -- scheduled_scan.py ---------------------------------------------------------------------
def test_scheduled_scan_reports_new_findings_once(
    env: dict[str, str], fake: FakeKickflip, capsys: pytest.CaptureFixture[str]
) -> None:
    mod = load("scheduled_scan")
    assert mod.main([]) == 1
    first = capsys.readouterr().out
    flagged = {line.split(" design ")[1].split()[0]
               for line in first.splitlines() if line.startswith("FLAGGED")}
    matcher = Matcher(fake.wordfilter["words"])
    ordered = {d["design"] for o in fake.orders for d in o.get("items", [])
               if isinstance(d, dict) and isinstance(d.get("design"), str)}
    expected = {d for d in ordered
                if d in fake.designs and check_design(fake.designs[d], matcher)}
    assert expected and flagged == expected
    assert flagged <= fake.truth.offending_design_ids
    assert (Path(env["KICKFLIP_MODERATION_HOME"]) / f"scan-{fake.brand}.sqlite3").exists()

    assert mod.main([]) == 0
    assert capsys.readouterr().out == ""


# -- ci_wordlists.sh -----------------------------------------------------------------------
# Each run of the script lints against every shipped dictionary (seconds of CPU), so the
# runs are few: DRY_RUN=1 is the default-files run below (nothing sent, the list as it was).
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_wordlists(env: dict[str, str], fake: FakeKickflip, tmp_path: Path) -> None:
    before = list(fake.wordfilter["words"])
    listfile = tmp_path / "brand.txt"
    listfile.write_text("# brand list\nwanker\ntosser\n", encoding="utf-8")
    run_env = {**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "DRY_RUN": "0"}
    proc = subprocess.run(["bash", str(EXAMPLES / "ci_wordlists.sh"), str(listfile)],
                          env=run_env, capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(fake.posts) == 1
    sent = fake.posts[0]["words"]
    assert set(before) <= set(sent) and {"wanker", "tosser"} <= set(sent)
    assert len(sent) == len(set(sent)) == len(before) + 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_wordlists_lint_failure_sends_nothing(env: dict[str, str], fake: FakeKickflip,
                                                 tmp_path: Path) -> None:
    listfile = tmp_path / "bad.txt"
    listfile.write_text("ass\nass\n!!!\n", encoding="utf-8")
    run_env = {**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(["bash", str(EXAMPLES / "ci_wordlists.sh"), str(listfile)],
                          env=run_env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stdout + proc.stderr   # lint's "problems found"
    assert "duplicate" in proc.stdout + proc.stderr
    assert fake.posts == []


# -- checkout_flask.py, checkout_fastapi.py: the same answers as the WSGI endpoint ---------
ALIKE_BODIES: list[Any] = [
    text_design("Happy birthday Jessica"), text_design("b1tch"),
    {"texts": {"Line 1": "Class of 2025", "Line 2": "sh1t"}},
    [1, 2], {}, {"texts": ["FuCk"]}, {"views": []}, "not json", "",
]


def web_client(kind: str, guard: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An httpx-style client for one adapter of the endpoint around ``guard``."""
    import httpx

    monkeypatch.syspath_prepend(str(EXAMPLES))  # the adapters reuse checkout_endpoint
    if kind == "fastapi":
        testclient = pytest.importorskip("fastapi.testclient")
        return testclient.TestClient(load("checkout_fastapi").create_app(guard))
    if kind == "flask":
        pytest.importorskip("flask")
        app = load("checkout_flask").create_app(guard)
    else:
        app = load("checkout_endpoint").make_app(guard)
    return httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://shop")


@pytest.mark.parametrize("kind", ["flask", "fastapi"])
def test_checkout_adapters_answer_alike(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                        kind: str) -> None:
    with KickflipClient.from_env() as client:
        guard = load("checkout_endpoint").build_guard(client)
        with web_client("wsgi", guard, monkeypatch) as wsgi, \
                web_client(kind, guard, monkeypatch) as other:
            for body in ALIKE_BODIES:
                data = body if isinstance(body, str) else json.dumps(body)
                want, got = (c.post("/validate", content=data, headers={
                    "Content-Type": "application/json"}) for c in (wsgi, other))
                assert got.status_code == want.status_code, (kind, body, got.text)
                assert got.json() == want.json(), (kind, body)
            assert other.get("/healthz").json() == wsgi.get("/healthz").json()
            health = other.get("/healthz").json()
            assert health["source"] == "api" and health["fetched_at"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_wordlists_default_files_leave_out_the_allowlists(env: dict[str, str],
                                                              fake: FakeKickflip) -> None:
    """``DRY_RUN=1 examples/ci_wordlists.sh`` from the repository root, as the README says:
    wordlists/*.txt minus the allow-*.txt allowlists (which share words with the lists);
    the dry run sends nothing and leaves the brand's list as it was."""
    before = list(fake.wordfilter["words"])
    root = EXAMPLES.parent
    run_env = {**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "DRY_RUN": "1"}
    proc = subprocess.run(["bash", str(EXAMPLES / "ci_wordlists.sh")], env=run_env,
                          capture_output=True, text=True, timeout=300, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [lint_line] = [x for x in proc.stderr.splitlines() if x.startswith("== words lint")]
    assert "wordlists/en.txt" in lint_line and "allow-" not in lint_line
    assert "== words merge (DRY_RUN=1)" in proc.stderr
    assert "Dry run: nothing was sent." in proc.stdout + proc.stderr
    assert fake.posts == []
    assert fake.wordfilter["words"] == before


# -- test_checkout_example.py: the merchant's own tests, on the pytest plugin --------------
OPTIONAL_ONLY = """
import importlib.abc, sys

class _Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"flask", "fastapi", "starlette", "pydantic", "werkzeug"}:
            raise ImportError(f"{name} is not installed here")
        return None

sys.meta_path.insert(0, _Blocked())
"""


@pytest.mark.slow  # a pytest subprocess
def test_merchant_example_passes_under_plain_pytest(tmp_path: Path) -> None:
    """Copied out of the repository (no conftest, no project config): the fixtures come
    from the installed plugin alone, and no optional web framework is importable."""
    for name in ("checkout_endpoint.py", "test_checkout_example.py"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(OPTIONAL_ONLY, encoding="utf-8")
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("KICKFLIP")}
    run_env["PYTHONPATH"] = str(tmp_path / "site")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "test_checkout_example.py"], cwd=tmp_path, env=run_env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 passed" in proc.stdout


def test_fastapi_module_app_for_uvicorn(env: dict[str, str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """``uvicorn checkout_fastapi:app`` reads ``app``: built from the environment on access."""
    testclient = pytest.importorskip("fastapi.testclient")
    monkeypatch.syspath_prepend(str(EXAMPLES))
    mod = load("checkout_fastapi")
    with testclient.TestClient(mod.app) as web:
        assert web.get("/healthz").json()["source"] == "api"
        answer = web.post("/validate", json={"texts": {"Name": "sh1t"}})
        assert answer.status_code == 422 and answer.json()["problems"][0]["censored"] == "****"
    with pytest.raises(AttributeError):
        mod.no_such_name  # noqa: B018 - the module's __getattr__ must not invent names
