"""Discord members are answered in their client's language (the interaction's ``locale``).

Through the fake Discord: over the gateway and over HTTP (signed POSTs), a
member whose Discord is set to Spanish reads Spanish, /lang overrides it,
and the synced commands carry Spanish descriptions for Discord's Spanish
locales.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.discord.schema import _described, command_payloads
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import FakeDiscord
from commands.catalog import build_registry
from commands.i18n import in_language
from tests.discord.conftest import ANA, BO, TIMEOUT, Bot, Json, connect, open_discord_app, running_fake
from tests.discord.test_discord_access import MALLORY, ROGUE
from tests.discord.test_discord_http import HTTP_TOML, HttpBot, start_http

SPANISH_CURRENT = "Lees picketbot en español, según el idioma que tienes configurado en Discord."


def shown(body: Json) -> str:
    """What the member reads in an interaction response: content and embeds."""
    data = body["data"]
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
    return "\n".join(p for p in parts if p)


async def locale_noted(bot: Bot, user_id: int) -> str | None:
    value = await bot.app.db.fetchval(
        "SELECT locale FROM members WHERE platform = 'discord' AND platform_user_id = ?", (str(user_id),)
    )
    return None if value is None else str(value)


async def test_a_member_whose_discord_is_in_spanish_reads_spanish(bot: Bot) -> None:
    bot.fake.set_locale(ANA.id, "es-ES")
    assert shown(await bot.slash("lang")).startswith(SPANISH_CURRENT)
    assert shown(await bot.slash("lang", user=BO)).startswith(
        "You read picketbot in English, from your Discord"
    )


async def test_lang_overrides_the_discord_locale_and_auto_returns_to_it(bot: Bot) -> None:
    chosen = shown(await bot.slash("lang", language="es"))  # Ana's Discord says en-US
    assert chosen.startswith("Listo: desde ahora picketbot te responde en este idioma")
    assert shown(await bot.slash("lang")).startswith("Lees picketbot en español: lo elegiste con /lang")
    assert await locale_noted(bot, ANA.id) == "en-US"  # the platform's, noted beside the choice
    back = shown(await bot.slash("lang", language="auto"))
    assert (
        back == "Done: picketbot follows your Discord language setting again, so it answers you in English."
    )


async def test_a_refusal_from_another_server_is_in_the_members_language(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with running_fake(other_guilds=[ROGUE]) as fake:
        app = await open_discord_app(tmp_path, clock, fake)
        try:
            await Bot(app, await connect(app), fake).sync()
            fake.set_locale(MALLORY.id, "es-419")
            sent = await fake.send_interaction(command="lang", user_id=MALLORY.id, guild_id=ROGUE.id)
            body = await fake.wait_for_callback(sent.id, TIMEOUT)
            assert await app.db.fetchval("SELECT count(*) FROM members") == 0  # nothing ran
        finally:
            await app.close()
    assert body["data"]["content"] == "Este bot sirve a otra organización; aquí no hace nada."


@pytest.fixture
async def http_bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[HttpBot]:
    async with running_fake() as fake:
        app = await open_discord_app(
            tmp_path, clock, fake, HTTP_TOML, env={"DISCORD_PUBLIC_KEY": fake.public_key}
        )
        try:
            bot = HttpBot(app, await start_http(app, fake), fake)
            await bot.sync()
            yield bot
        finally:
            await app.close()


async def test_an_http_interaction_in_latin_american_spanish_is_answered_in_spanish(
    http_bot: HttpBot,
) -> None:
    http_bot.fake.set_locale(BO.id, "es-419")
    assert shown(await http_bot.slash("lang", user=BO)).startswith(SPANISH_CURRENT)
    await http_bot.slash("link", user=BO)  # a command that needs Bo's row: the locale is noted on it
    assert await locale_noted(http_bot, BO.id) == "es-419"


def test_synced_descriptions_carry_spanish_for_discords_spanish_locales(fake: FakeDiscord) -> None:
    (lang,) = [c for c in command_payloads(build_registry()) if c["name"] == "lang"]
    spanish = in_language(
        "es", "Your language: /lang es or /lang en; /lang auto follows your Discord or Slack language"
    )
    assert spanish.startswith("Tu idioma")
    assert lang["description_localizations"] == {"es-ES": spanish, "es-419": spanish}
    (option,) = lang["options"]
    assert option["description_localizations"]["es-419"].startswith("es (español)")
    # A description with no Spanish yet gets no localization (Discord shows the English).
    assert "description_localizations" not in _described("A description nobody translated", "x")


async def test_the_fake_discord_takes_the_localized_commands(bot: Bot) -> None:
    synced = bot.fake.commands[None]
    (lang,) = [c for c in synced if c["name"] == "lang"]
    assert lang["description_localizations"]["es-ES"].startswith("Tu idioma")
