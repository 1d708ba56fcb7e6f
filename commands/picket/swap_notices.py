"""The messages about places: swaps offered, asked for, taken, refused, withdrawn or lapsed, and a
place from the waitlist that moved on unconfirmed.

Pure, like `notices` (storage runs them inside the change's transaction).
Names in them are members' display names, cleaned on the way in and kept
from pinging anyone here. An approval request goes to the captains on the
shift by name and to the site's channel without names. Each message is
written in its reader's language (`notices.Readers`); the channel's in
``[bot] language``.
"""

from __future__ import annotations

from dataclasses import replace

from commands.i18n import _
from commands.picket.moments import plain_label
from commands.picket.notices import Readers, _direct, coming_buttons, local_time
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


def place_notices(outcome: PlaceOutcome, readers: Readers | None = None) -> list[OutboundMessage]:
    """The messages about `outcome`, one per member (or channel) it concerns; site names and
    notes in shift labels ping no one either."""
    return [
        replace(message, body=no_pings(message.body)) for message in _compose(outcome, readers or Readers())
    ]


def _compose(outcome: PlaceOutcome, readers: Readers) -> list[OutboundMessage]:
    if isinstance(outcome, SwapOffered):
        return _offered(outcome, readers)
    if isinstance(outcome, SwapRequested):
        return _requested(outcome, readers)
    if isinstance(outcome, SwapTaken):
        return _taken(outcome, readers)
    if isinstance(outcome, SwapDenied):
        return _denied(outcome, readers)
    if isinstance(outcome, SwapWithdrawn):
        return _withdrawn(outcome, readers)
    if isinstance(outcome, SwapLapsed):
        return _lapsed(outcome, readers)
    with readers.writing_to(outcome.to):
        return [_promotion_lapsed(outcome)]


def decision_buttons(offer_id: int) -> tuple[NoticeButton, ...]:
    return (
        NoticeButton(_("Approve"), f"picket swap approve {offer_id}", "primary"),
        NoticeButton(_("Refuse"), f"picket swap deny {offer_id}", "danger"),
    )


def _offered(done: SwapOffered, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    messages = []
    for entry in done.waiting:
        with readers.writing_to(entry.to):
            body = _(
                "A place on shift {label}, which you're waiting for, is offered for a swap (offer #{offer})."
                " Take it before {deadline}: /picket swap take {offer}"
            ).format(label=plain_label(shift), offer=offer.id, deadline=local_time(offer.deadline, shift))
            messages.append(
                _direct(
                    entry.to,
                    shift,
                    kind="swap-offer",
                    title=_("A place is offered for swap"),
                    body=body,
                    dedupe_key=f"swap-offer:{offer.id}:{entry.signup_id}",
                    buttons=(NoticeButton(_("Take it"), f"picket swap take {offer.id}", "primary"),),
                )
            )
    return messages


def _requested(done: SwapRequested, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    assert offer.taker is not None
    taker, offerer = no_pings(offer.taker.name), no_pings(offer.offerer.name)
    asked = (offer.asked_at.isoformat() if offer.asked_at else "") + f":{offer.taker.member_id}"
    messages = []
    for captain in done.captains:
        with readers.writing_to(captain):
            body = _(
                "{taker} asks to take {offerer}'s place on shift {label} (offer #{offer})."
                " /picket swap approve {offer} or /picket swap deny {offer}"
            ).format(taker=taker, offerer=offerer, label=plain_label(shift), offer=offer.id)
            messages.append(
                _direct(
                    captain,
                    shift,
                    kind="swap-approval",
                    title=_("A swap waits for your approval"),
                    body=body,
                    dedupe_key=f"swap-ask:{offer.id}:{asked}:{captain.member_id}",
                    buttons=decision_buttons(offer.id),
                )
            )
    if shift.site_platform and shift.site_channel_id:
        with readers.writing_to(None):  # read by everyone in the channel
            body = _(
                "Someone asks to take a place offered on shift {label} (offer #{offer}):"
                " a captain approves swaps at this site. Captains: /picket swap list {id}"
            ).format(label=plain_label(shift), offer=offer.id, id=shift.id)
            messages.append(
                OutboundMessage(
                    platform=shift.site_platform,
                    target_kind="channel",
                    target_id=shift.site_channel_id,
                    kind="swap-approval",
                    title=_("A swap waits for a captain"),
                    body=no_pings(body),
                    buttons=decision_buttons(offer.id),
                    dedupe_key=f"swap-ask:{offer.id}:{asked}:channel",
                )
            )
    with readers.writing_to(offer.offerer.to):
        body = _(
            "{taker} asked to take your place on shift {label} (offer #{offer}). A captain"
            " approves swaps at this site; the place stays yours until one does."
        ).format(taker=taker, label=plain_label(shift), offer=offer.id)
        messages.append(
            _direct(
                offer.offerer.to,
                shift,
                kind="swap-asked",
                title=_("Someone asked for your place"),
                body=body,
                dedupe_key=f"swap-asked:{offer.id}:{asked}",
            )
        )
    return messages


def _taken(done: SwapTaken, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    assert offer.taker is not None
    taker, offerer = no_pings(offer.taker.name), no_pings(offer.offerer.name)
    with readers.writing_to(offer.offerer.to):
        if done.approved_by:
            body = _(
                "{taker} took your place on shift {label} (offer #{offer}, approved by {captain}):"
                " you're off the shift. Thank you for passing it on."
            )
        else:
            body = _(
                "{taker} took your place on shift {label} (offer #{offer}): you're off the shift."
                " Thank you for passing it on."
            )
        messages = [
            _direct(
                offer.offerer.to,
                shift,
                kind="swap-taken",
                title=_("Your place was taken"),
                body=body.format(
                    taker=taker,
                    label=plain_label(shift),
                    offer=offer.id,
                    captain=no_pings(done.approved_by or ""),
                ),
                dedupe_key=f"swap-taken:{offer.id}:offerer",
            )
        ]
    if done.approved_by:  # the taker asked a while ago; a direct take was answered at once
        with readers.writing_to(offer.taker.to):
            messages.append(
                _direct(
                    offer.taker.to,
                    shift,
                    kind="swap-taken",
                    title=_("Swap approved"),
                    body=_(
                        "A captain approved your swap: you're on shift {label} in {offerer}'s place."
                        " See you there!"
                    ).format(label=plain_label(shift), offerer=offerer),
                    dedupe_key=f"swap-taken:{offer.id}:taker",
                    buttons=(NoticeButton(_("Release my place"), f"picket release {shift.id}", "danger"),),
                )
            )
    return messages


def _denied(done: SwapDenied, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    key = f"swap-denied:{offer.id}:{done.taker.member_id}"
    messages = []
    with readers.writing_to(done.taker.to):
        body = _(
            "A captain didn't approve your taking the place offered on shift {label}"
            " (offer #{offer}). You're not on the shift."
        ).format(label=plain_label(shift), offer=offer.id)
        messages.append(
            _direct(
                done.taker.to, shift, kind="swap-denied", title=_("Swap not approved"), body=body,
                dedupe_key=key + ":taker",
            )
        )  # fmt: skip
    with readers.writing_to(offer.offerer.to):
        body = _(
            "A captain didn't approve {taker} taking your place on shift {label}."
            " It's still yours, and still offered (offer #{offer})."
        ).format(taker=no_pings(done.taker.name), label=plain_label(shift), offer=offer.id)
        messages.append(
            _direct(
                offer.offerer.to, shift, kind="swap-denied", title=_("Swap not approved"), body=body,
                dedupe_key=key + ":offerer",
            )
        )  # fmt: skip
    return messages


def _withdrawn(done: SwapWithdrawn, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    messages = []
    if done.taker is not None:
        with readers.writing_to(done.taker.to):
            body = (
                _(
                    "The place you asked for on shift {label} (offer #{offer}) was withdrawn by a captain."
                    " You're not on the shift."
                )
                if done.by_captain
                else _(
                    "The place you asked for on shift {label} (offer #{offer}) was withdrawn."
                    " You're not on the shift."
                )
            )
            messages.append(
                _direct(
                    done.taker.to,
                    shift,
                    kind="swap-withdrawn",
                    title=_("Swap offer withdrawn"),
                    body=body.format(label=plain_label(shift), offer=offer.id),
                    dedupe_key=f"swap-withdrawn:{offer.id}:taker",
                )
            )
    if done.by_captain:
        with readers.writing_to(offer.offerer.to):
            messages.append(
                _direct(
                    offer.offerer.to,
                    shift,
                    kind="swap-withdrawn",
                    title=_("Swap offer withdrawn"),
                    body=_(
                        "A captain withdrew your swap offer #{offer}: your place on shift {label} is still yours."
                    ).format(offer=offer.id, label=plain_label(shift)),
                    dedupe_key=f"swap-withdrawn:{offer.id}:offerer",
                    buttons=coming_buttons(shift.id),
                )
            )
    return messages


def _lapsed(done: SwapLapsed, readers: Readers) -> list[OutboundMessage]:
    offer, shift = done.offer, done.shift
    messages = []
    if done.taker is not None:
        with readers.writing_to(done.taker.to):
            if done.void:
                body = _(
                    "The place you asked for on shift {label} (offer #{offer}) no longer stands:"
                    " the place is gone. You're not on the shift."
                )
            elif done.to_waitlist:
                body = _(
                    "The place you asked for on shift {label} (offer #{offer}) ended before a captain"
                    " approved it: the place went to the waitlist. You're not on the shift."
                )
            else:
                body = _(
                    "The place you asked for on shift {label} (offer #{offer}) ended before a captain"
                    " approved it. You're not on the shift."
                )
            messages.append(
                _direct(
                    done.taker.to,
                    shift,
                    kind="swap-lapsed",
                    title=_("Swap offer ended"),
                    body=body.format(label=plain_label(shift), offer=offer.id),
                    dedupe_key=f"swap-lapsed:{offer.id}:taker",
                )
            )
    if not done.void:
        with readers.writing_to(offer.offerer.to):
            messages.append(_lapsed_offerer(offer, shift, done.to_waitlist))
    return messages


def _lapsed_offerer(offer: Offer, shift: Shift, to_waitlist: bool) -> OutboundMessage:
    by = local_time(offer.deadline, shift)
    if to_waitlist:
        body = _(
            "Nobody took your place on shift {label} by {by}, so it went to the next person on the"
            " waitlist: you're off the shift."
        ).format(label=plain_label(shift), by=by)
        buttons: tuple[NoticeButton, ...] = ()
    else:
        body = _(
            "Nobody took your place on shift {label} by {by} and nobody is waiting, so it stays"
            " yours. Please come, or release it: /picket release {id}"
        ).format(label=plain_label(shift), by=by, id=shift.id)
        buttons = coming_buttons(shift.id)
    return _direct(
        offer.offerer.to,
        shift,
        kind="swap-lapsed",
        title=_("Your swap offer ended"),
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
        title=_("Your place went to the next in line"),
        body=_(
            "You didn't confirm your place on shift {label} by {by}, so it went to the next person on the"
            " waitlist. Can you still come? Sign up again: /picket signup {id}"
        ).format(label=plain_label(shift), by=local_time(done.confirm_by, shift), id=shift.id),
        dedupe_key=f"promotion-lapsed:{done.signup_id}",
        buttons=(NoticeButton(_("Sign up again"), f"picket signup {shift.id}", "primary"),),
    )
