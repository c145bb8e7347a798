"""Profiles (issue 17): a TOML config of named brands whose tokens are never stored in
clear, ``--profile`` / ``KICKFLIP_PROFILE``, and ``auth status``."""

from __future__ import annotations

import json
import sys
import time

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kickflip_moderation.cli import main
from kickflip_moderation.cli.auth import describe_expiry
from kickflip_moderation.errors import ConfigError
from kickflip_moderation.fake_api import FakeKickflip, serve
from kickflip_moderation.fake_api.data import make_jwt
from kickflip_moderation.profiles import config_path, load_profiles, token_expiry

pytestmark = pytest.mark.e2e


@pytest.fixture(name="fake", scope="module")
def _fake():
    fake = FakeKickflip.demo(seed=7, orders=3)
    fake.wordfilter = {"isActive": True, "words": ["shit", "Fuck"]}
    return fake


@pytest.fixture(name="server", scope="module")
def _server(fake):
    with serve(fake) as server:
        yield server


@pytest.fixture(name="home")
def _home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return home


def write_config(home, text):
    (home / "config.toml").write_text(text, encoding="utf-8")


def invoke(args, home, **env):
    base = {"KICKFLIP_MODERATION_HOME": str(home), "KICKFLIP_BRAND": None,
            "KICKFLIP_TOKEN": None, "KICKFLIP_API_URL": None, "KICKFLIP_PROFILE": None,
            "KICKFLIP_MODERATION_CONFIG": None}
    result = CliRunner().invoke(main, args, env={**base, **env})
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def profile_toml(fake, server, name="shop", token_line=None, default=False):
    token_line = token_line or 'token_env = "SHOP_TOKEN"'
    head = f'default_profile = "{name}"\n' if default else ""
    return (f'{head}[profiles.{name}]\nbrand = "{fake.brand}"\napi_url = "{server.url}"\n'
            f"{token_line}\n")


class TestConfigFile:
    def test_missing_file_is_an_empty_config(self, tmp_path):
        assert {} == load_profiles(tmp_path / "none.toml").profiles

    def test_location_follows_the_home_override(self, home, monkeypatch):
        monkeypatch.delenv("KICKFLIP_MODERATION_CONFIG", raising=False)
        monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(home))
        assert home / "config.toml" == config_path()
        monkeypatch.setenv("KICKFLIP_MODERATION_CONFIG", str(home / "x.toml"))
        assert home / "x.toml" == config_path()

    @pytest.mark.parametrize(("text", "message"), [
        ('[profiles.a]\nbrand = "a"\ntoken = "eyJ.secret.x"\n', "stores a token in clear"),
        ('[profiles.a]\nbrand = "a"\ntoken_env = "eyJhbGciOi.x.y"\n', "must name an environment"),
        ('[profiles.a]\nbrand = "a"\ntokn_env = "X"\n', "unknown key 'tokn_env'"),
        ('[profiles.a]\ntoken_env = "X"\n', "has no brand"),
        ('[profiles.a]\nbrand = "a"\ntoken_env = "X"\ntoken_command = "y"\n', "not both"),
        ('default_profile = "b"\n[profiles.a]\nbrand = "a"\n', "is not a profile"),
        ("[profiles.a\n", "not valid TOML"),
        ('[profiles.a]\nbrand = "a"\ntoken_command = []\n', "token_command must be"),
    ])
    def test_bad_files_are_config_errors(self, tmp_path, text, message):
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message) as caught:
            load_profiles(path)
        assert "secret" not in str(caught.value)

    def test_a_broken_file_does_not_matter_when_no_profile_is_involved(self, home, fake,
                                                                       server):
        write_config(home, "[profiles.a\n")
        ok = invoke(["words", "pull"], home, KICKFLIP_BRAND=fake.brand,
                    KICKFLIP_TOKEN=fake.token, KICKFLIP_API_URL=server.url)
        assert 0 == ok.exit_code, ok.output
        broken = invoke(["words", "pull"], home, KICKFLIP_PROFILE="a")
        assert 4 == broken.exit_code and "not valid TOML" in broken.stderr

    def test_token_in_clear_refused_by_the_cli_without_echoing_it(self, home, fake, server):
        write_config(home, profile_toml(fake, server, token_line=f'token = "{fake.token}"'))
        result = invoke(["--profile", "shop", "words", "pull"], home)
        assert 4 == result.exit_code
        assert "token_env" in result.stderr and fake.token not in result.output


class TestProfilesInUse:
    def test_profile_with_token_env(self, home, fake, server):
        write_config(home, profile_toml(fake, server))
        result = invoke(["words", "pull", "--profile", "shop"], home, SHOP_TOKEN=fake.token)
        assert 0 == result.exit_code, result.output
        assert "shit\nFuck\n" == result.stdout

    def test_profile_from_the_environment(self, home, fake, server):
        write_config(home, profile_toml(fake, server))
        result = invoke(["words", "pull"], home, KICKFLIP_PROFILE="shop", SHOP_TOKEN=fake.token)
        assert 0 == result.exit_code, result.output

    def test_default_profile_applies_only_without_a_brand(self, home, fake, server):
        write_config(home, profile_toml(fake, server, default=True))
        assert 0 == invoke(["words", "pull"], home, SHOP_TOKEN=fake.token).exit_code
        # an explicit brand means: not the default profile (so no token from it)
        assert 4 == invoke(["words", "pull", "--brand", "other"], home,
                           SHOP_TOKEN=fake.token).exit_code

    def test_token_command(self, home, fake, server):
        command = json.dumps([sys.executable, "-c", f"print({fake.token!r})"])
        write_config(home, profile_toml(fake, server, token_line=f"token_command = {command}"))
        result = invoke(["--profile", "shop", "words", "pull"], home)
        assert 0 == result.exit_code, result.output

    @pytest.mark.parametrize(("code", "message"), [
        ("import sys; print('partial secret'); sys.exit(3)", "exited with 3"),
        ("print('')", "printed no token")])
    def test_failing_token_command(self, home, fake, server, code, message):
        command = json.dumps([sys.executable, "-c", code])
        write_config(home, profile_toml(fake, server, token_line=f"token_command = {command}"))
        result = invoke(["--profile", "shop", "words", "pull"], home)
        assert 4 == result.exit_code
        assert message in result.stderr and "secret" not in result.output

    def test_missing_token_variable(self, home, fake, server):
        write_config(home, profile_toml(fake, server))
        result = invoke(["--profile", "shop", "words", "pull"], home)
        assert 4 == result.exit_code and "SHOP_TOKEN is not set" in result.stderr

    def test_unknown_profile(self, home, fake, server):
        write_config(home, profile_toml(fake, server))
        result = invoke(["--profile", "nope", "words", "pull"], home)
        assert 4 == result.exit_code and "no profile 'nope'" in result.stderr

    def test_a_typed_profile_beats_a_token_left_in_the_environment(self, home, fake, server,
                                                                   fast_retries):
        write_config(home, profile_toml(fake, server))
        env = {"SHOP_TOKEN": fake.token, "KICKFLIP_TOKEN": "left.over.token",
               "KICKFLIP_BRAND": "other-brand", "KICKFLIP_API_URL": "https://bad.invalid"}
        typed = invoke(["words", "pull", "--profile", "shop"], home, **env)
        assert 0 == typed.exit_code, typed.output
        status = invoke(["auth", "status", "--profile", "shop"], home, **env)
        assert "Token:    environment variable SHOP_TOKEN (profile shop)" in status.stdout
        # KICKFLIP_PROFILE is as weak as the other variables: they override its fields
        from_env = invoke(["words", "pull"], home, KICKFLIP_PROFILE="shop", **env)
        assert 3 == from_env.exit_code

    def test_flags_override_profile_fields(self, home, fake, server):
        write_config(home, profile_toml(fake, server).replace(server.url, "https://bad.invalid"))
        result = invoke(["--profile", "shop", "words", "pull", "--api-url", server.url], home,
                        SHOP_TOKEN=fake.token)
        assert 0 == result.exit_code, result.output


class TestAuthStatus:
    def test_shows_everything_but_the_token(self, home, fake, server):
        write_config(home, profile_toml(fake, server))
        result = invoke(["auth", "status", "--profile", "shop"], home, SHOP_TOKEN=fake.token)
        assert 0 == result.exit_code, result.output
        assert fake.token not in result.output
        for part in (fake.token.split(".")[1], fake.token.split(".")[2]):
            assert part not in result.output
        out = result.stdout
        assert f"Brand:    {fake.brand}" in out and server.url in out
        assert "environment variable SHOP_TOKEN (profile shop)" in out
        assert "answers (word list: 2 entries, filter on)" in out
        assert "Expires:" in out and "(in " in out

    def test_json(self, fake, server, home):
        result = invoke(["auth", "status", "--json"], home, KICKFLIP_BRAND=fake.brand,
                        KICKFLIP_TOKEN=fake.token, KICKFLIP_API_URL=server.url)
        data = json.loads(result.stdout)
        assert token_expiry(fake.token) == data["token_expires"]
        assert data["api"].startswith("answers") and data["profile"] is None

    def test_expired_token_is_rejected_and_said(self, fake, server, home):
        result = invoke(["auth", "status"], home, KICKFLIP_BRAND=fake.brand,
                        KICKFLIP_TOKEN=fake.expired_token(), KICKFLIP_API_URL=server.url)
        assert 3 == result.exit_code
        assert "EXPIRED" in result.stdout and "rejects the token" in result.stdout

    def test_unreachable_api(self, fake, home):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        started = time.monotonic()
        result = invoke(["auth", "status"], home, KICKFLIP_BRAND=fake.brand,
                        KICKFLIP_TOKEN=fake.token, KICKFLIP_API_URL=f"http://127.0.0.1:{port}")
        assert 3 == result.exit_code and "no answer" in result.stdout
        assert time.monotonic() - started < 20  # one attempt, no retry budget

    def test_nothing_configured(self, home):
        result = invoke(["auth", "status"], home)
        assert 4 == result.exit_code and "no brand" in result.stderr
        assert "Brand:    -" in result.stdout


class TestExpiry:
    def test_decodes_exp_without_the_key(self):
        assert 2000000000 == token_expiry(make_jwt("b", 2000000000, "any key"))

    @pytest.mark.parametrize("token", ["opaque", "a.b.c", "a.!!!.c", "a.bnVsbA.c"])
    def test_non_jwt_has_no_expiry(self, token):
        assert token_expiry(token) is None

    def test_describe(self):
        assert "2033-05-18T03:33:20Z (in 1 day)" == describe_expiry(2000000000,
                                                                    2000000000 - 86400)
        assert "(EXPIRED 2 hours ago)" in describe_expiry(2000000000, 2000000000 + 7200)
        assert describe_expiry(None).startswith("unknown")


@given(exp=st.integers(min_value=0, max_value=2**53), brand=st.text(max_size=20),
       key=st.text(min_size=1, max_size=20))
def test_expiry_round_trips_any_jwt(exp, brand, key):
    assert exp == token_expiry(make_jwt(brand, exp, key))


@given(st.text(max_size=200))
def test_expiry_never_raises(token):
    assert token_expiry(token) is None or isinstance(token_expiry(token), int)
