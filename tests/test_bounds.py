"""Dates and numbers have sane bounds: years 2000–2100, whole numbers of at most 12 digits.

Whatever a member types (in chat or at the CLI), a date outside the years
the bot works with or a malformed number gets one plain line, the same for
every bad number, and never an OverflowError or Python's own wording.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL, actor
from commands.roles import Role
from commands.when import OutOfRange, parse_day, parse_when
from tests.helpers import subprocess_env

ORGANIZER = actor("Olga", Role.ORGANIZER)
NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
PYTHON_WORDING = ("invalid literal", "int()", "OverflowError", "out of range for", "Traceback", "went wrong")


@pytest.fixture
async def app(bot: TestBot, clock: FakeClock) -> App:
    """The bot at NOW, with one site."""
    clock.set(NOW)
    await bot.ok("/picket site add Gate", as_=ORGANIZER)
    return bot.app


async def refused(app: App, line: str) -> str:
    reply = await app.dispatcher.handle_text(ORGANIZER, CHANNEL, line)
    assert reply.is_error, (line, reply.text)
    first = reply.text.splitlines()[0]
    assert not any(words in reply.text for words in PYTHON_WORDING), (line, reply.text)
    return first


@pytest.mark.parametrize("typed", ["--5", "5-", "abc", "1e3", "0x10", "5.0", "+-5", "½", "1_000", "--"])
async def test_every_malformed_number_gets_the_same_plain_message(app: App, typed: str) -> None:
    first = await refused(app, f"/picket shift add Gate mon 09:00-12:00 capacity={typed}")
    assert first == f"capacity must be a whole number, not '{typed}'"


@pytest.mark.parametrize(
    "line",
    [
        "/picket shift add Gate mon 09:00-12:00 capacity=99999999999999999999999",
        "/picket signup 99999999999999999999999999",
        "/picket roster 99999999999999999999999999",
        "/picket shift capacity 1 -99999999999999999999",
        "/jobs stats 99999999999999999999999",
    ],
)
async def test_huge_numbers_are_refused_in_one_line(app: App, line: str) -> None:
    first = await refused(app, line)
    assert "out of range" in first or "at most" in first or "at least" in first


@pytest.mark.parametrize(
    "line",
    [
        "/picket shifts 9999-12-31",
        "/picket shifts Gate 1999-12-31",
        "/picket hours 2101-01-01",
        "/picket hours 2026-10-26 9999-12-31",
        "/picket hours from=0001-01-01",
        "/picket eligibility 9999-12-31",
        "/picket gaps 10000-01-01",
        "/picket shift add Gate 2101-01-01 09:00 12:00 capacity=5",
        "/picket shift add Gate 9999-12-31 09:00 9999-12-31 12:00 capacity=5",
        "/picket shift add Gate 9999-12-31 23:00-23:30 capacity=5",
        "/picket shift add Gate mon-fri 09:00-12:00 capacity=5 from=2100-12-20 weeks=52",
        "/picket shift add Gate mon-fri 09:00-12:00 capacity=5 from=9999-12-31",
        "/picket shift add Gate mon-fri 09:00-12:00 capacity=5 weeks=2 skip=9999-12-31",
        '/fact add x-1 pay "A fact." source=Paper date=1999-12-31',
        '/fact add x-2 pay "A fact." source=Paper date=2023-07-01 as_of=2101-01',
    ],
)
async def test_dates_outside_2000_to_2100_are_refused_in_one_line(app: App, line: str) -> None:
    first = await refused(app, line)
    assert "2000–2100" in first or "past 2100" in first, first


def test_the_parsers_refuse_out_of_range_days_with_their_own_error() -> None:
    for text in ("9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "10000-01-01", "99999-12-31"):
        with pytest.raises(OutOfRange, match="2000–2100"):
            parse_day(text, date(2026, 10, 26))
        with pytest.raises(OutOfRange):
            parse_when(f"{text} 09:00", NOW.tzinfo, NOW)  # type: ignore[arg-type]
    assert parse_day("2100-12-31", date(2026, 1, 1)) == date(2100, 12, 31)
    assert parse_day("2000-01-01", date(2026, 1, 1)) == date(2000, 1, 1)
    # "tomorrow" on the last day allowed would leave the range too.
    with pytest.raises(OutOfRange):
        parse_day("tomorrow", date(2100, 12, 31))


def picketbot(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, cwd=cwd, env=subprocess_env(), timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [
        ("export", "hours", "--to", "9999-12-31"),
        ("export", "hours", "--from", "0001-01-01"),
        ("export", "hours", "--from", "2100-12-31", "--to", "10000-01-01"),
        ("export", "shifts", "--to", "9999-12-31"),
        ("export", "shifts", "--from", "1999-12-31", "--format", "csv"),
    ],
)
async def test_cli_export_refuses_out_of_range_days_in_one_line(
    app: App, tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = picketbot(*args, "--db", str(app.db.path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr and b"Overflow" not in result.stderr
    [line] = result.stderr.decode().strip().splitlines()
    assert line.startswith("picketbot export: --") and "2000–2100" in line, line
