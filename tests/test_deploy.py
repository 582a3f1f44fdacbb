"""The Dockerfile and the systemd example, checked without Docker or systemd: everything the
image copies exists and is in the build context, and both run the installed command."""
from __future__ import annotations

import ast
import json
import re

from helpers import PROJECT

DOCKERFILE = (PROJECT / "Dockerfile").read_text()
UNIT = (PROJECT / "deploy" / "news-archive.service").read_text()


def instructions(name: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)  # continuation lines
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.split(None, 1)[:1] == [name]]


def context_patterns() -> tuple[list[str], list[str]]:
    lines = [line.strip() for line in (PROJECT / ".dockerignore").read_text().splitlines()]
    patterns = [line for line in lines if line and not line.startswith("#")]
    return [p for p in patterns if not p.startswith("!")], [p[1:].rstrip("/") for p in patterns if p.startswith("!")]


def test_every_path_the_image_copies_exists_and_is_in_the_build_context():
    excluded, included = context_patterns()
    assert "*" in excluded  # only what is named below goes to the builder: never data/ or .venv
    copied = [part for args in instructions("COPY") if not args.startswith("--from")
              for part in args.split()[:-1]]
    assert copied
    for path in copied:
        assert (PROJECT / path).exists(), path
        assert path.rstrip("/") in included, path


def test_the_image_installs_the_hashed_lock_and_runs_the_installed_command_as_a_user():
    runs = " ".join(instructions("RUN"))
    assert "--require-hashes" in runs and "-r /src/requirements.txt" in runs
    assert instructions("USER")[-1] not in ("root", "0")
    assert json.loads(instructions("CMD")[-1]) == ["news-archive", "serve"]
    assert json.loads(instructions("VOLUME")[-1]) == ["/data"]
    assert "ARCHIVE_DATA=/data" in " ".join(instructions("ENV")) and instructions("EXPOSE") == ["5000"]


def test_the_health_check_calls_healthz_with_valid_python():
    [check] = instructions("HEALTHCHECK")
    command = json.loads(check.split("CMD", 1)[1])
    assert command[:2] == ["python", "-c"] and "/healthz" in command[2]
    ast.parse(command[2])


def test_the_systemd_unit_runs_one_serve_on_loopback_behind_a_proxy():
    settings = dict(re.findall(r"^Environment=(\w+)=(.*)$", UNIT, re.MULTILINE))
    assert settings["ARCHIVE_HOST"] == "127.0.0.1" and settings["ARCHIVE_PROXIES"] == "1"
    assert re.search(r"^ExecStart=\S*news-archive serve", UNIT, re.MULTILINE)
    assert "RestartPreventExitStatus=2" in UNIT
