"""Small helpers for reading untrusted JSON and building listings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from bot.jobs.errors import MalformedResponse
from bot.jobs.listing import Listing
from bot.jobs.pay.prose import extract_pay
from bot.jobs.pay.range import PayRange


def as_mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_text(value: object) -> str:
    """A string field, stripped; numbers become text (ids); anything else ""."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def mappings(value: object) -> list[Mapping[str, Any]]:
    return [item for item in as_list(value) if isinstance(item, Mapping)]


def places(many: object, one: object) -> tuple[str, ...]:
    """The places of a job that lists them all (``many``), else its one place."""
    return unique_texts(as_list(many)) or unique_texts([one])


def require_list(document: object, key: str | None, url_hint: str) -> list[Mapping[str, Any]]:
    """The list of job objects at ``document[key]`` (or the document itself)."""
    found = document.get(key) if key and isinstance(document, Mapping) else document
    if not isinstance(found, list):
        where = f"'{key}'" if key else "the top level"
        raise MalformedResponse(url_hint, f"expected a list of jobs at {where}")
    return [item for item in found if isinstance(item, Mapping)]


def unique_texts(values: Iterable[object]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for value in values:
        text = as_text(value)
        if text:
            found.setdefault(text)
    return tuple(found)


def with_pay(listing: Listing, pay: PayRange | None) -> Listing:
    if pay is None:
        return listing
    return replace(
        listing,
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        pay_kind=pay.kind,
        pay_varies=pay.varies,
    )


def with_prose_pay(listing: Listing) -> Listing:
    """The listing with pay read from its description, unless it has pay already."""
    if listing.has_pay:
        return listing
    return with_pay(listing, extract_pay(listing.description, listing.locations))


def dedupe(listings: Iterable[Listing]) -> list[Listing]:
    """First listing per external id: paging can show one twice as jobs shift."""
    seen: set[str] = set()
    kept: list[Listing] = []
    for listing in listings:
        if listing.external_id not in seen:
            seen.add(listing.external_id)
            kept.append(listing)
    return kept
