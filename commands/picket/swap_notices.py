"""The messages about places: swaps offered, asked for, taken, refused, withdrawn or lapsed, and a
place from the waitlist that moved on unconfirmed.

Pure, like `notices` (storage runs them inside the change's transaction).
Names in them are members' display names, cleaned on the way in and kept
from pinging anyone here. An approval request goes to the captains on the
shift by name and to the site's channel without names.
"""

from __future__ import annotations

from dataclasses import replace

from commands.picket.notices import _direct, coming_buttons, local_time
from commands.text import no_pings
from storage.outbox.message import NoticeButton, OutboundMessage
from storage.picket.model import Shift
from storage.picket.place_outcomes import (
    Offer,
    PlaceOutcome,
    PromotionLapsed,
    SwapDenied,
    SwapLapsed,
    SwapOffered,
    SwapRequested,
    SwapTaken,
    SwapWithdrawn,
)


def place_notices(outcome: PlaceOutcome) -> list[OutboundMessage]:
    """The messages about `outcome`, one per member (or channel) it concerns; site names and
    notes in shift labels ping no one either."""
    return [replace(message, body=no_pings(message.body)) for message in _compose(outcome)]


def _compose(outcome: PlaceOutcome) -> list[OutboundMessage]:
    if isinstance(outcome, SwapOffered):
        return _offered(outcome)
    if isinstance(outcome, SwapRequested):
        return _requested(outcome)
    if isinstance(outcome, SwapTaken):
        return _taken(outcome)
    if isinstance(outcome, SwapDenied):
        return _denied(outcome)
    if isinstance(outcome, SwapWithdrawn):
        return _withdrawn(outcome)
    if isinstance(outcome, SwapLapsed):
        return _lapsed(outcome)
    return [_promotion_lapsed(outcome)]


def decision_buttons(offer_id: int) -> tuple[NoticeButton, ...]:
    return (
        NoticeButton("Approve", f"picket swap approve {offer_id}", "primary"),
        NoticeButton("Refuse", f"picket swap deny {offer_id}", "danger"),
    )


def _offered(done: SwapOffered) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    return [
        _direct(
            entry.to,
            shift,
            kind="swap-offer",
            title="A place is offered for swap",
            body=f"A place on shift {shift.label}, which you're waiting for, is offered for a swap"
            f" (offer #{offer.id}). Take it before {local_time(offer.deadline, shift)}:"
            f" /picket swap take {offer.id}",
            dedupe_key=f"swap-offer:{offer.id}:{entry.signup_id}",
            buttons=(NoticeButton("Take it", f"picket swap take {offer.id}", "primary"),),
        )
        for entry in done.waiting
    ]


def _requested(done: SwapRequested) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    assert offer.taker is not None
    taker, offerer = no_pings(offer.taker.name), no_pings(offer.offerer.name)
    asked = (offer.asked_at.isoformat() if offer.asked_at else "") + f":{offer.taker.member_id}"
    messages = [
        _direct(
            captain,
            shift,
            kind="swap-approval",
            title="A swap waits for your approval",
            body=f"{taker} asks to take {offerer}'s place on shift {shift.label} (offer #{offer.id})."
            f" /picket swap approve {offer.id} or /picket swap deny {offer.id}",
            dedupe_key=f"swap-ask:{offer.id}:{asked}:{captain.member_id}",
            buttons=decision_buttons(offer.id),
        )
        for captain in done.captains
    ]
    if shift.site_platform and shift.site_channel_id:
        messages.append(
            OutboundMessage(
                platform=shift.site_platform,
                target_kind="channel",
                target_id=shift.site_channel_id,
                kind="swap-approval",
                title="A swap waits for a captain",
                body=no_pings(
                    f"Someone asks to take a place offered on shift {shift.label} (offer #{offer.id}):"
                    f" a captain approves swaps at this site. Captains: /picket swap list {shift.id}"
                ),
                buttons=decision_buttons(offer.id),
                dedupe_key=f"swap-ask:{offer.id}:{asked}:channel",
            )
        )
    messages.append(
        _direct(
            offer.offerer.to,
            shift,
            kind="swap-asked",
            title="Someone asked for your place",
            body=f"{taker} asked to take your place on shift {shift.label} (offer #{offer.id}). A captain"
            " approves swaps at this site; the place stays yours until one does.",
            dedupe_key=f"swap-asked:{offer.id}:{asked}",
        )
    )
    return messages


def _taken(done: SwapTaken) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    assert offer.taker is not None
    taker, offerer = no_pings(offer.taker.name), no_pings(offer.offerer.name)
    approved = f", approved by {no_pings(done.approved_by)}" if done.approved_by else ""
    messages = [
        _direct(
            offer.offerer.to,
            shift,
            kind="swap-taken",
            title="Your place was taken",
            body=f"{taker} took your place on shift {shift.label} (offer #{offer.id}{approved}):"
            " you're off the shift. Thank you for passing it on.",
            dedupe_key=f"swap-taken:{offer.id}:offerer",
        )
    ]
    if done.approved_by:  # the taker asked a while ago; a direct take was answered at once
        messages.append(
            _direct(
                offer.taker.to,
                shift,
                kind="swap-taken",
                title="Swap approved",
                body=f"A captain approved your swap: you're on shift {shift.label} in {offerer}'s place."
                " See you there!",
                dedupe_key=f"swap-taken:{offer.id}:taker",
                buttons=(NoticeButton("Release my place", f"picket release {shift.id}", "danger"),),
            )
        )
    return messages


def _denied(done: SwapDenied) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    key = f"swap-denied:{offer.id}:{done.taker.member_id}"
    return [
        _direct(
            done.taker.to, shift, kind="swap-denied", title="Swap not approved",
            body=f"A captain didn't approve your taking the place offered on shift {shift.label}"
            f" (offer #{offer.id}). You're not on the shift.",
            dedupe_key=key + ":taker",
        ),
        _direct(
            offer.offerer.to, shift, kind="swap-denied", title="Swap not approved",
            body=f"A captain didn't approve {no_pings(done.taker.name)} taking your place on shift"
            f" {shift.label}. It's still yours, and still offered (offer #{offer.id}).",
            dedupe_key=key + ":offerer",
        ),
    ]  # fmt: skip


def _withdrawn(done: SwapWithdrawn) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    messages = []
    if done.taker is not None:
        by = " by a captain" if done.by_captain else ""
        messages.append(
            _direct(
                done.taker.to,
                shift,
                kind="swap-withdrawn",
                title="Swap offer withdrawn",
                body=f"The place you asked for on shift {shift.label} (offer #{offer.id}) was withdrawn{by}."
                " You're not on the shift.",
                dedupe_key=f"swap-withdrawn:{offer.id}:taker",
            )
        )
    if done.by_captain:
        messages.append(
            _direct(
                offer.offerer.to,
                shift,
                kind="swap-withdrawn",
                title="Swap offer withdrawn",
                body=f"A captain withdrew your swap offer #{offer.id}: your place on shift {shift.label}"
                " is still yours.",
                dedupe_key=f"swap-withdrawn:{offer.id}:offerer",
                buttons=coming_buttons(shift.id),
            )
        )
    return messages


def _lapsed(done: SwapLapsed) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    messages = []
    if done.taker is not None:
        why = (
            "no longer stands: the place is gone"
            if done.void
            else "ended before a captain approved it"
            + (": the place went to the waitlist" if done.to_waitlist else "")
        )
        messages.append(
            _direct(
                done.taker.to,
                shift,
                kind="swap-lapsed",
                title="Swap offer ended",
                body=f"The place you asked for on shift {shift.label} (offer #{offer.id}) {why}."
                " You're not on the shift.",
                dedupe_key=f"swap-lapsed:{offer.id}:taker",
            )
        )
    if not done.void:
        messages.append(_lapsed_offerer(offer, shift, done.to_waitlist))
    return messages


def _lapsed_offerer(offer: Offer, shift: Shift, to_waitlist: bool) -> OutboundMessage:
    by = local_time(offer.deadline, shift)
    if to_waitlist:
        body = (
            f"Nobody took your place on shift {shift.label} by {by}, so it went to the next person on the"
            " waitlist: you're off the shift."
        )
        buttons: tuple[NoticeButton, ...] = ()
    else:
        body = (
            f"Nobody took your place on shift {shift.label} by {by} and nobody is waiting, so it stays"
            f" yours. Please come, or release it: /picket release {shift.id}"
        )
        buttons = coming_buttons(shift.id)
    return _direct(
        offer.offerer.to,
        shift,
        kind="swap-lapsed",
        title="Your swap offer ended",
        body=body,
        dedupe_key=f"swap-lapsed:{offer.id}:offerer",
        buttons=buttons,
    )


def _promotion_lapsed(done: PromotionLapsed) -> OutboundMessage:
    shift = done.shift
    return _direct(
        done.to,
        shift,
        kind="promotion-lapsed",
        title="Your place went to the next in line",
        body=f"You didn't confirm your place on shift {shift.label} by {local_time(done.confirm_by, shift)},"
        " so it went to the next person on the waitlist. Can you still come? Sign up again:"
        f" /picket signup {shift.id}",
        dedupe_key=f"promotion-lapsed:{done.signup_id}",
        buttons=(NoticeButton("Sign up again", f"picket signup {shift.id}", "primary"),),
    )
