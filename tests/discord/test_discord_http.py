"""HTTP mode end to end: signed interactions POSTed to the bot's public listener, as Discord does.

The fake Discord signs each request with the application's key pair (made
for the test) and POSTs it to ``/discord/interactions`` on the real public
listener; the bot answers in the HTTP response, and follow-ups reach the
fake's webhook endpoint. Forged, stale, tampered and replayed requests are
refused with 401 before anything runs.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.discord.client import DiscordAdapter
from bot.adapters.discord.config import discord_settings
from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import (
    DEFAULT_APP_ID,
    FakeDiscord,
    FakeMember,
    PostedInteraction,
    SentInteraction,
)
from commands.context import Context
from commands.registry import Command
from commands.reply import Reply
from storage import discord_interactions
from tests.discord.conftest import (
    ALERTS_CHANNEL,
    ANA,
    CARLOS,
    DISCORD_TOML,
    EPHEMERAL,
    OLIVE,
    TIMEOUT,
    Bot,
    Json,
    add_shift,
    confirmed_signups,
    embed_of,
    open_discord_app,
    running_fake,
)
from tests.discord.test_discord_access import MALLORY, ROGUE
from tests.discord.test_discord_autocomplete import autocomplete_interaction
from tests.discord.test_discord_outbox import alert, queue

HTTP_TOML = DISCORD_TOML + '\n[http]\npublic_host = "127.0.0.1"\npublic_port = 0\n'


@dataclass
class HttpBot(Bot):
    """The bot in HTTP mode: interactions are POSTed to it signed, as Discord does."""

    async def post(
        self,
        sent: SentInteraction,
        *,
        key: SigningKey | None = None,
        timestamp: int | None = None,
        raw: bytes | None = None,
    ) -> PostedInteraction:
        return await self.fake.post_interaction(sent, key=key, timestamp=timestamp, raw=raw)

    async def slash(self, command: str, user: FakeMember = ANA, **options: str | int) -> Json:
        sent = self.fake.build_interaction(command=command, options=options, user_id=user.id)
        posted = await self.post(sent)
        assert posted.status == 200 and posted.error is None, posted
        assert posted.body is not None
        return posted.body


async def start_http(app: App, fake: FakeDiscord) -> DiscordAdapter:
    """Start the adapter in HTTP mode and the public listener, as `picketbot run` does."""
    adapter = DiscordAdapter(app, replace(discord_settings(app.config), guild_ready_timeout=0.05))
    await adapter.start()
    port = await app.public_listener().start()
    fake.interactions_endpoint_url = f"http://127.0.0.1:{port}/discord/interactions"
    return adapter


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """The conftest's Discord, and a server that is not the union's."""
    async with running_fake(other_guilds=[ROGUE]) as server:
        yield server


@pytest.fixture
async def http_bot(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> AsyncIterator[HttpBot]:
    app = await open_discord_app(
        tmp_path, clock, fake, HTTP_TOML, env={"DISCORD_PUBLIC_KEY": fake.public_key}
    )
    try:
        bot = HttpBot(app, await start_http(app, fake), fake)
        await bot.sync()
        yield bot
    finally:
        await app.close()


def ping(fake: FakeDiscord) -> SentInteraction:
    payload: Json = {
        "id": str(1_140_000_000_000_000_000 + secrets.randbelow(10**9)),
        "application_id": str(fake.app_id),
        "type": 1,
        "token": "cGluZw" + secrets.token_urlsafe(32),
        "version": 1,
    }
    return SentInteraction(payload["id"], payload["token"], payload)


async def claimed(bot: HttpBot) -> int:
    return await discord_interactions.count(bot.app.db)


# ------------------------------------------------------------ signatures


async def test_ping_is_answered_with_pong_and_no_gateway_is_opened(http_bot: HttpBot) -> None:
    posted = await http_bot.post(ping(http_bot.fake))

    assert (posted.status, posted.body) == (200, {"type": 1})
    assert http_bot.fake.gateway_connections == []  # HTTP mode: REST only


async def test_a_request_signed_with_another_key_is_refused_before_anything_runs(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot)
    sent = http_bot.fake.build_interaction(custom_id=f"pb:picket signup {shift}", user_id=ANA.id)

    posted = await http_bot.post(sent, key=SigningKey.generate())

    assert posted.status == 401
    assert await confirmed_signups(http_bot.app, ANA.id) == 0
    assert await claimed(http_bot) == 0


async def test_a_stale_signature_is_refused(http_bot: HttpBot) -> None:
    sent = http_bot.fake.build_interaction(command="help", user_id=ANA.id)

    stale = await http_bot.post(sent, timestamp=int(time.time()) - 6 * 60)
    future = await http_bot.post(sent, timestamp=int(time.time()) + 6 * 60)

    assert (stale.status, future.status) == (401, 401)
    assert await claimed(http_bot) == 0


async def test_a_body_changed_after_signing_is_refused(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot)
    sent = http_bot.fake.build_interaction(custom_id=f"pb:picket signup {shift}", user_id=ANA.id)
    forged = str(sent.payload).replace(str(ANA.id), str(OLIVE.id))  # any other bytes

    posted = await http_bot.post(sent, raw=forged.encode())

    assert posted.status == 401
    assert await confirmed_signups(http_bot.app, ANA.id) == 0


async def test_a_replayed_request_is_refused_and_runs_nothing_twice(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot, capacity=1)
    sent = http_bot.fake.build_interaction(custom_id=f"pb:picket signup {shift}", user_id=ANA.id)
    when = int(time.time())

    first = await http_bot.post(sent, timestamp=when)
    again = await http_bot.post(sent, timestamp=when)  # the very same signed request

    assert first.status == 200 and first.error is None
    assert again.status == 401
    assert await confirmed_signups(http_bot.app, ANA.id) == 1
    assert await claimed(http_bot) == 1  # kept in the database, shared by every instance


async def test_signed_garbage_is_refused_with_400(http_bot: HttpBot) -> None:
    sent = http_bot.fake.build_interaction(command="help", user_id=ANA.id)
    sent = SentInteraction(sent.id, sent.token, {"type": 2, "id": "not a snowflake"})

    posted = await http_bot.post(sent)

    assert posted.status == 400


# ------------------------------------------------------------ answers


async def test_a_command_is_answered_in_the_response(http_bot: HttpBot) -> None:
    body = await http_bot.slash("fact ask", question="what does the netflix ai job pay")

    assert body["type"] == 4
    assert embed_of(body)["title"] == "$300,000 to $900,000 a year"
    assert body["data"]["allowed_mentions"] == {"parse": []}


async def test_a_button_click_is_answered_privately_in_the_response(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot)
    sent = http_bot.fake.build_interaction(custom_id=f"pb:picket signup {shift}", user_id=ANA.id)

    posted = await http_bot.post(sent)

    assert posted.status == 200 and posted.body is not None
    assert posted.body["type"] == 4 and posted.body["data"]["flags"] == EPHEMERAL
    assert embed_of(posted.body)["description"].startswith(f"You're signed up for shift #{shift}")
    assert await confirmed_signups(http_bot.app, ANA.id) == 1


async def test_autocomplete_is_answered_in_the_response(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot)
    payload = autocomplete_interaction(http_bot, ["picket", "signup"], "id", "")

    posted = await http_bot.post(SentInteraction(payload["id"], payload["token"], payload))

    assert posted.body == {
        "type": 8,
        "data": {
            "choices": [{"name": f"#{shift} Netflix Sunset Gate · Tue 27 Oct 09:00–12:00", "value": shift}]
        },
    }


async def test_a_slow_command_is_deferred_and_followed_up_through_the_webhook(http_bot: HttpBot) -> None:
    gate = asyncio.Event()

    async def report(ctx: Context) -> Reply:
        await gate.wait()
        return Reply(title="Report", text="all done")

    http_bot.app.registry.add(Command(("toy", "report"), "A toy command", report, slow=True))
    sent = http_bot.fake.build_interaction(command="toy report", user_id=ANA.id)

    posted = await http_bot.post(sent)

    assert posted.body == {"type": 5}  # "thinking…", in the response itself
    gate.set()
    request = await http_bot.fake.wait_for_request("POST", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}")
    assert request.status == 200
    assert request.json["embeds"][0]["description"] == "all done"
    [message] = [m for m in http_bot.fake.messages.values() if m["id"] == _original(http_bot, sent)]
    assert message["embeds"][0]["title"] == "Report"  # the placeholder became the answer


def _original(bot: HttpBot, sent: SentInteraction) -> str:
    original = bot.fake._interactions[sent.id].original_message_id
    assert original is not None
    return original


# ------------------------------------------------------------ who acts


async def test_roles_come_from_the_payload_by_id_and_by_name(http_bot: HttpBot) -> None:
    # Organizers are configured by role id, captains by role name: the name is looked up over REST.
    organizer = await http_bot.slash("picket site add", user=OLIVE, name="Picket Gate")
    captain_gaps = await http_bot.slash("picket gaps", user=CARLOS)
    captain_site = await http_bot.slash("picket site add", user=CARLOS, name="Other Gate")
    member_gaps = await http_bot.slash("picket gaps", user=ANA)

    assert "is for" not in str(organizer) and "Picket Gate" in str(organizer)
    assert "is for" not in str(captain_gaps)
    assert "is for organizers" in str(captain_site)
    assert "is for captains" in str(member_gaps)
    assert len(http_bot.fake.requests_to("GET", "/guilds/{guild_id}/roles")) == 1  # then cached


async def test_an_interaction_from_another_server_runs_nothing(http_bot: HttpBot) -> None:
    shift = await add_shift(http_bot)
    sent = http_bot.fake.build_interaction(
        custom_id=f"pb:picket signup {shift}", user_id=MALLORY.id, guild_id=ROGUE.id
    )

    posted = await http_bot.post(sent)

    assert posted.status == 200 and posted.body is not None
    assert posted.body["data"]["content"] == FOREIGN_ORGANIZATION
    assert await confirmed_signups(http_bot.app, MALLORY.id) == 0


async def test_a_follow_up_comes_after_a_deferred_click(http_bot: HttpBot) -> None:
    http_bot.adapter.answerer.defer_after = 0.0  # answer every click by deferring
    shift = await add_shift(http_bot)
    sent = http_bot.fake.build_interaction(custom_id=f"pb:picket signup {shift}", user_id=ANA.id)

    posted = await http_bot.post(sent)

    assert posted.body == {"type": 6}
    request = await http_bot.fake.wait_for_request(
        "POST", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}", timeout=TIMEOUT
    )
    assert request.json["flags"] == EPHEMERAL
    assert "You're signed up" in request.json["embeds"][0]["description"]


# ------------------------------------------------------------ around the endpoint


async def test_the_outbox_still_sends_over_rest_without_a_gateway(http_bot: HttpBot) -> None:
    await http_bot.app.start_background()
    await queue(http_bot.app, alert())

    post = await http_bot.fake.wait_for_request("POST", f"/channels/{ALERTS_CHANNEL.id}/messages")

    assert post.status == 200
    assert http_bot.fake.gateway_connections == []


async def test_gateway_true_opens_the_gateway_as_well(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    toml = HTTP_TOML.replace("[discord]\n", "[discord]\ngateway = true\n", 1)
    app = await open_discord_app(tmp_path, clock, fake, toml, env={"DISCORD_PUBLIC_KEY": fake.public_key})
    try:
        bot = HttpBot(app, await start_http(app, fake), fake)

        assert len(fake.gateway_connections) == 1
        assert (await bot.post(ping(fake))).body == {"type": 1}
    finally:
        await app.close()
