"""No Docker engine runs here, so test what the image runs: its health check,
its environment and its entry point, against the real bot."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")


def dockerfile_env() -> dict[str, str]:
    block = re.search(r"^ENV (.*?)(?=^\S)", DOCKERFILE, re.MULTILINE | re.DOTALL)
    assert block is not None
    pairs = re.findall(r"(\w+)=(\S+)", block.group(1))
    return dict(pairs)


def healthcheck_command() -> list[str]:
    match = re.search(r"HEALTHCHECK .*?CMD (\[.*?\])\n", DOCKERFILE, re.DOTALL)
    assert match is not None
    return list(json.loads(match.group(1)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_image_runs_as_non_root_with_data_on_a_volume() -> None:
    assert re.search(r"^USER picketbot$", DOCKERFILE, re.MULTILINE)
    assert 'VOLUME ["/data"]' in DOCKERFILE
    assert dockerfile_env()["PICKETBOT_DB"].startswith("/data/")
    for copied in re.findall(r"^COPY (?!--)(\S+)", DOCKERFILE, re.MULTILINE):
        assert (REPO / copied).exists(), f"Dockerfile copies {copied}, which does not exist"


def test_run_without_tokens_fails_clearly_in_the_image(tmp_path: Path) -> None:
    env = {**os.environ, **dockerfile_env(), "PICKETBOT_DB": str(tmp_path / "p.db")}
    env.pop("PICKETBOT_CONFIG", None)
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no DISCORD_TOKEN or SLACK_BOT_TOKEN set" in result.stderr


def test_healthcheck_passes_against_a_running_bot(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, **dockerfile_env(), "PICKETBOT_DB": str(tmp_path / "p.db")}
    env.update(PICKETBOT_HTTP_PORT=str(port), PICKETBOT_HTTP_HOST="127.0.0.1")
    env.pop("PICKETBOT_CONFIG", None)
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"], env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    try:
        _wait_for_port(port)
        command = [part.replace("8080", str(port)) for part in healthcheck_command()]
        command[0] = sys.executable
        assert subprocess.run(command, timeout=30).returncode == 0
    finally:
        assert bot.stdin is not None
        bot.stdin.close()
        bot.wait(timeout=30)
    assert bot.returncode == 0


def _wait_for_port(port: int) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise AssertionError("the bot never served /healthz")
