"""A Spanish question over the real gateway: answered in Spanish, the English quote kept."""

from __future__ import annotations

from tests.discord.conftest import Bot, embed_of


async def test_a_spanish_question_is_answered_in_spanish_over_discord(bot: Bot) -> None:
    body = await bot.slash("fact ask", question="¿Cuánto ganan los extras por día?")

    embed = embed_of(body)
    assert embed["title"] == "$187 al día · $100 al día · $200 al día"
    assert embed["description"].startswith("Un extra gana de $100 a $200 por un día de trabajo")
    assert "Fuente: SlashGear" in embed["description"]
    assert "Cita original (en inglés): “That's in stark contact" in embed["description"]
    assert body["data"]["allowed_mentions"] == {"parse": []}
