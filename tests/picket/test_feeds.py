"""Calendar feeds: /picket feed gives a private URL, the public listener serves it over real HTTP."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import aiohttp
import icalendar
import pytest

from bot.config.loading import load_config
from bot.config.public import public_settings
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from tests.picket.support import CHANNEL, ORGANIZER, count

CONFIG = """
[http]
public_host = "127.0.0.1"
public_port = 0
public_url = "https://picket.example.org/"
"""
FEED_URL = re.compile(r"https://picket\.example\.org/calendar/([A-Za-z0-9_-]+)\.ics")


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[TestBot]:
    async with await TestBot.open(tmp_path, clock=clock, channel=CHANNEL, config=CONFIG) as test_bot:
        await test_bot.app.public_listener().start()
        yield test_bot


async def get(bot: TestBot, token: str, **headers: str) -> tuple[int, Mapping[str, str], str]:
    port = bot.app.public_listener().port
    url = f"http://127.0.0.1:{port}/calendar/{token}.ics"
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        # A copy that still ignores case, as HTTP headers do.
        return response.status, response.headers.copy(), await response.text()


async def feed_token(bot: TestBot, line: str = "/picket feed", as_: str = "Ana") -> str:
    reply = await bot.ok(line, as_=ORGANIZER if as_ == "Olga" else as_)
    assert reply.ephemeral
    found = FEED_URL.search(reply.text)
    assert found, reply.text
    return found.group(1)


def events(text: str) -> dict[str, str]:
    """Event status by the shift part of the UID."""
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]).split("@")[0]: str(e["STATUS"]) for e in calendar.walk("VEVENT")}


async def two_shifts(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    for day in ("2026-10-27", "2026-10-28"):
        await bot.ok(f'/picket shift add "Sunset Gate" {day} 09:00 12:00 capacity=5', as_=ORGANIZER)


async def test_a_member_feed_follows_their_shifts_and_answers_304_when_unchanged(bot: TestBot) -> None:
    await two_shifts(bot)
    await bot.ok("/picket signup 1", as_="Ana")
    token = await feed_token(bot)
    assert len(token) >= 43  # 256 random bits

    status, headers, text = await get(bot, token)
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Cache-Control"].startswith("private") and headers["ETag"].startswith('W/"')
    assert events(text) == {"shift-1": "CONFIRMED"}
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text

    status, _, body = await get(bot, token, **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, "")

    await bot.ok("/picket signup 2", as_="Ana")
    await bot.ok("/picket shift cancel 1 rain", as_=ORGANIZER)
    status, changed, text = await get(bot, token, **{"If-None-Match": headers["ETag"]})
    assert status == 200 and changed["ETag"] != headers["ETag"]
    assert events(text) == {"shift-1": "CANCELLED", "shift-2": "CONFIRMED"}


async def test_asking_again_replaces_the_link_and_revoke_ends_it(bot: TestBot) -> None:
    await two_shifts(bot)
    first = await feed_token(bot)
    second = await feed_token(bot)
    assert first != second
    assert (await get(bot, first))[0] == 404
    assert (await get(bot, second))[0] == 200

    ended = await bot.ok("/picket feed revoke", as_="Ana")
    assert "no longer works" in ended.text
    gone = await get(bot, second)
    assert gone[0] == 404 and gone[1]["Cache-Control"] == "no-store"
    assert "had no calendar feed" in (await bot.ok("/picket feed revoke", as_="Ana")).text


async def test_unknown_and_malformed_tokens_get_the_same_404(bot: TestBot) -> None:
    token = await feed_token(bot)
    answers = [
        await get(bot, guess) for guess in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", "%2e%2e")
    ]
    assert {(status, body) for status, _, body in answers} == {(404, "no such calendar\n")}


async def test_only_a_hash_of_the_token_is_stored(bot: TestBot, tmp_path: Path) -> None:
    token = await feed_token(bot)
    assert await count(bot.db, "calendar_feeds", "revoked_at IS NULL") == 1
    stored = await bot.db.fetchval("SELECT token_hash FROM calendar_feeds")
    assert token not in stored
    await bot.db.fetchval("PRAGMA wal_checkpoint(TRUNCATE)")
    files = b"".join(p.read_bytes() for p in tmp_path.glob("picketbot.db*"))
    assert token.encode() not in files and str(stored).encode() in files


async def test_a_site_feed_is_for_organizers_and_lists_every_shift(bot: TestBot) -> None:
    await two_shifts(bot)
    refused = await bot.reply('/picket feed site="Sunset Gate"', as_="Ana")
    assert refused.is_error and "organizer" in refused.text
    token = await feed_token(bot, '/picket feed site="Sunset Gate"', as_="Olga")
    status, _, text = await get(bot, token)
    assert status == 200 and events(text) == {"shift-1": "CONFIRMED", "shift-2": "CONFIRMED"}
    assert "X-WR-CALNAME:Picket: Sunset Gate" in text


async def test_forget_me_ends_the_members_feed(bot: TestBot) -> None:
    token = await feed_token(bot)
    await bot.ok("/picket forget-me confirm", as_="Ana")
    assert (await get(bot, token))[0] == 404


def test_the_public_port_and_its_old_names(tmp_path: Path) -> None:
    def settings(env: dict[str, str], toml: str = "") -> tuple[str, int, str]:
        path = tmp_path / "picketbot.toml"
        path.write_text(toml, encoding="utf-8")
        found = public_settings(load_config(config_path=str(path), db_path="x.db", env=env))
        return found.host, found.port, found.url

    assert settings({}) == ("0.0.0.0", 3000, "http://localhost:3000")
    assert settings({"PICKETBOT_SLACK_PORT": "4000"}) == ("0.0.0.0", 4000, "http://localhost:4000")
    assert settings({}, '[slack]\nport = 4100\nhost = "127.0.0.1"\n')[:2] == ("127.0.0.1", 4100)
    new = {"PICKETBOT_PUBLIC_PORT": "5000", "PICKETBOT_SLACK_PORT": "4000"}
    assert settings(new)[1] == 5000
    assert settings({}, "[http]\npublic_port = 5100\n[slack]\nport = 4100\n")[1] == 5100
    assert settings({"PICKETBOT_PUBLIC_URL": "https://bot.example.org/"})[2] == "https://bot.example.org"


async def test_without_a_public_url_the_link_says_it_works_on_this_machine(tmp_path: Path) -> None:
    async with await TestBot.open(tmp_path, channel=CHANNEL) as plain:
        reply = await plain.ok("/picket feed", as_="Ana")
    assert "http://localhost:3000/calendar/" in reply.text and "set [http] public_url" in reply.text
