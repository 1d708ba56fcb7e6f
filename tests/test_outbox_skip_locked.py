"""Outbox claims on PostgreSQL: `FOR UPDATE SKIP LOCKED`, outside the writers' turn."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import asyncpg

from storage.database import Database
from storage.outbox import claims
from storage.outbox import queue as outbox
from storage.outbox.edits import queue_edit
from storage.outbox.message import PostContent
from storage.outbox.queue import OutboundMessage
from storage.postgres.greenlets import wait_for
from storage.postgres.sync_tx import WRITE_LOCK
from storage.sync_tx import Params, Row, SyncTransaction

MESSAGES = 200
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


async def queue(db: Database, count: int) -> None:
    async with db.transaction() as tx:
        for n in range(count):
            await outbox.enqueue(tx, OutboundMessage("console", "channel", "c", f"m{n}"), not_before=NOW)


async def test_a_claim_does_not_wait_for_a_writer_holding_the_turn(postgres_address: str) -> None:
    db = await Database.open(postgres_address)
    writer = await asyncpg.connect(postgres_address)
    try:
        await queue(db, 3)
        await writer.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # a long sign-up
        claim = await asyncio.wait_for(
            claims.claim_due(db, "a|1|2|x|1/1", "console", NOW, NOW + timedelta(minutes=1)), 10
        )
        assert len(claim.messages) == 3
        await writer.execute("ROLLBACK")
    finally:
        await writer.close()
        await db.close()


async def test_concurrent_claimers_never_take_one_message_twice(postgres_address: str) -> None:
    dbs = [await Database.open(postgres_address) for _ in range(4)]
    try:
        await queue(dbs[0], MESSAGES)

        async def claimer(number: int) -> list[int]:
            taken: list[int] = []
            for batch in range(100):
                token = f"host|ns|{number}|tag|{batch}/1"
                claim = await claims.claim_due(
                    dbs[number], token, "console", NOW, NOW + timedelta(hours=1), 7
                )
                if not claim.messages:
                    return taken
                taken += [m.id for m in claim.messages if m.id is not None]
            return taken

        taken = [i for each in await asyncio.gather(*(claimer(n) for n in range(4))) for i in each]
        assert len(taken) == len(set(taken)) == MESSAGES
    finally:
        for db in dbs:
            await db.close()


class ClaimedMeanwhile:
    """A transaction that lets another process's claim commit right after the edit read the post."""

    def __init__(self, tx: SyncTransaction, other: Database) -> None:
        self.tx, self.other = tx, other

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tx, name)

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        row = self.tx.fetchone(sql, params)
        if "WHERE post_key = ?" in sql:
            wait_for(claims.claim_due(self.other, "h|n|1|t|1/1", "console", NOW, NOW + timedelta(hours=1)))
        return row


async def test_an_edit_does_not_rewrite_a_message_a_claim_took_meanwhile(postgres_address: str) -> None:
    """A live post's edit read the original as waiting, another process's claim (which does not
    wait for the writers' turn) took it before the rewrite: the edit is queued as a message of its
    own, not written into the one being sent."""
    db, other = await Database.open(postgres_address), await Database.open(postgres_address)
    try:
        async with db.transaction() as tx:
            await outbox.enqueue(
                tx, OutboundMessage("console", "channel", "c", "first", post_key="post-1"), not_before=NOW
            )
        edit_id = await db.run_sync(
            lambda tx: queue_edit(
                cast(SyncTransaction, ClaimedMeanwhile(tx, other)), "post-1", PostContent(body="second")
            )
        )
        rows = await db.fetchall("SELECT id, body, edit_of FROM outbox ORDER BY id")
        assert [(r["body"], r["edit_of"]) for r in rows] == [("first", None), ("second", "post-1")]
        assert edit_id == rows[1]["id"]
    finally:
        await db.close()
        await other.close()
