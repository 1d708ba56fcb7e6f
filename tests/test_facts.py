"""Facts: search as members ask, sources and dates, organizer curation with history."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App, builtin_factpack
from bot.testing.people import CHANNEL, actor
from commands.roles import Role
from storage.facts import store as fact_store
from storage.facts.pack import FactPack, FactPackError, dump_pack, parse_pack

ORGANIZER = actor("olu", Role.ORGANIZER)


async def ask(app: App, question: str) -> str:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
    assert not reply.is_error, reply.text
    return reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does the Netflix AI job pay", "$300,000 to $900,000"),
        ("netflix salary", "$300,000 to $900,000"),
        ("87 percent", "87%"),
        ("how many members earn under 26k", "87%"),
        ("how much do background actors make", "$187"),
        # "digital replica proposal" alone is answered as well by the consent proposal.
        ("$200 digital replica proposal", "$200"),
        ("writing credit", "writing credit"),
        ("joint strike", "60 years"),
    ],
)
async def test_questions_as_members_type_them(app: App, question: str, expected: str) -> None:
    assert expected in await ask(app, question)


async def test_answer_cites_source_and_date(app: App) -> None:
    text = await ask(app, "what does the Netflix AI job pay")
    assert 'Source: Interesting Engineering, "In bad faith?' in text
    assert ", 2023-07." in text


async def test_a_fact_key_asks_for_that_fact(app: App) -> None:
    await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, '/fact add test-1 strike "Nine gates." source="Union bulletin" date=2023-07-20'
    )
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/fact test-1")
    assert reply.text.startswith("Nine gates.") and reply.footer == "fact test-1"
    footer = await app.dispatcher.handle_text(actor(), CHANNEL, "/fact fact delaney-ghoulish-quote")
    assert footer.footer == "fact delaney-ghoulish-quote"


async def test_no_match_is_a_friendly_answer(app: App) -> None:
    text = await ask(app, "zebra")
    assert "No fact answers that" in text


async def test_query_syntax_is_not_interpreted(app: App) -> None:
    for question in ['"unbalanced', "NEAR(a b)", "pay*", "a OR", "^x", "col:pay", "- -", "AND"]:
        reply = await app.dispatcher.handle_text(actor(), CHANNEL, f"/fact {question}")
        assert "went wrong" not in reply.text


async def test_list_by_topic(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/fact list ai-proposals")
    assert "Facts on ai-proposals" in (reply.title or "")
    assert "[pay]" not in reply.text


async def test_organizer_adds_edits_removes_with_history(app: App) -> None:
    d = app.dispatcher
    added = await d.handle_text(
        ORGANIZER, CHANNEL,
        '/fact add picket-count strike "Members picketed at 12 Zanzibar gates." source="Union bulletin" date=2023-07-20',
    )  # fmt: skip
    assert not added.is_error, added.text
    assert "12 Zanzibar gates" in await ask(app, "zanzibar")
    edited = await d.handle_text(
        ORGANIZER, CHANNEL, '/fact edit picket-count text="Members picketed at 14 Zanzibar gates."'
    )
    assert "version 2" in edited.text
    assert "14 Zanzibar gates" in await ask(app, "zanzibar")
    history = await d.handle_text(actor(), CHANNEL, "/fact history picket-count")
    assert "v1 (old" in history.text and "v2 (current" in history.text
    removed = await d.handle_text(ORGANIZER, CHANNEL, "/fact remove picket-count")
    assert not removed.is_error
    assert "No fact answers that" in await ask(app, "zanzibar")


async def test_fact_add_requires_source_and_organizer(app: App) -> None:
    d = app.dispatcher
    no_source = await d.handle_text(ORGANIZER, CHANNEL, '/fact add x-1 pay "Text here"')
    assert no_source.is_error and "SOURCE is missing" in no_source.text
    member = await d.handle_text(actor(), CHANNEL, '/fact add x-1 pay "T" source=S date=2023-01-01')
    assert member.is_error and "organizers" in member.text
    bad_date = await d.handle_text(ORGANIZER, CHANNEL, '/fact add x-1 pay "T" source=S date=yesterday')
    assert bad_date.is_error and "not a date" in bad_date.text
    assert await fact_store.current(app.db, "x-1") is None


async def test_edit_keeps_figures_the_text_still_states(app: App) -> None:
    await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        '/fact edit background-day-rate text="Union background performers earn around $187 a day."',
    )
    found = await fact_store.figure(app.db, "background_day_rate")
    assert found is not None and found[0].value == 187


async def test_edit_that_drops_a_figure_says_so(app: App) -> None:
    reply = await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, '/fact edit background-day-rate text="Extras are paid by the day."'
    )
    assert not reply.is_error and "version 2" in reply.text
    assert "no longer states these figures (background_day_rate" in reply.text
    assert await fact_store.figure(app.db, "background_day_rate") is None


async def test_edit_that_changes_nothing_is_refused(app: App) -> None:
    d = app.dispatcher
    for line in ("/fact edit background-day-rate", "/fact edit background-day-rate topic=pay"):
        reply = await d.handle_text(ORGANIZER, CHANNEL, line)
        assert reply.is_error and "changes nothing" in reply.text
    history = await d.handle_text(actor(), CHANNEL, "/fact history background-day-rate")
    assert "v2" not in history.text


async def test_source_line_without_headline_has_no_stray_comma(app: App) -> None:
    added = await app.dispatcher.handle_text(
        ORGANIZER,
        CHANNEL,
        '/fact add gate-count strike "Nine gates." source="Union bulletin" date=2023-07-20',
    )
    assert "Source: Union bulletin (2023-07-20). As of 2023-07-20." in added.text
    text = await ask(app, "87 percent")
    assert 'Source: Interesting Engineering, "In bad faith?' in text
    organizer = await ask(app, "gate-count")
    assert "No quote from the source: this is an organizer's own statement." in organizer


async def test_shipped_pack_seeds_once_and_respects_removals(app: App) -> None:
    pack = builtin_factpack()
    assert await fact_store.sync_builtin(app.db, pack) == fact_store.BuiltinSummary()
    await fact_store.remove(app.db, "netflix-ml-platform-pm-pay", None)
    assert await fact_store.sync_builtin(app.db, pack) == fact_store.BuiltinSummary()
    assert await fact_store.current(app.db, "netflix-ml-platform-pm-pay") is None


async def test_a_corrected_pack_replaces_untouched_built_ins_and_withdraws_retired_ones(app: App) -> None:
    """How a database seeded with the old health-insurance-threshold fact loses it."""
    old = replace(builtin_factpack().facts[0], key="old-claim", text="A figure no article states: $26,000.")
    kept = replace(old, key="kept-claim")
    await fact_store.sync_builtin(app.db, FactPack((old, kept)))
    await app.dispatcher.handle_text(
        ORGANIZER, CHANNEL, '/fact edit kept-claim text="Checked by an organizer."'
    )
    corrected = replace(old, text="What the article says.")
    summary = await fact_store.sync_builtin(app.db, FactPack((corrected,), retired=("kept-claim",)))
    assert (summary.updated, summary.retired) == (1, 0)
    now = await fact_store.current(app.db, "old-claim")
    assert now is not None and now.record.text == "What the article says." and now.version == 2
    edited = await fact_store.current(app.db, "kept-claim")
    assert edited is not None and edited.record.text == "Checked by an organizer."
    await fact_store.sync_builtin(app.db, FactPack((), retired=("old-claim",)))
    assert await fact_store.current(app.db, "old-claim") is None
    assert len(await fact_store.history(app.db, "old-claim")) == 2


async def test_export_then_import_round_trips(app: App, tmp_path: Path) -> None:
    exported = await fact_store.export_pack(app.db)
    text = dump_pack(exported)
    again = parse_pack(text)
    assert again.facts == exported.facts
    summary = await fact_store.import_pack(app.db, again)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, len(exported.facts))


async def test_import_updates_changed_figures(app: App) -> None:
    data = json.loads(dump_pack(await fact_store.export_pack(app.db)))
    for fact in data["facts"]:
        for figure in fact["figures"]:
            if figure["name"] == "member_earnings_line":
                figure["value"] = 30000
    summary = await fact_store.import_pack(app.db, parse_pack(json.dumps(data)))
    assert summary.updated == 1
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
    assert "about 30 times $30,000" in reply.text


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a fact pack"),
        (lambda d: d["facts"][0].update(topic="gossip"), "topic must be one of"),
        (lambda d: d["facts"][0].pop("source"), "a source is required"),
        (lambda d: d["facts"][1].update(key=d["facts"][0]["key"]), "appears twice"),
        (lambda d: d["facts"][0].update(as_of="July"), "is not a date"),
    ],
)
def test_invalid_packs_are_refused(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(dump_pack(builtin_factpack()))
    mutate(data)
    with pytest.raises(FactPackError, match=message):
        parse_pack(json.dumps(data))


async def test_a_fact_that_meets_little_of_the_question_is_not_offered(app: App) -> None:
    assert "No fact answers that" in await ask(app, "how many members voted in the ratification")
    assert "$187" in await ask(app, "what do background actors earn per day on set")
