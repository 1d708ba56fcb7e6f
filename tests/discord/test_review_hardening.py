"""Review of issue 11 (hardening): holes still open on Discord.

One test per hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.discord.config import allowed_guilds
from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.config import ConfigError
from tests.discord.conftest import ANA, OLIVE, ORGANIZER_ROLE, TIMEOUT, add_shift, confirmed_signups
from tests.discord.test_discord_access import ALLOWED, MALLORY, ROGUE, running
from tests.fakes.discord_server import FakeDiscord
from tests.helpers import FakeClock


@pytest.mark.parametrize(
    "value",
    ["9" * 5000, "\u0661\u0662\u0663", "9" * 30],
    ids=["past int-parsing limit", "arabic-indic digits", "past a 64-bit snowflake"],
)
def test_review_a_server_id_that_is_no_snowflake_is_a_one_line_config_error(value: str) -> None:
    # isdigit() accepts any script's digits and any length: 5000 digits make int() raise
    # ValueError (a traceback at start, and from `picketbot discord sync --guild`), and the
    # others are taken as server ids no Discord server can have.
    with pytest.raises(ConfigError, match=r"^\[discord\] allowed_guilds"):
        allowed_guilds({"allowed_guilds": [value]})


@pytest.fixture
async def rogue_fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(roles=[ORGANIZER_ROLE], members=[OLIVE, ANA], other_guilds=[ROGUE])
    async with server:
        try:
            yield server
        finally:
            restore_discord_endpoints()


async def test_review_an_outsider_cannot_sign_up_for_the_unions_shifts_by_dm(
    rogue_fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    # Mallory is in no server of the union's, only in a server of her own that the bot is in
    # (or any server it shares with her). In a DM she acts as a plain member: she can fill
    # every picket shift and push the union's members onto waitlists, and a member row is
    # written for her. A DM from someone in none of [discord] allowed_guilds should get the
    # same one line as her server does, and write nothing.
    bot = await running(rogue_fake, tmp_path, clock, ALLOWED)
    try:
        shift = await add_shift(bot, capacity=1)
        sent = await rogue_fake.send_interaction(
            command="picket signup", options={"id": shift}, user_id=MALLORY.id, in_dm=True
        )
        await rogue_fake.wait_for_callback(sent.id, TIMEOUT)

        assert await confirmed_signups(bot.app, MALLORY.id) == 0
    finally:
        await bot.app.close()
