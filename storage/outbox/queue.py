"""The outbox: messages that are not a direct reply, kept until delivered.

A notice is written in the same transaction as the change that caused it (a
waitlist promotion, a new job listing), so a crash can neither lose it nor
send it for a change that was rolled back. `enqueue_in` does that on the
connection's thread, inside the caller's one-hop write; `enqueue` is the same
for a caller still in an async `Transaction` (the job poller). The delivery
worker is woken when that transaction commits, never before. The delivery worker claims due
messages (`storage.outbox_claims`), sends them and marks them sent; failures
are retried with backoff. Every change to a claimed message names the claim,
and only its holder's change takes effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, Transaction, iso
from storage.outbox.message import NoticeButton, OutboundMessage, PostedRef, TargetKind
from storage.sync_tx import Row, SyncTransaction, in_chunks

__all__ = [
    "MAX_ATTEMPTS",
    "NoticeButton",
    "OutboundMessage",
    "PostedRef",
    "TargetKind",
]  # the values: outbox.message

#: Give up on a message after this many failed attempts (the waits between them: `bot.delivery.SEND_BACKOFF`).
MAX_ATTEMPTS = 12


async def enqueue(
    tx: Transaction, message: OutboundMessage, *, not_before: datetime | None = None
) -> int | None:
    """`enqueue_in` for a caller in an async `Transaction`: the same rule, in one hop."""
    return await tx.run(lambda sync: enqueue_in(sync, message, not_before=not_before))


def enqueue_all(tx: SyncTransaction, messages: Iterable[OutboundMessage]) -> int:
    """Queue each message inside the caller's transaction; returns how many were new."""
    return sum(enqueue_in(tx, message) is not None for message in messages)


def enqueue_in(
    tx: SyncTransaction, message: OutboundMessage, *, not_before: datetime | None = None
) -> int | None:
    """Queue a message inside the caller's transaction; None if its dedupe key was seen."""
    now = tx.clock()
    # RETURNING rather than lastrowid: the same statement on SQLite and PostgreSQL.
    inserted = tx.fetchone(
        "INSERT INTO outbox (created_at, kind, platform, target_kind, target_id, fallback_channel_id,"
        " title, body, footer, dedupe_key, not_before, post_key, edit_of)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        (
            iso(now), message.kind, message.platform, message.target_kind, message.target_id,
            message.fallback_channel_id, message.title, message.body, message.footer,
            message.dedupe_key, iso(not_before or now), message.post_key, message.edit_of,
        ),
    )  # fmt: skip
    if inserted is None:
        return None
    message_id = int(inserted[0])
    write_buttons(tx, message_id, message.buttons)
    tx.outbox_changed = True
    return message_id


def write_buttons(tx: SyncTransaction, message_id: int, buttons: tuple[NoticeButton, ...]) -> None:
    """Set a queued message's buttons (replacing any it had)."""
    tx.execute("DELETE FROM outbox_buttons WHERE outbox_id = ?", (message_id,))
    if buttons:
        tx.executemany(
            "INSERT INTO outbox_buttons (outbox_id, position, label, command, style) VALUES (?, ?, ?, ?, ?)",
            [(message_id, i, b.label, b.command, b.style) for i, b in enumerate(buttons)],
        )


async def mark_sent(
    db: Database, message_id: int, now: datetime, *, claim: str, post: Landed | None = None
) -> bool:
    """Record a delivery; False when `claim` no longer holds the message (it was taken over).

    For a message with a `post_key`, `post` says where it landed, stored under
    that key in the same transaction, so it can be edited later, after a restart too.
    """

    def work(tx: SyncTransaction) -> bool:
        cursor = tx.execute(
            "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, lease_until = NULL"
            " WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
            (iso(now), message_id, claim),
        )
        if post is not None:
            remember_post(tx, post, now)
        return cursor.rowcount == 1

    return await db.run_sync(work)


async def mark_failed_attempt(
    db: Database, message_id: int, error: str, retry_at: datetime, *, claim: str, permanent: bool = False
) -> bool:
    """Record a failure and give the message back; returns True when it is given up on.

    Nothing changes when `claim` no longer holds it: its new holder decides.
    """

    def work(tx: SyncTransaction) -> bool:
        attempts = tx.fetchval(
            "SELECT attempts FROM outbox WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
            (message_id, claim),
        )
        if attempts is None:
            return False
        attempts = int(attempts) + 1
        give_up = permanent or attempts >= MAX_ATTEMPTS
        tx.execute(
            "UPDATE outbox SET attempts = ?, last_error = ?, not_before = ?, failed_at = ?,"
            " claimed_by = NULL, lease_until = NULL WHERE id = ?",
            (attempts, error[:500], iso(retry_at), iso(retry_at) if give_up else None, message_id),
        )
        return give_up

    return await db.run_sync(work)


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

    def work(tx: SyncTransaction) -> None:
        tx.execute(
            "UPDATE outbox SET not_before = ? WHERE sent_at IS NULL AND failed_at IS NULL AND not_before < ?"
            " AND platform = ? AND target_kind = ? AND target_id = ? AND claimed_by IS NULL",
            (iso(until), iso(until), *place),
        )
        tx.execute(
            "UPDATE outbox SET not_before = CASE WHEN not_before > ? THEN not_before ELSE ? END,"
            " claimed_by = NULL, lease_until = NULL"
            " WHERE claimed_by = ? AND sent_at IS NULL AND platform = ? AND target_kind = ? AND target_id = ?",
            (iso(until), iso(until), claim, *place),
        )
        tx.execute(
            "UPDATE outbox SET last_error = ? WHERE id = ? AND claimed_by IS NULL", (error[:500], message.id)
        )

    await db.run_sync(work)


async def pending_count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"))


@dataclass(frozen=True)
class Landed:
    """Where the message queued under `key` landed on `platform`."""

    key: str
    platform: str
    where: PostedRef


def remember_post(tx: SyncTransaction, post: Landed, now: datetime) -> None:
    """Keep where the message for a post key landed (a re-post under the same key replaces it)."""
    posted = post.where
    tx.execute(
        "INSERT INTO posted_messages (key, platform, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET platform = excluded.platform, channel_id = excluded.channel_id,"
        " message_id = excluded.message_id, posted_at = excluded.posted_at, gone_at = NULL",
        (post.key, post.platform, posted.channel_id, posted.message_id, iso(now)),
    )


def buttons_sync(tx: SyncTransaction, ids: list[int]) -> dict[int, tuple[NoticeButton, ...]]:
    """The buttons of messages `ids`, on the database thread (`Database.run_sync`)."""
    found: dict[int, list[NoticeButton]] = {}
    for marks, chunk in in_chunks(ids):
        for row in tx.fetchall(
            f"SELECT * FROM outbox_buttons WHERE outbox_id IN ({marks}) ORDER BY outbox_id, position", chunk
        ):
            found.setdefault(int(row["outbox_id"]), []).append(
                NoticeButton(row["label"], row["command"], row["style"])
            )
    return {key: tuple(value) for key, value in found.items()}


def message_from_row(row: Row, buttons: tuple[NoticeButton, ...]) -> OutboundMessage:
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
        post_key=row["post_key"],
        edit_of=row["edit_of"],
        id=int(row["id"]),
        attempts=int(row["attempts"]),
    )
