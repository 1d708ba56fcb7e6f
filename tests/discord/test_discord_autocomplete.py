"""Autocomplete: shifts with their times, sites, fact keys, from the real database."""

from __future__ import annotations

import secrets
from typing import Any

from bot.adapters.discord.autocomplete import choices_for
from bot.app import App
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID
from commands import params as p
from commands.context import Context
from commands.registry import Command
from commands.reply import Reply
from tests.discord.conftest import ANA, Bot, add_shift

Json = dict[str, Any]


def autocomplete_interaction(bot: Bot, path: list[str], focused: str, typed: str) -> Json:
    """INTERACTION_CREATE type 4 as Discord sends it while a member types in an option.

    The fake builds only command and component interactions, so this one is
    made here; the fake still records the bot's answer to it.
    """
    [command] = [c for c in bot.fake.registered_commands() if c["name"] == path[0]]
    options: list[Json] = [{"type": 3, "name": focused, "value": typed, "focused": True}]
    for depth in range(len(path) - 1, 0, -1):
        options = [{"type": 1 if depth == len(path) - 1 else 2, "name": path[depth], "options": options}]
    user = {
        "id": str(ANA.id),
        "username": ANA.username,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
    }
    guild_id = str(bot.fake.guild_id)
    return {
        "id": str(int(command["id"]) + 1_000 + secrets.randbelow(1_000)),
        "application_id": str(bot.fake.app_id),
        "type": 4,
        "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(32),
        "version": 1,
        "data": {"id": command["id"], "name": path[0], "type": 1, "options": options},
        "guild_id": guild_id,
        "channel_id": str(DEFAULT_CHANNEL_ID),
        "channel": {"id": str(DEFAULT_CHANNEL_ID), "type": 0, "name": "picket-line", "position": 0, "guild_id": guild_id},
        "member": {"user": user, "roles": [], "joined_at": "2023-05-02T09:00:00+00:00", "deaf": False,
                   "mute": False, "flags": 0, "permissions": "0"},
        "locale": "en-US",
        "attachment_size_limit": 10 * 1024 * 1024,
        "app_permissions": "0",
        "entitlements": [],
    }  # fmt: skip


async def answer_to(bot: Bot, payload: Json) -> Json:
    await bot.fake.dispatch("INTERACTION_CREATE", payload)
    request = await bot.fake.wait_for_request(
        "POST", f"/interactions/{payload['id']}/{payload['token']}/callback"
    )
    return dict(request.json)


async def test_shift_choices_name_the_site_and_local_times(bot: Bot) -> None:
    shift = await add_shift(bot)

    answer = await answer_to(bot, autocomplete_interaction(bot, ["picket", "signup"], "id", ""))

    assert answer == {
        "type": 8,
        "data": {
            "choices": [{"name": f"#{shift} Netflix Sunset Gate · Tue 27 Oct 09:00–12:00", "value": shift}]
        },
    }


async def test_check_in_offers_shifts_as_text_since_it_also_takes_a_code(bot: Bot) -> None:
    shift = await add_shift(bot)

    answer = await answer_to(bot, autocomplete_interaction(bot, ["picket", "checkin"], "id", ""))

    assert answer["data"]["choices"] == [
        {"name": f"#{shift} Netflix Sunset Gate · Tue 27 Oct 09:00–12:00", "value": str(shift)}
    ]


async def test_site_choices_follow_what_is_typed(bot: Bot) -> None:
    await add_shift(bot)
    await bot.as_organizer("/picket site add Paramount")

    answer = await answer_to(bot, autocomplete_interaction(bot, ["picket", "shifts"], "site", "sunset"))

    assert answer["data"]["choices"] == [{"name": "Netflix Sunset Gate", "value": "Netflix Sunset Gate"}]


async def test_fact_keys_are_offered_for_fact_commands(bot: Bot) -> None:
    answer = await answer_to(bot, autocomplete_interaction(bot, ["fact", "history"], "key", "delaney"))

    assert answer["data"]["choices"] == [
        {"name": "delaney-ghoulish-quote", "value": "delaney-ghoulish-quote"}
    ]


async def test_every_kind_degrades_to_no_choices(app: App) -> None:
    now = app.services.clock()
    assert await choices_for("company", app.db, "", now) == []  # no job boards watched (or no tables yet)
    assert await choices_for("shift", app.db, "12", now) == []
    assert await choices_for("no-such-kind", app.db, "", now) == []
    topics = await choices_for("topic", app.db, "a", now)
    assert [c["value"] for c in topics] == ["ai-jobs", "ai-proposals", "pay"]  # "strike" has no "a"


async def test_typed_wildcards_are_taken_literally(app: App) -> None:
    now = app.services.clock()
    assert await choices_for("fact", app.db, "%", now) == []
    assert await choices_for("fact", app.db, "_", now) == []


async def test_more_fixed_choices_than_discord_lists_are_filtered_as_typed(bot: Bot) -> None:
    async def pick(ctx: Context, colour: str) -> Reply:
        return Reply(colour)

    colours = tuple(f"colour-{i}" for i in range(30))
    bot.app.registry.add(
        Command(("toy", "pick"), "A toy command", pick, (p.choice("colour", "A colour", colours),))
    )
    await bot.sync()

    answer = await answer_to(bot, autocomplete_interaction(bot, ["toy", "pick"], "colour", "2"))

    names = [c["name"] for c in answer["data"]["choices"]]
    assert names == ["colour-2", "colour-12", "colour-20", *(f"colour-2{i}" for i in range(1, 10))]


async def test_shift_choices_name_the_day_in_the_members_language(bot: Bot) -> None:
    shift = await add_shift(bot)
    asked = {**autocomplete_interaction(bot, ["picket", "signup"], "id", ""), "locale": "es-419"}

    answer = await answer_to(bot, asked)

    assert answer["data"]["choices"] == [
        {"name": f"#{shift} Netflix Sunset Gate · mar 27 oct 09:00–12:00", "value": shift}
    ]
