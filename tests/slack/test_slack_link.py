"""/link through the real Slack adapter (HTTP mode, the fake Slack), in the member's Slack language.

A striker whose Slack is in Spanish asks for a code on Slack and types it on
Discord (the dispatcher, as the Discord adapter calls it): the answers on
Slack are Spanish, the accounts are one person, and /link remove undoes it.
"""

from __future__ import annotations

import re

from commands.context import Actor, Channel
from tests.slack.conftest import HttpBot
from tests.slack.test_slack_http import texts

ANA = ("U0ANA", "ana")
ON_DISCORD = Actor("discord", "1130000000000000203", "ana.d", locale="en-US")


async def link(http_bot: HttpBot, text: str = "") -> str:
    status, _, response_url = await http_bot.command("/link", text, user_id=ANA[0], user_name=ANA[1])
    assert status == 200
    return texts(await http_bot.fake.wait_for_response(response_url))


async def test_a_code_from_slack_typed_on_discord_links_them_in_spanish(http_bot: HttpBot) -> None:
    http_bot.fake.add_user(*ANA, locale="es-LA")
    given = await link(http_bot)
    assert "Tu código de vinculación" in given
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", given)
    assert code, given
    channel = Channel("discord", "1130000000000000010", "picket-line")
    typed = await http_bot.app.dispatcher.handle_text(ON_DISCORD, channel, f"/link {code.group(1)}")
    assert not typed.is_error, typed.text
    assert (typed.text or "").startswith("Linked: you are one member on Slack (ana), Discord (ana.d).")
    shown = await link(http_bot, "show")
    assert "Slack (ana) (principal: los avisos llegan aquí)" in shown and "Discord (ana.d)" in shown
    removed = await link(http_bot, "remove")
    assert removed.startswith("Desvinculada: Discord (ana.d) vuelve a ser una cuenta aparte.")
    assert (await link(http_bot, "show")).startswith("Tú: una sola cuenta, sin vincular a otra.")
