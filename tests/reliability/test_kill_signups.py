"""kill -9 in the middle of a sign-up storm, then restart: nothing acknowledged is lost.

The storm runs in its own process and prints each member whose sign-up was
acknowledged (the reply came back). The test kills it with SIGKILL partway,
reopens the database as a restarted bot would, and checks that every
acknowledged member has a live sign-up with the status they were told, that
no shift has more confirmed than its places, and that SQLite's integrity
check passes. Then the rest of the members sign up on the restarted bot.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import open_app
from bot.config.loading import load_config
from commands.context import Actor, Channel
from commands.roles import Role
from storage.database import Database

REPO = Path(__file__).resolve().parents[2]
ORGANIZER = Actor("console", "olga", "Olga", Role.ORGANIZER)
CHANNEL = Channel("console", "picket-line", "picket-line")
SHIFTS, PLACES, MEMBERS = 10, 60, 3_000
KILL_AFTER = 1_000


async def make_shifts(db: Path) -> None:
    app = await open_app(load_config(db_path=str(db), env={}), seed_facts=False)
    try:
        site = await app.dispatcher.handle_text(
            ORGANIZER, CHANNEL, "/picket site add Gate tz=America/Los_Angeles"
        )
        assert not site.is_error, site.text
        today = datetime.now(UTC).astimezone(ZoneInfo("America/Los_Angeles")).date()
        for day in range(2, 2 + SHIFTS):
            when = (today + timedelta(days=day)).isoformat()
            reply = await app.dispatcher.handle_text(
                ORGANIZER, CHANNEL, f"/picket shift add Gate {when} 09:00 12:00 capacity={PLACES}"
            )
            assert not reply.is_error, reply.text
    finally:
        await app.close()


@dataclass
class Storm:
    #: member: the status their reply gave them.
    acked: dict[str, str] = field(default_factory=dict)
    #: Members told they were already signed up.
    already: set[str] = field(default_factory=set)

    def read(self, line: str) -> bool:
        """Record one output line; False at the end of the storm."""
        word = line.split()
        if not word or word[0] == "DONE":
            return False
        assert word[0] in ("ACK", "ALREADY"), line
        if word[0] == "ACK":
            self.acked[word[1]] = word[2]
        else:
            self.already.add(word[1])
        return True


async def storm(db: Path, members: list[int], *, kill_after: int | None) -> Storm:
    """Run the storm process; SIGKILL it after `kill_after` acknowledgements."""
    listed = db.with_suffix(".members")
    listed.write_text("".join(f"{n}\n" for n in members), encoding="utf-8")
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.reliability.storm_child", str(db), str(listed),
        cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    seen = Storm()
    while seen.read((await asyncio.wait_for(child.stdout.readline(), 60)).decode()):
        if kill_after is not None and len(seen.acked) == kill_after:
            os.kill(child.pid, signal.SIGKILL)
            # Lines already in the pipe were acknowledged before the kill: they count too.
            for line in (await child.stdout.read()).decode().splitlines():
                seen.read(line)
            break
    await child.wait()
    return seen


async def live_signups(db: Database) -> dict[str, str]:
    rows = await db.fetchall(
        "SELECT m.platform_user_id AS member, g.status FROM signups g JOIN members m ON m.id = g.member_id"
        " WHERE g.status != 'cancelled'"
    )
    return {row["member"]: row["status"] for row in rows}


async def over_capacity(db: Database) -> int:
    return int(
        await db.fetchval(
            "SELECT count(*) FROM shifts sh WHERE (SELECT count(*) FROM signups g"
            " WHERE g.shift_id = sh.id AND g.status = 'confirmed') > sh.capacity"
        )
    )


async def test_kill_9_mid_storm_loses_no_acknowledged_signup(tmp_path: Path) -> None:
    db_path = tmp_path / "picketbot.db"
    await make_shifts(db_path)

    first = await storm(db_path, list(range(MEMBERS)), kill_after=KILL_AFTER)
    acked = first.acked
    assert KILL_AFTER <= len(acked) < MEMBERS, "the kill must land mid-storm"

    db = await Database.open(db_path)  # what a restarted bot does first (WAL recovery included)
    try:
        assert await db.integrity_check() == "ok"
        stored = await live_signups(db)
        missing = {m: s for m, s in acked.items() if stored.get(m) != s}
        assert not missing, f"acknowledged but not stored as told: {list(missing.items())[:5]}"
        assert await over_capacity(db) == 0
    finally:
        await db.close()

    # Everyone who got no reply tries again on the restarted bot. Those whose sign-up
    # committed just before the kill are told they already have it; nobody gets two.
    retry = [n for n in range(MEMBERS) if f"member-{n}" not in acked]
    second = await storm(db_path, retry, kill_after=None)
    assert second.already == set(stored) - set(acked)
    db = await Database.open(db_path)
    try:
        final = await live_signups(db)
        assert set(final) == {f"member-{n}" for n in range(MEMBERS)}
        assert all(final[m] == s for m, s in {**acked, **second.acked}.items())
        assert sum(s == "confirmed" for s in final.values()) == SHIFTS * PLACES
        assert await over_capacity(db) == 0
        assert await db.integrity_check() == "ok"
    finally:
        await db.close()
