"""How /fact answers: what is asked, aliases, Spanish, refusals, the answer's shape and size."""

from __future__ import annotations

import pytest

from bot.adapters.discord import render as discord_render
from bot.adapters.slack import render as slack_render
from bot.app import App
from bot.testing.people import CHANNEL, actor
from commands.markup import plain
from commands.reply import Reply
from commands.roles import Role

ORGANIZER = actor("olu", Role.ORGANIZER)
REGISTER = "https://www.theregister.com/2023/07/26/netflix_ai_manager/"


async def reply_to(app: App, question: str) -> Reply:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
    assert not reply.is_error, reply.text
    return reply


def answered(reply: Reply) -> str | None:
    return reply.footer.removeprefix("fact ") if reply.footer and reply.footer.startswith("fact ") else None


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # What is asked: the writers' start, not the actors'.
        ("When did the WGA start picketing", "wga-strike-since-may"),
        ("when did SAG-AFTRA join the strike", "joint-strike-first-in-60-years"),
        # Aliases: the studios, the actors' union, ML, PM; company names with typos.
        ("which companies make up the amptp", "amptp-members"),
        ("who's in the alliance of motion picture and television producers", "amptp-members"),
        ("how big is the actors union", "sag-aftra-members-under-26k"),
        ("what's netflix paying that AI PM?", "netflix-ml-platform-pm-pay"),
        ("netflx machine learning product manager salary", "netflix-ml-platform-pm-pay"),
        ("dinsey ai engineer job", "disney-senior-ai-engineer-posting"),
    ],
)
async def test_the_question_finds_its_fact(app: App, question: str, key: str) -> None:
    assert answered(await reply_to(app, question)) == key


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("how much do extras make per day", "¿Cuánto ganan los extras por día?"),
        ("which companies are in the AMPTP", "¿Qué empresas forman parte de la AMPTP?"),
        ("when did the writers' strike start", "¿Cuándo empezó la huelga de los guionistas?"),
        (
            "what did the studios propose about digital replicas",
            "¿Qué propusieron los estudios sobre las réplicas digitales?",
        ),
    ],
)
async def test_a_spanish_question_finds_its_english_twins_fact(app: App, english: str, spanish: str) -> None:
    english_reply, spanish_reply = await reply_to(app, english), await reply_to(app, spanish)
    assert answered(english_reply) is not None
    assert answered(spanish_reply) == answered(english_reply)
    assert "Cita original (en inglés)" in spanish_reply.text
    assert "in English" not in english_reply.text


@pytest.mark.parametrize(
    "question",
    [
        "what's our strike pay",
        "what is Bob Iger's salary",
        "how many writers are in the WGA",
        # Real words are not typos: "lasted" is not "listed", "dues" is not "does".
        "how many days has the strike lasted",
        "what is the SAG-AFTRA dues rate",
    ],
)
async def test_no_fact_means_saying_so_with_at_most_three_keys(app: App, question: str) -> None:
    reply = await reply_to(app, question)
    assert answered(reply) is None and reply.ephemeral
    assert reply.text.startswith("No fact answers that.")
    maybe = [line for line in reply.text.splitlines() if line.startswith("maybe:")]
    if maybe:
        assert 1 <= maybe[0].count("/fact ") <= 3


@pytest.mark.parametrize("question", ["is the strike over?", "did the writers ratify the new contract"])
async def test_questions_after_the_facts_say_where_they_stop(app: App, question: str) -> None:
    reply = await reply_to(app, question)
    assert answered(reply) is None
    assert "My facts stop at 2023-11-29, the latest date in them" in reply.text


async def test_an_organizers_fact_ranks_with_the_packs(app: App) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        '/fact add netflix-pm-pay-now ai-jobs "Netflix\'s AI product manager listing now pays up to $950,000."'
        ' source="Union bulletin" date=2024-02-01',
    )
    assert not added.is_error, added.text
    assert answered(await reply_to(app, "what's netflix paying that AI PM?")) == "netflix-pm-pay-now"


async def test_answer_shape_claim_then_source_and_quote_then_link(app: App) -> None:
    reply = await reply_to(app, "how much do background actors make per day")
    lines = reply.text.splitlines()
    assert lines[0].startswith("A background extra earns $100 to $200")
    assert (
        lines[1]
        == 'Source: SlashGear, "Netflix Apparently Has Big Plans To Create Content With AI", 2023-07.'
    )
    assert lines[2].startswith("“That's in stark contact") and "around $187" in lines[2]
    assert reply.title == "$187 a day · $100 a day · $200 a day"
    linked = await reply_to(app, "joint strike")
    assert plain(linked.text).splitlines()[-1] == REGISTER


async def test_a_long_fact_fits_discord_and_slack_and_keeps_its_link(app: App) -> None:
    text = "Strike captains counted " + "many pickets at the gate " * 78
    quote = "The bulletin said so. " * 136
    added = await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        f'/fact add long-one strike "{text.strip()}" source="Union bulletin" date=2023-08-01'
        f' url=https://union.example/bulletin quote="{quote.strip()}"',
    )
    assert not added.is_error, added.text
    reply = await reply_to(app, "long-one")
    assert len(reply.text) <= 3000 and plain(reply.text).endswith("https://union.example/bulletin")
    embed = discord_render.render_reply(reply).embed
    assert embed is not None and embed.description is not None
    assert len(embed.description) <= 4096 and len(embed) <= 6000
    assert embed.description.endswith("https://union.example/bulletin")
    blocks = slack_render.render_reply(reply).blocks
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= 3000 for s in sections)
    assert sections[-1].endswith("<https://union.example/bulletin>")


async def test_organizers_add_quotes_and_overlong_ones_are_refused(app: App) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        '/fact add gates-9 strike "Nine gates were picketed." source="Union bulletin" date=2023-07-20'
        ' quote="We picketed nine gates today."',
    )
    assert not added.is_error and "No quote given" not in added.text
    assert "“We picketed nine gates today.”" in (await reply_to(app, "gates-9")).text
    too_long = "x" * 3001
    refused = await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, f'/fact add gates-10 strike "Ten." source=S date=2023-07-20 quote="{too_long}"'
    )
    assert refused.is_error
    assert (await app.dispatcher.handle_text(actor(), CHANNEL, "/fact gates-10")).footer is None
