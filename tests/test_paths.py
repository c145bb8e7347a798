"""State files: user-only permissions, atomic writes, safe under concurrent writers."""

from __future__ import annotations

import threading

from kickflip_moderation.paths import data_dir, write_private_file


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
