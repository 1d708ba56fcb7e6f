"""``picketbot export hours|shifts``: picket records as CSV or iCalendar files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli.core import add_common, config_from
from bot.config.loading import Config
from bot.picket.exports import hours_csv, shifts_csv, shifts_ics, totals_csv
from commands.periods import Period, read_period, utc_bounds, week_containing
from storage.database import Database, is_postgres_address
from storage.meta import install_id
from storage.picket import calendar as shift_calendar
from storage.picket import hours as hour_store


class ExportError(Exception):
    """Bad export arguments: printed as one line, exit status 1."""


Handler = Callable[[argparse.Namespace], Awaitable[int]]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export picket hours or shifts (CSV, iCalendar)")
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)

    hours = kinds.add_parser("hours", help="checked-in hours: one row per member per shift attended")
    hours.add_argument("--format", choices=["csv"], default="csv")
    hours.add_argument("--totals", action="store_true", help="one row per member with their totals instead")
    _add_range(
        hours,
        "shifts starting on or after this day (default: this week's Monday)",
        "up to and including this day (default: this week's Sunday, or today after --from)",
    )
    hours.set_defaults(handler=_reporting(export_hours))

    shifts = kinds.add_parser("shifts", help="shifts not cancelled, as a calendar or a spreadsheet")
    shifts.add_argument("--format", choices=["ics", "csv"], default="ics")
    shifts.add_argument("--site", help="only this site (by name)")
    _add_range(shifts, "shifts starting on or after this day (default: all)", "up to and including this day")
    shifts.set_defaults(handler=_reporting(export_shifts))


def _reporting(handler: Handler) -> Handler:
    async def run(args: argparse.Namespace) -> int:
        try:
            return await handler(args)
        except ExportError as error:
            print(f"picketbot export: {error}", file=sys.stderr)
            return 1

    return run


def _add_range(parser: argparse.ArgumentParser, from_help: str, to_help: str) -> None:
    parser.add_argument(
        "--period",
        metavar="DAYS",
        help='the days, as in chat: "last week", "this month", "2026-11-02 to 2026-11-08"',
    )
    parser.add_argument("--from", dest="from_day", metavar="DATE", help=from_help)
    parser.add_argument("--to", dest="to_day", metavar="DATE", help=to_help)
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    add_common(parser)


def _read(text: str | None, tz: ZoneInfo, option: str) -> Period | None:
    """The days an option names, read as chat reads a period (`commands.periods`)."""
    if text is None:
        return None
    try:
        return read_period(text, datetime.now(tz).date())
    except ValueError as error:
        raise ExportError(f"{option}: {error}") from None


def _range(args: argparse.Namespace, tz: ZoneInfo, *, default_week: bool) -> tuple[date | None, date | None]:
    period = _read(args.period, tz, "--period")
    if period is not None:
        if args.from_day is not None or args.to_day is not None:
            raise ExportError("give --period or --from/--to, not both")
        return period.first, period.last
    since, until = _read(args.from_day, tz, "--from"), _read(args.to_day, tz, "--to")
    first, last = (since.first if since else None), (until.last if until else None)
    if default_week and first is None:
        if last is None:
            return week_containing(datetime.now(tz).date())
        # Only --to: the week that ends there, as /picket hours reads it.
        first = week_containing(last)[0]
    if first is not None and last is not None and last < first:
        raise ExportError(f"--to {last} is before --from {first}")
    return first, last


async def _open(config: Config) -> Database:
    if not is_postgres_address(config.database) and not Path(config.database).exists():
        raise ExportError(f"no database at {config.database} (give --db or set PICKETBOT_DB)")
    return await Database.open(config.database)


def _emit(text: str, output: str | None) -> None:
    # Bytes, so the CRLF line endings CSV and iCalendar require reach the file unchanged.
    data = text.encode("utf-8")
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(data)


async def export_hours(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    tz = config.settings.timezone
    first, last = _range(args, tz, default_week=True)
    start, end = utc_bounds(first or date(1970, 1, 1), last or datetime.now(tz).date(), tz)
    db = await _open(config)
    try:
        rows = await hour_store.attendance(
            db, start, end, now=datetime.now(UTC), duties=config.settings.duties
        )
    finally:
        await db.close()
    text = totals_csv(hour_store.totals(rows).values()) if args.totals else hours_csv(rows)
    _emit(text, args.output)
    if args.output not in (None, "-"):
        print(f"Wrote {len(rows)} attended shifts to {args.output}.", file=sys.stderr)
    return 0


async def export_shifts(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    tz = config.settings.timezone
    first, last = _range(args, tz, default_week=False)
    start = utc_bounds(first, first, tz)[0] if first else None
    end = utc_bounds(last, last, tz)[1] if last else None
    db = await _open(config)
    try:
        site = None
        if args.site is not None:
            site = await shift_calendar.site_name(db, args.site)
            if site is None:
                raise ExportError(f"no site called {args.site!r}")
        shifts = await shift_calendar.shifts_between(db, start, end, site=site)
        install = await install_id(db)
    finally:
        await db.close()
    if args.format == "csv":
        text = shifts_csv(shifts)
    else:
        name = f"Picket shifts: {site}" if site else "Picket shifts"
        text = shifts_ics(shifts, stamp=datetime.now(UTC), install_id=install, name=name)
    _emit(text, args.output)
    if args.output not in (None, "-"):
        print(f"Wrote {len(shifts)} shifts to {args.output}.", file=sys.stderr)
    return 0
