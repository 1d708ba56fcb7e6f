"""Job listings as chat text: one short block per listing.

Titles, companies, places and links come from job boards, so they are
untrusted. They were cleaned of control characters when fetched; here they
are put in the block as literal text (the adapters escape Markdown and
mrkdwn when it is shown, see `commands.markup`), and the listing's address
is the bot's one link, shown only when it is http(s).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from commands.facts.pay import ReferenceFigures, compare_lines
from commands.i18n import _
from commands.jobs.pay_text import pay_text
from commands.markup import link
from commands.money import format_money
from commands.text import no_pings, shorten
from commands.when import cldr_moment
from storage.jobs.rows import StoredListing

MAX_TITLE = 200
MAX_PLACE = 80


def day_month(moment: datetime) -> str:
    """``7 Dec`` (``7 dic`` in Spanish): Babel's month names in the language being spoken."""
    return cldr_moment(moment, "d MMM")


def weekday_time(moment: datetime) -> str:
    """``Mon 7 Dec 14:30`` (``lun 7 dic 14:30`` in Spanish), at `moment`'s own offset."""
    return cldr_moment(moment, "EEE d MMM HH:mm")


def places_text(locations: tuple[str, ...]) -> str:
    shown = [shorten(" ".join(place.split()), MAX_PLACE) for place in locations[:2]]
    if len(locations) > 2:
        return _("{places} (+{count} more)").format(places="; ".join(shown), count=len(locations) - 2)
    return "; ".join(shown)


def compare_line(listing: StoredListing, figures: ReferenceFigures) -> str | None:
    """One `/pay compare` line for yearly US-dollar pay: the top of the range ("up to X": X);
    "from X" has no top, so its bottom is compared, and the line says so."""
    if listing.pay_period != "year" or listing.pay_currency != "USD":
        return None
    if listing.pay_max is not None:
        amount = Decimal(str(listing.pay_max))
        words = _("Top of range {amount} = {comparison}")
        if listing.pay_min is None:
            words = _("Up to {amount} = {comparison}")
    elif listing.pay_min is not None:
        amount, words = Decimal(str(listing.pay_min)), _("From (no top given) {amount} = {comparison}")
    else:
        return None
    lines = compare_lines(amount, figures) if amount > 0 else []
    return words.format(amount=format_money(amount), comparison=lines[0]) if lines else None


def listing_block(
    listing: StoredListing, *, compare: str | None = None, tags: str = "", note: str | None = None
) -> str:
    """Company and title, then place and pay, then a note, the comparison and the link."""
    title = shorten(" ".join(listing.title.split()), MAX_TITLE)
    company = shorten(" ".join(listing.company.split()), 100)
    lines = [f"{tags}{company} — {title}"]
    details = [places_text(listing.locations)] if listing.locations else []
    details.append(pay_text(listing))
    lines.append("  " + " · ".join(details))
    if note:
        lines.append("  " + note)
    if compare:
        lines.append("  " + compare)
    address = link(listing.url)
    if address:
        lines.append("  " + address)
    return no_pings("\n".join(lines))
