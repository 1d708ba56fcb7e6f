"""/picket forget-me: remove a member's personal data, keep anonymous totals.

The member row stays (check-ins point at it, so hour totals still add up),
but its display name is replaced, its platform user id becomes an opaque
token, and the member's sign-ups on shifts not yet started are cancelled,
promoting the next in line. Messages still waiting to go to them are dropped
and sent ones no longer name them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, iso
from storage.picket.common import PicketNotFound
from storage.picket.shifts import Promotion
from storage.picket.signups import forget_in

FORGOTTEN_NAME = "forgotten member"


@dataclass(frozen=True)
class Forgotten:
    cancelled: int
    promoted: list[Promotion]


async def forget_member(db: Database, member_id: int, *, now: datetime) -> Forgotten:
    async with db.transaction() as tx:
        row = await tx.fetchone("SELECT platform, platform_user_id FROM members WHERE id = ?", (member_id,))
        if row is None:
            raise PicketNotFound(f"there is no member #{member_id}")
        token = f"forgotten-{secrets.token_hex(8)}"
        cancelled, promoted = await forget_in(tx, member_id, now=now)
        old = (row["platform"], row["platform_user_id"])
        await tx.execute(
            "DELETE FROM outbox WHERE platform = ? AND target_kind = 'user' AND target_id = ?"
            " AND sent_at IS NULL AND failed_at IS NULL",
            old,
        )
        await tx.execute(
            "UPDATE outbox SET target_id = ? WHERE platform = ? AND target_kind = 'user' AND target_id = ?",
            (token, *old),
        )
        await tx.execute(
            "UPDATE members SET display_name = ?, platform_user_id = ?, forgotten_at = ? WHERE id = ?",
            (FORGOTTEN_NAME, token, iso(now), member_id),
        )
        await audit.record(tx, member_id, "member.forget", f"member:{member_id}")
    db.schedule_changed.set()
    return Forgotten(cancelled, promoted)
