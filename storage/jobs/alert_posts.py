"""Which alert message carried which listing: what editing an alert when its listing closes needs.

An alert groups several listings in one message, one message per channel,
so a closed listing may sit in several messages, each beside listings still
open. Links are written when the alert is queued, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.database import Transaction
from storage.jobs.rows import Reader


async def record(tx: Transaction, outbox_id: int, listing_ids: Sequence[int]) -> None:
    await tx.executemany(
        "INSERT OR IGNORE INTO job_alert_messages (outbox_id, listing_id) VALUES (?, ?)",
        [(outbox_id, listing_id) for listing_id in listing_ids],
    )


async def messages_for(reader: Reader, listing_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """The outbox ids of the alerts that carried each listing (listings never alerted are left out)."""
    if not listing_ids:
        return {}
    marks = ",".join("?" for _ in listing_ids)
    rows = await reader.fetchall(
        f"SELECT listing_id, outbox_id FROM job_alert_messages WHERE listing_id IN ({marks})"
        " ORDER BY listing_id, outbox_id",
        listing_ids,
    )
    found: dict[int, list[int]] = {}
    for row in rows:
        found.setdefault(int(row["listing_id"]), []).append(int(row["outbox_id"]))
    return {listing_id: tuple(ids) for listing_id, ids in found.items()}


async def listings_of(reader: Reader, outbox_id: int) -> list[int]:
    """The listings one alert message carried, in the order it showed them (oldest first)."""
    rows = await reader.fetchall(
        "SELECT listing_id FROM job_alert_messages WHERE outbox_id = ? ORDER BY listing_id", (outbox_id,)
    )
    return [int(row["listing_id"]) for row in rows]
