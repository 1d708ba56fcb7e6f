"""Notices in the recipient's language when all they ever did was sign up (or click Sign up).

A striker whose Discord says es-419 clicks a shift post's Sign up button and
lands on the waitlist; an English organizer's cancellation later promotes
them. The sign-up alone must note their locale: the promotion is theirs to
read, in Spanish, while the bot's own language is English.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from bot.testing.clock import FakeClock
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


async def test_a_promotion_a_link_causes_is_in_the_bots_language(tmp_path: Path, clock: FakeClock) -> None:
    """Linking two accounts on one shift frees a place: the member promoted into it, who named
    no language, reads [bot] language (Spanish here), as after any other cancellation."""
    async with await TestBot.open(tmp_path, clock=clock, config='[bot]\nlanguage = "es"\n') as bot:
        olga = Actor("console", "olga", "Olga", Role.ORGANIZER)
        ana_d, ana_s, bo = (
            Actor("discord", "111", "Ana"),
            Actor("slack", "U111", "ana.s"),
            Actor("slack", "U2", "Bo"),
        )
        await bot.ok('/picket site add "Norte" tz=America/Los_Angeles', as_=olga)
        await bot.ok('/picket shift add "Norte" tue 09:00-12:00 capacity=2', as_=olga)
        for who in (ana_d, ana_s, bo):  # Ana twice, as two accounts; Bo waits
            await bot.ok("/picket signup 1", as_=who)
        given = await bot.say("/link", as_=ana_d)
        code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", given)
        assert code, given
        await bot.ok(f"/link {code.group(1)}", as_=ana_s)
        promoted = [m for m in await bot.deliver("slack") if m.kind == "waitlist-promotion"]
        assert [m.target_id for m in promoted] == ["U2"]
        assert promoted[0].title == "¡Ya tienes lugar en el turno!", promoted[0].title


async def test_linking_keeps_the_language_chosen_on_the_account_that_types_the_code(bot: TestBot) -> None:
    on_discord = Actor("discord", "111", "Ana", Role.MEMBER, "en-US")
    on_slack = Actor("slack", "U111", "ana.s", Role.MEMBER, "en-US")
    await bot.ok("/lang es", as_=on_slack)  # chosen on Slack, before linking
    given = await bot.say("/link", as_=on_discord)
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", given)
    assert code, given
    await bot.ok(f"/link {code.group(1)}", as_=on_slack)
    for account in (on_slack, on_discord):  # the person's, on both, as if chosen after linking
        assert (await bot.say("/lang", as_=account)).startswith("Lees picketbot en español: lo elegiste")


async def test_linking_keeps_a_choice_made_on_the_primary_account(bot: TestBot) -> None:
    on_discord = Actor("discord", "111", "Ana", Role.MEMBER, "es-419")
    on_slack = Actor("slack", "U111", "ana.s", Role.MEMBER, "es-419")
    await bot.ok("/lang en", as_=on_discord)
    await bot.ok("/lang es", as_=on_slack)
    given = await bot.say("/link", as_=on_discord)
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", given)
    assert code, given
    await bot.ok(f"/link {code.group(1)}", as_=on_slack)
    assert (await bot.say("/lang", as_=on_slack)).startswith("You read picketbot in English: you chose it")
