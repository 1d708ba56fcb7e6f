"""Which channels get job alerts, for one company or for all of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, Transaction, iso
from storage.jobs.rows import Reader


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel_id: str
    #: None: every company.
    company: str | None

    def wants(self, company: str) -> bool:
        return self.company is None or self.company.casefold() == company.casefold()


async def subscribe(
    tx: Transaction, platform: str, channel_id: str, company: str | None, member_id: int | None, now: datetime
) -> bool:
    """Add a subscription; False when the channel already had exactly this one."""
    cursor = await tx.execute(
        "INSERT INTO job_subscriptions (platform, channel_id, company, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (platform, channel_id, company, member_id, iso(now)),
    )
    return cursor.rowcount > 0


async def unsubscribe(tx: Transaction, platform: str, channel_id: str, company: str | None) -> int:
    """Remove one company's subscription, or with None every subscription of the channel."""
    if company is None:
        cursor = await tx.execute(
            "DELETE FROM job_subscriptions WHERE platform = ? AND channel_id = ?", (platform, channel_id)
        )
    else:
        cursor = await tx.execute(
            "DELETE FROM job_subscriptions WHERE platform = ? AND channel_id = ? AND company = ?",
            (platform, channel_id, company),
        )
    return cursor.rowcount


async def for_channel(reader: Reader, platform: str, channel_id: str) -> list[Subscription]:
    rows = await reader.fetchall(
        "SELECT platform, channel_id, company FROM job_subscriptions WHERE platform = ? AND channel_id = ?"
        " ORDER BY company IS NOT NULL, company",
        (platform, channel_id),
    )
    return [Subscription(row["platform"], row["channel_id"], row["company"]) for row in rows]


async def all_subscriptions(reader: Reader) -> list[Subscription]:
    rows = await reader.fetchall("SELECT platform, channel_id, company FROM job_subscriptions ORDER BY id")
    return [Subscription(row["platform"], row["channel_id"], row["company"]) for row in rows]


def channels_for(subscriptions: Iterable[Subscription], company: str) -> list[tuple[str, str]]:
    """Each (platform, channel) that wants ``company``'s listings, once, in subscription order."""
    found = [(s.platform, s.channel_id) for s in subscriptions if s.wants(company)]
    return list(dict.fromkeys(found))


async def ensure(db: Database, wanted: Iterable[Subscription], now: datetime) -> int:
    """Add configured subscriptions that are missing; returns how many were added."""
    added = 0
    async with db.transaction() as tx:
        for subscription in wanted:
            if await subscribe(
                tx, subscription.platform, subscription.channel_id, subscription.company, None, now
            ):
                added += 1
    return added
