"""How /fact reads a question: what it implies, what it names, what kind of answer it
wants, Spanish and misspellings. Each case stands for a class of questions, not one."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.testing.people import CHANNEL, actor
from commands.reply import Reply
from commands.roles import Role
from storage.facts import terms, wordfreq
from storage.facts.spanish import is_spanish

ORGANIZER = actor("olu", Role.ORGANIZER)


async def reply_to(app: App, question: str) -> Reply:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
    assert not reply.is_error, reply.text
    return reply


def answered(reply: Reply) -> str | None:
    return reply.footer.removeprefix("fact ") if reply.footer and reply.footer.startswith("fact ") else None


async def add(app: App, key: str, topic: str, text: str) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, f'/fact add {key} {topic} "{text}" source="Union bulletin" date=2023-08-01'
    )
    assert not added.is_error, added.text


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # Everyday words no fact uses ("thing", "hard") and ways of asking ("how does it work").
        ("netflix's AI green screen thing, how does it work", "netflix-magenta-green-screen"),
        ("how come netflix hasn't been hit as hard by the actors strike", "netflix-global-production-strike"),
        # The words of a phrase: "product" meets "product manager".
        ("how much can the netflix ML product guy make", "netflix-ml-platform-pm-pay"),
        # A word's own form breaks a tie: the ad that "says", not the fact where Netflix
        # "declined to comment".
        ("what does the netflix ad say AI is used for", "netflix-ai-job-ad-wording"),
        ("¿Cuál fue la propuesta de IA de la AMPTP?", "amptp-likeness-consent-proposal"),
        # "What did X say": the fact where X speaks.
        ("what did method studios say about the secret invasion intro", "secret-invasion-ai-intro"),
        # Number words, decades, irregular verbs.
        ("could that money cover health insurance for thirty-five actors", "delaney-ghoulish-quote"),
        ("first double strike since the 60s?", "joint-strike-first-in-60-years"),
        ("what did netflix build for green screen work", "netflix-magenta-green-screen"),
        # The source's own words, from the quote: "signed off on having his voice recreated".
        ("did james earl jones sign away his voice to AI", "james-earl-jones-ai-voice"),
        # "Since what month": a month answers it.
        ("since what month have the writers been protesting", "wga-strike-since-may"),
    ],
)
async def test_paraphrases_find_their_fact(app: App, question: str, key: str) -> None:
    assert answered(await reply_to(app, question)) == key


@pytest.mark.parametrize(
    "question",
    [
        # A company, person or union the fact never mentions.
        "what is the WGA asking for on streaming residuals",
        "who is the chief negotiator for the WGA",
        "is disney part of the WGA",
        "how many subscribers does disney plus have",
        "what did bob iger say about the strikers",
        # Another role's pay, even when the fact mentions this role in passing.
        "how much does netflix pay its writers",
        "how much does netflix pay actors per episode",
        # "What did X say" where X says nothing in the fact.
        "what did marvel say about the AI intro",
        "what did harrison ford say about AI",
        # "When" with no date in the fact; "what's it called" with no name; "how do I".
        "when did the AMPTP make its AI proposal",
        "what's the name of the beatles AI song",
        "how do I join sag-aftra",
        # Something the fact does not say happened, and another year.
        "did the beatles song come out",
        "how long did the 2007 writers strike last",
        # The words of one name count as one: the rest of the question matters.
        "what did duncan crabtree-ireland say about residuals",
    ],
)
async def test_near_misses_are_refused(app: App, question: str) -> None:
    reply = await reply_to(app, question)
    assert answered(reply) is None, reply.footer
    assert reply.text.startswith("No fact answers that.")


@pytest.mark.parametrize(
    "question",
    ["how long will the strike last", "did netflix ever fill that 900k AI job", "sigue la huelga?"],
)
async def test_questions_about_later_events_say_where_the_facts_stop(app: App, question: str) -> None:
    reply = await reply_to(app, question)
    assert answered(reply) is None
    # A Spanish question is told in Spanish (facts in Spanish, issue 20).
    assert ("Mis datos llegan hasta" if question.startswith("sigue") else "My facts stop at") in reply.text


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # Spanish without accents or question marks, told by word frequency.
        ("cuantos suscriptores tiene netflix", "netflix-ml-platform-subscribers"),
        ("netflix usa IA en sus videojuegos?", "netflix-generative-ai-mobile-game"),
        # Spanish ways of asking, regional words, verbs by their stem.
        ("me puedes decir cuánta lana ofrece netflix por la chamba de IA", "netflix-ml-platform-pm-pay"),
        ("rejuvenecieron a harrison ford con inteligencia artificial?", "ai-younger-actors"),
        # A verb form the word lists lack is an everyday word, not a name.
        ("a cuantos actores les alcanzaria para el seguro medico con 900 mil", "delaney-ghoulish-quote"),
        ("netflix es parte de la amptp?", "amptp-members"),
        # Spanish misspellings read as glossary words.
        ("cuantos mienbros tiene sag aftra", "sag-aftra-members-under-26k"),
    ],
)
async def test_spanish_as_members_write_it(app: App, question: str, key: str) -> None:
    reply = await reply_to(app, question)
    assert answered(reply) == key
    assert "Cita original (en inglés)" in reply.text


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # An everyday word one edit from a name, with the rest of the question to back it.
        ("beetles ai song", "beatles-ai-song"),
        ("machine lerning product manger salary", "netflix-ml-platform-pm-pay"),
        # A word split in two; two edits in a short name.
        ("open ai salaries", "ai-pay-competition-openai"),
        ("rob delanie ghoulish", "delaney-ghoulish-quote"),
    ],
)
async def test_misspellings_with_the_facts_support(app: App, question: str, key: str) -> None:
    assert answered(await reply_to(app, question)) == key


async def test_an_organizers_fact_is_read_like_the_packs(app: App) -> None:
    """No keywords: what its text implies (SAG-AFTRA: actors) and names (Paramount)."""
    await add(app, "gate-5-picket", "strike", "SAG-AFTRA members picketed Paramount's gate 5 on Tuesday.")
    assert answered(await reply_to(app, "which gate did the actors picket at paramount")) == "gate-5-picket"


def test_numbers_in_words_and_spanish_by_frequency() -> None:
    assert terms.tokens("thirty-five actors") == ["35", "actors"]
    assert terms.tokens("almost a million bucks")[1] == "1000000"
    assert terms.tokens("half a million") == ["500000"]
    words = terms.tokens("la pantalla verde de netflix")
    assert is_spanish("la pantalla verde de netflix", words)
    # Words the facts use ("deep fake love") do not vote; one short word is not enough.
    assert is_spanish(
        "qué es deep fake love", terms.tokens("que es deep fake love"), {"deep", "fake", "love"}.__contains__
    )
    assert not is_spanish("de-aging", ["de", "aging"], {"aging"}.__contains__)
    # Words no glossary lists vote by how often Spanish and English use them.
    assert is_spanish("despido gobierno ciudad", ["despido", "gobierno", "ciudad"])
    assert not is_spanish("fired workers", ["fired", "workers"])


def test_everyday_words_and_names() -> None:
    """A word no fact uses weighs less when it is everyday; a name weighs in full."""
    assert wordfreq.everyday("guy") > 0.8 and wordfreq.everyday("iger") == 0.0
    # Spanish verb forms the frequency list lacks are everyday words, not names.
    assert wordfreq.everyday("alcanzaria", "es") > 0 and wordfreq.everyday("sarandos", "es") == 0.0
