"""Date formats the boards use, all turned into UTC-aware datetimes.

Every parser returns None for anything it does not recognise: a listing
without a date is still worth alerting on. That includes dates outside
1995–2200, which are garbage, and which near the ends of Python's calendar
(``0001-01-01T00:00+14:00``) cannot even be moved to UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Epoch values outside these bounds are garbage (or milliseconds misread).
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def parse_iso(value: object) -> datetime | None:
    """ISO 8601 (``2026-07-29T08:50:01-04:00``, ``...Z``, ``2026-08-24``)."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return _as_utc(parsed)


def from_epoch_seconds(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        parsed = datetime.fromtimestamp(float(value), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return parsed if _EARLIEST <= parsed <= _LATEST else None


def from_epoch_millis(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return from_epoch_seconds(value / 1000)


def parse_rfc822(value: object) -> datetime | None:
    """RSS ``pubDate``: ``Fri, 27 Mar 2026 20:20:27 +0000``."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return _as_utc(parsed)


def parse_month_day_year(value: object) -> datetime | None:
    """amazon.jobs ``posted_date``: ``July 31, 2026``."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.strptime(value.strip(), "%B %d, %Y")
    except ValueError:
        return None
    return _as_utc(parsed)


def parse_posted_ago(value: object, now: datetime) -> datetime | None:
    """Workday's ``Posted Today`` / ``Posted Yesterday`` / ``Posted 3 Days Ago``.

    The answer has day precision: midnight UTC of the day ``now`` minus the
    days. ``30+ Days Ago`` gives 30 days, the most the board will say.
    """
    if not isinstance(value, str) or len(value) > 40:
        return None
    words = value.lower().replace("+", " ").split()
    if words[:1] == ["posted"]:
        words = words[1:]
    days = _days_ago(words)
    if days is None:
        return None
    day = (now.astimezone(UTC) - timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _days_ago(words: list[str]) -> int | None:
    if words == ["today"]:
        return 0
    if words == ["yesterday"]:
        return 1
    if len(words) == 3 and words[0].isdigit() and words[1] in {"day", "days"}:
        return int(words[0][:4])
    return None


def _as_utc(parsed: datetime) -> datetime | None:
    try:
        moment = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:
        return None
    return moment if _EARLIEST <= moment <= _LATEST else None
