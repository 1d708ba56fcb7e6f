"""The audit log: who changed what, written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database, Transaction, iso


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str | None
    action: str
    subject: str
    detail: str


async def record(
    tx: Transaction, actor_member_id: int | None, action: str, subject: str, detail: str = ""
) -> None:
    await tx.execute(
        "INSERT INTO audit_log (at, actor_member_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (iso(tx.db.clock()), actor_member_id, action, subject, detail[:1000]),
    )


async def recent(db: Database, limit: int = 50) -> list[AuditEntry]:
    rows = await db.fetchall(
        "SELECT a.at, m.display_name AS actor, a.action, a.subject, a.detail FROM audit_log a "
        "LEFT JOIN members m ON m.id = a.actor_member_id ORDER BY a.id DESC LIMIT ?",
        (limit,),
    )
    return [AuditEntry(r["at"], r["actor"], r["action"], r["subject"], r["detail"]) for r in rows]
