"""The one command path: parsing, permissions, error mapping, help, buttons."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.testing.people import CHANNEL, actor
from commands import params as p
from commands.context import Services
from commands.dispatcher import Dispatcher
from commands.errors import CommandError
from commands.money import PayAmount
from commands.params import MemberRef
from commands.registry import Registry
from commands.reply import Button, Reply
from commands.roles import Role
from commands.when import When
from storage.database import Database

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture
async def toy(tmp_path) -> Dispatcher:  # type: ignore[no-untyped-def]
    """A registry of toy commands that echo what they were given."""
    registry = Registry()
    seen: dict[str, object] = {}

    async def echo(ctx, **values):  # type: ignore[no-untyped-def]
        seen.update(values)
        return Reply(text=repr(sorted(values.items())))

    async def boom(ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internals")

    registry.command(
        "picket",
        "shift",
        "add",
        description="Add a shift",
        role=Role.ORGANIZER,
        params=(
            p.text("site", "Site"),
            p.when("start", "Start"),
            p.when("end", "End"),
            p.integer("capacity", "Places", minimum=1, keyword_only=True),
            p.text("notes", "Notes", keyword_only=True, required=False),
        ),
    )(echo)
    registry.command(
        "picket",
        "signup",
        description="Sign up",
        params=(
            p.integer("shift", "Shift id"),
            p.choice("as", "Role", ("member", "captain"), required=False, dest="as_role"),
        ),
    )(echo)
    registry.command("pay", "compare", description="Compare", params=(p.money("amount", "Amount"),))(echo)
    registry.command(
        "fact", "ask", description="Ask", params=(p.text("question", "Q", greedy=True),), default=True
    )(echo)
    registry.command("who", description="Who", params=(p.member("member", "Member"),))(echo)
    registry.command("boom", description="Fails")(boom)
    db = await Database.open(tmp_path / "toy.db")
    dispatcher = Dispatcher(registry, Services(db=db, clock=lambda: NOW))
    dispatcher.seen = seen  # type: ignore[attr-defined]
    yield dispatcher  # type: ignore[misc]
    await db.close()


async def test_typed_arguments_from_text(toy: Dispatcher) -> None:
    reply = await toy.handle_text(
        actor(role=Role.ORGANIZER),
        CHANNEL,
        '/picket shift add "Netflix Sunset Gate" 2026-11-23 09:00 12:00 capacity=30 notes="bring water"',
    )
    assert not reply.is_error, reply.text
    seen = toy.seen  # type: ignore[attr-defined]
    assert seen["site"] == "Netflix Sunset Gate"
    assert seen["start"] == When("2026-11-23 09:00")
    assert seen["end"] == When("12:00")
    assert seen["capacity"] == 30
    assert seen["notes"] == "bring water"


async def test_multi_word_times(toy: Dispatcher) -> None:
    reply = await toy.handle_text(
        actor(role=Role.ORGANIZER), CHANNEL, "/picket shift add Gate tomorrow 9am tomorrow 12pm capacity=5"
    )
    assert not reply.is_error, reply.text
    assert toy.seen["start"] == When("tomorrow 9am")  # type: ignore[attr-defined]


async def test_money_and_dest_names(toy: Dispatcher) -> None:
    await toy.handle_text(actor(), CHANNEL, "/pay compare $1.2M")
    assert toy.seen["amount"] == PayAmount(Decimal(1_200_000))  # type: ignore[attr-defined]
    await toy.handle_text(actor(), CHANNEL, "/picket signup 42 as=captain")
    assert toy.seen["shift"] == 42  # type: ignore[attr-defined]
    assert toy.seen["as_role"] == "captain"  # type: ignore[attr-defined]


async def test_group_default_takes_the_whole_question(toy: Dispatcher) -> None:
    await toy.handle_text(actor(), CHANNEL, "/fact what does the netflix job pay? a=b")
    assert toy.seen["question"] == "what does the netflix job pay? a=b"  # type: ignore[attr-defined]


async def test_member_mentions(toy: Dispatcher) -> None:
    await toy.handle_text(actor(), CHANNEL, "/who <@U123|ana>")
    ref = toy.seen["member"]  # type: ignore[attr-defined]
    assert isinstance(ref, MemberRef) and ref.user_id == "U123"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/picket signup", "SHIFT is missing"),
        ("/picket signup abc", "shift must be a whole number"),
        ("/picket signup 1 captain extra", "unexpected 'extra'"),
        ("/picket signup 1 as=boss", "as must be one of: member, captain"),
        ("/picket signup 1 colour=red", "unknown option colour="),
        ("/pay compare lots", "is not an amount of money"),
        ('/picket signup "1', "unclosed quote"),
    ],
)
async def test_usage_errors_show_usage(toy: Dispatcher, line: str, message: str) -> None:
    reply = await toy.handle_text(actor(), CHANNEL, line)
    assert reply.is_error and reply.ephemeral
    assert message in reply.text
    if "unclosed" not in message:
        assert "Usage: /" in reply.text


async def test_permission_denied(toy: Dispatcher) -> None:
    reply = await toy.handle_text(
        actor(role=Role.CAPTAIN), CHANNEL, "/picket shift add Gate 9am 12pm capacity=1"
    )
    assert reply.is_error
    assert reply.text == "/picket shift add is for organizers and up."


async def test_unknown_command(toy: Dispatcher) -> None:
    reply = await toy.handle_text(actor(), CHANNEL, "/dance")
    assert reply.is_error and "unknown command /dance" in reply.text


async def test_a_crash_becomes_one_line_and_a_log(toy: Dispatcher, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        reply = await toy.handle_text(actor(), CHANNEL, "/boom")
    assert reply.is_error
    assert "secret internals" not in reply.text and "Traceback" not in reply.text
    assert "something went wrong on our side (ref " in reply.text
    assert "secret internals" in caplog.text


async def test_typed_options_from_a_platform(toy: Dispatcher) -> None:
    reply = await toy.invoke(actor(), CHANNEL, ("picket", "signup"), {"shift": 7, "as": None})
    assert not reply.is_error
    assert toy.seen["shift"] == 7  # type: ignore[attr-defined]


async def test_buttons_run_their_command(toy: Dispatcher) -> None:
    button = Button("Sign up", "picket signup 9")
    await toy.handle_action(actor(), CHANNEL, button.action_id)
    assert toy.seen["shift"] == 9  # type: ignore[attr-defined]
    foreign = await toy.handle_action(actor(), CHANNEL, "something-else")
    assert foreign.is_error


async def test_observers_see_every_command(toy: Dispatcher) -> None:
    seen: list[tuple[str, str]] = []
    toy.observers.append(
        lambda command, seconds, outcome: seen.append((command.name if command else "?", outcome))
    )
    await toy.handle_text(actor(), CHANNEL, "/pay compare 5")
    await toy.handle_text(actor(), CHANNEL, "/nope")
    assert seen == [("pay compare", "ok"), ("?", "error")]


async def test_too_long_a_line_is_refused(toy: Dispatcher) -> None:
    reply = await toy.handle_text(actor(), CHANNEL, "/fact " + "x" * 20_000)
    assert reply.is_error and "too long" in reply.text


async def test_ten_thousand_character_text_param(toy: Dispatcher) -> None:
    reply = await toy.handle_text(
        actor(role=Role.ORGANIZER), CHANNEL, "/picket shift add " + "x" * 10_000 + " 9am 12pm capacity=1"
    )
    assert reply.is_error and "site is too long (10,000 characters" in reply.text


async def test_help_speaks_each_platform_s_syntax(app) -> None:  # type: ignore[no-untyped-def]
    console = await app.dispatcher.handle_text(actor(), CHANNEL, "/help pay compare")
    assert console.text.startswith("/pay compare AMOUNT") and "e.g. /pay compare $900k" in console.text
    discord = await app.dispatcher.handle_text(actor(platform="discord"), CHANNEL, "/help pay compare")
    assert discord.text.startswith("/pay compare amount:") and "e.g." not in discord.text


async def test_a_line_seen_before_is_still_checked_for_the_actors_role(tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry = Registry()
    ran: list[str] = []

    async def close(ctx, site):  # type: ignore[no-untyped-def]
        ran.append(ctx.actor.user_id)
        return Reply(text=f"closed {site}")

    registry.command(
        "site", "close", description="Close", role=Role.ORGANIZER, params=(p.text("site", "S"),)
    )(close)
    db = await Database.open(tmp_path / "t.db")
    try:
        dispatcher = Dispatcher(registry, Services(db=db, clock=lambda: NOW))
        organizer, member = actor("olga", role=Role.ORGANIZER), actor("mo")
        for who in (organizer, member, organizer, member):
            await dispatcher.handle_text(who, CHANNEL, "/site close Gate")
        assert ran == ["olga", "olga"]
        denied = await dispatcher.handle_text(member, CHANNEL, "/site close Gate")
        assert denied.is_error and "organizers" in denied.text
    finally:
        await db.close()


async def test_words_like_tomorrow_are_read_afresh_each_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    registry = Registry()
    days: list[object] = []

    async def gaps(ctx, day):  # type: ignore[no-untyped-def]
        days.append(day)
        return Reply(text="ok")

    registry.command("gaps", description="Gaps", params=(p.day("day", "Day"),))(gaps)
    now = [NOW]
    db = await Database.open(tmp_path / "t.db")
    try:
        dispatcher = Dispatcher(registry, Services(db=db, clock=lambda: now[0]))
        await dispatcher.handle_text(actor(), CHANNEL, "/gaps tomorrow")
        now[0] = NOW + timedelta(days=1)
        await dispatcher.handle_text(actor(), CHANNEL, "/gaps tomorrow")
        assert [str(d) for d in days] == ["2026-11-21", "2026-11-22"]
    finally:
        await db.close()


async def test_errors_from_below_are_translated_for_every_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    class Refused(Exception):
        """A refusal from below the command layer."""

    registry = Registry()

    async def full(ctx):  # type: ignore[no-untyped-def]
        raise Refused("that shift is full")

    registry.command("join", description="Join")(full)
    registry.command("other", description="Other")(full)
    registry.translate_errors(Refused, lambda error: CommandError(f"Sorry: {error}."))
    db = await Database.open(tmp_path / "t.db")
    try:
        dispatcher = Dispatcher(registry, Services(db=db, clock=lambda: NOW))
        for line in ("/join", "/other"):
            reply = await dispatcher.handle_text(actor(), CHANNEL, line)
            assert reply.is_error and reply.text == "Sorry: that shift is full."
    finally:
        await db.close()
