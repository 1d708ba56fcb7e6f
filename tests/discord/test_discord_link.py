"""/link through the real Discord adapter (the fake Discord over the gateway), in the member's language.

A striker whose Discord is in Latin-American Spanish asks for a code with
/link (its one option left empty), types it on Slack (the dispatcher, as the
Slack adapter calls it), and sees both accounts with /link code:show; the
code is shown only to them.
"""

from __future__ import annotations

import re

from commands.context import Actor, Channel
from tests.discord.conftest import ANA, EPHEMERAL, Bot
from tests.discord.test_discord_language import shown

ON_SLACK = Actor("slack", "U0ANA", "ana.s", locale="en-US")


async def test_a_code_from_discord_typed_on_slack_links_them_in_spanish(bot: Bot) -> None:
    bot.fake.set_locale(ANA.id, "es-419")
    given = await bot.slash("link")
    assert given["data"]["flags"] & EPHEMERAL  # a code is for its owner's eyes only
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", shown(given))
    assert code and shown(given).startswith("Tu código de vinculación"), shown(given)
    typed = await bot.app.dispatcher.handle_text(
        ON_SLACK, Channel("slack", "C1", "picket"), f"/link {code.group(1)}"
    )
    assert not typed.is_error, typed.text
    accounts = shown(await bot.slash("link", code="show"))
    assert "Discord (ana) (principal: los avisos llegan aquí)" in accounts and "Slack (ana.s)" in accounts
    removed = shown(await bot.slash("link", code="remove"))
    assert removed.startswith("Desvinculada: Slack (ana.s) vuelve a ser una cuenta aparte.")
