"""One-off check of one board, and the one-line text form of a listing.

Backs ``picketbot jobs check --type TYPE --board BOARD [--base-url URL] [--all]``.
"""

from __future__ import annotations

from bot.jobs.boards import fetch_listings
from bot.jobs.classify import AIClassifier
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec
from commands.jobs.pay_text import ONE_LINE, pay_text


async def check_board(
    board_type: str,
    board: str,
    base_url: str | None,
    *,
    include_all: bool,
    classifier: AIClassifier | None = None,
    timeout: float = 20,  # noqa: ASYNC109 - per request, handed to the fetcher
    company: str | None = None,
) -> list[Listing]:
    """Fetch one board now and return its classified listings (only AI ones
    unless ``include_all``). Raises ``JobBoardError`` subclasses on failure.
    """
    spec = SourceSpec(board_type, board, base_url=base_url, company=company)
    chosen = classifier or AIClassifier()
    async with HttpFetcher(timeout=timeout) as fetcher:
        # With --all every listing may get its detail call (within the cap);
        # otherwise only those whose title reads as AI.
        result = await fetch_listings(spec, fetcher, classifier=None if include_all else chosen)
    listings = chosen.classify_all(result.listings)
    return listings if include_all else [listing for listing in listings if listing.is_ai]


def format_pay(listing: Listing) -> str:
    """``$300,000–$900,000/yr (base)``, or ``pay not listed`` (`commands.jobs.pay_text`)."""
    return pay_text(listing, ONE_LINE)


def format_listing_line(listing: Listing) -> str:
    """Company, title, location, pay and link on one line.

    Plain text: whoever posts it to a chat must still neutralise mentions.
    """
    parts = [listing.company, listing.title]
    if listing.locations:
        parts.append(_places(listing.locations))
    parts.append(format_pay(listing))
    if listing.url:
        parts.append(listing.url)
    return " — ".join(_one_line(part) for part in parts if part)


def _places(locations: tuple[str, ...]) -> str:
    if len(locations) <= 2:
        return "; ".join(locations)
    return f"{locations[0]}; {locations[1]} (+{len(locations) - 2} more)"


def _one_line(text: str) -> str:
    return " ".join(text.split())
