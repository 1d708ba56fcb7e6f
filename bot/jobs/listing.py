"""One job listing as every board type is normalised into."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from commands.text import clean_line, strip_controls

PayPeriod = Literal["year", "month", "week", "day", "hour"]
PayKind = Literal["base", "total"]


@dataclass(frozen=True)
class Listing:
    """A listing from one source, with pay pulled out when it was advertised.

    ``description`` is plain text (tags stripped, entities decoded).
    ``is_ai`` is False as fetched; the caller's classifier sets it.
    ``updated_at`` is the board's own update time for the listing as its list
    shows it (opaque text, compared only for change; None where the list has
    none), and ``detail_read`` says its detail page was read in this fetch.
    """

    source: str
    company: str
    external_id: str
    title: str
    locations: tuple[str, ...] = ()
    url: str = ""
    posted_at: datetime | None = None
    description: str = ""
    pay_min: float | None = None
    pay_max: float | None = None
    pay_currency: str | None = None
    pay_period: PayPeriod | None = None
    pay_kind: PayKind | None = None
    #: Several ranges (zones, states, levels) were given: the band spans them.
    pay_varies: bool = False
    is_ai: bool = False
    updated_at: str | None = None
    detail_read: bool = False

    @property
    def has_pay(self) -> bool:
        """Pay was read: both ends, or one for "up to X" (no minimum) and "from X" (no maximum)."""
        return (self.pay_min is not None or self.pay_max is not None) and bool(self.pay_currency)

    def cleaned(self) -> Listing:
        """The listing with the board's text made safe to store and show.

        Boards are outside text: titles, companies, places and links lose
        control and bidirectional characters and become one line each (the
        description keeps its lines). Markup is left as written; the adapters
        escape it when it is shown.
        """
        places = tuple(place for place in map(clean_line, self.locations) if place)
        return replace(
            self,
            company=clean_line(self.company),
            title=clean_line(self.title),
            locations=places,
            url=clean_line(self.url),
            description=strip_controls(self.description),
        )

    def with_ai(self, is_ai: bool) -> Listing:
        return replace(self, is_ai=is_ai)

    def to_json(self) -> dict[str, Any]:
        """The listing as JSON-ready data (no description: alerts don't need it)."""
        return {
            "source": self.source,
            "company": self.company,
            "external_id": self.external_id,
            "title": self.title,
            "locations": list(self.locations),
            "url": self.url,
            "posted_at": self.posted_at.isoformat() if self.posted_at else None,
            "pay_min": self.pay_min,
            "pay_max": self.pay_max,
            "pay_currency": self.pay_currency,
            "pay_period": self.pay_period,
            "pay_kind": self.pay_kind,
            "pay_varies": self.pay_varies,
            "is_ai": self.is_ai,
        }
