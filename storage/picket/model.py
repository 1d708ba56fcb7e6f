"""The picket model: sites, shifts with their counts, and who a notice goes to. Plain values.

A shift's instants are in UTC; ``local_date``, ``local_start`` and
``local_end`` keep the wall-clock definition in the site's zone, so a series
defined as "09:00–12:00 on weekdays" reads the same on both sides of a
daylight-saving change.

Places: ``capacity`` counts everyone confirmed, captains included, and
``captains_needed`` of those places are held for captains until enough
captains have signed up. A member takes a place only when one is open after
that hold; a captain takes any open place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from storage.picket.common import local_span

SignupRole = Literal["member", "captain"]
LiveStatus = Literal["confirmed", "waitlisted"]


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    address: str
    timezone: str
    notes: str
    platform: str | None
    channel_id: str | None
    created_at: str
    closed_at: str | None
    closed_reason: str | None
    #: "open": a swap takes effect when taken; "approve": a captain approves it first.
    swaps: str = "open"

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class Shift:
    id: int
    site_id: int
    site_name: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    local_date: str
    local_start: str
    local_end: str
    capacity: int
    captains_needed: int
    notes: str
    series_id: int | None
    cancelled_at: str | None
    cancel_reason: str | None
    site_closed: bool
    site_platform: str | None
    site_channel_id: str | None
    #: Confirmed sign-ups, captains included.
    confirmed: int
    #: Confirmed captains.
    captains: int
    waitlisted: int
    #: "picket", or a strike duty named in [picket.duties] (phone-bank, kitchen...).
    kind: str = "picket"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    # Computed once per instance and kept in its dict (a frozen dataclass without slots
    # allows that). `with_counts` copies carry them along: they do not depend on counts.
    @functools.cached_property
    def span(self) -> str:
        """Start and end in the site's local time."""
        return local_span(self.starts_at, self.ends_at, self.timezone)

    @functools.cached_property
    def label(self) -> str:
        duty = "" if self.kind == "picket" else f" ({self.kind})"
        return f"#{self.id} {self.site_name}{duty}, {self.span}"

    @property
    def captains_short(self) -> int:
        return max(0, self.captains_needed - self.captains)

    @property
    def member_places_open(self) -> int:
        """Places a member may take: open places less those still held for captains."""
        return self.capacity - self.confirmed - self.captains_short

    def has_place_for(self, role: SignupRole) -> bool:
        if role == "captain":
            return self.confirmed < self.capacity
        return self.member_places_open > 0

    def taken(self, role: SignupRole) -> Shift:
        """The counts after one more confirmed sign-up in `role`."""
        return self.with_counts(confirmed=self.confirmed + 1, captains=self.captains + (role == "captain"))

    def promoted(self, role: SignupRole) -> Shift:
        """The counts after a waiting sign-up in `role` takes a place."""
        after = self.taken(role)
        return after.with_counts(waitlisted=after.waitlisted - 1)

    def left(self, role: SignupRole, status: LiveStatus) -> Shift:
        """The counts after a live sign-up in `role` and `status` is given up."""
        if status == "waitlisted":
            return self.with_counts(waitlisted=self.waitlisted - 1)
        return self.with_counts(confirmed=self.confirmed - 1, captains=self.captains - (role == "captain"))

    def with_counts(self, **counts: int) -> Shift:
        """A copy with new `confirmed`, `captains` or `waitlisted` counts.

        A sign-up storm makes one of these per sign-up, on the database thread;
        copying the instance dict is several times cheaper than
        `dataclasses.replace`, which re-runs the 21-field frozen __init__.
        """
        if not counts.keys() <= _COUNTS:
            raise TypeError(f"not a count: {sorted(counts.keys() - _COUNTS)}")
        copy = object.__new__(Shift)
        fields = copy.__dict__
        fields.update(self.__dict__)
        fields.update(counts)
        return copy


_COUNTS = frozenset({"confirmed", "captains", "waitlisted"})


@dataclass(frozen=True)
class NewShift:
    """One shift to create: its instants and the wall-clock definition they came from."""

    starts_at: datetime
    ends_at: datetime
    local_date: date
    local_start: time
    local_end: time


@dataclass(frozen=True)
class Recipient:
    """A member a notice goes to, as their platform knows them."""

    member_id: int
    platform: str
    platform_user_id: str


@dataclass(frozen=True)
class OnShift:
    """A live sign-up on a shift, with who to tell when the shift changes."""

    signup_id: int
    to: Recipient
    status: LiveStatus


@dataclass(frozen=True)
class Waiting:
    """A waitlisted sign-up, in line for a place."""

    signup_id: int
    role: SignupRole
    display_name: str
    to: Recipient
