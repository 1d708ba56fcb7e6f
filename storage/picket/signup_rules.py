"""The sign-up rules, over rows already loaded: taking a place or a waitlist position, giving it up.

Pure Python: no SQL. A storm of /picket signup reaches the database as
groups (see `storage.group_commit`); `storage.picket.signup_batch` loads
what a whole group's rules need in a few set-based queries (the members,
the shifts with their counts, the members' live sign-ups) into a
`SignupBook`, which decides each request in arrival order while keeping
those counts current, and then writes the rows the book collected with one
multi-row INSERT per table. The answers are the ones deciding the requests
one at a time would give: same order, same places, same waitlist positions,
same refusals. A single sign-up is a group of one, so these rules exist once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from storage.instants import iso
from storage.picket.model import LiveStatus, Shift, SignupRole
from storage.picket.refusals import Code, PicketError, no_shift

# Identity, SignupRequest and SignupResult are named tuples: a storm makes one of each per
# sign-up, and a tuple is built several times faster than a frozen dataclass.


class Identity(NamedTuple):
    """A member as their platform knows them; the row is created on first sign-up."""

    platform: str
    user_id: str
    display_name: str
    #: The locale the platform gave with this sign-up (``es-419``), noted on the member's row
    #: as `storage.members.ensure_in` notes it: a later notice (a promotion) is written in it.
    locale: str | None = None


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
class LiveSignup:
    """One of a member's live sign-ups, as far as the rules need it."""

    signup_id: int
    shift_id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    shift_cancelled: bool
    #: Known for a sign-up made earlier in this group (it is not in the table yet).
    position: int | None = None


@dataclass(slots=True)
class KnownMember:
    """An existing member row found by platform identity."""

    id: int
    display_name: str
    forgotten: bool
    #: The platform's last locale on the row; None for a linked account other than the
    #: primary, whose sign-ups leave the person's locale alone (notices go to the primary).
    locale: str | None = None
    notes_locale: bool = True


class SignupBook:
    """What one group's rules read, kept current as each request is decided, and the rows to write."""

    def __init__(
        self,
        *,
        known: dict[tuple[str, str], KnownMember],
        shifts: dict[int, Shift],
        live: dict[int, list[LiveSignup]],
        next_signup: int | Iterable[int],
        next_member: int | Iterable[int],
    ) -> None:
        self.known = known
        self.shifts = shifts
        self.live = live
        #: Ids for the rows this group adds (`SyncTransaction.new_ids`), or the first of them.
        #: Ids only grow: each is larger than any taken before.
        self.signup_ids = _ids(next_signup)
        self.member_ids = _ids(next_member)
        #: Rows to write: (id, shift, member, role, status, created, updated) ...
        self.signup_rows: list[tuple[int, int, int, str, str, str, str]] = []
        #: ... (id, platform, user id, display name, created, locale) ...
        self.new_members: list[tuple[int, str, str, str, str, str | None]] = []
        #: ... members to rename (or bring back after /forget-me), by id ...
        self.renamed: dict[int, str] = {}
        #: ... and members whose platform now gives another locale, by id.
        self.relocaled: dict[int, str] = {}
        for shift in shifts.values():
            _ = shift.label  # cached on the loaded shift, so every answer's copy carries it
        # ISO text of each request's "now", made once per group: isoformat is a good part of
        # a sign-up's cost when a storm repeats the same few.
        self.stamps: dict[datetime, str] = {}

    def member_id(self, who: Identity | int) -> int | None:
        if isinstance(who, int):
            return who
        found = self.known.get((who.platform, who.user_id))
        return None if found is None else found.id

    def decide(self, request: SignupRequest) -> SignupResult:
        """Sign up one request, or raise its refusal (and change nothing)."""
        shift = self.shifts.get(request.shift_id)
        if shift is None:
            raise no_shift(request.shift_id)
        check_open(shift, request.now)
        member_id = self.member_id(request.who)
        live = self.live.get(member_id) if member_id is not None else None
        if live:  # a member with no live sign-up (most of a storm) can clash with nothing
            _refuse_second(live, shift.id)
            if request.refuse_overlap:
                _refuse_overlap(live, shift)
        # Every check passed: from here on the sign-up happens.
        if isinstance(request.who, Identity):
            member_id = self._member_row(request.who, request.now, member_id)
        assert member_id is not None
        return self._take(request, shift, member_id)

    def _stamp(self, now: datetime) -> str:
        stamp = self.stamps.get(now)
        if stamp is None:
            stamp = self.stamps[now] = iso(now)
        return stamp

    def _take(self, request: SignupRequest, shift: Shift, member_id: int) -> SignupResult:
        role = request.role
        status: LiveStatus = "confirmed" if shift.has_place_for(role) else "waitlisted"
        signup_id = next(self.signup_ids)
        stamp = self._stamp(request.now)
        self.signup_rows.append((signup_id, shift.id, member_id, role, status, stamp, stamp))
        if status == "confirmed":
            after, position = shift.taken(role), None
        else:
            # Ids only grow, so a new waitlist entry is the last in line.
            after = shift.with_counts(waitlisted=shift.waitlisted + 1)
            position = after.waitlisted
        self.shifts[shift.id] = after
        live = LiveSignup(signup_id, shift.id, status, shift.starts_at, shift.ends_at, False, position)
        self.live.setdefault(member_id, []).append(live)
        return SignupResult(signup_id, after, role, status, position)

    def _member_row(self, who: Identity, now: datetime, member_id: int | None) -> int:
        """The member's id; a new row (or a new name) is written only for a sign-up that happens."""
        if member_id is None:
            member_id = next(self.member_ids)
            self.new_members.append(
                (member_id, who.platform, who.user_id, who.display_name, self._stamp(now), who.locale)
            )
            self.known[(who.platform, who.user_id)] = KnownMember(
                member_id, who.display_name, False, who.locale
            )
            return member_id
        known = self.known[(who.platform, who.user_id)]
        if known.display_name != who.display_name or known.forgotten:
            # A member who comes back after /forget-me is a member again.
            self.renamed[member_id] = who.display_name
            known.display_name, known.forgotten = who.display_name, False
        if known.notes_locale and who.locale is not None and who.locale != known.locale:
            self.relocaled[member_id] = known.locale = who.locale
        return member_id


def _ids(given: int | Iterable[int]) -> Iterator[int]:
    return itertools.count(given) if isinstance(given, int) else iter(given)


def check_open(shift: Shift, now: datetime) -> None:
    """A shift takes sign-ups until it starts, unless it or its site was called off."""
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if shift.site_closed:
        raise PicketError(Code.SITE_CLOSED, site=shift.site_name)
    if shift.starts_at <= now:
        raise PicketError(Code.SIGNUP_CLOSED, shift_id=shift.id)


def _refuse_second(live: list[LiveSignup], shift_id: int) -> None:
    for entry in live:
        if entry.shift_id != shift_id:
            continue
        if entry.status == "confirmed":
            raise PicketError(Code.ALREADY_SIGNED_UP, shift_id=shift_id)
        # A position left None (a sign-up from before this group) is loaded to explain the refusal.
        raise PicketError(
            Code.ALREADY_WAITLISTED, shift_id=shift_id, signup_id=entry.signup_id, position=entry.position
        )


def _refuse_overlap(live: list[LiveSignup], shift: Shift) -> None:
    starts, ends = shift.starts_at, shift.ends_at
    clashes = [
        e
        for e in live
        if not e.shift_cancelled and e.starts_at < ends and e.ends_at > starts and e.shift_id != shift.id
    ]
    if clashes:
        # The other shift itself (for its label) is loaded to explain the refusal.
        other = min(clashes, key=lambda e: e.starts_at).shift_id
        raise PicketError(Code.OVERLAPS, shift_id=shift.id, other_id=other)


def check_leave(shift: Shift, status: LiveStatus | None, now: datetime) -> None:
    """A member gives up a place or a waitlist position until the shift starts (or once it is off)."""
    if status is None:
        raise PicketError(Code.NOT_SIGNED_UP, shift_id=shift.id)
    if shift.starts_at <= now and not shift.cancelled:
        raise PicketError(Code.SHIFT_STARTED, shift_id=shift.id)


class Held(NamedTuple):
    """A member's live sign-up, for /picket forget-me."""

    signup_id: int
    shift_id: int
    role: SignupRole
    status: LiveStatus
    starts_at: datetime


def to_forget(held: Sequence[Held], now: datetime) -> list[Held]:
    """The sign-ups /picket forget-me cancels: those on shifts not yet started (the rest is history)."""
    return [entry for entry in held if entry.starts_at > now]
