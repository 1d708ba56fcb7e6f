"""`picketbot demo`: made-up boards served here, an alert within a minute, every post marked DEMO."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from bot.testing.fakes.jobboards.demo import demo_boards
from tests.helpers import subprocess_env

ALERT = "[#demo] DEMO · New AI job listing"


async def test_the_demo_posts_an_alert_within_a_minute_and_lists_the_jobs(tmp_path: Path) -> None:
    # The poller switch is off in tests; the demo polls its own boards whatever it says.
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo", cwd=tmp_path, env=subprocess_env(),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(60):
            while ALERT not in lines:
                line = (await process.stdout.readline()).decode()
                assert line, f"the demo ended before an alert: {lines}"
                lines.append(line.rstrip("\n"))
            lines.append((await process.stdout.readline()).decode().rstrip("\n"))
    finally:
        process.stdin.write(b"/jobs latest\n")
        process.stdin.close()
        rest, errors = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0 and errors == b"", errors.decode()
    assert lines[0].startswith("picketbot demo: made-up job boards")
    posts = [line for line in lines if line.startswith("[#")]
    assert posts and all(line.startswith("[#demo] DEMO") for line in posts), posts
    assert lines[-1] == "Moonrise Pictures (demo) — Voice Cloning Engineer, Synthetic Media"
    latest = rest.decode()
    assert "== Latest AI job listings ==" in latest and "Voice Cloning Engineer" in latest
    assert not list(tmp_path.iterdir()), "the demo keeps nothing where it ran"


@pytest.mark.parametrize("token", ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"])
def test_the_demo_refuses_to_run_with_a_platform_token(tmp_path: Path, token: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"], cwd=tmp_path, env=subprocess_env(**{token: "set-for-the-test"}),
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"picketbot demo: {token} is set; the demo runs only without platform tokens (unset them first)"
    ]


def test_the_demo_boards_ship_with_the_package() -> None:
    boards = demo_boards()
    assert [board.company for board in boards] == ["Moonrise Pictures (demo)", "Tidewater Animation (demo)"]
    assert all(board.later for board in boards), "each board gains postings while the demo runs"
