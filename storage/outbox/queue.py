"""The outbox: messages that are not a direct reply, kept until delivered.

A notice is written in the same transaction as the change that caused it (a
waitlist promotion, a new job listing), so a crash can neither lose it nor
send it for a change that was rolled back. The delivery worker claims due
messages (`storage.outbox_claims`), sends them and marks them sent; failures
are retried with backoff. Every change to a claimed message names the claim,
and only its holder's change takes effect.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from commands.reply import Button
from storage.database import Database, Transaction, iso
from storage.sync_tx import SyncTransaction, in_chunks

TargetKind = Literal["channel", "user"]
#: Give up on a message after this many failed attempts (the waits between them: `bot.delivery.SEND_BACKOFF`).
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class OutboundMessage:
    """A message to send: to a channel, or to a user directly."""

    platform: str
    target_kind: TargetKind
    target_id: str
    body: str
    kind: str = "notice"
    title: str | None = None
    footer: str | None = None
    buttons: tuple[Button, ...] = ()
    fallback_channel_id: str | None = None
    dedupe_key: str | None = None
    id: int = 0
    attempts: int = 0


async def enqueue(
    tx: Transaction, message: OutboundMessage, *, not_before: datetime | None = None
) -> int | None:
    """Queue a message inside the caller's transaction; None if its dedupe key was seen."""
    now = tx.db.clock()
    cursor = await tx.execute(
        "INSERT INTO outbox (created_at, kind, platform, target_kind, target_id, fallback_channel_id,"
        " title, body, footer, dedupe_key, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (dedupe_key) DO NOTHING",
        (
            iso(now), message.kind, message.platform, message.target_kind, message.target_id,
            message.fallback_channel_id, message.title, message.body, message.footer,
            message.dedupe_key, iso(not_before or now),
        ),
    )  # fmt: skip
    if cursor.rowcount == 0:
        return None
    message_id = cursor.lastrowid
    assert message_id is not None
    await tx.executemany(
        "INSERT INTO outbox_buttons (outbox_id, position, label, command, style) VALUES (?, ?, ?, ?, ?)",
        [(message_id, i, b.label, b.command, b.style) for i, b in enumerate(message.buttons)],
    )
    tx.db.outbox_changed.set()
    return message_id


async def mark_sent(db: Database, message_id: int, now: datetime, *, claim: str) -> bool:
    """Record a delivery; False when `claim` no longer holds the message (it was taken over)."""

    def work(tx: SyncTransaction) -> bool:
        cursor = tx.execute(
            "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, lease_until = NULL"
            " WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
            (iso(now), message_id, claim),
        )
        return cursor.rowcount == 1

    return await db.run_sync(work)


async def mark_failed_attempt(
    db: Database, message_id: int, error: str, retry_at: datetime, *, claim: str, permanent: bool = False
) -> bool:
    """Record a failure and give the message back; returns True when it is given up on.

    Nothing changes when `claim` no longer holds it: its new holder decides.
    """
    async with db.transaction() as tx:
        attempts = await tx.fetchval(
            "SELECT attempts FROM outbox WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
            (message_id, claim),
        )
        if attempts is None:
            return False
        attempts = int(attempts) + 1
        give_up = permanent or attempts >= MAX_ATTEMPTS
        await tx.execute(
            "UPDATE outbox SET attempts = ?, last_error = ?, not_before = ?, failed_at = ?,"
            " claimed_by = NULL, lease_until = NULL WHERE id = ?",
            (attempts, error[:500], iso(retry_at), iso(retry_at) if give_up else None, message_id),
        )
        return give_up


async def defer_target(
    db: Database, message: OutboundMessage, error: str, until: datetime, *, claim: str
) -> None:
    """The platform asked us to wait (a rate limit): hold every unsent message to the
    same place until `until`, so they keep their order and are not refused one by one.

    Not a failed attempt: the message is fine, so waiting never counts towards giving up.
    The ones this claim holds are given back; those another process holds are left to it
    (their order is what tells which one a crashed holder was sending).
    """
    place = (message.platform, message.target_kind, message.target_id)
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE outbox SET not_before = ? WHERE sent_at IS NULL AND failed_at IS NULL AND not_before < ?"
            " AND platform = ? AND target_kind = ? AND target_id = ? AND claimed_by IS NULL",
            (iso(until), iso(until), *place),
        )
        await tx.execute(
            "UPDATE outbox SET not_before = max(not_before, ?), claimed_by = NULL, lease_until = NULL"
            " WHERE claimed_by = ? AND sent_at IS NULL AND platform = ? AND target_kind = ? AND target_id = ?",
            (iso(until), claim, *place),
        )
        await tx.execute(
            "UPDATE outbox SET last_error = ? WHERE id = ? AND claimed_by IS NULL", (error[:500], message.id)
        )


async def pending_count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"))


def buttons_sync(tx: SyncTransaction, ids: list[int]) -> dict[int, tuple[Button, ...]]:
    """The buttons of messages `ids`, on the database thread (`Database.run_sync`)."""
    found: dict[int, list[Button]] = {}
    for marks, chunk in in_chunks(ids):
        for row in tx.fetchall(
            f"SELECT * FROM outbox_buttons WHERE outbox_id IN ({marks}) ORDER BY outbox_id, position", chunk
        ):
            found.setdefault(int(row["outbox_id"]), []).append(
                Button(row["label"], row["command"], row["style"])
            )
    return {key: tuple(value) for key, value in found.items()}


def message_from_row(row: sqlite3.Row, buttons: tuple[Button, ...]) -> OutboundMessage:
    return OutboundMessage(
        platform=row["platform"],
        target_kind=row["target_kind"],
        target_id=row["target_id"],
        body=row["body"],
        kind=row["kind"],
        title=row["title"],
        footer=row["footer"],
        buttons=buttons,
        fallback_channel_id=row["fallback_channel_id"],
        dedupe_key=row["dedupe_key"],
        id=int(row["id"]),
        attempts=int(row["attempts"]),
    )
