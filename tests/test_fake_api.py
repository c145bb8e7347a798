"""The fake Kickflip API, exercised with plain httpx over real loopback HTTP.

These tests pin the fake to the reference's literal behaviour, so the client's own tests
can trust it as an oracle. Every request carries a timeout; every server is stopped.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import httpx
import pytest
from click.testing import CliRunner

from kickflip_moderation.cli.fake_api import fake_api as fake_api_command
from kickflip_moderation.fake_api import FakeKickflip
from kickflip_moderation.fake_api.images import design_svg

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = httpx.Timeout(5.0)


# The plugin's brand: a small seeded demo (every odd design shape is present from ~20 designs)
pytestmark = pytest.mark.kickflip(demo_orders=60)


@pytest.fixture(name="fake")
def _fake(kickflip_fake: FakeKickflip) -> FakeKickflip:
    return kickflip_fake


@pytest.fixture(name="server")
def _server(kickflip_server):
    """The fake served on 127.0.0.1, a free port."""
    return kickflip_server


@pytest.fixture(name="http")
def _http(fake, server):
    """An httpx client with the fake's token, pointed at the brand's routes."""
    headers = {"Authorization": f"Bearer {fake.token}"}
    base = f"{server.url}/brands/{fake.brand}"
    with httpx.Client(base_url=base, headers=headers, timeout=TIMEOUT) as client:
        yield client


def walk(http, path, mode="running", **params):
    """Follow pagination; in echo mode compute offset + resultSize ourselves."""
    seen, last, pages = [], None, 0
    while pages < 1000:
        pages += 1
        query = dict(params, **({"lastIndex": last} if last else {}))
        body = http.get(path, params=query).raise_for_status().json()
        page = body["pagination"]
        seen += [item["_id"] for item in body["results"]]
        last = page["lastIndex"] if mode == "running" else (last or 0) + page["resultSize"]
        if page["resultSize"] == 0 or last >= page["collectionSize"]:
            return seen
    raise AssertionError("pagination did not end")


def jwt_claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class TestAuth:
    """Every /brands route needs ``Authorization: Bearer <the fake's token>``."""

    @pytest.mark.parametrize("header", [None, "Bearer nope", "Token {token}", "{token}",
                                        "Bearer {expired}"],
                             ids=["missing", "wrong", "wrong-scheme", "no-scheme", "expired"])
    def test_bad_credentials_answer_401_text(self, fake, server, header):
        headers = {}
        if header:
            headers["Authorization"] = header.format(token=fake.token,
                                                     expired=fake.expired_token())
        for path in ("orders", "orders/1", "designs", "wordfilter"):
            resp = httpx.get(f"{server.url}/brands/{fake.brand}/{path}", headers=headers,
                             timeout=TIMEOUT)
            assert (401, "Invalid credentials") == (resp.status_code, resp.text)
            assert resp.headers["content-type"].startswith("text/plain")

    def test_tokens_are_jwt_shaped(self, fake):
        assert 3 == len(fake.token.split("."))
        assert jwt_claims(fake.token)["exp"] > time.time() + 10 * 365 * 86400
        assert jwt_claims(fake.expired_token())["exp"] < time.time()

    def test_token_can_be_chosen(self):
        assert "t" == FakeKickflip(token="t").token


class TestRoutes:
    """Unknown brand, unknown ids and lookups by either id."""

    @pytest.mark.parametrize("method,path", [("GET", "orders"), ("GET", "orders/1"),
                                             ("GET", "designs"), ("GET", "designs/1"),
                                             ("GET", "wordfilter"), ("POST", "wordfilter")])
    @pytest.mark.parametrize("auth", [True, False], ids=["token", "no-token"])
    def test_unknown_brand_on_every_route(self, fake, server, method, path, auth):
        headers = {"Authorization": f"Bearer {fake.token}"} if auth else {}
        resp = httpx.request(method, f"{server.url}/brands/nobody/{path}", headers=headers,
                             json={"words": []} if method == "POST" else None, timeout=TIMEOUT)
        assert (404, "Trying to launch invalid tenant.") == (resp.status_code, resp.text)

    @pytest.mark.parametrize("path", ["orders/999999", "orders/ffffffffffffffffffffffff",
                                      "designs/999999", "designs/nope", "nothing", "orders/1/x"])
    def test_unknown_id_is_not_found(self, http, path):
        resp = http.get(path)
        assert (404, "Not Found") == (resp.status_code, resp.text)

    def test_missing_design_ids_404(self, fake, http):
        assert fake.truth.missing_design_ids
        referenced = {i["design"] for o in fake.orders for i in o["items"]}
        for design_id in fake.truth.missing_design_ids:
            assert design_id in referenced and design_id not in fake.designs
            assert 404 == http.get(f"designs/{design_id}").status_code

    def test_lookup_by_id_or_number(self, fake, http):
        order = fake.orders[4]
        assert order == http.get(f"orders/{order['_id']}").json()
        assert order == http.get(f"orders/{order['orderId']}").json()
        design = next(iter(fake.designs.values()))
        assert design == http.get(f"designs/{design['_id']}").json()
        assert design == http.get(f"designs/{design['designId']}").json()


class TestPagination:
    """The literal reading (running lastIndex), the echo reading, and bad parameters."""

    def test_running_mode_walks_each_order_once(self, fake, http):
        ids = walk(http, "orders", count=7)
        assert sorted(ids) == sorted(o["_id"] for o in fake.orders)
        assert len(ids) == len(set(ids))
        assert sorted(walk(http, "designs", count=9)) == sorted(fake.designs)

    def test_echo_mode_echoes_and_still_progresses(self, fake, http):
        fake.pagination_mode = "echo"
        first = http.get("orders", params={"count": 10}).json()["pagination"]
        assert (0, 10) == (first["lastIndex"], first["resultSize"])
        again = http.get("orders", params={"count": 10, "lastIndex": 10}).json()
        assert 10 == again["pagination"]["lastIndex"]
        ids = walk(http, "orders", mode="echo", count=7)
        assert sorted(ids) == sorted(o["_id"] for o in fake.orders)

    def test_defaults_and_sorting(self, fake, http):
        body = http.get("orders").json()
        assert {"collectionSize": 60, "resultSize": 25, "lastIndex": 25,
                "sortOrder": "descending", "sortKey": "orderId"} == body["pagination"]
        assert 60 == body["results"][0]["orderId"]
        asc = http.get("orders", params={"sortOrder": "ascending", "sortKey": "date"}).json()
        assert [1, 2, 3] == [o["orderId"] for o in asc["results"][:3]]
        back = http.get("designs", params={"backwards": "true", "sortKey": "cake"}).json()
        assert len(fake.designs) == back["results"][0]["designId"]
        assert "descending" == back["pagination"]["sortOrder"]

    @pytest.mark.parametrize("params,text", [
        ({"sortOrder": "dsfdsdf"}, "Invalid sort value: { orderId: dsfdsdf }"),
        ({"sortKey": "price"}, "Invalid sort value: { sortKey: price }"),
        ({"count": "0"}, "Invalid pagination value: { count: 0 }"),
        ({"count": "ten"}, "Invalid pagination value: { count: ten }"),
        ({"lastIndex": "-1"}, "Invalid pagination value: { lastIndex: -1 }"),
        ({"lastIndex": "61"}, "Invalid pagination value: { lastIndex: 61 }"),
    ])
    def test_bad_parameters_answer_500_text(self, http, params, text):
        resp = http.get("orders", params=params)
        assert (500, text) == (resp.status_code, resp.text)

    def test_last_index_at_the_end_is_an_empty_page(self, http):
        body = http.get("orders", params={"lastIndex": 60}).json()
        assert (0, []) == (body["pagination"]["resultSize"], body["results"])

    def test_max_count_caps_pages(self, fake, http):
        fake.max_count = 5
        assert 5 == http.get("orders", params={"count": 50}).json()["pagination"]["resultSize"]


class TestWordfilter:
    """GET answers real JSON; POST replaces the list, answers an array, is recorded."""

    def test_get_is_real_json(self, http):
        assert {"isActive": True, "words": ["fuck", "shit", "bitch", "Damn"]} == \
            http.get("wordfilter").json()

    def test_post_replaces_and_is_recorded(self, fake, http, server):
        assert ["a", "Bé b"] == http.post("wordfilter", json={"words": ["a", "Bé b"]}).json()
        assert ["a", "Bé b"] == http.post("wordfilter", json={"isActive": False}).json()
        assert {"isActive": False, "words": ["a", "Bé b"]} == http.get("wordfilter").json()
        assert [{"words": ["a", "Bé b"]}, {"isActive": False}] == fake.posts
        control = httpx.get(f"{server.url}/__fake__/posts", timeout=TIMEOUT).json()
        assert fake.posts == control
        assert ("POST", f"/brands/{fake.brand}/wordfilter") in fake.requests

    @pytest.mark.parametrize("body,text", [
        (b"not json", "Invalid JSON body"), (b"[]", "Body must be a JSON object"),
        (b'{"words": "a,b"}', "words must be an array of strings"),
        (b'{"words": ["a", 1]}', "words must be an array of strings"),
        (b'{"isActive": "yes"}', "isActive must be a boolean")])
    def test_invalid_bodies_are_400_and_recorded(self, fake, http, body, text):
        resp = http.post("wordfilter", content=body)
        assert (400, text) == (resp.status_code, resp.text)
        assert 1 == len(fake.posts)
        assert ["fuck", "shit", "bitch", "Damn"] == fake.wordfilter["words"]


class TestFaults:
    """Each fault, bounded, through the Python API and the control route."""

    def test_fail_every_nth(self, fake, http):
        fake.faults.fail_every(3, status=502, times=2)
        codes = [http.get("wordfilter").status_code for _ in range(9)]
        assert [200, 200, 502, 200, 200, 502, 200, 200, 200] == codes
        fake.faults.fail_every(1, status=503, times=1)
        resp = http.get("orders")
        assert (503, "Service Unavailable") == (resp.status_code, resp.text)

    def test_502_is_an_html_proxy_page(self, fake, http):
        fake.faults.fail_every(1, status=502, times=1)
        resp = http.get("orders")
        assert resp.headers["content-type"] == "text/html" and "<h1>502" in resp.text

    def test_rate_limit_with_retry_after(self, fake, http):
        fake.faults.rate_limit(2, retry_after=0)
        answers = [http.get("orders") for _ in range(3)]
        assert [429, 429, 200] == [r.status_code for r in answers]
        assert "0" == answers[0].headers["retry-after"]

    def test_requests_during_retry_after_are_refused_and_counted(self, fake, http):
        now = [1000.0]
        fake.faults.clock = lambda: now[0]
        fake.faults.rate_limit(1, retry_after=1, grace=0)
        first, early = http.get("orders"), http.get("orders")
        assert (first.status_code, early.status_code) == (429, 429)
        assert first.headers["retry-after"] == "1" and fake.faults.early_requests == 1
        now[0] += 0.99
        assert http.get("orders").status_code == 429 and fake.faults.early_requests == 2
        now[0] += 0.02
        assert http.get("orders").status_code == 200
        assert fake.faults.early_requests == 2

    def test_rate_limit_every_nth(self, fake, http):
        fake.faults.rate_limit(2, retry_after=0, every=3)
        codes = [http.get("orders").status_code for _ in range(7)]
        assert codes == [200, 200, 429, 200, 200, 429, 200]

    @pytest.mark.parametrize("mode", ["running", "echo", "last_item"])
    def test_pagination_readings(self, fake, http, mode):
        fake.pagination_mode = mode
        page = http.get("orders", params={"count": "3", "lastIndex": "6"}).json()
        assert [o["orderId"] for o in page["results"]] == [
            o["orderId"] for o in sorted(fake.orders, key=lambda o: -o["orderId"])[6:9]]
        assert page["pagination"]["lastIndex"] == {"running": 9, "echo": 6,
                                                   "last_item": 8}[mode]

    def test_slow_response_times_out(self, fake, http):
        fake.faults.slow(1.0, times=1)
        with pytest.raises(httpx.ReadTimeout):
            http.get("wordfilter", timeout=0.2)
        assert 200 == http.get("wordfilter").status_code

    def test_truncated_body(self, fake, http):
        fake.faults.truncate(1)
        resp = http.get("orders")
        assert 200 == resp.status_code
        assert int(resp.headers["content-length"]) == len(resp.content)
        with pytest.raises(json.JSONDecodeError):
            resp.json()
        assert http.get("orders").json()["results"]

    def test_invalid_json(self, fake, http):
        fake.faults.invalid_json(1)
        with pytest.raises(json.JSONDecodeError):
            http.get("wordfilter").json()

    def test_dropped_connection(self, fake, http):
        fake.faults.drop_connection(1)
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            http.get("orders")
        assert 200 == http.get("orders").status_code

    def test_repeating_last_index(self, fake, http):
        fake.faults.repeat_last_index(2)
        first = http.get("orders", params={"count": 5}).json()["pagination"]
        second = http.get("orders", params={"count": 5, "lastIndex": 5}).json()["pagination"]
        third = http.get("orders", params={"count": 5, "lastIndex": 5}).json()["pagination"]
        assert (0, 5, 10) == (first["lastIndex"], second["lastIndex"], third["lastIndex"])

    def test_another_admin_changes_the_list(self, fake, http):
        fake.faults.change_words_after_get(["crap"])
        assert "crap" not in http.get("wordfilter").json()["words"]
        assert "crap" == http.get("wordfilter").json()["words"][-1]
        assert 1 == http.get("wordfilter").json()["words"].count("crap")

    def test_restrict_to_a_path_and_clear(self, fake, http):
        fake.faults.restrict_to("/designs/").fail_every(1, status=504, times=5)
        assert 200 == http.get("orders/1").status_code
        assert 504 == http.get("designs/1").status_code
        fake.faults.clear()
        assert 200 == http.get("designs/1").status_code

    def test_control_route(self, fake, server, http):
        spec = {"clear": True, "rate_limit": {"times": 1, "retry_after": 0},
                "pagination_mode": "echo"}
        resp = httpx.post(f"{server.url}/__fake__/faults", json=spec, timeout=TIMEOUT)
        assert 200 == resp.status_code and "echo" == resp.json()["pagination_mode"]
        assert 429 == http.get("orders").status_code
        bad = httpx.post(f"{server.url}/__fake__/faults", json={"explode": 1}, timeout=TIMEOUT)
        assert 400 == bad.status_code
        http.post("wordfilter", json={"words": []})
        assert 200 == httpx.post(f"{server.url}/__fake__/reset", timeout=TIMEOUT).status_code
        assert ([], "running", 4) == (fake.posts, fake.pagination_mode,
                                      len(http.get("wordfilter").json()["words"]))


class TestDemoData:
    """Deterministic, reference-shaped, with known ground truth and every odd shape."""

    def test_seed_is_deterministic(self):
        one, two = FakeKickflip.demo(seed=3, orders=50), FakeKickflip.demo(seed=3, orders=50)
        assert (one.orders, one.designs, one.token) == (two.orders, two.designs, two.token)
        assert one.orders != FakeKickflip.demo(seed=4, orders=50).orders

    def test_ten_thousand_orders_are_quick(self):
        start = time.monotonic()
        fake = FakeKickflip.demo(seed=1, orders=10_000)
        assert time.monotonic() - start < 15
        assert list(range(1, 10_001)) == [o["orderId"] for o in fake.orders]

    def test_orders(self, fake):
        dates = [o["date"] for o in fake.orders]
        assert dates == sorted(dates)
        assert "#1001" == fake.orders[0]["eCommerceOrderName"]
        uses = Counter(i["design"] for o in fake.orders for i in o["items"])
        assert any(n >= 2 for n in uses.values())
        assert all(1 <= len(o["items"]) <= 3 for o in fake.orders)

    def test_truth_sets(self):
        fake = FakeKickflip.demo(seed=7, orders=300)
        truth, n = fake.truth, len(fake.designs)
        assert 0.06 * n < len(truth.offending_design_ids) < 0.13 * n
        assert 0.05 * n < len(truth.innocent_design_ids) < 0.12 * n
        assert not truth.offending_design_ids & truth.innocent_design_ids
        assert (truth.offending_design_ids | truth.innocent_design_ids) <= set(fake.designs)
        texts = set(truth.offending_texts.values())
        assert {"f.u.c.k", "fu\u200bck", "\uff46\uff55\uff43\uff4b", "Bullshitter"} <= texts

    def test_designs_are_reference_shaped(self, fake):
        for design in fake.designs.values():
            assert re.fullmatch(r"[0-9a-f]{24}", design["_id"])
            assert any("value" not in s for s in design["summary"])
            assert design["designImage"]["url"].startswith("https://")
            for choice in design.get("configuration", {}).values():
                if isinstance(choice, dict) and choice["type"] == "text":
                    refs = [p["ref"]["choiceId"] for p in design["productionData"]]
                    assert choice["id"] in refs

    def test_odd_shapes_are_present(self, fake):
        def text_choice(kind):
            design = fake.designs[fake.truth.odd_shapes[kind]]
            return next(c for c in design["configuration"].values()
                        if isinstance(c, dict) and c["type"] == "text")

        assert [] == text_choice("views_empty")["views"]
        assert isinstance(text_choice("views_not_list")["views"], dict)
        assert "views" not in text_choice("views_missing")
        assert None is text_choice("text_null")["views"][0]["text"]
        assert "" == text_choice("text_empty")["views"][0]["text"]
        assert 23 == text_choice("text_number")["views"][0]["text"]
        assert 2 == len(text_choice("two_views")["views"])
        assert "configuration" not in fake.designs[fake.truth.odd_shapes["no_configuration"]]
        assert fake.truth.odd_shapes["second_view_offending"] in fake.truth.offending_design_ids

    def test_dir_round_trip_and_wsgi(self, fake, tmp_path):
        fake.write_dir(tmp_path)
        loaded = FakeKickflip.from_dir(tmp_path)
        assert (fake.orders, fake.designs, fake.wordfilter) == \
            (loaded.orders, loaded.designs, loaded.wordfilter)
        assert fake.truth == loaded.truth
        transport = httpx.WSGITransport(app=loaded)
        with httpx.Client(transport=transport, base_url="http://fake") as client:
            resp = client.get(f"/brands/{loaded.brand}/orders/1",
                              headers={"Authorization": f"Bearer {loaded.token}"})
        assert loaded.orders[0] == resp.json()

    @pytest.mark.parametrize("name", ["sample-design.json", "sample-order.json"])
    def test_examples_are_valid_json(self, name):
        data = json.loads((ROOT / "examples" / name).read_text("utf-8"))
        assert 2 == data.get("designId", data.get("orderId"))


class TestCommandLine:
    """``python -m kickflip_moderation.fake_api`` and the click command."""

    @pytest.mark.slow
    @pytest.mark.parametrize("command", [["kickflip_moderation.fake_api"],
                                         ["kickflip_moderation", "fake-api"]])
    def test_module_serves_until_interrupted(self, command, python_m_with_ctrl_c):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        # The flake: a shell starts background jobs (`pytest &`, CI runners, nohup) with
        # SIGINT ignored, children inherit that, and Python then installs no Ctrl-C
        # handler, so the server never stopped. Start it the way a terminal would.
        cmd = [*python_m_with_ctrl_c, *command, "--port", "0", "--orders", "20"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
        try:
            export = ""
            while not export.startswith("export "):
                export = lines.get(timeout=20)
            env_vars = dict(part.split("=", 1) for part in export.split()[1:])
            resp = httpx.get(f"{env_vars['KICKFLIP_API_URL']}/brands/"
                             f"{env_vars['KICKFLIP_BRAND']}/wordfilter", timeout=TIMEOUT,
                             headers={"Authorization": f"Bearer {env_vars['KICKFLIP_TOKEN']}"})
            assert 200 == resp.status_code
            design = httpx.get(f"{env_vars['KICKFLIP_API_URL']}/brands/"
                               f"{env_vars['KICKFLIP_BRAND']}/designs/1", timeout=TIMEOUT,
                               headers={"Authorization": f"Bearer {env_vars['KICKFLIP_TOKEN']}"})
            image = design.json()["designImage"]["url"]  # demo images from the fake itself
            assert image.startswith(env_vars["KICKFLIP_API_URL"] + "/images/")
            assert 200 == httpx.get(image, timeout=TIMEOUT).status_code
            proc.send_signal(signal.SIGINT)
            assert 0 == proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=5)
            proc.stdout.close()

    def test_help_has_an_example_block(self):
        result = CliRunner().invoke(fake_api_command, ["--help"])
        assert 0 == result.exit_code and "kickflip-moderation fake-api --port 0" in result.output

    def test_port_in_use_is_a_config_error(self):
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            result = CliRunner().invoke(fake_api_command, ["--port", str(port)])
        assert 4 == result.exit_code
        assert f"cannot listen on 127.0.0.1:{port}" in result.output

    @pytest.mark.parametrize("port", ["80000", "-1"])
    def test_out_of_range_port_is_a_usage_error_without_traceback(self, port):
        result = CliRunner().invoke(fake_api_command, ["--port", port])
        assert 2 == result.exit_code
        assert "0<=x<=65535" in result.output
        assert not isinstance(result.exception, OverflowError)
        proc = subprocess.run([sys.executable, "-m", "kickflip_moderation.fake_api",
                               "--port", port], capture_output=True, text=True, timeout=30,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
        assert 2 == proc.returncode
        assert "Traceback" not in proc.stderr and "not in 0-65535" in proc.stderr

    @pytest.mark.parametrize(("name", "content", "says"), [
        ("designs.json", "[null]", "designs.json: item 0 is null, not a JSON object"),
        ("orders.json", "[1, null]", "orders.json: item 0 is 1, not a JSON object"),
        ("designs.json", '[{"_id": 3}]', 'designs.json: item 0 has no string "_id"'),
        ("wordfilter.json", '{"words": null}', 'wordfilter.json: must be an object'),
        ("wordfilter.json", "[null]", 'wordfilter.json: must be an object'),
        ("truth.json", "[null]", "truth.json: must be a JSON object"),
    ])
    def test_malformed_data_file_is_a_file_error_without_traceback(self, tmp_path, name,
                                                                    content, says):
        (tmp_path / "orders.json").write_text("[]", "utf-8")
        (tmp_path / "designs.json").write_text("[]", "utf-8")
        (tmp_path / name).write_text(content, "utf-8")
        # Subprocesses with a timeout: without the check, some of these files load and the
        # server would serve forever instead of failing the test.
        for command in (["-m", "kickflip_moderation", "fake-api"],
                        ["-m", "kickflip_moderation.fake_api"]):
            proc = subprocess.run([sys.executable, *command, "--data", str(tmp_path),
                                   "--port", "0"], capture_output=True, text=True, timeout=20,
                                  env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
            assert 5 == proc.returncode, proc.stderr
            assert says in proc.stderr and "Traceback" not in proc.stderr


def test_host_images_serves_each_design_image_from_loopback(fake, server):
    fake.host_images(server.url)
    design = next(d for d in fake.designs.values()
                  if d["_id"] in fake.truth.offending_design_ids)
    url = design["designImage"]["url"]
    assert url == f"{server.url}/images/{design['_id']}.svg"
    assert all(i["url"] == url for i in design["designImages"])
    answer = httpx.get(url, timeout=TIMEOUT)  # no token: images are public, as on a CDN
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/svg+xml"
    assert escape(fake.truth.offending_texts[design["_id"]]) in answer.text
    assert httpx.get(f"{server.url}/images/{'0' * 24}.svg", timeout=TIMEOUT).status_code == 404
    assert not any(path.startswith("/images/") for _, path in fake.requests)


def test_design_image_escapes_shopper_text():
    svg = design_svg({"productName": "<b>", "configuration": {
        "O": {"views": [{"text": "</text><script>alert(1)</script>"}, {"text": 5}]},
        "P": "CHOICE-x", "Q": {"views": "odd"}}}).decode()
    assert "<script>" not in svg and "&lt;/text&gt;&lt;script&gt;" in svg
    assert "&lt;b&gt;" in svg
