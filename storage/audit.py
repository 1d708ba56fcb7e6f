"""The audit log: who changed what, written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database, Transaction, iso
from storage.sync_tx import SyncTransaction


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str | None
    action: str
    subject: str
    detail: str


def record_in(
    tx: SyncTransaction, actor_member_id: int | None, action: str, subject: str, detail: str = ""
) -> None:
    """Record a change inside the caller's transaction, on the connection's thread."""
    tx.execute(
        "INSERT INTO audit_log (at, actor_member_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (iso(tx.clock()), actor_member_id, action, subject, detail[:1000]),
    )


async def record(
    tx: Transaction, actor_member_id: int | None, action: str, subject: str, detail: str = ""
) -> None:
    """`record_in` for a caller in an async `Transaction` (facts, job sources)."""
    await tx.run(lambda sync: record_in(sync, actor_member_id, action, subject, detail))


async def recent(db: Database, limit: int = 50) -> list[AuditEntry]:
    rows = await db.fetchall(
        "SELECT a.at, m.display_name AS actor, a.action, a.subject, a.detail FROM audit_log a "
        "LEFT JOIN members m ON m.id = a.actor_member_id ORDER BY a.id DESC LIMIT ?",
        (limit,),
    )
    return [AuditEntry(r["at"], r["actor"], r["action"], r["subject"], r["detail"]) for r in rows]
