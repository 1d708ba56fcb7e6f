"""Outbox claims: a delivering process holds the messages it sends, for a while (a lease).

Two processes on one database (a rolling deploy, several instances) must
never both send a message. On PostgreSQL a claim does not take the writers'
turn (the advisory lock every other write takes): it locks the rows it
takes with ``FOR UPDATE SKIP LOCKED``, so claimers never wait for each other
or for sign-ups, and a row another claim is taking is skipped, not doubled. A worker claims a batch of due messages in one transaction:
each row gets the batch's claim token (``claimed_by``: the process's id and
a batch number) and a lease (``lease_until``). Only the holder of a claim
marks its messages sent, failed or deferred (see `storage.outbox`); it
renews the lease while it works and releases what it did not finish. A
holder that dies (kill -9, power loss) stops renewing, and once its lease
runs out another process takes the messages over; at once, when the holder
is known to be dead (a restart on the same machine, see `storage.leases`).

The one case no outbox can close: a holder that dies after the platform
accepted a message but before that message was marked sent. The message is
sent again by whoever takes it over. A worker sends one message at a time
per batch, in claim order, and marks each sent before it starts the next, so
of the messages still held by a dead batch only the first can have reached
the platform. That one comes back flagged `maybe_sent`, to be counted and
logged; on Discord its nonce makes Discord drop the repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from storage.database import Database, iso
from storage.leases import holder_is_gone, lease_stamp
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from storage.sync_tx import SyncTransaction, in_chunks

_PENDING = "sent_at IS NULL AND failed_at IS NULL"


@dataclass(frozen=True)
class Claimed:
    """A batch of messages held under one claim token until `lease_until`."""

    token: str
    messages: tuple[OutboundMessage, ...]
    lease_until: datetime
    #: Taken over from a holder that stopped, so possibly sent before.
    maybe_sent: frozenset[int] = frozenset()
    #: How many of `messages` were taken over from a holder whose lease ran out.
    taken_over: int = 0


async def claim_due(
    db: Database, token: str, platform: str, now: datetime, lease_until: datetime, limit: int = 50
) -> Claimed:
    """Claim up to `limit` due, unclaimed (or abandoned) messages for `platform`, oldest first."""

    # PostgreSQL: claims lock the rows they take and skip rows another claim is taking, instead
    # of waiting for the writers' turn (`Database.run_row_locked`).
    skip_locked = " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""

    def work(tx: SyncTransaction) -> Claimed:
        stamp = lease_stamp(now)
        # Claims of a process known to be dead need not be waited out (storage.leases).
        gone = [
            str(row[0])
            for row in tx.fetchall(
                f"SELECT DISTINCT claimed_by FROM outbox WHERE {_PENDING} AND platform = ?"
                " AND claimed_by IS NOT NULL AND lease_until > ?",
                (platform, stamp),
            )
            if holder_is_gone(str(row[0]))
        ]
        marks = ", ".join("?" * len(gone))
        rows = tx.fetchall(
            f"SELECT * FROM outbox WHERE {_PENDING} AND not_before <= ? AND platform = ?"
            f" AND (claimed_by IS NULL OR lease_until <= ? OR claimed_by IN ({marks}))"
            f" ORDER BY not_before, id LIMIT ?{skip_locked}",
            (iso(now), platform, stamp, *gone, limit),
        )
        if not rows:
            return Claimed(token, (), lease_until)
        ids = [int(row["id"]) for row in rows]
        abandoned = {str(row["claimed_by"]) for row in rows if row["claimed_by"] is not None}
        # Before this batch overwrites the claims: each abandoned batch's first unsent message.
        maybe_sent = frozenset(_first_held(tx, holder) for holder in abandoned)
        for marks, chunk in in_chunks(ids):
            tx.execute(
                f"UPDATE outbox SET claimed_by = ?, lease_until = ? WHERE id IN ({marks})",
                (token, lease_stamp(lease_until), *chunk),
            )
        buttons = outbox.buttons_sync(tx, ids)
        messages = tuple(outbox.message_from_row(row, buttons.get(int(row["id"]), ())) for row in rows)
        taken_over = sum(row["claimed_by"] is not None for row in rows)
        return Claimed(token, messages, lease_until, maybe_sent, taken_over)

    return await db.run_row_locked(work)


def _first_held(tx: SyncTransaction, holder: str) -> int:
    """The message of `holder`'s batch it would have been sending: the first it had not settled."""
    return int(
        tx.fetchval(
            f"SELECT id FROM outbox WHERE claimed_by = ? AND {_PENDING} ORDER BY not_before, id LIMIT 1",
            (holder,),
        )
    )


async def renew(db: Database, claim: Claimed, now: datetime, lease_until: datetime) -> Claimed | None:
    """Extend the lease on the messages `claim` still holds; None once its lease has run out.

    A lease that ran out may already be someone else's, so it is never renewed:
    the worker stops sending from that batch.
    """

    def work(tx: SyncTransaction) -> None:
        tx.execute(
            f"UPDATE outbox SET lease_until = ? WHERE claimed_by = ? AND {_PENDING} AND lease_until > ?",
            (lease_stamp(lease_until), claim.token, lease_stamp(now)),
        )

    if now >= claim.lease_until:
        return None
    await db.run_sync(work)
    return replace(claim, lease_until=lease_until)


async def release(db: Database, token: str, *, keep: int | None = None) -> None:
    """Give back every unsent message of a batch, except `keep` (a send whose outcome is unknown)."""

    def work(tx: SyncTransaction) -> None:
        tx.execute(
            "UPDATE outbox SET claimed_by = NULL, lease_until = NULL"
            " WHERE claimed_by = ? AND sent_at IS NULL AND id IS NOT ?",
            (token, keep),
        )

    await db.run_sync(work)


async def next_ready_at(db: Database, platform: str, now: datetime) -> datetime | None:
    """When a message for `platform` can next be claimed: due, or its holder's lease run out."""
    row = await db.fetchone(
        "SELECT min(CASE WHEN claimed_by IS NULL OR lease_until <= :stamp THEN not_before END) AS due,"
        " min(CASE WHEN claimed_by IS NOT NULL AND lease_until > :stamp THEN lease_until END) AS freed"
        f" FROM outbox WHERE {_PENDING} AND platform = :platform",
        {"stamp": lease_stamp(now), "platform": platform},
    )
    if row is None:
        return None
    moments = [datetime.fromisoformat(value) for value in (row["due"], row["freed"]) if value is not None]
    return min(moments, default=None)
