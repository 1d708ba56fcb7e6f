from __future__ import annotations

from bot.app import App
from commands.roles import Role
from storage import facts as fact_store
from tests.helpers import CHANNEL, actor


async def test_pay_compare_900k(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
    assert reply.title == "$900,000 is…"
    assert "about 35 members' yearly earnings at the $26,000 health-insurance threshold" in reply.text
    assert "fact health-insurance-threshold" in reply.text
    assert "about 4,813 background-performer days at $187 a day" in reply.text
    assert "fact background-day-rate" in reply.text


async def test_money_forms_agree(app: App) -> None:
    texts = set()
    for amount in ("900000", "$900k", "900,000", "0.9M"):
        texts.add((await app.dispatcher.handle_text(actor(), CHANNEL, f"/pay compare {amount}")).text)
    assert len(texts) == 1


async def test_zero_is_refused(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 0")
    assert reply.is_error and "more than zero" in reply.text


async def test_reference_figures_come_from_the_pack(app: App) -> None:
    await fact_store.remove(app.db, "background-day-rate", None)
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
    assert "background-performer days" not in reply.text
    assert "about 35 members" in reply.text


async def test_pay_facts_lists_pay_topic(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(role=Role.MEMBER), CHANNEL, "/pay facts")
    assert any(f.name == "health-insurance-threshold" for f in reply.fields)


async def test_small_amounts_read_as_english(app: App) -> None:
    one = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 26000")
    assert "about 1 member's yearly earnings" in one.text
    half = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 13000")
    assert "about 0.50 of a member's yearly earnings" in half.text
    day = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 187")
    assert "about 1 background-performer day at $187 a day" in day.text


async def test_tiny_amounts_never_read_as_zero(app: App) -> None:
    tiny = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 123")
    assert "0.00" not in tiny.text
    assert "less than 0.01 of a member's yearly earnings" in tiny.text
    assert "about 0.66 of a background-performer day at $187 a day" in tiny.text
    cent = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 0.01")
    assert "less than 0.01 of a background-performer day" in cent.text
    almost = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 19500")
    assert "about 0.75 of a member's yearly earnings" in almost.text
