"""What only the tests need: the job-board fixtures folder, a clean subprocess environment,
and row counts. The harness itself (TestBot, clocks, actors, senders, fakes) is `bot.testing`."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.database import Database

#: Monday 26 Oct 2026, 08:00 in Los Angeles (PDT), a week before the clocks go back: the
#: `clock` fixture's start.
START = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)

#: Job-board answers recorded in the project's own words (`JobBoardServer.serve_file` reads them).
BOARD_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "jobboards"


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a picketbot subprocess: none of the caller's bot settings or
    tokens, and no polling of the studios' real job boards (tests stay on loopback)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    env["PICKETBOT_POLLER"] = "off"
    # The public listener (Slack HTTP mode, calendar feeds) on any free port: runs never clash.
    env["PICKETBOT_PUBLIC_PORT"] = "0"
    env.update(extra)
    return env


async def row_counts(db: Database, *, leave_out: tuple[str, ...] = ()) -> dict[str, int]:
    """How many rows each table holds: equal before and after means nothing was written."""
    names = [t.name for t in await db.tables() if t.name not in leave_out]
    return {name: int(await db.fetchval(f'SELECT count(*) FROM "{name}"')) for name in names}
