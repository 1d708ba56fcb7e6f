"""Capacity across processes on PostgreSQL: two connections sign up for a shift's last place.

Connection A has read the shift (one place open) and is about to write its
sign-up when connection B, another process, signs someone up for the same
shift. B must wait for A's turn (the writers' advisory lock), then find the
shift full: never two people in one place.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from storage import members
from storage.database import Database
from storage.picket.signup_batch import decide_group
from storage.picket.signup_rules import SignupRequest, SignupResult
from storage.picket.signups import sign_up
from storage.postgres.greenlets import wait_for
from storage.sync_tx import SyncTransaction
from tests.picket_time.data import add_shift, add_site

#: How long A gives B to get in before A writes: long enough that B would have committed.
RACE_SECONDS = 2.0


class OtherProcessSignsUpFirst:
    """A's transaction, which lets B's sign-up run (for a while) just before A's first write."""

    def __init__(self, tx: SyncTransaction, other: Database, shift: int, member: int, now: datetime) -> None:
        self.tx, self.other, self.shift, self.member, self.now = tx, other, shift, member, now
        self.theirs: asyncio.Future[SignupResult] | None = None

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.tx, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            writes = name == "new_ids" or (
                args and str(args[0]).lstrip().upper().startswith(("INSERT", "UPDATE"))
            )
            if writes and self.theirs is None:
                wait_for(self._let_them_in())
            return method(*args, **kwargs)

        return call

    async def _let_them_in(self) -> None:
        self.theirs = asyncio.ensure_future(sign_up(self.other, self.shift, self.member, now=self.now))
        await asyncio.wait({self.theirs}, timeout=RACE_SECONDS)


async def test_two_connections_never_fill_one_place_twice(postgres_address: str) -> None:
    mine, other = await Database.open(postgres_address), await Database.open(postgres_address)
    try:
        now = datetime.now(UTC)
        site = await add_site(mine, "Gate")
        shift = await add_shift(mine, site, now + timedelta(days=2), capacity=1)
        first = await members.ensure(mine, "discord", "1", "first")
        second = await members.ensure(mine, "discord", "2", "second")
        race: list[OtherProcessSignsUpFirst] = []

        def work(tx: SyncTransaction) -> list[SignupResult | Exception]:
            race.append(OtherProcessSignsUpFirst(tx, other, shift, second, now))
            return decide_group(race[0], [SignupRequest(shift, first, "member", now, True)])  # type: ignore[arg-type]

        (result,) = await mine.run_sync(work)
        theirs = race[0].theirs
        assert theirs is not None
        their_result = await asyncio.wait_for(theirs, 30)
        statuses = await mine.fetchall("SELECT member_id, status FROM signups ORDER BY member_id")
        assert [(r["member_id"], r["status"]) for r in statuses] == [
            (first, "confirmed"),
            (second, "waitlisted"),
        ]
        assert not isinstance(result, Exception) and not isinstance(their_result, Exception)
    finally:
        await mine.close()
        await other.close()
