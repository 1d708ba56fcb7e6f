"""Discord interactions already received over HTTP: a replayed one claims nothing twice.

`claim` records an interaction's id and says whether this was the first time
it was seen. Claims that arrive together (a storm of button clicks) share one
transaction (`Database.run_batched`), each decided on its own row with
``INSERT ... ON CONFLICT DO NOTHING``, so with several instances on one
database exactly one of them claims an id. Rows whose window has passed are
pruned on the way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from storage.database import Database
from storage.instants import iso
from storage.sync_tx import SyncTransaction


class Claim(NamedTuple):
    interaction_id: str
    seen_at: str
    expires_at: str


def claim(db: Database, interaction_id: str, now: datetime, expires: datetime) -> asyncio.Future[bool]:
    """True (once awaited) the first time `interaction_id` is seen, until `expires`; False after."""
    return db.run_batched(_claim_all, Claim(interaction_id, iso(now), iso(expires)))


def _claim_all(tx: SyncTransaction, claims: Sequence[Claim]) -> list[bool | Exception]:
    tx.execute("DELETE FROM discord_interactions WHERE expires_at < ?", (min(c.seen_at for c in claims),))
    return [
        tx.execute(
            "INSERT INTO discord_interactions (id, seen_at, expires_at) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            each,
        ).rowcount
        == 1
        for each in claims
    ]


async def count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM discord_interactions"))
