"""State files: user-only permissions, atomic writes, safe under concurrent writers."""

from __future__ import annotations

import json
import threading

import platformdirs
import pytest

from kickflip_moderation.guard import CheckoutGuard, cache_path_for
from kickflip_moderation.paths import cache_dir, data_dir, write_private_file


def test_home_override(tmp_path, monkeypatch):
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path))
    assert data_dir() == tmp_path


def test_file_and_directory_are_user_only(tmp_path):
    target = tmp_path / "state" / "cache.json"
    write_private_file(target, "{}")
    assert target.read_text() == "{}"
    assert target.stat().st_mode & 0o077 == 0
    assert target.parent.stat().st_mode & 0o077 == 0


def test_concurrent_writers_never_collide(tmp_path):
    target = tmp_path / "cache.json"
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(50):
                write_private_file(target, str(n) * 100)
        except BaseException as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_text() in {str(n) * 100 for n in range(4)}
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


@pytest.fixture(name="platform_dirs")
def _platform_dirs(tmp_path, monkeypatch):
    """The per-OS directories, without the override, pointed into tmp_path."""
    monkeypatch.delenv("KICKFLIP_MODERATION_HOME", raising=False)
    dirs = {"data": tmp_path / "data", "cache": tmp_path / "cache"}
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(dirs["data"]))
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(dirs["cache"]))
    return dirs


def test_caches_go_to_the_cache_directory_state_to_the_data_directory(platform_dirs):
    assert data_dir() == platform_dirs["data"]
    assert cache_dir() == platform_dirs["cache"]
    assert cache_path_for("acme") == platform_dirs["cache"] / "acme-wordfilter.json"


def test_the_override_keeps_caches_under_the_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KICKFLIP_MODERATION_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "cache"


def test_a_cache_of_version_0_1_is_moved_to_the_cache_directory(platform_dirs):
    old = platform_dirs["data"] / "cache" / "acme-wordfilter.json"
    write_private_file(old, '{"isActive": true, "words": ["darn"], "fetchedAt": "then"}')
    path = cache_path_for("acme")
    assert path == platform_dirs["cache"] / "acme-wordfilter.json"
    assert json.loads(path.read_text())["words"] == ["darn"]
    assert path.stat().st_mode & 0o077 == 0
    assert not old.exists() and not old.parent.exists()
    guard = CheckoutGuard(object(), brand="acme", background=False)  # cold start, no API
    assert guard.status.source == "cache"
    assert not guard.validate_texts({"t": "darn it"}).ok


def test_a_cache_that_cannot_be_moved_is_still_used_where_it_is(platform_dirs):
    old = platform_dirs["data"] / "cache" / "acme-wordfilter.json"
    write_private_file(old, "{}")
    platform_dirs["cache"].parent.mkdir(exist_ok=True)
    platform_dirs["cache"].write_text("a file where the directory should be")
    assert cache_path_for("acme") == old
    assert old.exists()


def test_a_newer_cache_is_never_overwritten_by_the_old_one(platform_dirs):
    old = platform_dirs["data"] / "cache" / "acme-wordfilter.json"
    new = platform_dirs["cache"] / "acme-wordfilter.json"
    write_private_file(old, "old")
    write_private_file(new, "new")
    assert cache_path_for("acme") == new
    assert new.read_text() == "new"
