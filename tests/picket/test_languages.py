"""Issue 20: a notice sent later (a promotion, a cancellation, a reminder, an ask to move) is in its
recipient's language, not the sender's; a shift post, read by the whole channel, is in
``[bot] language`` whoever clicked; a Spanish reader sees Spanish day names."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from bot.picket.reminders import queue_due
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.context import Actor
from commands.markup import plain
from commands.picket.refusals import words
from storage import members
from storage.picket.refusals import Code, PicketError
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER
from tests.picket.test_now import _two_gates

ANN, BO = actor("Ann"), actor("Bo")
#: A member whose platform says Spanish (Discord's interaction locale, Slack's users.info locale).
SOFIA = dataclasses.replace(actor("Sofía"), locale="es-419")
#: Tue 27 Oct 2026, 09:00 PDT.
STARTS = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)


async def _member_id(bot: TestBot, who: Actor) -> int:
    found = await members.by_platform_id(bot.db, who.platform, who.user_id)
    assert found is not None, who
    return found.id


async def _speaks_spanish(bot: TestBot, who: Actor) -> None:
    """What /lang will record; the platform's locale is not recorded yet, so choose it here."""
    await members.choose_language(bot.db, await _member_id(bot, who), "es")


async def _one_place_shift(bot: TestBot, capacity: int = 1) -> int:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok(f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity}', as_=ORGANIZER)
    return 1


async def test_a_spanish_member_promoted_by_an_english_cancel_is_told_in_spanish(bot: TestBot) -> None:
    shift = await _one_place_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=ANN)
    waitlisted = await bot.ok(f"/picket signup {shift}", as_=SOFIA)
    assert "quedas en la lista de espera: posición 1" in plain(waitlisted.text)  # her own reply, in Spanish
    await bot.ok(f"/picket signup {shift}", as_=BO)  # someone waits behind her: she is asked to confirm
    await _speaks_spanish(bot, SOFIA)
    await bot.deliver()

    cancelled = await bot.ok(f"/picket cancel {shift}", as_=ANN)

    assert plain(cancelled.text) == (
        "You gave up your place on shift #1 Sunset Gate, Tue 2026-10-27 09:00–12:00 PDT."
        " The next in line has it now."
    )
    [told] = [m for m in await bot.deliver() if m.kind == "waitlist-promotion"]
    assert told.target_id == "sofía"
    assert told.title == "¡Ya tienes lugar! Confirma que vienes"
    body = plain(told.body)
    assert body.startswith(
        "Se abrió un lugar en el turno #1 Sunset Gate, mar 2026-10-27 09:00–12:00 PDT: es tuyo."
    )
    assert "Confirma que vas a ir antes de lun 2026-10-26 09:00 PDT (en 60 minutos)" in body
    assert [b.label for b in told.buttons] == ["Voy a ir", "Liberar mi lugar"]


async def test_one_cancellation_tells_each_member_in_their_own_language(bot: TestBot) -> None:
    shift = await _one_place_shift(bot, capacity=2)
    await bot.ok(f"/picket signup {shift}", as_=ANN)
    await bot.ok(f"/picket signup {shift}", as_=SOFIA)
    await _speaks_spanish(bot, SOFIA)
    await bot.deliver()

    await bot.ok(f"/picket shift cancel {shift} heat advisory", as_=ORGANIZER)

    told = {m.target_id: m for m in await bot.deliver() if m.kind == "shift-cancelled"}
    assert (told["ann"].title, plain(told["ann"].body)) == (
        "Shift cancelled",
        "Shift #1 Sunset Gate, Tue 2026-10-27 09:00–12:00 PDT is cancelled; you don't need to come."
        " Reason: heat advisory",
    )
    assert (told["sofía"].title, plain(told["sofía"].body)) == (
        "Turno cancelado",
        "El turno #1 Sunset Gate, mar 2026-10-27 09:00–12:00 PDT se canceló; no hace falta que vengas."
        " Motivo: heat advisory",
    )


async def test_a_platform_locale_is_read_when_no_language_was_chosen(bot: TestBot) -> None:
    shift = await _one_place_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=ANN)
    await bot.ok(f"/picket signup {shift}", as_=BO)
    bo = await _member_id(bot, BO)
    await bot.db.run_sync(  # what the platform said last (the adapters record it)
        lambda tx: tx.execute("UPDATE members SET locale = 'es-MX' WHERE id = ?", (bo,))
    )
    await bot.deliver()

    await bot.ok(f"/picket cancel {shift}", as_=ANN)

    [told] = [m for m in await bot.deliver() if m.kind == "waitlist-promotion"]
    assert told.title == "¡Ya tienes lugar en el turno!"
    assert plain(told.body) == (
        "Se abrió un lugar en el turno #1 Sunset Gate, mar 2026-10-27 09:00–12:00 PDT: quedas confirmado."
        " ¿No puedes ir? /picket cancel 1"
    )


async def test_reminders_are_in_each_members_language(bot: TestBot, clock: FakeClock) -> None:
    shift = await _one_place_shift(bot, capacity=2)
    await bot.ok(f"/picket signup {shift}", as_=ANN)
    await bot.ok(f"/picket signup {shift}", as_=SOFIA)
    await _speaks_spanish(bot, SOFIA)
    await bot.deliver()
    clock.set(STARTS.replace(hour=15))  # an hour before

    assert await queue_due(bot.db, clock(), (60,)) == 2

    sent = {m.target_id: m for m in await bot.deliver() if m.kind == "reminder"}
    assert sent["ann"].title == "Picket shift reminder"
    assert plain(sent["ann"].body).startswith(
        "Your picket shift at Sunset Gate starts in 60 minutes: Tue 27 Oct, 09:00–12:00 PDT."
    )
    assert sent["sofía"].title == "Recordatorio de turno de piquete"
    assert plain(sent["sofía"].body).startswith(
        "Tu turno de piquete en Sunset Gate empieza en 60 minutos: mar 27 oct, 09:00–12:00 PDT."
    )
    assert [b.label for b in sent["sofía"].buttons] == ["Voy a ir", "Liberar mi lugar"]


async def test_a_shift_post_stays_in_the_bot_language_whoever_clicks(bot: TestBot) -> None:
    spanish_organizer = dataclasses.replace(ORGANIZER, locale="es-419")
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=spanish_organizer)
    added = await bot.ok(
        '/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=2', as_=spanish_organizer
    )
    assert added.title == "Turno #1 agregado"  # the organizer's reply is in their language
    [post] = [m for m in await bot.deliver() if m.kind == "shift-post"]
    assert post.title == "Picket shift #1 · Sunset Gate"  # the channel's is in [bot] language
    assert [b.label for b in post.buttons] == ["Sign up", "Cancel"]
    await bot.ok("/picket mine", as_=SOFIA)
    await _speaks_spanish(bot, SOFIA)

    await bot.app.dispatcher.handle_action(SOFIA, CHANNEL, "pb:picket signup 1")
    await bot.refresh_posts(wait=False)

    await bot.deliver()
    (_where, edit), *_rest = bot.sender().edits
    assert "1/2 places" in edit.body and "lugares" not in edit.body
    assert [b.label for b in edit.buttons] == ["Sign up", "Cancel"]
    reposted = await bot.ok("/picket shift post 1", as_=dataclasses.replace(CAPTAIN, locale="es"))
    assert reposted.text.startswith("Publicado el turno #1")
    [again] = [m for m in await bot.deliver() if m.kind == "shift-post"]
    assert again.title == "Picket shift #1 · Sunset Gate"


async def test_a_bot_set_to_spanish_posts_in_spanish_whoever_clicks(
    tmp_path: Path, clock: FakeClock, database: str
) -> None:
    config = '[bot]\nlanguage = "es"\n'
    async with await TestBot.open(
        tmp_path, clock=clock, config=config, channel=CHANNEL, database=database
    ) as bot:
        english_organizer = dataclasses.replace(ORGANIZER, locale="en-US")
        await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=english_organizer)
        added = await bot.ok(
            '/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=2', as_=english_organizer
        )
        assert added.title == "Shift #1 added"  # the organizer's reply is in their language
        [post] = [m for m in await bot.deliver() if m.kind == "shift-post"]
        assert post.title == "Turno de piquete #1 · Sunset Gate"
        assert plain(post.body).splitlines()[:2] == ["mar 2026-10-27 09:00–12:00 PDT", "0/2 lugares"]
        assert [b.label for b in post.buttons] == ["Apuntarme", "Cancelar"]

        await bot.app.dispatcher.handle_action(
            dataclasses.replace(ANN, locale="en"), CHANNEL, "pb:picket signup 1"
        )
        await bot.refresh_posts(wait=False)
        await bot.deliver()
        (_where, edit), *_rest = bot.sender().edits
        assert "1/2 lugares" in plain(edit.body)


async def test_a_captains_ask_to_move_is_in_the_asked_members_language(bot: TestBot) -> None:
    await _two_gates(bot)
    await _speaks_spanish(bot, actor("Bo"))

    await bot.ok("/picket ask 2 <@bo>", as_=CAPTAIN)

    [sent] = [m for m in await bot.deliver() if m.kind == "ask-move"]
    assert sent.title == "Por favor, muévete a Gate 4"
    assert plain(sent.body).startswith("Cato te pide que te muevas de Gate 2 a Gate 4")
    assert sent.buttons[0].label == "Registrar llegada en #2"


def test_nothing_to_confirm_for_a_named_member_says_they_have_none() -> None:
    refusal = PicketError(Code.NOTHING_TO_CONFIRM, shift_id=4, named=True)
    assert words(refusal) == "they have no check-in waiting for confirmation on shift #4"


async def test_a_spanish_organizer_reads_a_clock_change_refusal_with_spanish_day_names(bot: TestBot) -> None:
    spanish_organizer = dataclasses.replace(ORGANIZER, locale="es-ES")
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=spanish_organizer)

    refused = await bot.reply(
        '/picket shift add "Sunset Gate" daily 02:30-04:00 capacity=10 weeks=3 from=2027-03-01',
        as_=spanish_organizer,
    )

    assert refused.is_error
    assert plain(refused.text).startswith(
        "las 02:30 no existen el dom 2027-03-14 en America/Los_Angeles: los relojes pasan de 02:00"
        " directamente a 03:00."
    )
