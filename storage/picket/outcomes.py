"""What a picket change did, as plain values: the rules return these and the notices come from them.

Storage never writes a sentence for a member. A write that affects members
other than the one acting (a waitlist promotion, a cancelled or moved shift)
takes a `Notices` function from the feature that owns the words
(`commands.picket.notices`): it turns each outcome into outbound messages,
each in its recipient's language (the write passes a `LanguageOf` lookup),
and the write queues them in the same transaction as the change, on the
database thread. So the function must be pure: no I/O, no asyncio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.outbox.message import OutboundMessage
from storage.picket.model import OnShift, Recipient, Shift, SignupRole
from storage.picket.place_outcomes import PlaceOutcome


@dataclass(frozen=True)
class Promoted:
    """A waitlisted sign-up that got a place."""

    signup_id: int
    role: SignupRole
    display_name: str
    to: Recipient
    #: The shift, with its counts after this promotion.
    shift: Shift
    #: When the place was given: it must be confirmed in time from then (`confirm_rules`).
    at: datetime | None = None

    @property
    def member_id(self) -> int:
        return self.to.member_id


@dataclass(frozen=True)
class ShiftCancelled:
    """A shift called off; everyone on it is told."""

    shift: Shift
    reason: str
    on_it: tuple[OnShift, ...]
    #: Cancelled because its site closed (not by an organizer cancelling the shift itself).
    by_site_closure: bool = False


@dataclass(frozen=True)
class ShiftMoved:
    """A shift moved to another site at the same instants, because its site closed."""

    before: Shift
    after: Shift
    reason: str
    on_it: tuple[OnShift, ...]


Outcome = Promoted | ShiftCancelled | ShiftMoved | PlaceOutcome

#: A member's language as stored (member id -> what they chose with /lang, else their platform's
#: last locale, e.g. ``es-419``; None when neither is known): notices are written in it.
LanguageOf = Callable[[int], str | None]
#: The messages members get about an outcome, each in its recipient's language (`LanguageOf`,
#: asked only for the members a notice goes to); pure, run inside the transaction that made it.
Notices = Callable[[Outcome, LanguageOf], Iterable[OutboundMessage]]
