"""Facts in Spanish: a Spanish question, or a member who reads Spanish, gets a Spanish sentence
first, then the source's English quote with its source and date; organizers give a fact its
Spanish text with /fact spanish (or spanish= on /fact add). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.app import builtin_factpack
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.context import Actor
from commands.reply import Reply
from commands.roles import Role
from storage.facts import store as fact_store
from storage.facts.pack import dump_pack, parse_pack

ORGANIZER = actor("olu", Role.ORGANIZER)
#: A member whose platform says they read Latin-American Spanish.
BEA = Actor("console", "bea", "Bea", locale="es-419")
PACK = {record.key: record for record in builtin_factpack().facts}
EXTRAS = PACK["background-day-rate"]
UNION = PACK["sag-aftra-members-under-26k"]
GATES = '/fact add picket-gates strike "The studio lot has 9 gates." source="Union bulletin" date=2023-07-20'
GATES_QUOTE = GATES + ' quote="There are 9 gates."'


async def ok(bot: TestBot, line: str, as_: str | Actor | None = None) -> Reply:
    return await bot.ok(line, as_=as_)


async def test_a_spanish_question_leads_with_the_spanish_text_and_keeps_the_english_quote(
    bot: TestBot,
) -> None:
    # The default console member's platform says nothing: the question itself is Spanish.
    reply = await ok(bot, "/fact ¿Cuánto ganan los extras por día?")
    lines = reply.text.splitlines()
    assert lines[0] == EXTRAS.text_es
    assert (
        lines[1]
        == 'Fuente: SlashGear, "Netflix Apparently Has Big Plans To Create Content With AI", 2023-07.'
    )
    assert lines[2] == f"Cita original (en inglés): “{EXTRAS.quote}”"
    assert reply.title == "$187 al día · $100 al día · $200 al día"
    assert reply.footer == "fact background-day-rate"
    assert EXTRAS.text not in reply.text  # the English summary gives way to the Spanish one


async def test_an_english_question_from_an_english_speaker_is_answered_as_before(bot: TestBot) -> None:
    reply = await ok(bot, "/fact how much do extras make per day")
    assert reply.text.splitlines()[:3] == [
        EXTRAS.text,
        'Source: SlashGear, "Netflix Apparently Has Big Plans To Create Content With AI", 2023-07.',
        f"“{EXTRAS.quote}”",
    ]
    assert reply.title == "$187 a day · $100 a day · $200 a day"


async def test_a_member_who_reads_spanish_asking_in_english_is_answered_in_spanish(bot: TestBot) -> None:
    reply = await ok(bot, "/fact how big is the actors union", as_=BEA)
    assert reply.text.startswith(UNION.text_es + "\nFuente: Interesting Engineering, ")
    assert f"Cita original (en inglés): “{UNION.quote}”" in reply.text
    assert reply.title == "160,000 personas · 87% · $26,000 al año"
    # A fact asked for by its key too; and refusals speak Spanish.
    by_key = await ok(bot, "/fact sag-aftra-members-under-26k", as_=BEA)
    assert by_key.text.startswith(UNION.text_es)
    refused = await ok(bot, "/fact what is Bob Iger's salary", as_=BEA)
    assert refused.text.startswith("Ningún dato responde a eso.")


async def test_an_organizer_gives_a_fact_its_spanish_text_and_the_next_answer_leads_with_it(
    bot: TestBot,
) -> None:
    await ok(bot, GATES_QUOTE, as_=ORGANIZER)
    # No Spanish text yet: a Spanish sentence from its source, date and figure, then the English.
    before = await ok(bot, "/fact picket-gates", as_=BEA)
    assert before.text.splitlines()[:2] == [
        "Este dato de Union bulletin (2023-07-20) todavía no tiene texto en español; aquí está en inglés:",
        "The studio lot has 9 gates.",
    ]
    assert "Cita original (en inglés): “There are 9 gates.”" in before.text

    done = await ok(bot, "/fact spanish picket-gates El estudio tiene 9 portones.", as_=ORGANIZER)
    assert done.text.startswith("Fact picket-gates now has a Spanish text (version 2)")
    after = await ok(bot, "/fact picket-gates", as_=BEA)
    assert after.text.splitlines()[0] == "El estudio tiene 9 portones."
    assert "Cita original (en inglés): “There are 9 gates.”" in after.text
    # English speakers still get the English; the history keeps the version without it.
    assert (await ok(bot, "/fact picket-gates")).text.startswith("The studio lot has 9 gates.")
    versions = await fact_store.history(bot.db, "picket-gates")
    assert [(v.version, v.record.text_es) for v in versions] == [(1, ""), (2, "El estudio tiene 9 portones.")]


async def test_a_fact_with_figures_and_no_spanish_text_names_its_figure_in_spanish(bot: TestBot) -> None:
    # A fact added in chat holds no figures; a pack's fact does (here one with its Spanish taken away).
    record = replace(UNION, key="union-size-copy", text_es="")
    await fact_store.add(bot.db, record, None)
    reply = await ok(bot, "/fact union-size-copy", as_=BEA)
    assert reply.text.splitlines()[:2] == [
        "Según Interesting Engineering (2023-07), la cifra es 160,000 personas · 87% · $26,000 al año."
        " Este dato todavía no tiene texto en español; aquí está en inglés:",
        UNION.text,
    ]


async def test_spanish_can_be_given_when_the_fact_is_added(bot: TestBot) -> None:
    await ok(bot, GATES + ' spanish="El estudio tiene 9 portones."', as_=ORGANIZER)
    reply = await ok(bot, "/fact picket-gates", as_=BEA)
    assert reply.text.startswith("El estudio tiene 9 portones.")


async def test_a_member_cannot_give_a_spanish_text_and_nothing_is_written(bot: TestBot) -> None:
    await ok(bot, GATES, as_=ORGANIZER)
    refused = await bot.reply("/fact spanish picket-gates El estudio tiene 9 portones.", as_="ana")
    assert refused.is_error
    current = await fact_store.current(bot.db, "picket-gates")
    assert current is not None and current.version == 1 and current.record.text_es == ""


async def test_a_bad_id_or_an_empty_text_is_one_clear_error(bot: TestBot) -> None:
    await ok(bot, GATES, as_=ORGANIZER)
    missing = await bot.reply("/fact spanish no-such-fact Un texto.", as_=ORGANIZER)
    assert missing.is_error
    assert missing.text == "no fact with key 'no-such-fact' (see /fact list)"
    empty = await bot.reply('/fact spanish picket-gates "   "', as_=ORGANIZER)
    assert empty.is_error and empty.text.startswith("text must not be empty")
    current = await fact_store.current(bot.db, "picket-gates")
    assert current is not None and current.version == 1 and current.record.text_es == ""


async def test_pay_compare_answers_in_spanish(bot: TestBot) -> None:
    reply = await ok(bot, "/pay compare $45/hr", as_=BEA)
    assert reply.title == "$45 la hora son $93,600 al año con 2,080 horas, lo que equivale a…"
    assert reply.text.splitlines()[0].startswith("• unas 4 veces $26,000, el sueldo anual")
    assert "(SlashGear, 2023-07; dato background-day-rate)" in reply.text


async def test_the_pack_round_trips_spanish_texts(bot: TestBot) -> None:
    pack = builtin_factpack()
    assert all(record.text_es for record in pack.facts)
    assert parse_pack(dump_pack(pack)).facts == pack.facts
    await ok(bot, GATES + ' spanish="El estudio tiene 9 portones."', as_=ORGANIZER)
    exported = parse_pack(dump_pack(await fact_store.export_pack(bot.db)))
    gates = next(record for record in exported.facts if record.key == "picket-gates")
    assert gates.text_es == "El estudio tiene 9 portones."
    assert {r.key: r.text_es for r in exported.facts if r.key in PACK} == {
        k: r.text_es for k, r in PACK.items()
    }


def _digits(text: str) -> set[str]:
    return {number.replace(",", "") for number in re.findall(r"\d[\d,]*\d|\d", text)}


def test_each_spanish_text_states_the_same_numbers_as_its_english() -> None:
    for record in PACK.values():
        assert _digits(record.text_es) == _digits(record.text), record.key


async def test_an_edit_keeps_the_spanish_text_and_says_to_check_it(bot: TestBot) -> None:
    await ok(bot, GATES + ' spanish="El estudio tiene 9 portones."', as_=ORGANIZER)
    edited = await ok(
        bot, '/fact edit picket-gates text="The studio lot has 9 gates and 2 car parks."', ORGANIZER
    )
    assert "Its Spanish text was kept: check it still says the same" in edited.text
    current = await fact_store.current(bot.db, "picket-gates")
    assert current is not None and current.version == 2
    assert current.record.text_es == "El estudio tiene 9 portones."
