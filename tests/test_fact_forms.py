"""How /fact reads words written in forms the tables do not list: phrases with their
verbs inflected, numbers that name something, chat amounts, and the word groups for
saying, choosing and competing. Each case stands for a class of wordings."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.testing.people import CHANNEL, actor
from commands.roles import Role
from storage.facts import cognates, terms
from storage.facts import spanish as spanish_reading
from storage.facts.question import read_question

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
        ("will AI put writers out of work", "replace"),
        ("nobody lost their jobs over it", "replace"),
        # "since they ..." gives a reason; "since May" stays a start.
        ("is netflix fine since they film overseas", "why"),
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
        ("replace", ["obsolete", "layoffs", "replaced", "jobless"]),
        ("build", ["invented", "developed", "designing"]),
        ("proposal", ["promised", "pledge", "guaranteed"]),
        ("manager", ["lead", "head", "supervisor"]),
        ("comment", ["ghosted", "stonewalled"]),
        ("affect", ["dodged", "sidestepped", "spared"]),
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


async def ask(app: App, question: str) -> str | None:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
    assert not reply.is_error, reply.text
    return reply.footer.removeprefix("fact ") if reply.footer and reply.footer.startswith("fact ") else None


async def add(app: App, key: str, text: str) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, f'/fact add {key} strike "{text}" source="Union bulletin" date=2023-08-01'
    )
    assert not added.is_error, added.text


def test_a_fact_stating_two_bounding_figures_states_a_range() -> None:
    assert "range" in terms.fact_terms("Crew were offered $20 to $35 an hour.").stated
    assert "range" in terms.fact_terms("Pay ran between $300k and $900k.").stated
    assert "range" not in terms.fact_terms("Crew were offered $35 an hour in 2023.").stated


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("regulacion", "regulation"),
        ("famosos", "famous"),
        ("industria", "industry"),
        ("digitales", "digital"),
        ("exclusivo", "exclusive"),
    ],
)
def test_a_spanish_word_the_glossary_lacks_is_read_as_its_english_cognate(spanish: str, english: str) -> None:
    assert cognates.cognate(spanish) == english
    assert spanish_reading.to_english([spanish]) == [english]


def test_a_spanish_word_with_no_english_cognate_passes_through() -> None:
    assert cognates.cognate("sarandos") is None
    assert cognates.cognate("embarazada") is None


def test_a_conjugated_spanish_verb_is_read_as_its_infinitive() -> None:
    # The glossary lists "proponer" and "exigir"; Snowball leaves these endings on.
    assert spanish_reading.to_english(["proponia"]) == spanish_reading.to_english(["proponer"])
    assert spanish_reading.to_english(["exigian"]) == spanish_reading.to_english(["exigir"])


@pytest.mark.parametrize("typed", ["hiw much", "wat is", "wut is"])
async def test_a_misspelt_way_of_asking_is_read_as_one(app: App, typed: str) -> None:
    await add(app, "parking-fee", "The city charged picket captains a $40 parking fee in August.")
    assert await ask(app, f"{typed} the picket parking fee") == "parking-fee"


async def test_a_guessed_correction_is_answered_only_by_a_fact_holding_the_guessed_word(app: App) -> None:
    # "bonus" is an everyday word one edit from the title "Bones": read that way only
    # because the Bones fact matches; another fact must not answer with that reading.
    assert await ask(app, "what's the bonus for the netflix AI product manager job") is None


async def test_what_someone_said_is_answered_only_by_what_that_one_said(app: App) -> None:
    await add(app, "mayor-statement", "The mayor said the city backs the writers' strike.")
    assert await ask(app, "what did the mayor say about the strike") == "mayor-statement"
    # Not a name, but the one asked about: the facts quote no chatbot.
    assert await ask(app, "what did chatgpt say about the strike") is None


async def test_questions_about_running_a_picket_are_not_fact_questions(app: App) -> None:
    assert await ask(app, "what are the picket rules") is None
    assert await ask(app, "when are picket shifts this week") is None


async def test_how_much_is_answered_by_an_organizers_figure_in_a_fact_that_also_says_when(app: App) -> None:
    # Its month marks it as saying when; that is no kind of figure, and its $40 still counts.
    await add(app, "parking-fee", "The city charged picket captains a $40 parking fee in August.")
    assert await ask(app, "how much is the picket parking fee") == "parking-fee"


def test_a_word_of_ending_inside_a_phrase_does_not_ask_about_later_events() -> None:
    assert not read_question("what was the top end on the netflix AI job").after
    assert read_question("did the strike end").after


def test_a_count_asks_for_a_figure() -> None:
    asked = read_question("netflix subscriber count")
    assert asked.wants == "amount" and "count" in asked.units
    # "count" as a verb asks for no figure.
    assert read_question("will AI scripts count for writing credit").wants != "amount"


def test_spanish_ways_of_saying_about_say_nothing() -> None:
    assert spanish_reading.to_english(["respecto", "a", "su", "imagen"]) == spanish_reading.to_english(
        ["su", "imagen"]
    )


@pytest.mark.parametrize(
    ("text", "share"),
    [("almost 9 in 10 actors", "90"), ("nine out of ten actors", "90"), ("3 de cada 4", "75")],
)
def test_so_many_in_so_many_is_a_share(text: str, share: str) -> None:
    read = terms.tokens(text)
    assert read[read.index(share) + 1] == "%"


def test_a_year_and_a_count_are_no_share() -> None:
    assert "%" not in terms.tokens("in 2023 in 10 cities")


async def test_of_two_equally_near_corrections_the_one_making_a_phrase_wins(app: App) -> None:
    # "grean" is one edit from "great" (more common) and "green"; "screen" makes it green.
    assert await ask(app, "magenta grean screan netflix") == "netflix-magenta-green-screen"


def test_misspelt_little_words_are_spelled_out() -> None:
    assert terms.tokens("why dose netflix pay") == terms.tokens("why does netflix pay")
    assert terms.tokens("wich studios") == terms.tokens("which studios")


@pytest.mark.parametrize(("negated", "word"), [("unreleased", "released"), ("unpaid", "paid")])
def test_a_word_with_un_is_about_the_word_without_it(negated: str, word: str) -> None:
    assert terms.concept(negated) == terms.concept(word)


def test_how_long_the_strike_lasted_in_all_asks_about_after_the_facts() -> None:
    assert read_question("how many days did the strike last").after


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("pelean", "fight"),
        ("luchan", "fight"),
        ("temporada", "season"),
        ("derechos", "rights"),
        ("bono", "bonus"),
    ],
)
def test_everyday_spanish_words_of_the_domain_are_read(spanish: str, english: str) -> None:
    assert spanish_reading.to_english([spanish]) == [english]


def test_how_does_it_work_in_spanish_is_a_way_of_asking() -> None:
    assert (
        read_question("como funciona la pantalla verde de netflix").concepts
        == read_question("la pantalla verde de netflix").concepts
    )


async def test_a_question_about_pay_is_not_answered_by_a_fact_that_never_mentions_pay(app: App) -> None:
    await add(
        app, "council-backs-strike", "The Culver City council voted to back the writers' strike in August."
    )
    assert await ask(app, "did the culver city council back the writers") == "council-backs-strike"
    assert await ask(app, "did the culver city council pay the writers") is None


async def test_a_figure_set_aside_is_not_the_answer(app: App) -> None:
    await add(app, "parking-fee", "The city charged picket captains a $40 parking fee in August.")
    assert await ask(app, "the city parking fee for picket captains") == "parking-fee"
    assert await ask(app, "besides the $40 one, what parking fee did the city charge picket captains") is None


def test_a_figure_set_aside_is_read_in_spanish_too() -> None:
    assert read_question("aparte de los 900 mil, que otros puestos pagan").excluded == {"900000"}
