"""Marking a shift's live posts stale, inside the change's own transaction (see `shift_posts`).

Apart from `shift_posts` so that `rows` and `signup_batch`, which make the
changes, can call it without importing what `shift_posts` itself needs.
"""

from __future__ import annotations

from collections.abc import Iterable

from storage.leases import lease_stamp
from storage.sync_tx import SyncTransaction, in_chunks


def mark_stale(tx: SyncTransaction, shift_ids: Iterable[int]) -> None:
    """The shifts changed: their live posts need an edit (noted once, until it is queued)."""
    stamp = lease_stamp(tx.clock())
    for marks, chunk in in_chunks(sorted(set(shift_ids))):
        cursor = tx.execute(
            "UPDATE shift_posts SET stale_since = ?"
            f" WHERE shift_id IN ({marks}) AND retired_at IS NULL AND stale_since IS NULL",
            (stamp, *chunk),
        )
        if cursor.rowcount:
            tx.posts_changed = True


def mark_stale_by_signups(tx: SyncTransaction, signup_ids: Iterable[int]) -> None:
    """`mark_stale` for the shifts of these sign-ups."""
    for marks, chunk in in_chunks(sorted(set(signup_ids))):
        shift_ids = tx.fetchall(f"SELECT DISTINCT shift_id FROM signups WHERE id IN ({marks})", chunk)
        mark_stale(tx, (int(row[0]) for row in shift_ids))
