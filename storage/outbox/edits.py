"""Editing a message the bot posted itself, through the outbox like any other message.

A message queued with a `post_key` (`OutboundMessage.post_key`) has where it
landed (Discord's message id, Slack's channel and ts) stored under that key
in `posted_messages` when the delivery worker marks it sent, so an edit finds
it after a restart too. `queue_edit` queues new content for it, in the
caller's transaction; the delivery worker sends the edit through the
platform's sender (`edit`), in order with the channel's other messages and
under the same rate limits and Retry-After.

Edits coalesce: while a post or an earlier edit of it still waits unclaimed
in the outbox, its content is replaced instead of a new row being queued, so
a burst of changes costs one request. A post found deleted (Discord's
Unknown Message, Slack's message_not_found) is marked gone and no edit of it
is queued again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.database import Database, iso
from storage.outbox.message import OutboundMessage, PostContent, PostedRef
from storage.outbox.queue import enqueue_in, write_buttons
from storage.sync_tx import Row, SyncTransaction

_WAITING = "sent_at IS NULL AND failed_at IS NULL AND claimed_by IS NULL"


def queue_edit(tx: SyncTransaction, post_key: str, content: PostContent, *, kind: str = "edit") -> int | None:
    """Queue `content` for the message posted under `post_key`; the outbox row that will
    carry it, or None when there is nothing to edit (never queued, given up on, or deleted).

    Run it inside the change's own transaction (`Database.run_sync`, or `Transaction.run`).
    """
    posted = tx.fetchone("SELECT * FROM posted_messages WHERE key = ?", (post_key,))
    if posted is not None and posted["gone_at"] is not None:
        return None
    original = tx.fetchone(
        "SELECT id, platform, target_id, claimed_by, sent_at, failed_at FROM outbox"
        " WHERE post_key = ? ORDER BY id DESC LIMIT 1",
        (post_key,),
    )
    if original is not None and _waiting(original):
        replaced = _replace(tx, int(original["id"]), content)
        if replaced is not None:
            return replaced
    if posted is None and (original is None or original["failed_at"] is not None):
        return None
    pending = tx.fetchval(
        f"SELECT id FROM outbox WHERE edit_of = ? AND {_WAITING} ORDER BY id DESC LIMIT 1", (post_key,)
    )
    if pending is not None and (replaced := _replace(tx, int(pending), content)) is not None:
        return replaced
    where = posted if posted is not None else original
    assert where is not None
    channel = str(posted["channel_id"]) if posted is not None else str(where["target_id"])
    edit = OutboundMessage(
        platform=str(where["platform"]), target_kind="channel", target_id=channel, body=content.body,
        kind=kind, title=content.title, footer=content.footer, buttons=content.buttons, edit_of=post_key,
    )  # fmt: skip
    return enqueue_in(tx, edit)


def _waiting(row: Row) -> bool:
    return row["sent_at"] is None and row["failed_at"] is None and row["claimed_by"] is None


def _replace(tx: SyncTransaction, message_id: int, content: PostContent) -> int | None:
    """Put `content` into a waiting message; None if a sender claimed it since it was read (on
    PostgreSQL claims do not wait for the writers' turn), so a new edit must be queued."""
    cursor = tx.execute(
        f"UPDATE outbox SET title = ?, body = ?, footer = ? WHERE id = ? AND {_WAITING}",
        (content.title, content.body, content.footer, message_id),
    )
    if cursor.rowcount != 1:
        return None
    write_buttons(tx, message_id, content.buttons)
    tx.outbox_changed = True
    return message_id


@dataclass(frozen=True)
class EditTarget:
    """What an edit can do now: ``ready`` (to `where`), ``waiting`` (the post has not gone out
    yet), or ``gone`` (deleted, given up on, or never queued: the edit is dropped)."""

    state: Literal["ready", "waiting", "gone"]
    where: PostedRef | None = None


async def edit_target(db: Database, post_key: str) -> EditTarget:
    """Where the message posted under `post_key` is, for the delivery worker."""

    def work(tx: SyncTransaction) -> EditTarget:
        posted = tx.fetchone("SELECT * FROM posted_messages WHERE key = ?", (post_key,))
        if posted is not None:
            if posted["gone_at"] is not None:
                return EditTarget("gone")
            return EditTarget("ready", PostedRef(str(posted["channel_id"]), str(posted["message_id"])))
        unsent = tx.fetchval(
            "SELECT 1 FROM outbox WHERE post_key = ? AND sent_at IS NULL AND failed_at IS NULL", (post_key,)
        )
        return EditTarget("waiting" if unsent else "gone")

    return await db.run_sync(work, write=False)


async def mark_gone(db: Database, post_key: str, now: datetime) -> None:
    """The message posted under `post_key` was deleted: no edit of it is queued or sent again."""

    def work(tx: SyncTransaction) -> None:
        tx.execute("UPDATE posted_messages SET gone_at = ? WHERE key = ?", (iso(now), post_key))
        tx.execute(
            "UPDATE outbox SET failed_at = ?, last_error = 'the message was deleted'"
            " WHERE edit_of = ? AND sent_at IS NULL AND failed_at IS NULL AND claimed_by IS NULL",
            (iso(now), post_key),
        )

    await db.run_sync(work)


async def drop_edit(db: Database, message_id: int, reason: str, now: datetime, *, claim: str) -> None:
    """Give up an edit that cannot be made (its message is gone): not a failure worth retrying."""

    def work(tx: SyncTransaction) -> None:
        tx.execute(
            "UPDATE outbox SET failed_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL"
            " WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
            (iso(now), reason[:500], message_id, claim),
        )

    await db.run_sync(work)


async def posted(db: Database, post_key: str) -> PostedRef | None:
    """Where the message posted under `post_key` landed, if it was sent and is not gone."""
    row = await db.fetchone(
        "SELECT channel_id, message_id FROM posted_messages WHERE key = ? AND gone_at IS NULL", (post_key,)
    )
    return None if row is None else PostedRef(str(row["channel_id"]), str(row["message_id"]))
