"""Notices in the recipient's language when all they ever did was sign up (or click Sign up).

A striker whose Discord says es-419 clicks a shift post's Sign up button and
lands on the waitlist; an English organizer's cancellation later promotes
them. The sign-up alone must note their locale: the promotion is theirs to
read, in Spanish, while the bot's own language is English.
"""

from __future__ import annotations

from datetime import timedelta

from bot.testing.harness import TestBot
from commands.context import Actor
from commands.roles import Role


def discord(user_id: str, name: str, locale: str, role: Role = Role.MEMBER) -> Actor:
    return Actor("discord", user_id, name, role, locale)


async def test_a_sign_up_alone_notes_the_locale_a_promotion_is_written_in(bot: TestBot) -> None:
    olga = discord("1130000000000000301", "Olga", "en-US", Role.ORGANIZER)
    ana = discord("1130000000000000302", "Ana", "es-419")
    start = (bot.clock.now + timedelta(days=1)).astimezone(bot.app.services.settings.timezone)
    await bot.ok("/picket site add Norte", as_=olga)
    await bot.ok(f"/picket shift add Norte {start:%Y-%m-%d} 09:00-12:00 capacity=1", as_=olga)
    await bot.ok("/picket signup 1", as_=olga)
    waiting = await bot.say("/picket signup 1", as_=ana)  # Ana's only command
    assert "lista de espera" in waiting
    await bot.ok("/picket cancel 1", as_=olga)
    promoted = [m for m in await bot.deliver("discord") if m.target_id == ana.user_id]
    assert len(promoted) == 1
    assert promoted[0].title == "¡Ya tienes lugar en el turno!", promoted[0].title
    assert "lugar" in promoted[0].body and "place" not in promoted[0].body


async def test_a_later_sign_up_notes_a_changed_locale(bot: TestBot) -> None:
    ana_en = discord("1130000000000000302", "Ana", "en-US")
    await bot.ok("/picket mine", as_=ana_en)
    await bot.ok("/picket site add Norte", role=Role.ORGANIZER)
    await bot.ok("/picket shift add Norte tomorrow 09:00-12:00 capacity=5", role=Role.ORGANIZER)
    await bot.ok("/picket signup 1", as_=discord(ana_en.user_id, "Ana", "es-ES"))
    locale = await bot.db.fetchval("SELECT locale FROM members WHERE platform_user_id = ?", (ana_en.user_id,))
    assert locale == "es-ES"
