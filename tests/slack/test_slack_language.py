"""Slack members are answered in their Slack language (users.info with include_locale).

Through the fake Slack in HTTP mode: a member whose Slack is in Spanish
reads Spanish; users.info is asked once per member, not once per command;
without the users:read scope (an app installed before it was asked for)
members read [bot] language, the command is still answered, and the
missing scope is logged once, without a token.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.slack.conftest import BOT_TOKEN, HttpBot
from tests.slack.test_slack_http import texts

ANA = ("U0ANA", "ana")
BO = ("U0BO", "bo")


async def lang(http_bot: HttpBot, user: tuple[str, str], text: str = "") -> str:
    status, _, response_url = await http_bot.command("/lang", text, user_id=user[0], user_name=user[1])
    assert status == 200
    return texts(await http_bot.fake.wait_for_response(response_url))


def users_info_calls(http_bot: HttpBot, user_id: str) -> list[Any]:
    return [c for c in http_bot.fake.calls("users.info") if c.args.get("user") == user_id]


async def test_a_member_whose_slack_is_in_spanish_reads_spanish_and_is_looked_up_once(
    http_bot: HttpBot,
) -> None:
    http_bot.fake.add_user(*ANA, locale="es-LA")
    first = await lang(http_bot, ANA)
    assert first.startswith("Lees picketbot en español, según el idioma que tienes configurado en Slack.")
    assert (await lang(http_bot, ANA)).startswith("Lees picketbot en español")
    (call,) = users_info_calls(http_bot, ANA[0])  # cached: once for both commands
    assert str(call.args.get("include_locale")).lower() in ("true", "1")


async def test_lang_overrides_the_slack_locale(http_bot: HttpBot) -> None:
    http_bot.fake.add_user(*BO, locale="en-US")
    assert (await lang(http_bot, BO, "es")).startswith("Listo: desde ahora picketbot te responde")
    back = await lang(http_bot, BO, "auto")
    assert back.startswith("Done: picketbot follows your Slack language setting again")


async def test_without_the_users_read_scope_members_read_the_bots_language(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    http_bot.fake.add_user(*ANA, locale="es-LA")
    http_bot.fake.add_user(*BO, locale="es-LA")
    http_bot.fake.refuse("users.info", "missing_scope")
    with caplog.at_level(logging.WARNING, logger="picketbot.slack"):
        shown = await lang(http_bot, ANA)
        await lang(http_bot, BO)
    assert shown.startswith("You read picketbot in English, this bot's own language")
    warnings = [r.getMessage() for r in caplog.records if "users.info" in r.getMessage()]
    assert len(warnings) == 1 and "missing_scope" in warnings[0] and "users:read" in warnings[0]
    assert BOT_TOKEN not in caplog.text
    # Not asked again on every command while the scope is missing.
    await lang(http_bot, ANA)
    assert len(users_info_calls(http_bot, ANA[0])) == 1
