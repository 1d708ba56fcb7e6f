"""The console runs the poller on its APScheduler job: alerts arrive with no command typed."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.testing.fakes.jobboards import JobBoardServer
from tests.poller.conftest import lantern_jobs, serve_greenhouse


async def test_the_console_polls_on_schedule(board_server: JobBoardServer, tmp_path: Path) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    (tmp_path / "picketbot.toml").write_text(
        '[poller]\ncheck_every = "1s"\nalert_channels = [{ platform = "console", channel = "alerts" }]\n'
        '[[poller.sources]]\ncompany = "Lantern Pictures"\ntype = "greenhouse"\nboard = "lantern"\n'
        f'base_url = "{board_server.base_url}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console", cwd=tmp_path, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    lines: list[str] = []
    try:
        while not any(line.startswith("Now watching Lantern Pictures") for line in lines):
            line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
            assert line, "the console exited before polling"
            lines.append(line)
    finally:
        process.stdin.write(b"/jobs sources\n")
        process.stdin.close()
        rest, errors = await asyncio.wait_for(process.communicate(), 30)
    assert "[#alerts]" in lines[-2]
    assert "4 listings on the board, 2 of them AI" in lines[-1]
    assert "4 open listings, 2 of them AI" in rest.decode()
    assert process.returncode == 0 and b"Traceback" not in errors
    assert board_server.count("/v1/boards/lantern/jobs") >= 1
