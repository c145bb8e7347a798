"""deploy/: the systemd units, the cron line and the Dockerfile run what they say.

The commands they hold are run for real against the fake brand (the pytest plugin's
fixtures): the unit's ExecStart, the cron line through ``flock`` (a held lock skips the
run), the image's entrypoint and default command; the files the Dockerfile copies are
built into a wheel. ``systemd-analyze verify`` checks the units where it is installed. The
image itself is not built here (no Docker daemon in CI).
"""

from __future__ import annotations

import configparser
import fcntl
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kickflip_moderation.cli import main
from kickflip_moderation.fake_api import FakeKickflip

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALLED = "/opt/kickflip-moderation/venv/bin/kickflip-moderation"
BIN = str(Path(sys.executable).parent / "kickflip-moderation")


def secrets_in(path: Path) -> list[str]:
    """Lines other than comments that mention a token."""
    return [x for x in path.read_text(encoding="utf-8").splitlines()
            if "TOKEN" in x and not x.lstrip().startswith("#")]


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def test_service_exec_start_runs_a_scan(kickflip_env: dict[str, str], tmp_path: Path) -> None:
    service = unit("kickflip-scan@.service")["Service"]
    program, *args = shlex.split(service["ExecStart"])
    assert program == INSTALLED
    args = [a.replace("${STATE_DIRECTORY}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    success = {0, *map(int, service["SuccessExitStatus"].split())}
    assert result.exit_code in success, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert service["EnvironmentFile"] == "/etc/kickflip-moderation/%i.env"
    assert not secrets_in(DEPLOY / "kickflip-scan@.service")  # the token: EnvironmentFile


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_units_verify(tmp_path: Path) -> None:
    for name in ("kickflip-scan@.service", "kickflip-scan@.timer"):
        text = (DEPLOY / name).read_text(encoding="utf-8").replace(INSTALLED, BIN)
        (tmp_path / name.replace("@.", "@acme.")).write_text(text, encoding="utf-8")
    proc = subprocess.run(["systemd-analyze", "verify", "--man=no",
                           str(tmp_path / "kickflip-scan@acme.service"),
                           str(tmp_path / "kickflip-scan@acme.timer")],
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr  # warnings fail too
    timer = unit("kickflip-scan@.timer")
    assert timer["Timer"]["OnCalendar"] == "*:0/15" and timer["Timer"]["Persistent"] == "true"


def cron_job(tmp_path: Path, env: dict[str, str]) -> tuple[str, Path, Path]:
    """The cron line's command with its paths moved under ``tmp_path``."""
    [line] = [x for x in (DEPLOY / "kickflip-scan.cron").read_text().splitlines()
              if x and not x.startswith("#") and "=" not in x.split()[0]]
    fields = line.split(None, 6)
    assert fields[5] == "kfmod" and fields[:5] == ["*/15", "*", "*", "*", "*"]
    command = fields[6]
    lock, envfile, report = tmp_path / "acme.lock", tmp_path / "acme.env", tmp_path / "r.html"
    envfile.write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
    for old, new in [("/var/lock/kfmod-acme.lock", lock), (INSTALLED, BIN),
                     ("/etc/kickflip-moderation/acme.env", envfile),
                     ("/var/lib/kickflip-moderation/acme/report.html", report),
                     ("/var/log/kickflip-moderation/acme.log", tmp_path / "log")]:
        assert old in command
        command = command.replace(old, str(new))
    return command, lock, report


@pytest.mark.skipif(shutil.which("flock") is None, reason="needs flock(1)")
def test_cron_line_never_overlaps(kickflip_env: dict[str, str], kickflip_fake: FakeKickflip,
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command, lock, report = cron_job(tmp_path, kickflip_env)
    for name in ("KICKFLIP_BRAND", "KICKFLIP_TOKEN"):
        monkeypatch.delenv(name)  # cron's environment has neither: the env file gives them
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a previous run still going
        skipped = subprocess.run(["sh", "-c", command], timeout=60)
    assert skipped.returncode == 1 and kickflip_fake.requests == [] and not report.exists()
    ran = subprocess.run(["sh", "-c", command], timeout=120)
    assert ran.returncode in (0, 1), (tmp_path / "log").read_text()
    assert report.exists() and kickflip_fake.requests


def test_docker_image_entrypoint_and_command(kickflip_env: dict[str, str]) -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    [entrypoint] = re.findall(r"^ENTRYPOINT (\[.*\])$", text, re.M)
    [command] = re.findall(r"^CMD (\[.*\])$", text, re.M)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert json.loads(entrypoint) == ["kickflip-moderation"] and "kickflip-moderation" in scripts
    result = CliRunner().invoke(main, json.loads(command), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # the default command scans
    assert "KICKFLIP_MODERATION_HOME=/data" in text and 'VOLUME ["/data"]' in text
    assert not secrets_in(DEPLOY / "Dockerfile")  # the token: at run time, never baked in
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    for source in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), path
            assert f"!{path}" in ignore or f"!{path}/" in ignore, path


@pytest.mark.slow  # pip builds a wheel in a subprocess
def test_docker_build_context_builds_the_package(tmp_path: Path) -> None:
    """What the Dockerfile copies is enough for its ``pip install .``: the same files,
    built into a wheel that carries the shipped word lists."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    context = tmp_path / "src"
    context.mkdir()
    for source in re.findall(r"^COPY (.+) \S+$", text, re.M):
        for path in source.split():
            if (ROOT / path).is_dir():
                shutil.copytree(ROOT / path, context / path,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(ROOT / path, context / path)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                           str(tmp_path / "out"), str(context)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    [wheel] = (tmp_path / "out").glob("kickflip_moderation-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "kickflip_moderation/wordlists/en.txt" in names
    assert "kickflip_moderation/testing.py" in names
