"""/fact still finds the right fact among thousands (the AND-then-relax search)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.bench.factgen import fact_pack
from bot.testing.people import CHANNEL, actor
from storage.facts import store as fact_store


@pytest.fixture
async def big(app: App) -> App:
    await fact_store.import_pack(app.db, fact_pack(1_500))
    return app


async def ask(app: App, question: str) -> str:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
    assert not reply.is_error, reply.text
    return reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The generated facts are about AI jobs, pay terms, proposals and strike counts too;
        # an imported fact that answers as well as a built-in one would rightly come first,
        # so these ask what only the built-in facts say.
        ("what's netflix paying its ML platform PM", "$300,000 to $900,000"),
        ("how many members earn under 26k", "87%"),
        ("backstage base rate for extras", "$187"),
        ("joint strike", "60 years"),
        ("what did rob delaney say", "ghoulish"),
        ("wehn did sag aftra join the strike", "60 years"),
    ],
)
async def test_built_in_answers_survive_a_large_pack(big: App, question: str, expected: str) -> None:
    assert expected in await ask(big, question)


async def test_a_question_matching_nothing_still_gets_the_friendly_answer(big: App) -> None:
    assert "No fact answers that" in await ask(big, "zeppelin quasar")
    # A word no fact has counts against every candidate: no confident near miss.
    assert "No fact answers that" in await ask(big, "zeppelin netflix ai product manager salary")
