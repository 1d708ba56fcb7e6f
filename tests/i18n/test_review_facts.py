"""A fact's topic in a Spanish title is a Spanish word; in English it stays the word members type."""

from __future__ import annotations

from bot.adapters.console.terminal import console_actor
from bot.testing.harness import TestBot
from commands.roles import Role

ADD = '/fact add huelga-dias strike "The strike lasted 118 days." source=Variety date=2023-11-09'


async def test_fact_titles_name_the_topic_in_the_readers_language(bot: TestBot) -> None:
    ana = console_actor("Ana", Role.ORGANIZER, "es-419")
    await bot.ok(ADD, as_=ana)
    assert (await bot.say("/fact huelga-dias", as_=ana)).startswith("== Dato: la huelga ==")
    assert (await bot.say("/fact list strike", as_=ana)).startswith("== Datos sobre la huelga (")
    assert (await bot.say("/fact list ai-jobs", as_=ana)).startswith("== Datos sobre empleos de IA (")
    english = console_actor("Bo", Role.MEMBER)
    assert (await bot.say("/fact huelga-dias", as_=english)).startswith("== Fact: strike ==")
    assert (await bot.say("/fact list strike", as_=english)).startswith("== Facts on strike (")
