"""The fake Discord against the real discord.py client, pointed there only by base URLs."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator

import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands

from bot.adapters.discord.endpoints import DISCORD_API_BASE, point_discord_at, restore_discord_endpoints
from bot.testing.fakes.discord import (
    DEFAULT_APP_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeDiscord,
    FakeMember,
    FakeRole,
)

CAPTAIN = FakeRole(1_130_000_000_000_000_100, "captain")
DOLORES = FakeMember(1_130_000_000_000_000_200, "dolores", role_ids=(CAPTAIN.id,))
TIMEOUT = 5.0


class ShiftButtons(discord.ui.View):
    """A persistent view: no timeout, fixed custom_id, so it outlives a restart."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Join", custom_id="shift:42:join", style=discord.ButtonStyle.primary)
    async def join(self, interaction: discord.Interaction, button: discord.ui.Button[ShiftButtons]) -> None:
        await interaction.response.edit_message(content="Shift 42: 1/10 signed up")


class PicketClient(discord.Client):
    """A bot shaped like ours: a CommandTree with the group ``picket``."""

    def __init__(self) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=0.05,
        )
        self.tree = app_commands.CommandTree(self)
        self.signups: list[tuple[int, int, list[int]]] = []
        self.tree.add_command(self._picket_group())

    def _picket_group(self) -> app_commands.Group:
        picket = app_commands.Group(name="picket", description="Picket scheduling")

        @picket.command(name="signup", description="Sign up for a shift")
        @app_commands.describe(shift="Shift number")
        async def signup(interaction: discord.Interaction, shift: int) -> None:
            assert isinstance(interaction.user, discord.Member)
            roles = [r.id for r in interaction.user.roles if not r.is_default()]
            self.signups.append((interaction.user.id, shift, roles))
            await interaction.response.send_message(
                f"@everyone {interaction.user.name} is on shift {shift}", ephemeral=True
            )

        @picket.command(name="roster", description="Who is on a shift")
        async def roster(interaction: discord.Interaction, shift: int) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send(f"Shift {shift}: dolores", ephemeral=True)

        @picket.command(name="export", description="Shift hours as CSV")
        async def export(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True)
            csv = discord.File(io.BytesIO(b"member,hours\ndolores,6\n"), filename="hours.csv")
            await interaction.edit_original_response(content="Hours attached", attachments=[csv])

        @picket.command(name="checkin", description="Check a member in")
        async def checkin(interaction: discord.Interaction, who: discord.Member) -> None:
            await interaction.response.send_message(f"{who.display_name} checked in")

        return picket


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(roles=[CAPTAIN], members=[DOLORES]) as server:
        point_discord_at(server.api_base, server.gateway_url)
        try:
            yield server
        finally:
            restore_discord_endpoints()


@pytest.fixture
async def client(fake: FakeDiscord) -> AsyncIterator[PicketClient]:
    bot = PicketClient()
    bot.add_view(ShiftButtons())
    await bot.login(fake.token)
    running = asyncio.create_task(bot.connect())
    try:
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({ready, running}, timeout=TIMEOUT, return_when="FIRST_COMPLETED")
        if ready not in done:
            ready.cancel()
            raise AssertionError(f"client never became ready: {running}")
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(running, TIMEOUT)


async def test_client_connects_and_reaches_ready(fake: FakeDiscord, client: PicketClient) -> None:
    assert client.user is not None and client.user.id == fake.bot_user_id
    assert client.application_id == DEFAULT_APP_ID
    guild = client.get_guild(DEFAULT_GUILD_ID)
    assert guild is not None and guild.me is not None
    assert guild.get_channel(DEFAULT_CHANNEL_ID) is not None
    assert guild.get_role(CAPTAIN.id) is not None
    identify = await fake.wait_for_gateway_op(2)
    assert identify["d"]["intents"] == discord.Intents(guilds=True).value
    # discord.py always asks for zlib-stream; the fake answers in plain TEXT frames.
    assert fake.gateway_connections[0].query == {
        "v": "10",
        "encoding": "json",
        "compress": "zlib-stream",
    }
    me = fake.requests_to("GET", "/users/@me")
    assert me[0].headers["Authorization"] == f"Bot {fake.token}"
    assert fake.requests_to("GET", "/oauth2/applications/@me")[0].status == 200


async def test_command_tree_sync_stores_the_schema(fake: FakeDiscord, client: PicketClient) -> None:
    synced = await client.tree.sync()
    stored = fake.registered_commands()
    assert [c.id for c in synced] == [int(c["id"]) for c in stored]
    picket = stored[0]
    assert picket["name"] == "picket"
    signup = next(o for o in picket["options"] if o["name"] == "signup")
    assert signup["type"] == 1
    assert signup["options"] == [
        {"type": 4, "name": "shift", "description": "Shift number", "required": True}
    ]
    # A bulk overwrite keeps the ids of commands that are still there.
    again = await client.tree.sync()
    assert [c.id for c in again] == [c.id for c in synced]

    guild = discord.Object(DEFAULT_GUILD_ID)
    client.tree.copy_global_to(guild=guild)
    await client.tree.sync(guild=guild)
    assert fake.registered_commands(DEFAULT_GUILD_ID)[0]["guild_id"] == str(DEFAULT_GUILD_ID)


async def test_slash_command_gets_an_ephemeral_reply(fake: FakeDiscord, client: PicketClient) -> None:
    sent = await fake.send_interaction(command="picket signup", options={"shift": 42}, user_id=DOLORES.id)
    body = await fake.wait_for_callback(sent.id, TIMEOUT)
    assert body["type"] == 4
    assert body["data"]["content"] == "@everyone dolores is on shift 42"
    assert body["data"]["flags"] == 64
    assert body["data"]["allowed_mentions"] == {"parse": []}
    assert client.signups == [(DOLORES.id, 42, [CAPTAIN.id])]
    # The payload nests the subcommand the way Discord does.
    assert sent.payload["data"]["options"] == [
        {"type": 1, "name": "signup", "options": [{"name": "shift", "type": 4, "value": 42}]}
    ]


async def test_synced_guild_command_uses_the_stored_schema(fake: FakeDiscord, client: PicketClient) -> None:
    guild = discord.Object(DEFAULT_GUILD_ID)
    client.tree.copy_global_to(guild=guild)
    await client.tree.sync(guild=guild)
    with pytest.raises(ValueError, match="missing"):
        await fake.send_interaction(command="picket signup", options={}, user_id=DOLORES.id)
    sent = await fake.send_interaction(
        command="picket signup", options={"shift": 7}, user_id=DOLORES.id, role_ids=[]
    )
    assert sent.payload["data"]["guild_id"] == str(DEFAULT_GUILD_ID)
    await fake.wait_for_callback(sent.id, TIMEOUT)
    assert client.signups == [(DOLORES.id, 7, [])]


async def test_deferred_reply_then_followup(fake: FakeDiscord, client: PicketClient) -> None:
    sent = await fake.send_interaction(command="picket roster", options={"shift": 42}, user_id=DOLORES.id)
    assert await fake.wait_for_callback(sent.id, TIMEOUT) == {"type": 5, "data": {"flags": 64}}
    followup = await fake.wait_for_request("POST", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}")
    assert followup.json["content"] == "Shift 42: dolores"
    assert followup.json["allowed_mentions"] == {"parse": []}
    assert followup.query["wait"] == "1"
    # The first follow-up replaced the "thinking..." message and stayed ephemeral.
    [message] = fake.channel_messages(DEFAULT_CHANNEL_ID)
    assert message["content"] == "Shift 42: dolores"
    assert message["flags"] == 64


async def test_edit_original_response_uploads_a_file(fake: FakeDiscord, client: PicketClient) -> None:
    sent = await fake.send_interaction(command="picket export", user_id=DOLORES.id)
    assert (await fake.wait_for_callback(sent.id, TIMEOUT))["type"] == 5
    edit = await fake.wait_for_request("PATCH", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}/messages/@original")
    assert edit.status == 200
    assert [(f.filename, f.data) for f in edit.files] == [("hours.csv", b"member,hours\ndolores,6\n")]
    [message] = fake.channel_messages(DEFAULT_CHANNEL_ID)
    assert message["content"] == "Hours attached"
    assert [a["filename"] for a in message["attachments"]] == ["hours.csv"]


async def test_member_option_is_resolved_from_the_synced_schema(
    fake: FakeDiscord, client: PicketClient
) -> None:
    await client.tree.sync()
    sent = await fake.send_interaction(
        command="picket checkin", options={"who": DOLORES.id}, user_id=DOLORES.id
    )
    assert sent.payload["data"]["options"][0]["options"] == [
        {"name": "who", "type": 6, "value": str(DOLORES.id)}
    ]
    body = await fake.wait_for_callback(sent.id, TIMEOUT)
    assert body["data"]["content"] == "dolores checked in"


async def test_dm_interaction_follows_up_in_the_dm_channel(fake: FakeDiscord, client: PicketClient) -> None:
    sent = await fake.send_interaction(
        command="picket roster", options={"shift": 3}, user_id=DOLORES.id, in_dm=True
    )
    assert "member" not in sent.payload and sent.payload["user"]["id"] == str(DOLORES.id)
    await fake.wait_for_request("POST", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}")
    dm_channel = fake.dm_channel_id(DOLORES.id)
    assert dm_channel is not None
    assert [m["content"] for m in fake.channel_messages(dm_channel)] == ["Shift 3: dolores"]


async def test_invalid_command_schema_is_refused_like_discord(
    fake: FakeDiscord, client: PicketClient
) -> None:
    optional_first = [
        {"type": 4, "name": "shift", "description": "Shift", "required": False},
        {"type": 3, "name": "site", "description": "Site", "required": True},
    ]
    bad = [{"name": "Picket", "description": "x", "type": 1, "options": optional_first}]
    with pytest.raises(discord.HTTPException) as refused:
        await client.http.bulk_upsert_global_commands(DEFAULT_APP_ID, payload=bad)
    assert refused.value.code == 50035
    assert "name" in refused.value.text and "Required options" in refused.value.text
    assert fake.registered_commands() == []


async def test_rate_limited_post_is_retried_and_lands_once(fake: FakeDiscord, client: PicketClient) -> None:
    fake.rate_limit("POST", "/channels/{channel_id}/messages", times=1, retry_after=0.01)
    channel = client.get_channel(DEFAULT_CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("Shift 42 is full")
    attempts = fake.requests_to("POST", f"/channels/{DEFAULT_CHANNEL_ID}/messages")
    assert [r.status for r in attempts] == [429, 200]
    assert [m["content"] for m in fake.channel_messages(DEFAULT_CHANNEL_ID)] == ["Shift 42 is full"]
    assert str(sent.id) == fake.channel_messages(DEFAULT_CHANNEL_ID)[0]["id"]


async def test_refused_dm_raises_forbidden_50007(fake: FakeDiscord, client: PicketClient) -> None:
    fake.refuse_dms(DOLORES.id)
    user = await client.fetch_user(DOLORES.id)
    with pytest.raises(discord.Forbidden) as refused:
        await user.send("Your shift starts in an hour")
    assert refused.value.code == 50007
    dm_channel = fake.dm_channel_id(DOLORES.id)
    assert dm_channel is not None and fake.channel_messages(dm_channel) == []


async def test_too_long_message_is_refused_like_discord(fake: FakeDiscord, client: PicketClient) -> None:
    channel = client.get_channel(DEFAULT_CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send("x" * 2001)
    assert refused.value.code == 50035
    assert fake.channel_messages(DEFAULT_CHANNEL_ID) == []


async def test_reconnect_resumes_and_replays_what_was_missed(fake: FakeDiscord, client: PicketClient) -> None:
    identify = await fake.wait_for_gateway_op(2)
    session_id = fake.session_id
    resumed = asyncio.ensure_future(client.wait_for("resumed", timeout=TIMEOUT))
    await fake.force_reconnect()
    # Sent while the client is away: kept and replayed after RESUME.
    missed = await fake.send_interaction(command="picket signup", options={"shift": 1}, user_id=DOLORES.id)
    resume = await fake.wait_for_gateway_op(6)
    await resumed
    assert resume["d"]["session_id"] == session_id
    assert fake.gateway_connections[-1].path == "/gateway-resume"
    assert (await fake.wait_for_callback(missed.id, TIMEOUT))["type"] == 4
    after = await fake.send_interaction(command="picket signup", options={"shift": 2}, user_id=DOLORES.id)
    assert (await fake.wait_for_callback(after.id, TIMEOUT))["type"] == 4
    assert [s[1] for s in client.signups] == [1, 2]
    identifies = [f for c in fake.gateway_connections for f in c.received if f["op"] == 2]
    assert identifies == [identify]


async def test_dropped_connection_is_resumed(fake: FakeDiscord, client: PicketClient) -> None:
    resumed = asyncio.ensure_future(client.wait_for("resumed", timeout=TIMEOUT))
    await fake.drop_connection()
    resume = await fake.wait_for_gateway_op(6)
    await resumed
    assert resume["d"]["session_id"] == fake.session_id


async def test_component_click_reaches_a_persistent_view(fake: FakeDiscord, client: PicketClient) -> None:
    # A shift announcement a previous run of the bot posted.
    button = {"type": 2, "style": 1, "label": "Join", "custom_id": "shift:42:join"}
    announcement = fake.seed_message(
        DEFAULT_CHANNEL_ID,
        {"content": "Shift 42: 0/10", "components": [{"type": 1, "components": [button]}]},
    )
    sent = await fake.send_interaction(custom_id="shift:42:join", user_id=DOLORES.id)
    body = await fake.wait_for_callback(sent.id, TIMEOUT)
    assert sent.payload["message"]["id"] == announcement["id"]
    assert body["type"] == 7
    assert body["data"]["content"] == "Shift 42: 1/10 signed up"
    assert fake.messages[announcement["id"]]["content"] == "Shift 42: 1/10 signed up"


def test_point_discord_at_sets_only_the_base_urls() -> None:
    try:
        point_discord_at("http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1/gateway")
        assert discord.http.Route.BASE == "http://127.0.0.1:1/api/v10"
        assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:1/api/v10/users/@me"
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1/gateway"
        with pytest.raises(ValueError):
            point_discord_at("ws://127.0.0.1:1/api/v10", "ws://127.0.0.1:1/gateway")
        with pytest.raises(ValueError):
            point_discord_at("http://127.0.0.1:1/api/v10", "http://127.0.0.1:1/gateway")
    finally:
        restore_discord_endpoints()
    assert discord.http.Route.BASE == DISCORD_API_BASE
