"""Check-in codes: each shift's secret, and finding the shift a typed code belongs to.

The rules (how a code is made, how long it lasts) are in `code_rules`. A
secret is made the first time a captain shows a shift's code; a typed code is
matched against the shifts open for check-in now that have one.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from storage.database import Database, iso
from storage.picket import code_rules, rows
from storage.picket.model import Shift
from storage.sync_tx import SyncTransaction


async def current_code(db: Database, shift_id: int, now: datetime, minutes: int) -> tuple[Shift, str]:
    """The shift and its code for now, making the shift's secret on first use."""

    def work(tx: SyncTransaction) -> tuple[Shift, str]:
        shift = rows.require_shift(tx, shift_id)
        tx.execute(
            "INSERT INTO checkin_code_keys (shift_id, secret, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (shift_id) DO NOTHING",
            (shift_id, secrets.token_hex(32), iso(now)),
        )
        secret = str(tx.fetchval("SELECT secret FROM checkin_code_keys WHERE shift_id = ?", (shift_id,)))
        window = code_rules.window_of(now, minutes)
        return shift, code_rules.code_at(bytes.fromhex(secret), shift_id, window)

    return await db.run_sync(work)


async def shift_for_code(
    db: Database, code: str, now: datetime, *, minutes: int, opens_minutes: int
) -> int | None:
    """The shift open for check-in now whose current (or just-replaced) code is `code`."""
    found = await db.fetchall(
        "SELECT k.shift_id, k.secret FROM checkin_code_keys k JOIN shifts sh ON sh.id = k.shift_id"
        " WHERE sh.cancelled_at IS NULL AND sh.starts_at <= ? AND sh.ends_at >= ?",
        (iso(now + timedelta(minutes=opens_minutes)), iso(now)),
    )
    for row in found:
        shift_id = int(row["shift_id"])
        if code_rules.matches(code, bytes.fromhex(str(row["secret"])), shift_id, now, minutes):
            return shift_id
    return None
