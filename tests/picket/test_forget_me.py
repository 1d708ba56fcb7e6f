"""/picket forget-me goes ahead on any clear yes, and its prompt names the word to type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.testing.harness import TestBot
from bot.testing.people import actor
from tests.picket.support import ORGANIZER, count


async def _signed_up(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" tue 09:00-12:00 capacity=4', as_=ORGANIZER)
    await bot.ok("/picket signup 1", as_="Ana")


async def test_the_prompt_names_the_word_to_type(bot: TestBot) -> None:
    await _signed_up(bot)
    prompt = await bot.say("/picket forget-me", as_="Ana")
    assert "To go ahead, type: /picket forget-me yes" in prompt
    assert await count(bot.db, "members", "forgotten_at IS NOT NULL") == 0


@pytest.mark.parametrize("word", ["yes", "YES", "Yes!", "y", "yeah", "ok", "confirm", "confirm=yes"])
async def test_any_clear_yes_goes_ahead(bot: TestBot, word: str) -> None:
    await _signed_up(bot)
    done = await bot.say(f"/picket forget-me {word}", as_="Ana")
    assert done == "Done: your personal data is removed and 1 sign-up(s) were cancelled."
    assert await count(bot.db, "members", "display_name = 'Ana'") == 0


@pytest.mark.parametrize(
    ("word", "lead"), [("no", "Nothing was removed. "), ("maybe", "Nothing was removed: 'maybe'")]
)
async def test_anything_else_removes_nothing_and_asks_again(bot: TestBot, word: str, lead: str) -> None:
    await _signed_up(bot)
    answer = await bot.say(f"/picket forget-me {word}", as_="Ana")
    assert answer.startswith(lead) and "type: /picket forget-me yes" in answer
    assert await count(bot.db, "members", "forgotten_at IS NOT NULL") == 0
    assert await count(bot.db, "signups", "status = 'confirmed'") == 1


async def test_a_forgotten_member_keeps_no_language(bot: TestBot) -> None:
    await _signed_up(bot)
    spanish = replace(actor("Ana"), locale="es-419")
    await bot.ok("/lang es", as_=spanish)
    await bot.ok("/picket forget-me yes", as_=spanish)
    assert await count(bot.db, "members", "language IS NOT NULL OR locale IS NOT NULL") == 0
