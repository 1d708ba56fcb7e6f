"""How /fact reads words written in forms the tables do not list: phrases with their
verbs inflected, numbers that name something, chat amounts, and the word groups for
saying, choosing and competing. Each case stands for a class of wordings."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.testing.people import CHANNEL, actor
from commands.roles import Role
from storage.facts import terms

ORGANIZER = actor("olu", Role.ORGANIZER)


def read(text: str) -> list[str]:
    return terms.concepts(terms.tokens(text))


@pytest.mark.parametrize(
    ("written", "token"),
    [
        # The tables list "going anywhere", "getting nowhere", "fire back", "stay out";
        # members write any form of the verb.
        ("have the talks gone anywhere", "progress"),
        ("the talks got nowhere", "progress"),
        ("what the negotiator fired back", "comment"),
        ("they stayed out all summer", "strike"),
    ],
)
def test_a_phrase_in_another_form_of_its_words_is_the_same_phrase(written: str, token: str) -> None:
    assert token in read(written)


def test_a_phrase_as_the_tables_write_it_wins_over_one_only_another_form_makes() -> None:
    # "the studio" is "the studios" in another form, but "studio group" is written as
    # listed and must not lose its first word to it.
    assert "amptp" in read("is apple part of the studio group")


@pytest.mark.parametrize(
    ("text", "number"), [("a level six research scientist", "6"), ("season two of the show", "2")]
)
def test_a_number_word_that_names_something_is_a_number(text: str, number: str) -> None:
    assert number in terms.tokens(text)


def test_a_lone_small_number_word_is_still_a_word() -> None:
    assert "six" in terms.tokens("six actors said so")
    assert "2" not in terms.tokens("the two unions")


def test_a_mil_is_a_million_but_spanish_mil_is_a_thousand() -> None:
    assert "1000000" in terms.tokens("almost a mil for one job")
    assert "900000" in terms.tokens("900 mil dolares")


@pytest.mark.parametrize(
    ("group", "words"),
    [
        ("say", ["claimed", "bragged", "insists", "announced", "boasting", "stated"]),
        ("compete", ["vs", "versus", "rivals", "competition"]),
        ("pick", ["decide", "chooses", "chose", "selected"]),
        ("use", ["powered", "powering"]),
    ],
)
def test_everyday_words_for_one_concept_read_the_same(group: str, words: list[str]) -> None:
    assert {terms.concept(word) for word in words} == {terms.concept(group)}


async def test_an_organizers_fact_is_found_by_a_phrase_in_another_form(app: App) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        '/fact add parking-talks strike "Talks with the city over picket parking made no progress in'
        ' August." source="Union bulletin" date=2023-08-01',
    )
    assert not added.is_error, added.text
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/fact have the parking talks gone anywhere")
    assert reply.footer == "fact parking-talks", reply.text
