"""Exports as text: picket hours and shifts as CSV, shifts as iCalendar.

Pure functions of stored records, so the CLI, tests and any future command
produce the same files. CSV follows RFC 4180 (CRLF rows) and neutralises
cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from commands.picket.ical import shifts_ics
from storage.picket.calendar import CalendarShift
from storage.picket.hours import Attendance, Totals

__all__ = ["HOURS_COLUMNS", "SHIFT_COLUMNS", "hours_csv", "shifts_csv", "shifts_ics", "totals_csv"]

HOURS_COLUMNS = (
    "member_id", "member", "platform", "site", "shift_id", "timezone",
    "local_start", "local_end", "status", "hours", "kind", "counted_hours",
)  # fmt: skip
TOTALS_COLUMNS = ("member_id", "member", "platform", "shifts", "hours")
SHIFT_COLUMNS = (
    "shift_id", "site", "address", "timezone", "local_start", "local_end", "start_utc", "end_utc",
    "capacity", "confirmed", "waitlisted", "captains_needed", "notes",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A leading quote stops spreadsheets from running member-typed text as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def hours_csv(rows: Iterable[Attendance]) -> str:
    """One row per member per shift attended; `counted_hours` (a duty's share, once confirmed) add up to
    /picket hours."""
    return _csv(
        HOURS_COLUMNS,
        (
            (
                r.member.id, safe_cell(r.member.label), r.member.platform, safe_cell(r.site_name),
                r.shift_id, r.site_timezone, _local(r.starts_at, r.site_timezone),
                _local(r.ends_at, r.site_timezone), r.status, f"{r.hours:.2f}", r.kind, f"{r.counts:.2f}",
            )
            for r in rows
        ),
    )  # fmt: skip


def totals_csv(totals: Iterable[Totals]) -> str:
    """One row per member: shifts attended and hours, for payroll."""
    return _csv(
        TOTALS_COLUMNS,
        (
            (t.member.id, safe_cell(t.member.label), t.member.platform, t.shifts, f"{t.hours:.2f}")
            for t in totals
        ),
    )


def shifts_csv(shifts: Iterable[CalendarShift]) -> str:
    return _csv(
        SHIFT_COLUMNS,
        (
            (
                s.id, safe_cell(s.site_name), safe_cell(s.address), s.timezone,
                _local(s.starts_at, s.timezone), _local(s.ends_at, s.timezone),
                _utc(s.starts_at), _utc(s.ends_at), s.capacity, s.confirmed, s.waitlisted,
                s.captains_needed, safe_cell(s.notes),
            )
            for s in shifts
        ),
    )  # fmt: skip
