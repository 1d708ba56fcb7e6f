"""/picket forget-me: remove a member's personal data, keep anonymous totals.

The member row stays (check-ins point at it, so hour totals still add up),
but its display name is replaced, its platform user id becomes an opaque
token, and the member's sign-ups on shifts not yet started are cancelled,
promoting the next in line. Messages still waiting to go to them are dropped
and sent ones no longer name them. A person with linked accounts (/link) is
forgotten on every one of them. All of it is one hop to the database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, iso
from storage.instants import from_iso
from storage.links import forget_links_in
from storage.picket import rows, signup_rules
from storage.picket.feeds import revoke_member_in
from storage.picket.outcomes import Notices, Promoted
from storage.picket.refusals import Code, PicketNotFound
from storage.picket.shifts import promote_in
from storage.picket.signup_rules import Held
from storage.sync_tx import SyncTransaction

FORGOTTEN_NAME = "forgotten member"


@dataclass(frozen=True)
class Forgotten:
    cancelled: int
    promoted: list[Promoted]


async def forget_member(db: Database, member_id: int, *, now: datetime, notices: Notices) -> Forgotten:
    def work(tx: SyncTransaction) -> Forgotten:
        row = tx.fetchone("SELECT platform, platform_user_id FROM members WHERE id = ?", (member_id,))
        if row is None:
            raise PicketNotFound(Code.NO_MEMBER, member_id=member_id)
        token = f"forgotten-{secrets.token_hex(8)}"
        cancelled, promoted = _cancel_sign_ups(tx, member_id, now, notices)
        _forget_account(tx, (row["platform"], row["platform_user_id"]), token)
        tx.execute(
            # Their language and their platform's locale go too: kept, they would say something of them.
            "UPDATE members SET display_name = ?, platform_user_id = ?, forgotten_at = ?, language = NULL,"
            " locale = NULL WHERE id = ?",
            (FORGOTTEN_NAME, token, iso(now), member_id),
        )
        for other in forget_links_in(tx, member_id):  # the person's other accounts (/link)
            other_token = f"forgotten-{secrets.token_hex(8)}"
            _forget_account(tx, other, other_token)
            tx.execute(  # the account's own row, emptied when it was linked
                "UPDATE members SET display_name = ?, platform_user_id = ?, forgotten_at = ?,"
                " language = NULL, locale = NULL WHERE platform = ? AND platform_user_id = ?",
                (FORGOTTEN_NAME, other_token, iso(now), *other),
            )
        revoke_member_in(tx, member_id, now)  # their calendar feed names their shifts
        audit.record_in(tx, member_id, "member.forget", f"member:{member_id}")
        tx.schedule_changed = True  # a forgotten member gets no reminders
        return Forgotten(cancelled, promoted)

    return await db.run_sync(work)


def _forget_account(tx: SyncTransaction, account: tuple[str, str], token: str) -> None:
    """Drop messages still waiting for the account; sent ones no longer name it."""
    tx.execute(
        "DELETE FROM outbox WHERE platform = ? AND target_kind = 'user' AND target_id = ?"
        " AND sent_at IS NULL AND failed_at IS NULL",
        account,
    )
    tx.execute(
        "UPDATE outbox SET target_id = ? WHERE platform = ? AND target_kind = 'user' AND target_id = ?",
        (token, *account),
    )


def _cancel_sign_ups(
    tx: SyncTransaction, member_id: int, now: datetime, notices: Notices
) -> tuple[int, list[Promoted]]:
    """Cancel the member's live sign-ups on shifts not yet started, promoting in their place."""
    held = [
        Held(int(r["id"]), int(r["shift_id"]), r["role"], r["status"], from_iso(r["starts_at"]))
        for r in tx.fetchall(
            "SELECT g.id, g.shift_id, g.role, g.status, sh.starts_at FROM signups g"
            " JOIN shifts sh ON sh.id = g.shift_id WHERE g.member_id = ? AND g.status != 'cancelled'"
            " ORDER BY g.id",
            (member_id,),
        )
    ]
    leaving = signup_rules.to_forget(held, now)
    freed = [entry for entry in leaving if entry.status == "confirmed"]
    shifts = rows.load_shifts(tx, [entry.shift_id for entry in freed])
    rows.set_status(tx, [entry.signup_id for entry in leaving], "cancelled", now)
    promoted: list[Promoted] = []
    for entry in freed:
        after = shifts[entry.shift_id].left(entry.role, "confirmed")
        promoted.extend(promote_in(tx, after, now, notices))
    audit.record_in(tx, member_id, "picket.signup.forget", f"member:{member_id}", f"{len(leaving)} cancelled")
    return len(leaving), promoted
