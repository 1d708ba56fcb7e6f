"""Slack HTTP requests already seen: a replay or a retry claims nothing twice.

`claim` records a request's key and says whether this was the first time it
was seen, in one transaction; rows whose window has passed are pruned on the
way. The key is chosen by the caller (a hash of the raw body, which a replay
and a Slack retry share). With several instances on one database, the primary
key lets exactly one of them claim a request.
"""

from __future__ import annotations

from datetime import datetime

from storage.database import Database, iso
from storage.sync_tx import SyncTransaction


async def claim(db: Database, key: str, now: datetime, expires: datetime) -> bool:
    """True the first time `key` is seen (until `expires`); False for a repeat."""
    seen_at, until = iso(now), iso(expires)

    def work(tx: SyncTransaction) -> bool:
        tx.execute("DELETE FROM slack_requests WHERE expires_at < ?", (seen_at,))
        first = tx.execute(
            "INSERT INTO slack_requests (key, seen_at, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (key, seen_at, until),
        ).rowcount
        if first:
            return True
        # A retry arrives with a later timestamp: keep refusing it as long as it could come.
        tx.execute(
            "UPDATE slack_requests SET expires_at = CASE WHEN expires_at > ? THEN expires_at ELSE ? END WHERE key = ?",
            (until, until, key),
        )
        return False

    return await db.run_sync(work)


async def count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM slack_requests"))
