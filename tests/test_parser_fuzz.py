"""Any input gives a reply or a usage error, never an exception."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import logging
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import open_app
from bot.cli import main as cli
from bot.config.loading import load_config
from bot.testing.people import CHANNEL, actor
from commands import params as p
from commands.errors import UsageError
from commands.money import parse_money
from commands.picket.times import parse_skip, shift_times
from commands.roles import Role
from commands.tokens import tokenize
from commands.when import parse_day, parse_time_of_day, parse_when

WORDS = st.sampled_from(
    ["/fact", "/pay", "compare", "/help", "list", "add", "edit", "pay", "$900k", "1.2M", '"', "'", "=",
     "key=", "tz=", "“", "tomorrow", "9am", "@everyone", "<!channel>", "\x00", "ᚠ", "-1", "99999999999999"]
)  # fmt: skip
LINES = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=12).map(" ".join))


@given(st.text(max_size=300))
def test_tokenizer_never_crashes(line: str) -> None:
    with contextlib.suppress(UsageError):
        tokenize(line)


@given(st.text(max_size=40))
def test_money_parser_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_money(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=1, max_size=5))
def test_dispatcher_always_answers(tmp_path: Path, lines: list[str]) -> None:
    async def run() -> None:
        app = await open_app(load_config(db_path=str(tmp_path / "fuzz.db"), env={}))
        try:
            for line in lines:
                reply = await app.dispatcher.handle_text(actor(role=Role.ORGANIZER), CHANNEL, line)
                assert "went wrong on our side" not in reply.text, line
        finally:
            await app.close()

    asyncio.run(run())


# ---- dates, times and numbers: only the project's own errors, whatever is typed -------------

ZONES = st.sampled_from(
    ["America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kathmandu", "UTC"]
)
NOWS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC))
DAY_WORDS = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(["today", "tomorrow", "yesterday", "mon", "sunday", "9999-12-31", "0001-01-01",
                     "10000-01-01", "99999-12-31", "2100-12-31", "2000-01-01", "2027-03-14"]),
)  # fmt: skip
TIME_WORDS = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(["9am", "noon", "02:30", "01:30", "24:00", "23:59", "12pm", "0:00"]),
)
RANGES = st.tuples(TIME_WORDS, TIME_WORDS).map("-".join)
SPECS = st.sampled_from(["mon-fri", "daily", "weekends", "sun", "mon,wed,fri", "fri-mon"])
WHEN_LINES = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(DAY_WORDS, TIME_WORDS, RANGES, SPECS, st.sampled_from(["-", "–", "am", "pm"])),
             max_size=5).map(" ".join),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=WHEN_LINES, zone=ZONES, now=NOWS)
def test_date_and_time_parsers_raise_only_value_error(text: str, zone: str, now: datetime) -> None:
    tz = ZoneInfo(zone)
    for parse in (
        lambda: parse_day(text, now.date()),
        lambda: parse_when(text, tz, now),
        lambda: parse_time_of_day(text),
        lambda: parse_skip(text, now.date()),
    ):
        with contextlib.suppress(ValueError):
            parse()


@settings(max_examples=400, deadline=None)
@given(
    text=WHEN_LINES,
    zone=ZONES,
    now=NOWS,
    weeks=st.one_of(st.none(), st.integers(1, 52)),
    first=st.one_of(st.none(), st.dates()),
    skip=st.frozensets(st.dates(), max_size=3),
)
def test_shift_times_raise_only_value_error(
    text: str, zone: str, now: datetime, weeks: int | None, first: date | None, skip: frozenset[date]
) -> None:
    with contextlib.suppress(ValueError):
        shift_times(text, ZoneInfo(zone), now, weeks=weeks, first_day=first, skip=skip)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=30), WHEN_LINES, st.integers().map(str)), now=NOWS)
def test_every_parameter_kind_raises_only_value_error(text: str, now: datetime) -> None:
    tz = ZoneInfo("America/Los_Angeles")
    for param in (
        p.integer("capacity", "", minimum=1, maximum=10_000), p.integer("id", "", minimum=1),
        p.money("amount", ""), p.when("when", ""), p.day("day", ""), p.choice("as", "", ("member", "captain")),
        p.member("member", ""), p.text("name", "", max_length=20),
    ):  # fmt: skip
        with contextlib.suppress(ValueError):
            param.convert(text, tz=tz, now=now)


@functools.cache
def export_db() -> str:
    """A real, empty picketbot database for the CLI fuzz test (made once per run)."""
    path = Path(tempfile.mkdtemp(prefix="picketbot-fuzz-")) / "fuzz.db"

    async def make() -> None:
        app = await open_app(load_config(db_path=str(path), env={}))
        await app.close()

    asyncio.run(make())
    return str(path)


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["hours", "shifts"]),
    first=st.one_of(st.none(), DAY_WORDS, st.text(max_size=15)),
    last=st.one_of(st.none(), DAY_WORDS, st.text(max_size=15)),
)
def test_cli_export_answers_any_days_in_one_line(kind: str, first: str | None, last: str | None) -> None:
    args = ["export", kind, "--db", export_db(), "--output", os.devnull]
    args += [f"--from={first}"] if first is not None else []
    args += [f"--to={last}"] if last is not None else []
    errors = io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level  # the CLI sets up logging for its process
    try:
        with contextlib.redirect_stderr(errors):
            status = cli.main(args)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert status in (0, 1), errors.getvalue()
    assert "Traceback" not in errors.getvalue()
    if status == 1:
        assert len(errors.getvalue().strip().splitlines()) == 1, errors.getvalue()
