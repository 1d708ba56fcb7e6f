"""Exports: the hours CSV agrees with /picket hours; shift calendars parse with `icalendar`."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import icalendar

from bot.app import App
from bot.picket.exports import HOURS_COLUMNS, hours_csv, safe_cell
from bot.testing.people import CHANNEL, actor
from commands.picket.ical import shifts_ics
from commands.roles import Role
from storage.picket import hours as hour_store
from storage.picket.calendar import CalendarShift
from tests.helpers import subprocess_env
from tests.picket_time.data import LA, add_member, add_shift, add_site, attend, check_in, sign_up

REPO = Path(__file__).resolve().parents[2]
CAPTAIN = actor("Cat", Role.CAPTAIN)


def picketbot(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    env = subprocess_env()
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin.encode(),
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


async def picket_week(app: App) -> dict[str, int]:
    """Two sites, two members, shifts on both sides of the 1 Nov 2026 DST change."""
    gate = await add_site(app.db, "Netflix Sunset Gate", address="5808 Sunset Blvd, Los Angeles")
    lot = await add_site(app.db, "=Lot; B", address="Line 1\nLine 2")
    ana, bob = await add_member(app.db, "Ana"), await add_member(app.db, "Bob")
    await attend(app.db, gate, datetime(2026, 10, 30, 9, 0, tzinfo=LA), ana)
    await attend(app.db, lot, datetime(2026, 10, 31, 13, 0, tzinfo=LA), ana, hours=1 + 1 / 3)
    await attend(app.db, gate, datetime(2026, 11, 1, 1, 0, tzinfo=LA), bob, hours=3)
    no_show = await add_shift(app.db, gate, datetime(2026, 10, 29, 9, 0, tzinfo=LA))
    await sign_up(app.db, no_show, bob)
    await check_in(app.db, no_show, bob, "no-show")
    before = await add_shift(app.db, gate, datetime(2026, 10, 30, 9, 0, tzinfo=LA) - timedelta(days=14))
    after = await add_shift(app.db, gate, datetime(2026, 11, 2, 9, 0, tzinfo=LA), notes="Bring water, hats")
    await sign_up(app.db, after, ana)
    return {"gate": gate, "lot": lot, "ana": ana, "bob": bob, "before": before, "after": after}


def csv_totals(text: str) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for row in csv.DictReader(io.StringIO(text)):
        found[row["member"]] = found.get(row["member"], Decimal(0)) + Decimal(row["hours"])
    return found


async def test_hours_csv_totals_equal_picket_hours(app: App) -> None:
    await picket_week(app)
    start, end = datetime(2026, 10, 26, 7, tzinfo=UTC), datetime(2026, 11, 2, 8, tzinfo=UTC)
    text = hours_csv(await hour_store.attendance(app.db, start, end, now=end))
    assert text.splitlines()[0] == ",".join(HOURS_COLUMNS)
    assert "\r\n" in text
    totals = csv_totals(text)
    assert totals == {"Ana": Decimal("4.33"), "Bob": Decimal("3.00")}
    for name, total in totals.items():
        reply = await app.dispatcher.handle_text(CAPTAIN, CHANNEL, f"/picket hours {name}")
        assert reply.text.startswith(f"{total} hours over"), reply.text


async def test_hours_csv_rows_are_local_times_and_safe_cells(app: App) -> None:
    ids = await picket_week(app)
    start, end = datetime(2026, 10, 26, 7, tzinfo=UTC), datetime(2026, 11, 2, 8, tzinfo=UTC)
    rows = list(
        csv.DictReader(io.StringIO(hours_csv(await hour_store.attendance(app.db, start, end, now=end))))
    )
    assert [(r["member"], r["status"]) for r in rows] == [
        ("Ana", "present"),
        ("Ana", "present"),
        ("Bob", "present"),
    ]
    assert rows[0]["local_start"] == "2026-10-30 09:00" and rows[0]["local_end"] == "2026-10-30 12:00"
    assert rows[1]["site"] == "'=Lot; B", "a formula-looking site name is quoted for spreadsheets"
    assert rows[2]["local_start"] == "2026-11-01 01:00" and rows[2]["local_end"] == "2026-11-01 03:00"
    assert rows[2]["member_id"] == str(ids["bob"]) and rows[2]["timezone"] == "America/Los_Angeles"
    assert safe_cell("+1") == "'+1" and safe_cell("Ana") == "Ana"


def parsed_events(text: str) -> dict[str, icalendar.Component]:
    """The calendar's events by the shift part of their UID (``shift-12``; the rest names the install)."""
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def calendar_shift(shift_id: int, start: datetime, **changes: object) -> CalendarShift:
    fields: dict[str, object] = {
        "id": shift_id, "site_name": "Netflix, Sunset; Gate", "address": "5808 Sunset Blvd, Los Angeles",
        "timezone": "America/Los_Angeles", "starts_at": start, "ends_at": start + timedelta(hours=3),
        "capacity": 10, "captains_needed": 0,
        "notes": "Line one\nLine two, with a comma; and a semicolon \\ backslash. " + "é" * 60,
        "confirmed": 3, "waitlisted": 0,
    }  # fmt: skip
    return CalendarShift(**{**fields, **changes})  # type: ignore[arg-type]


def dst_calendar() -> str:
    shifts = [
        calendar_shift(day, datetime(2026, month, day, 9, 0, tzinfo=LA)) for month, day in ((10, 30), (11, 2))
    ]
    return shifts_ics(shifts, stamp=datetime(2026, 10, 1, tzinfo=UTC), install_id="test")


def test_ics_times_on_both_sides_of_the_dst_change() -> None:
    text = dst_calendar()
    events = parsed_events(text)
    before = events["shift-30"].decoded("DTSTART")
    after = events["shift-2"].decoded("DTSTART")
    assert before.astimezone(UTC) == datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    assert events["shift-2"].decoded("DTEND").astimezone(UTC) == datetime(2026, 11, 2, 20, tzinfo=UTC)
    assert "DTSTART;TZID=America/Los_Angeles:20261030T090000\r\n" in text


def test_ics_uids_name_the_install_and_cancelled_shifts_say_so() -> None:
    start = datetime(2026, 10, 30, 9, 0, tzinfo=LA)
    stamp = datetime(2026, 10, 1, tzinfo=UTC)
    ours = shifts_ics([calendar_shift(7, start)], stamp=stamp, install_id="aaaa")
    theirs = shifts_ics([calendar_shift(7, start, cancelled=True)], stamp=stamp, install_id="bbbb")
    (mine,) = icalendar.Calendar.from_ical(ours).walk("VEVENT")
    (other,) = icalendar.Calendar.from_ical(theirs).walk("VEVENT")
    assert str(mine["UID"]) == "shift-7@aaaa.picketbot" != str(other["UID"])
    assert (str(mine["STATUS"]), str(other["STATUS"])) == ("CONFIRMED", "CANCELLED")
    assert shifts_ics([calendar_shift(7, start)], stamp=stamp, install_id="aaaa") == ours  # stable


def test_ics_vtimezone_alone_gives_the_right_offsets() -> None:
    """A calendar that does not know IANA names reads the zone from our VTIMEZONE."""
    text = dst_calendar()
    renamed = text.replace("America/Los_Angeles", "Picket Local Time")
    calendar = icalendar.Calendar.from_ical(renamed)
    (zone,) = calendar.walk("VTIMEZONE")
    assert isinstance(zone, icalendar.Timezone)
    built = zone.to_tz(lookup_tzid=False)
    for local, utc in (
        (datetime(2026, 10, 30, 9), datetime(2026, 10, 30, 16, tzinfo=UTC)),
        (datetime(2026, 11, 2, 9), datetime(2026, 11, 2, 17, tzinfo=UTC)),
        (datetime(2026, 3, 9, 9), datetime(2026, 3, 9, 16, tzinfo=UTC)),
        (datetime(2027, 1, 15, 9), datetime(2027, 1, 15, 17, tzinfo=UTC)),
    ):
        assert local.replace(tzinfo=built).astimezone(UTC) == utc, local


def test_ics_format_rules() -> None:
    text = dst_calendar()
    raw = text.encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "only CRLF line endings"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert "PRODID:-//picketbot//picket shifts//EN\r\n" in text and "VERSION:2.0\r\n" in text
    assert "SUMMARY:Picket: Netflix\\, Sunset\\; Gate\r\n" in text
    unfolded = text.replace("\r\n ", "")
    assert "Notes: Line one\\nLine two\\, with a comma\\; and a semicolon \\\\ backslash." in unfolded
    event = parsed_events(text)["shift-30"]
    assert "Notes: Line one\nLine two, with a comma; and a semicolon \\ backslash." in str(
        event["DESCRIPTION"]
    )
    assert "é" * 60 in str(event["DESCRIPTION"]), "folding never splits a UTF-8 character"
    assert event.decoded("DTSTAMP") == datetime(2026, 10, 1, tzinfo=UTC)


def test_ics_second_occurrence_of_a_repeated_hour_is_written_in_utc() -> None:
    # 01:30 PST on 1 Nov 2026 happens after 01:30 PDT; TZID alone would mean the first one.
    second = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    text = shifts_ics([calendar_shift(9, second)], stamp=second, install_id="test")
    parsed = parsed_events(text)["shift-9"]
    assert parsed.decoded("DTSTART") == second


async def test_picket_calendar_has_my_confirmed_upcoming_shifts(app: App) -> None:
    ids = await picket_week(app)
    waitlisted = await add_shift(app.db, ids["lot"], datetime(2026, 11, 3, 9, 0, tzinfo=LA))
    await sign_up(app.db, waitlisted, ids["ana"], status="waitlisted")
    others = await add_shift(app.db, ids["lot"], datetime(2026, 11, 4, 9, 0, tzinfo=LA))
    await sign_up(app.db, others, ids["bob"])

    reply = await app.dispatcher.handle_text(actor("Ana"), CHANNEL, "/picket calendar")
    assert reply.attachment is not None, reply.text
    assert reply.attachment.filename == "picket-shifts.ics"
    assert reply.attachment.content_type == "text/calendar"
    events = parsed_events(reply.attachment.content.decode("utf-8"))
    assert list(events) == [f"shift-{ids['after']}"], "past, waitlisted and others' shifts left out"
    event = events[f"shift-{ids['after']}"]
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    assert str(event["LOCATION"]) == "5808 Sunset Blvd, Los Angeles"
    assert "Bring water, hats" in str(event["DESCRIPTION"])

    nothing = await app.dispatcher.handle_text(actor("Zoe"), CHANNEL, "/picket calendar")
    assert nothing.attachment is None and "no upcoming" in nothing.text


async def seeded_db(app: App) -> tuple[str, dict[str, int]]:
    ids = await picket_week(app)
    await app.close()
    return app.db.path, ids  # a file's path or a PostgreSQL address


async def test_cli_export_hours_and_shifts(app: App, tmp_path: Path) -> None:
    db, ids = await seeded_db(app)
    hours = picketbot(
        "export", "hours", "--format", "csv", "--from", "2026-10-26", "--to", "2026-11-01", "--db", str(db),
        cwd=tmp_path,
    )  # fmt: skip
    assert hours.returncode == 0, hours.stderr
    assert csv_totals(hours.stdout.decode()) == {"Ana": Decimal("4.33"), "Bob": Decimal("3.00")}
    assert hours.stdout.count(b"\r\n") == 4, "header and three attended shifts, CRLF rows"

    totals_file = tmp_path / "totals.csv"
    totals = picketbot(
        "export", "hours", "--totals", "--from", "2026-10-26", "--to", "2026-11-01", "--db", str(db),
        "--output", str(totals_file), cwd=tmp_path,
    )  # fmt: skip
    assert totals.returncode == 0, totals.stderr
    rows = list(csv.DictReader(io.StringIO(totals_file.read_text())))
    assert [(r["member"], r["shifts"], r["hours"]) for r in rows] == [
        ("Ana", "2", "4.33"),
        ("Bob", "1", "3.00"),
    ]

    ics_file = tmp_path / "gate.ics"
    shifts = picketbot(
        "export", "shifts", "--format", "ics", "--site", "netflix sunset gate", "--db", str(db),
        "--output", str(ics_file), cwd=tmp_path,
    )  # fmt: skip
    assert shifts.returncode == 0, shifts.stderr
    events = parsed_events(ics_file.read_bytes().decode())
    assert f"shift-{ids['before']}" in events and f"shift-{ids['after']}" in events
    assert all(str(e["SUMMARY"]) == "Picket: Netflix Sunset Gate" for e in events.values())

    listed = picketbot(
        "export", "shifts", "--format", "csv", "--from", "2026-11-01", "--db", str(db), cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout.decode())))
    assert [(r["local_start"], r["confirmed"]) for r in rows] == [
        ("2026-11-01 01:00", "1"),
        ("2026-11-02 09:00", "1"),
    ]
    assert rows[1]["start_utc"] == "2026-11-02T17:00:00Z" and rows[1]["notes"] == "Bring water, hats"


async def test_cli_export_hours_to_alone_covers_that_week(app: App, tmp_path: Path) -> None:
    db, _ = await seeded_db(app)
    week = picketbot("export", "hours", "--to", "2026-11-01", "--db", str(db), cwd=tmp_path)
    whole = picketbot(
        "export", "hours", "--from", "2026-10-26", "--to", "2026-11-01", "--db", str(db), cwd=tmp_path
    )
    assert week.returncode == 0, week.stderr
    assert week.stdout == whole.stdout
    # The week of 2 Nov has no attended shift; the weeks before it do and must stay out.
    later = picketbot("export", "hours", "--to", "2026-11-08", "--db", str(db), cwd=tmp_path)
    assert later.stdout.count(b"\r\n") == 1, "the header alone"


async def test_cli_export_bad_input_is_one_line(app: App, tmp_path: Path) -> None:
    db, _ = await seeded_db(app)
    cases = [
        (("export", "shifts", "--site", "Nowhere", "--db", str(db)), b"no site called 'Nowhere'"),
        (("export", "hours", "--from", "2026-11-05", "--to", "2026-11-01", "--db", str(db)), b"is before"),
        (("export", "hours", "--from", "someday", "--db", str(db)), b"--from: 'someday' is not a day"),
        (("export", "hours", "--db", str(tmp_path / "missing.db")), b"no database at"),
    ]
    for args, message in cases:
        result = picketbot(*args, cwd=tmp_path)
        assert result.returncode == 1, args
        assert message in result.stderr and b"Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.db").exists()


async def test_console_saves_the_calendar(app: App, tmp_path: Path) -> None:
    # The console runs on the real clock, so the shift is two days from the real now.
    gate = await add_site(app.db, "Netflix Sunset Gate")
    soon = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    shift = await add_shift(app.db, gate, soon)
    await sign_up(app.db, shift, await add_member(app.db, "Ana"))
    await app.close()
    result = picketbot(
        "console",
        "--as",
        "Ana",
        "--role",
        "member",
        "--db",
        app.db.path,
        cwd=tmp_path,
        stdin="/picket calendar\n",
    )
    assert result.returncode == 0, result.stderr
    assert b"Saved " in result.stdout, result.stdout
    events = parsed_events((tmp_path / "picket-shifts.ics").read_bytes().decode())
    assert events[f"shift-{shift}"].decoded("DTSTART").astimezone(UTC) == soon
