"""Live shift posts: a message in a channel that shows a shift's counts and is kept up to date.

A post is recorded with `create_in`, in the same transaction that queues its
message through the outbox under the post's key (`OutboundMessage.post_key`).
Re-posting a shift in a channel where it already has a live post retires the
older one: it gets one last edit (the caller's words, pointing at the new
post) and is not kept up after that.

Any change to a shift's counts or details marks its live posts stale
(`post_marks.mark_stale`), inside the change's own transaction and once per transaction:
a group of 500 sign-ups marks a shift once. The post editor
(`bot.picket.posts`), woken after the commit, queues the edits with
`refresh_due`, at most one per post every `gap` (the platforms allow about one
edit a second per channel), so a storm of clicks costs a handful of edits and
the last one shows the true count within `gap` of the last change. Edits
coalesce in the outbox too (`storage.outbox.edits.queue_edit`).

Times here are microsecond stamps (`lease_stamp`), so they compare as text
to well under the gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.database import Database
from storage.instants import from_iso
from storage.leases import lease_stamp
from storage.outbox.edits import queue_edit
from storage.outbox.message import OutboundMessage, PostContent
from storage.outbox.queue import enqueue_in
from storage.picket import rows, shift_rules
from storage.picket.model import Shift
from storage.picket.post_marks import mark_stale, mark_stale_by_signups
from storage.sync_tx import Row, SyncTransaction

__all__ = ["Render", "mark_stale", "mark_stale_by_signups", "next_due_at", "post", "post_in", "refresh_due"]

#: The words of a post for a shift as it is now (`commands.picket.posts.live_post`).
Render = Callable[[Shift], PostContent]


def post_key(post_id: int) -> str:
    return f"shift-post:{post_id}"


@dataclass(frozen=True)
class NewPost:
    key: str
    #: Keys of the posts it replaced in the same channel (they get one last edit).
    replaced: tuple[str, ...]


def create_in(tx: SyncTransaction, shift_id: int, platform: str, channel_id: str, now: datetime) -> NewPost:
    """Record a live post of the shift in the channel; the older one there, if any, retires."""
    stamp = lease_stamp(now)
    old = tx.fetchall(
        "SELECT id, post_key FROM shift_posts"
        " WHERE shift_id = ? AND platform = ? AND channel_id = ? AND retired_at IS NULL",
        (shift_id, platform, channel_id),
    )
    if old:
        tx.executemany(
            "UPDATE shift_posts SET retired_at = ?, stale_since = NULL WHERE id = ?",
            [(stamp, int(row["id"])) for row in old],
        )
    post_id = tx.insert(
        "INSERT INTO shift_posts (shift_id, platform, channel_id, post_key, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (shift_id, platform, channel_id, f"new:{stamp}", stamp),
    )
    key = post_key(post_id)
    tx.execute("UPDATE shift_posts SET post_key = ? WHERE id = ?", (key, post_id))
    return NewPost(key, tuple(str(row["post_key"]) for row in old))


def _due_at(row: Row, gap: timedelta) -> datetime:
    stale = from_iso(row["stale_since"])
    edited = row["last_edit_at"]
    return stale if edited is None else max(stale, from_iso(edited) + gap)


async def post(
    db: Database, shift_id: int, channel: tuple[str, str], now: datetime, render: Render, replaced: Render
) -> Shift:
    """Queue a live post of the shift in `channel` (platform, channel id), in one transaction.

    An older live post of it in that channel gets `replaced`'s words as its last edit.
    """

    def work(tx: SyncTransaction) -> Shift:
        shift = rows.require_shift(tx, shift_id)
        shift_rules.check_postable(shift, now)
        post_in(tx, shift, channel, now, render, replaced)
        return shift

    return await db.run_sync(work)


def post_in(
    tx: SyncTransaction,
    shift: Shift,
    channel: tuple[str, str],
    now: datetime,
    render: Render,
    replaced: Render,
) -> str:
    """`post` inside the caller's transaction (a shift just added); the post's key."""
    platform, channel_id = channel
    new = create_in(tx, shift.id, platform, channel_id, now)
    content = render(shift)
    message = OutboundMessage(
        platform=platform, target_kind="channel", target_id=channel_id, body=content.body,
        kind="shift-post", title=content.title, footer=content.footer, buttons=content.buttons,
        post_key=new.key,
    )  # fmt: skip
    enqueue_in(tx, message)
    for key in new.replaced:
        queue_edit(tx, key, replaced(shift), kind="shift-post")
    return new.key


def refresh_due_in(tx: SyncTransaction, now: datetime, gap: timedelta, render: Render) -> int:
    """Queue an edit for every stale post whose last edit is at least `gap` old; how many."""
    stale = tx.fetchall(
        "SELECT id, shift_id, post_key, stale_since, last_edit_at FROM shift_posts"
        " WHERE stale_since IS NOT NULL AND retired_at IS NULL"
    )
    due = [row for row in stale if _due_at(row, gap) <= now]
    if not due:
        return 0
    shifts = rows.load_shifts(tx, [int(row["shift_id"]) for row in due])
    stamp = lease_stamp(now)
    for row in due:
        queue_edit(tx, str(row["post_key"]), render(shifts[int(row["shift_id"])]), kind="shift-post")
    tx.executemany(
        "UPDATE shift_posts SET stale_since = NULL, last_edit_at = ? WHERE id = ?",
        [(stamp, int(row["id"])) for row in due],
    )
    return len(due)


async def refresh_due(db: Database, now: datetime, gap: timedelta, render: Render) -> int:
    return await db.run_sync(lambda tx: refresh_due_in(tx, now, gap, render))


async def next_due_at(db: Database, gap: timedelta) -> datetime | None:
    """When the next stale post may be edited; None when every post is up to date."""
    stale = await db.fetchall(
        "SELECT stale_since, last_edit_at FROM shift_posts WHERE stale_since IS NOT NULL AND retired_at IS NULL"
    )
    return min((_due_at(row, gap) for row in stale), default=None)
