from __future__ import annotations

from bot.app import App
from bot.testing.people import CHANNEL, actor
from commands.roles import Role
from storage.facts import store as fact_store

EARNINGS = "the yearly pay 87% of SAG-AFTRA members earn less than (Interesting Engineering, 2023-07"


async def test_pay_compare_900k(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
    assert reply.title == "$900,000 is…"
    assert f"about 35 times $26,000, {EARNINGS}; fact sag-aftra-members-under-26k)" in reply.text
    assert "about 4,813 background-performer days at $187 a day" in reply.text
    assert "fact background-day-rate" in reply.text


async def test_no_health_insurance_threshold_is_stated_as_fact(app: App) -> None:
    """No article gives a health-insurance earnings threshold; the comparison must not claim one."""
    reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
    assert "threshold" not in reply.text and "insurance" not in reply.text
    assert await fact_store.current(app.db, "health-insurance-threshold") is None


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
    assert "about 35 times $26,000" in reply.text


async def test_pay_facts_lists_pay_topic(app: App) -> None:
    reply = await app.dispatcher.handle_text(actor(role=Role.MEMBER), CHANNEL, "/pay facts")
    assert any(f.name == "sag-aftra-members-under-26k" for f in reply.fields)


async def test_small_amounts_read_as_english(app: App) -> None:
    one = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 26000")
    assert "about the same as $26,000, the yearly pay" in one.text
    half = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 13000")
    assert "about 0.50 of $26,000" in half.text
    day = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 187")
    assert "about 1 background-performer day at $187 a day" in day.text


async def test_tiny_amounts_never_read_as_zero(app: App) -> None:
    tiny = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 123")
    assert "0.00" not in tiny.text
    assert "less than 0.01 of $26,000" in tiny.text
    assert "about 0.66 of a background-performer day at $187 a day" in tiny.text
    cent = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 0.01")
    assert "less than 0.01 of a background-performer day" in cent.text
    almost = await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 19500")
    assert "about 0.75 of $26,000" in almost.text
