"""Job listings as chat text: one short block per listing.

Titles, companies, places and links come from job boards, so they are
untrusted. They were cleaned of control characters when fetched; here they
are put in the block as literal text (the adapters escape Markdown and
mrkdwn when it is shown, see `commands.markup`), and the listing's address
is the bot's one link, shown only when it is http(s).
"""

from __future__ import annotations

from decimal import Decimal

from commands.facts.pay import ReferenceFigures, compare_lines
from commands.jobs.pay_text import pay_text
from commands.markup import link
from commands.money import format_money
from commands.text import no_pings, shorten
from storage.jobs.rows import StoredListing

MAX_TITLE = 200
MAX_PLACE = 80


def places_text(locations: tuple[str, ...]) -> str:
    shown = [shorten(" ".join(place.split()), MAX_PLACE) for place in locations[:2]]
    more = f" (+{len(locations) - 2} more)" if len(locations) > 2 else ""
    return "; ".join(shown) + more


def compare_line(listing: StoredListing, figures: ReferenceFigures) -> str | None:
    """One `/pay compare` line for the top of a yearly US-dollar range."""
    if listing.pay_max is None or listing.pay_period != "year" or listing.pay_currency != "USD":
        return None
    top = Decimal(str(listing.pay_max))
    lines = compare_lines(top, figures) if top > 0 else []
    return f"Top of range {format_money(top)} = {lines[0]}" if lines else None


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
