"""The shifts under way now and who is checked in at each (for /picket now)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from storage import audit, members
from storage.database import Database, iso
from storage.outbox.message import OutboundMessage
from storage.outbox.queue import enqueue_in
from storage.picket import rows
from storage.picket.model import Recipient, Shift
from storage.picket.refusals import Code, PicketError
from storage.sync_tx import Row, SyncTransaction


@dataclass(frozen=True)
class Present:
    """Someone checked in and not checked out."""

    member_id: int
    display_name: str
    platform: str
    platform_user_id: str
    forgotten: bool = False

    @property
    def reachable(self) -> bool:
        """Whether a notice can reach them (not a walk-in by plain name, not forgotten)."""
        return self.platform != members.PLAIN_NAME and not self.forgotten


@dataclass(frozen=True)
class UnderWay:
    shift: Shift
    present: tuple[Present, ...]


_PRESENT = """
SELECT c.shift_id, m.id AS member_id, m.display_name, m.platform, m.platform_user_id, m.forgotten_at
FROM checkins c JOIN members m ON m.id = c.member_id
WHERE c.shift_id = ? AND c.status IN ('present', 'walk-in') AND c.checked_out_at IS NULL
ORDER BY c.checked_in_at, m.id
"""


def _present(r: Row) -> Present:
    return Present(
        member_id=int(r["member_id"]),
        display_name=str(r["display_name"]),
        platform=str(r["platform"]),
        platform_user_id=str(r["platform_user_id"]),
        forgotten=r["forgotten_at"] is not None,
    )


async def under_way(db: Database, now: datetime) -> list[UnderWay]:
    """Shifts started and not ended (not cancelled), by site name, with who is there."""
    found = await db.fetchall(
        rows.SHIFT_SELECT + " WHERE sh.cancelled_at IS NULL AND sh.starts_at <= ? AND sh.ends_at > ?"
        " ORDER BY s.name COLLATE NOCASE, sh.starts_at, sh.id",
        (iso(now), iso(now)),
    )
    shifts = [rows.shift_from_row(row) for row in found]
    result = []
    for shift in shifts:
        people = await db.fetchall(_PRESENT, (shift.id,))
        present = tuple(_present(r) for r in people)
        result.append(UnderWay(shift, present))
    return result


@dataclass(frozen=True)
class MoveAsked:
    """A captain asked a checked-in member to move: the shift they are on, the one asked for."""

    to: Recipient
    from_shift: Shift
    to_shift: Shift
    #: False when the same ask was already queued (a second click).
    queued: bool
    #: What the member reads, as stored (`storage.members.spoken_in`): the notice is written in it.
    language: str | None = None


#: Composes the member's notice (`commands.picket.notices`), queued in the same transaction.
MoveNotice = Callable[[MoveAsked], OutboundMessage]


async def ask_to_move(
    db: Database, to_shift_id: int, member_id: int, *, asked_by: int, now: datetime, notice: MoveNotice
) -> MoveAsked:
    """Queue a notice asking a member checked in at a shift under way to go to another."""

    def work(tx: SyncTransaction) -> MoveAsked:
        to_shift = rows.require_shift(tx, to_shift_id)
        if to_shift.cancelled:
            raise PicketError(Code.SHIFT_CANCELLED, shift_id=to_shift_id)
        if now >= to_shift.ends_at:
            raise PicketError(Code.SHIFT_OVER, shift_id=to_shift_id)
        if now < to_shift.starts_at:  # the rule /picket now uses for "under way"
            raise PicketError(Code.NOT_UNDER_WAY, shift_id=to_shift_id)
        found = tx.fetchone(
            "SELECT c.shift_id, m.platform, m.platform_user_id,"
            " COALESCE(NULLIF(m.language, ''), NULLIF(m.locale, '')) AS language FROM checkins c"
            " JOIN shifts sh ON sh.id = c.shift_id JOIN members m ON m.id = c.member_id"
            " WHERE c.member_id = ? AND c.status IN ('present', 'walk-in') AND c.checked_out_at IS NULL"
            " AND sh.cancelled_at IS NULL AND sh.starts_at <= ? AND sh.ends_at > ?"
            " AND m.forgotten_at IS NULL AND m.platform != ? ORDER BY c.checked_in_at DESC LIMIT 1",
            (member_id, iso(now), iso(now), members.PLAIN_NAME),
        )
        if found is None:
            raise PicketError(Code.NOT_PRESENT_NOW)
        if int(found["shift_id"]) == to_shift_id:
            raise PicketError(Code.ALREADY_THERE, shift_id=to_shift_id)
        from_shift = rows.require_shift(tx, int(found["shift_id"]))
        if from_shift.local_date != to_shift.local_date:
            raise PicketError(Code.MOVE_OTHER_DAY, shift_id=to_shift_id)
        to = Recipient(member_id, str(found["platform"]), str(found["platform_user_id"]))
        asked = MoveAsked(to, from_shift, to_shift, queued=True, language=found["language"])
        queued = enqueue_in(tx, notice(asked)) is not None
        if queued:
            # What lets them check in at the asked shift without a place on it (`checkins.record`).
            tx.execute(
                "INSERT INTO move_asks (member_id, from_shift_id, to_shift_id, asked_by, asked_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (member_id, from_shift.id, to_shift_id, asked_by, iso(now)),
            )
            audit.record_in(tx, asked_by, "picket.ask-move", f"shift:{to_shift_id}", f"member {member_id}")
        return MoveAsked(to, asked.from_shift, to_shift, queued)

    return await db.run_sync(work)
