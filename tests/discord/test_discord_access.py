"""Roles count only in the union's own Discord servers ([discord] allowed_guilds).

The attack: anyone can make a server, create a role called "Strike Organizer",
invite a public bot and remove facts. Here the bot is in the union's server
and in such a rogue server, whose "Strike Organizer" role has the very name
the configuration gives organizers by.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.discord.config import allowed_guilds
from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.adapters.discord.membership import NOT_MEMBER_SECONDS, UNKNOWN_SECONDS, ServerMembership
from bot.app import App
from bot.config.loading import ConfigError
from bot.testing.clock import FakeClock, FakeMonotonic
from bot.testing.fakes.discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeMember,
    FakeRole,
)
from tests.discord.conftest import (
    ANA,
    EPHEMERAL,
    OLIVE,
    ORGANIZER_ROLE,
    TIMEOUT,
    Bot,
    add_shift,
    confirmed_signups,
    connect,
    embed_of,
    open_discord_app,
)
from tests.discord.test_discord_autocomplete import answer_to, autocomplete_interaction
from tests.helpers import row_counts

ROGUE_ROLE = FakeRole(1_140_000_000_000_000_101, "Strike Organizer")
MALLORY = FakeMember(1_140_000_000_000_000_201, "mallory", role_ids=(ROGUE_ROLE.id,))
ROGUE_CHANNEL = FakeChannel(1_140_000_000_000_000_011, "general")
ROGUE = FakeGuild(1_140_000_000_000_000_001, "Totally The Union", (ROGUE_ROLE,), (ROGUE_CHANNEL,), (MALLORY,))
FACT = "wga-strike-since-may"

# Organizers by role *name*: the form a rogue server can copy.
BY_NAME = '[discord]\norganizer_roles = ["Strike Organizer"]\n'
ALLOWED = BY_NAME + f'allowed_guilds = ["{DEFAULT_GUILD_ID}"]\n'


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(roles=[ORGANIZER_ROLE], members=[OLIVE, ANA], other_guilds=[ROGUE])
    async with server:
        try:
            yield server
        finally:
            restore_discord_endpoints()


async def running(fake: FakeDiscord, tmp_path: Path, clock: FakeClock, toml: str) -> Bot:
    app = await open_discord_app(tmp_path, clock, fake, toml)
    try:
        bot = Bot(app, await connect(app), fake)
        await bot.sync()
    except BaseException:
        await app.close()
        raise
    return bot


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Bot]:
    running_bot = await running(fake, tmp_path, clock, ALLOWED)
    try:
        yield running_bot
    finally:
        await running_bot.app.close()


async def fact_exists(app: App) -> bool:
    sql = "SELECT count(*) FROM facts WHERE key = ? AND superseded_at IS NULL AND NOT removed"
    return bool(await app.db.fetchval(sql, (FACT,)))


async def remove_fact(bot: Bot, user: FakeMember, **where: Any) -> dict[str, Any]:
    sent = await bot.fake.send_interaction(
        command="fact remove", options={"key": FACT}, user_id=user.id, **where
    )
    return await bot.fake.wait_for_callback(sent.id, TIMEOUT)


def refused_as_foreign(answer: dict[str, Any]) -> bool:
    return answer["data"]["content"] == FOREIGN_ORGANIZATION and answer["data"]["flags"] == EPHEMERAL


async def test_a_role_named_like_the_unions_in_another_server_grants_nothing(bot: Bot) -> None:
    before = await row_counts(bot.app.db)

    answer = await remove_fact(bot, MALLORY, guild_id=ROGUE.id)

    assert refused_as_foreign(answer)
    assert await row_counts(bot.app.db) == before  # no member, no audit entry, nothing
    assert await fact_exists(bot.app)


async def test_the_organizer_role_by_name_works_in_the_unions_own_server(bot: Bot) -> None:
    answer = await remove_fact(bot, OLIVE)

    assert embed_of(answer)["description"].startswith(f"Removed fact {FACT}")
    assert not await fact_exists(bot.app)


async def test_a_button_click_from_another_server_runs_nothing(bot: Bot) -> None:
    before = await row_counts(bot.app.db)

    _, answer = await bot.click(f"pb:fact remove {FACT}", user=MALLORY, guild_id=ROGUE.id)

    assert refused_as_foreign(answer)
    assert await row_counts(bot.app.db) == before
    assert await fact_exists(bot.app)


async def test_another_server_gets_no_suggestions(bot: Bot) -> None:
    payload = autocomplete_interaction(bot, ["fact", "remove"], "key", "wga")
    assert (await answer_to(bot, payload))["data"]["choices"]  # the union's server: fact keys

    rogue = {**payload, "id": str(int(payload["id"]) + 1), "guild_id": str(ROGUE.id)}
    rogue["channel"] = {**payload["channel"], "id": str(ROGUE_CHANNEL.id), "guild_id": str(ROGUE.id)}
    rogue["channel_id"] = str(ROGUE_CHANNEL.id)

    assert (await answer_to(bot, rogue))["data"] == {"choices": []}


async def test_in_a_dm_an_organizer_acts_as_a_member(bot: Bot) -> None:
    answer = await remove_fact(bot, OLIVE, in_dm=True)

    assert "for organizers" in answer["data"]["content"]
    assert await fact_exists(bot.app)


async def test_in_a_dm_the_button_on_ones_own_reminder_still_works(bot: Bot) -> None:
    shift = await add_shift(bot)
    await bot.slash("picket signup", user=ANA, id=shift)
    assert await confirmed_signups(bot.app, ANA.id) == 1

    # The reminder's button, clicked in the DM the reminder came in.
    _, answer = await bot.click(f"pb:picket cancel {shift}", user=ANA, in_dm=True)

    assert embed_of(answer)["description"].startswith(f"You gave up your place on shift #{shift}")
    assert await confirmed_signups(bot.app, ANA.id) == 0


async def test_start_up_names_the_other_servers_the_bot_is_in(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        bot = await running(fake, tmp_path, clock, ALLOWED)
    await bot.app.close()

    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(
        f"Discord: the bot is also in 1 server(s) not in [discord] allowed_guilds ({ROGUE.id})"
    )
    assert "switch off Public Bot" in warning


async def test_without_a_listed_server_roles_grant_nothing_and_start_up_says_so(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        bot = await running(fake, tmp_path, clock, BY_NAME)
    try:
        by_the_unions_organizer = await remove_fact(bot, OLIVE)
        by_the_rogue = await remove_fact(bot, MALLORY, guild_id=ROGUE.id)

        assert "for organizers" in by_the_unions_organizer["data"]["content"]
        assert "for organizers" in by_the_rogue["data"]["content"]
        assert await fact_exists(bot.app)
    finally:
        await bot.app.close()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "Discord: neither [discord] allowed_guilds nor guild_id is set, so Discord roles grant nothing: "
        "everyone acts as a member"
    ]


async def test_guild_id_alone_is_the_unions_server(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    bot = await running(fake, tmp_path, clock, BY_NAME + f'guild_id = "{DEFAULT_GUILD_ID}"\n')
    try:
        assert refused_as_foreign(await remove_fact(bot, MALLORY, guild_id=ROGUE.id))
        removed = await remove_fact(bot, OLIVE, channel_id=DEFAULT_CHANNEL_ID)
        assert embed_of(removed)["description"].startswith(f"Removed fact {FACT}")
    finally:
        await bot.app.close()


@pytest.mark.parametrize(
    ("section", "guilds"),
    [
        ({"allowed_guilds": ["11", 12], "guild_id": "13"}, {11, 12}),  # the list wins over guild_id
        ({"guild_id": "13"}, {13}),
        ({}, set()),
        ({"allowed_guilds": []}, set()),
    ],
)
def test_allowed_servers_are_read_from_the_list_else_guild_id(
    section: dict[str, Any], guilds: set[int]
) -> None:
    assert allowed_guilds(section) == guilds


@pytest.mark.parametrize("value", ["123", ["Picket HQ"], [""], [True]])
def test_a_wrong_server_list_is_a_one_line_error(value: object) -> None:
    with pytest.raises(ConfigError, match=r"^\[discord\] allowed_guilds must"):
        allowed_guilds({"allowed_guilds": value})


# ---- direct messages: served only to members of the union's servers ---------------------------

MEMBER_LOOKUPS = "/guilds/{guild_id}/members/{user_id}"


async def test_an_outsider_cannot_act_by_dm(bot: Bot) -> None:
    # Mallory is in no server of the union's, only in one of her own that the bot is in. In a DM
    # she used to act as a plain member: fill every picket shift, push members onto waitlists.
    shift = await add_shift(bot, capacity=1)
    before = await row_counts(bot.app.db)

    sent = await bot.fake.send_interaction(
        command="picket signup", options={"id": shift}, user_id=MALLORY.id, in_dm=True
    )
    answer = await bot.fake.wait_for_callback(sent.id, TIMEOUT)
    _, clicked = await bot.click(f"pb:picket signup {shift}", user=MALLORY, in_dm=True)

    assert refused_as_foreign(answer) and refused_as_foreign(clicked)
    assert await row_counts(bot.app.db) == before  # no sign-up, no member row, nothing
    assert await confirmed_signups(bot.app, MALLORY.id) == 0


def in_a_dm(payload: dict[str, Any], user: FakeMember, channel_id: int) -> dict[str, Any]:
    """An autocomplete interaction as Discord sends it from a DM: a user, no server, no member."""
    dm = {key: value for key, value in payload.items() if key not in ("guild_id", "member")}
    dm["id"] = str(int(payload["id"]) + channel_id % 1000)
    dm["user"] = {"id": str(user.id), "username": user.username, "discriminator": "0", "global_name": None,
                  "avatar": None}  # fmt: skip
    dm["channel_id"] = str(channel_id)
    dm["channel"] = {"id": str(channel_id), "type": 1}
    return dm


async def test_an_outsider_gets_no_suggestions_by_dm(bot: Bot) -> None:
    payload = autocomplete_interaction(bot, ["fact", "remove"], "key", "wga")

    by_a_member = await answer_to(bot, in_a_dm(payload, ANA, 1_150_000_000_000_000_001))
    by_the_outsider = await answer_to(bot, in_a_dm(payload, MALLORY, 1_150_000_000_000_000_002))

    assert by_a_member["data"]["choices"]
    assert by_the_outsider["data"] == {"choices": []}


async def test_a_member_of_the_unions_server_is_served_by_dm_and_looked_up_once(bot: Bot) -> None:
    shift = await add_shift(bot)

    for command in ("picket signup", "picket cancel"):
        sent = await bot.fake.send_interaction(
            command=command, options={"id": shift}, user_id=ANA.id, in_dm=True
        )
        answer = await bot.fake.wait_for_callback(sent.id, TIMEOUT)
        assert not refused_as_foreign(answer), answer

    lookups = bot.fake.requests_to("GET", MEMBER_LOOKUPS)
    assert [r.path for r in lookups] == [f"/guilds/{DEFAULT_GUILD_ID}/members/{ANA.id}"]  # then remembered


async def test_a_member_just_seen_in_the_unions_server_is_not_looked_up(bot: Bot) -> None:
    shift = await add_shift(bot)
    await bot.slash("picket signup", user=ANA, id=shift)

    _, answer = await bot.click(f"pb:picket cancel {shift}", user=ANA, in_dm=True)

    assert embed_of(answer)["description"].startswith(f"You gave up your place on shift #{shift}")
    assert bot.fake.requests_to("GET", MEMBER_LOOKUPS) == []


async def test_a_failed_lookup_refuses_for_a_short_while_then_asks_again(bot: Bot) -> None:
    clock = FakeMonotonic()
    membership = ServerMembership([DEFAULT_GUILD_ID], lambda: bot.adapter.client.http, clock=clock)
    bot.fake.answer_with_page("GET", MEMBER_LOOKUPS, status=503, times=1)

    assert not await membership.is_member(ANA.id)  # Discord did not answer: not known, refused
    assert not await membership.is_member(ANA.id)  # and not asked again at once
    clock.now += UNKNOWN_SECONDS + 1
    assert await membership.is_member(ANA.id)
    assert not await membership.is_member(MALLORY.id)
    clock.now += NOT_MEMBER_SECONDS - 1
    assert not await membership.is_member(MALLORY.id)
    assert len(bot.fake.requests_to("GET", MEMBER_LOOKUPS)) == 3
