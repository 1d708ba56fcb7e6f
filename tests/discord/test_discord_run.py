"""`picketbot run` as a real process: with DISCORD_TOKEN set it serves Discord."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from bot.testing.fakes.discord import DEFAULT_GUILD_ID, FakeDiscord
from tests.discord.conftest import ANA, discord_env
from tests.helpers import subprocess_env


async def read_until(process: asyncio.subprocess.Process, text: str, seen: list[str]) -> None:
    """Read the process's log lines until one contains `text`."""
    assert process.stderr is not None
    async with asyncio.timeout(60):
        while not seen or text not in seen[-1]:
            line = (await process.stderr.readline()).decode()
            assert line, f"picketbot exited before logging {text!r}: {''.join(seen)}"
            seen.append(line)


async def test_picketbot_run_answers_discord_commands(fake: FakeDiscord, tmp_path: Path) -> None:
    env = subprocess_env()
    env.update(discord_env(fake), PICKETBOT_DB=str(tmp_path / "picketbot.db"))
    # Read from the working directory; without a server listed, start-up warns that roles count nowhere.
    (tmp_path / "picketbot.toml").write_text(f'[discord]\nallowed_guilds = ["{DEFAULT_GUILD_ID}"]\n')
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    seen: list[str] = []
    try:
        await read_until(bot, "Discord: connected as picketbot", seen)
        sent = await fake.send_interaction(
            command="pay compare", options={"amount": "900000"}, user_id=ANA.id
        )

        answer = await fake.wait_for_callback(sent.id, timeout=30)
        assert answer["data"]["embeds"][0]["title"] == "$900,000 is…"
        assert answer["data"]["allowed_mentions"] == {"parse": []}
    finally:
        bot.send_signal(signal.SIGINT)
        _, rest = await asyncio.wait_for(bot.communicate(), 30)
    log = "".join(seen) + rest.decode()
    assert "WARNING" not in log  # no start-up noise (voice libraries, intents)
    assert fake.token not in log
