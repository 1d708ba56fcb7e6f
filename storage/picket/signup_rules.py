"""The sign-up rules, applied to a whole group of requests in one pass.

A storm of /picket signup reaches the database as groups (see
`storage.group_commit`). Deciding each request with its own handful of
statements costs about a hundred microseconds of SQL apiece. Here a group
reads what its rules need in a few set-based queries (the members, the
shifts with their counts, the members' live sign-ups), decides each request
in arrival order in Python while keeping those counts current, and writes
the new rows with one multi-row INSERT per table. The answers are the ones
deciding the requests one at a time would give: same order, same places,
same waitlist positions, same refusals. A single sign-up is a group of one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Literal, NamedTuple

from storage.database import iso
from storage.picket.common import PicketError
from storage.picket.shifts import Shift, SignupRole, load_many_sync, no_shift, require_sync
from storage.sync_tx import SyncTransaction, in_chunks

LiveStatus = Literal["confirmed", "waitlisted"]

POSITION_SQL = "SELECT count(*) FROM signups WHERE shift_id = ? AND status = 'waitlisted' AND id <= ?"
#: Parameters per multi-row INSERT: well under SQLite's limit on bound parameters.
_MAX_PARAMS = 4000


# Identity, SignupRequest and SignupResult are named tuples: a storm makes one of each per
# sign-up, and a tuple is built several times faster than a frozen dataclass.


class Identity(NamedTuple):
    """A member as their platform knows them; the row is created on first sign-up."""

    platform: str
    user_id: str
    display_name: str


class SignupRequest(NamedTuple):
    shift_id: int
    #: The member: by platform identity (created if new) or by row id.
    who: Identity | int
    role: SignupRole
    now: datetime
    refuse_overlap: bool


class SignupResult(NamedTuple):
    signup_id: int
    #: The shift with its counts after this sign-up.
    shift: Shift
    role: SignupRole
    status: LiveStatus
    #: Place in the waitlist (1 is next), when waitlisted.
    position: int | None


@dataclass(slots=True)
class _Live:
    """One of a member's live sign-ups, as far as the rules need it."""

    signup_id: int
    shift_id: int
    status: str
    starts_at: str
    ends_at: str
    shift_cancelled: bool
    #: Known for a sign-up made earlier in this group (it is not in the table yet).
    position: int | None = None


@dataclass(slots=True)
class _Known:
    """An existing member row found by platform identity."""

    id: int
    display_name: str
    forgotten: bool


def decide_group(tx: SyncTransaction, requests: Sequence[SignupRequest]) -> list[SignupResult | Exception]:
    """Sign up each request in order; a refused one gets its PicketError and writes nothing."""
    group = _Group(tx, requests)
    answers: list[SignupResult | Exception] = []
    for request in requests:
        try:
            answers.append(group.decide(request))
        except PicketError as refusal:
            answers.append(refusal)
    group.write()
    return answers


class _Group:
    """What one group's rules read, kept current as each request is decided."""

    def __init__(self, tx: SyncTransaction, requests: Sequence[SignupRequest]) -> None:
        self.tx = tx
        self.known = _known_members([r.who for r in requests if isinstance(r.who, Identity)], tx)
        self.shifts = load_many_sync(tx, {r.shift_id for r in requests})
        member_ids = {r.who if isinstance(r.who, int) else self._known_id(r.who) for r in requests}
        self.live = _live_signups(tx, {m for m in member_ids if m is not None})
        self.next_signup = int(tx.fetchval("SELECT coalesce(max(id), 0) FROM signups")) + 1
        self.next_member = int(tx.fetchval("SELECT coalesce(max(id), 0) FROM members")) + 1
        self.signup_rows: list[tuple[int, int, int, str, str, str, str]] = []
        self.new_members: list[tuple[int, str, str, str, str]] = []
        self.renamed: dict[int, str] = {}
        # ISO text of the shifts' instants and of each request's "now", made once per group:
        # isoformat is a good part of a sign-up's cost when a storm repeats the same few.
        self.spans = {i: (iso(s.starts_at), iso(s.ends_at)) for i, s in self.shifts.items()}
        for shift in self.shifts.values():
            _ = shift.label  # cached on the loaded shift, so every answer's copy carries it
        self.stamps: dict[datetime, str] = {}

    def _stamp(self, now: datetime) -> str:
        stamp = self.stamps.get(now)
        if stamp is None:
            stamp = self.stamps[now] = iso(now)
        return stamp

    def _known_id(self, who: Identity) -> int | None:
        found = self.known.get((who.platform, who.user_id))
        return None if found is None else found.id

    def decide(self, request: SignupRequest) -> SignupResult:
        shift = self.shifts.get(request.shift_id)
        if shift is None:
            raise no_shift(request.shift_id)
        _check_open(shift, request.now)
        member_id = request.who if isinstance(request.who, int) else self._known_id(request.who)
        live = self.live.get(member_id) if member_id is not None else None
        if live:  # a member with no live sign-up (most of a storm) can clash with nothing
            self._refuse_second(live, shift.id)
            if request.refuse_overlap:
                self._refuse_overlap(live, shift)
        # Every check passed: from here on the sign-up happens.
        if isinstance(request.who, Identity):
            member_id = self._member_row(request.who, request.now, member_id)
        assert member_id is not None
        return self._take(request, shift, member_id)

    def _take(self, request: SignupRequest, shift: Shift, member_id: int) -> SignupResult:
        role = request.role
        status: LiveStatus = "confirmed" if shift.has_place_for(role) else "waitlisted"
        signup_id = self.next_signup
        self.next_signup += 1
        stamp = self._stamp(request.now)
        self.signup_rows.append((signup_id, shift.id, member_id, role, status, stamp, stamp))
        if status == "confirmed":
            after, position = shift.taken(role), None
        else:
            # Ids only grow, so a new waitlist entry is the last in line.
            after = shift.with_counts(waitlisted=shift.waitlisted + 1)
            position = after.waitlisted
        self.shifts[shift.id] = after
        live = _Live(signup_id, shift.id, status, *self.spans[shift.id], False, position)
        self.live.setdefault(member_id, []).append(live)
        return SignupResult(signup_id, after, role, status, position)

    def _member_row(self, who: Identity, now: datetime, member_id: int | None) -> int:
        """The member's id; a new row (or a new name) is written only for a sign-up that happens."""
        if member_id is None:
            member_id = self.next_member
            self.next_member += 1
            self.new_members.append(
                (member_id, who.platform, who.user_id, who.display_name, self._stamp(now))
            )
            self.known[(who.platform, who.user_id)] = _Known(member_id, who.display_name, False)
            return member_id
        known = self.known[(who.platform, who.user_id)]
        if known.display_name != who.display_name or known.forgotten:
            # A member who comes back after /forget-me is a member again.
            self.renamed[member_id] = who.display_name
            known.display_name, known.forgotten = who.display_name, False
        return member_id

    def _refuse_second(self, live: list[_Live], shift_id: int) -> None:
        for entry in live:
            if entry.shift_id != shift_id:
                continue
            if entry.status == "confirmed":
                raise PicketError(f"you're already signed up for shift #{shift_id}")
            place = entry.position
            if place is None:
                place = int(self.tx.fetchval(POSITION_SQL, (shift_id, entry.signup_id)))
            raise PicketError(f"you're already on the waitlist for shift #{shift_id} (position {place})")

    def _refuse_overlap(self, live: list[_Live], shift: Shift) -> None:
        starts, ends = self.spans[shift.id]
        clashes = [
            e
            for e in live
            if not e.shift_cancelled and e.starts_at < ends and e.ends_at > starts and e.shift_id != shift.id
        ]
        if clashes:
            other = require_sync(self.tx, min(clashes, key=lambda e: e.starts_at).shift_id)
            raise PicketError(
                f"you're already signed up for shift {other.label}, which overlaps this one "
                f"(cancel it first with /picket cancel {other.id})"
            )

    def write(self) -> None:
        _insert_rows(
            self.tx, "members (id, platform, platform_user_id, display_name, created_at)", self.new_members
        )
        if self.renamed:
            self.tx.executemany(
                "UPDATE members SET display_name = ?, forgotten_at = NULL WHERE id = ?",
                [(name, member_id) for member_id, name in self.renamed.items()],
            )
        _insert_rows(
            self.tx,
            "signups (id, shift_id, member_id, role, status, created_at, updated_at)",
            self.signup_rows,
        )


def _insert_rows(tx: SyncTransaction, into: str, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert with one multi-row INSERT per chunk rather than executemany.

    The database thread gives up the GIL around every statement step, and
    getting it back while the event loop is busy can take a whole switch
    interval; one step per chunk instead of one per row keeps a storm's
    writes from stalling that way.
    """
    if not rows:
        return
    width = len(rows[0])
    chunk = max(1, _MAX_PARAMS // width)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        values = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(part))
        tx.execute(f"INSERT INTO {into} VALUES {values}", list(chain.from_iterable(part)))


def _check_open(shift: Shift, now: datetime) -> None:
    if shift.cancelled:
        raise PicketError(f"shift #{shift.id} is cancelled")
    if shift.site_closed:
        raise PicketError(f"site {shift.site_name} is closed")
    if shift.starts_at <= now:
        raise PicketError(f"sign-up for shift #{shift.id} closed when it started")


def _known_members(people: list[Identity], tx: SyncTransaction) -> dict[tuple[str, str], _Known]:
    by_platform: dict[str, set[str]] = {}
    for who in people:
        by_platform.setdefault(who.platform, set()).add(who.user_id)
    known: dict[tuple[str, str], _Known] = {}
    for platform, user_ids in by_platform.items():
        for marks, chunk in in_chunks(user_ids):
            rows = tx.fetchall(
                "SELECT id, platform_user_id, display_name, forgotten_at FROM members"
                f" WHERE platform = ? AND platform_user_id IN ({marks})",
                (platform, *chunk),
            )
            for row in rows:
                found = _Known(int(row[0]), str(row[2]), row[3] is not None)
                known[(platform, str(row[1]))] = found
    return known


def _live_signups(tx: SyncTransaction, member_ids: set[int]) -> dict[int, list[_Live]]:
    live: dict[int, list[_Live]] = {}
    for marks, chunk in in_chunks(member_ids):
        rows = tx.fetchall(
            "SELECT g.id, g.member_id, g.shift_id, g.status, sh.starts_at, sh.ends_at, sh.cancelled_at"
            " FROM signups g JOIN shifts sh ON sh.id = g.shift_id"
            f" WHERE g.member_id IN ({marks}) AND g.status != 'cancelled'",
            chunk,
        )
        for row in rows:
            entry = _Live(int(row[0]), int(row[2]), str(row[3]), str(row[4]), str(row[5]), row[6] is not None)
            live.setdefault(int(row[1]), []).append(entry)
    return live
