"""Offline, the console stays quiet: poller failures go to /jobs sources and the log file."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

from tests.helpers import subprocess_env


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused, as a board out of reach is."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_for_text(path: Path, text: str, timeout: float = 30.0) -> str:
    async with asyncio.timeout(timeout):
        while True:
            found = path.read_text(encoding="utf-8") if path.exists() else ""
            if text in found:
                return found
            await asyncio.sleep(0.1)


async def test_an_unreachable_board_never_reaches_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text(
        '[poller]\ncheck_every = "1s"\n'
        '[[poller.sources]]\ncompany = "Lantern Pictures"\nname = "lantern"\ntype = "greenhouse"\n'
        f'board = "lantern"\nbase_url = "http://127.0.0.1:{closed_port()}"\n',
        encoding="utf-8",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=subprocess_env(PICKETBOT_POLLER="on"),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None
    try:
        log = await wait_for_text(tmp_path / "picketbot.log", "job source lantern failed")
    finally:
        process.stdin.write(b"/jobs sources\n")
        process.stdin.close()
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    assert "WARNING picketbot.jobs: job source lantern failed (1 in a row" in log
    # The terminal has the one line saying a console starts, and where its log is: nothing else.
    assert err.decode().splitlines() == [
        "No DISCORD_TOKEN or SLACK_BOT_TOKEN set: starting the local console (log: picketbot.log)."
    ]
    sources = out.decode()
    assert "• lantern: Lantern Pictures, greenhouse at 127.0.0.1, every 30m (config)" in sources
    assert "last error" in sources and ": connection failed (1 failure in a row; next try" in sources


async def test_log_file_setting_sends_a_commands_log_lines_there(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text(
        '[log]\nfile = "logs.txt"\n[poller]\nsources = []\n', encoding="utf-8"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console", cwd=tmp_path, env=subprocess_env(),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(b"/help\n"), 30)
    assert "/jobs" in out.decode()
    assert process.returncode == 0 and err == b""
    assert (tmp_path / "logs.txt").exists() and not (tmp_path / "picketbot.log").exists()


async def test_a_log_file_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "picketbot.toml").write_text('[log]\nfile = "nowhere/picketbot.log"\n', encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console", cwd=tmp_path, env=subprocess_env(),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(b""), 30)
    assert process.returncode == 1
    assert err.decode().splitlines() == [
        "picketbot: [log] file: the folder of nowhere/picketbot.log does not exist"
    ]
