"""The command framework's own words in Spanish: suggestions for a mistyped command, the readers of
money, dates, times and periods, the failure line, and /link."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL
from commands.context import Actor
from commands.errors import unexpected_failure
from commands.i18n import speaking
from commands.money import parse_pay
from commands.periods import describe_days, read_period
from commands.reply import reply_as_text
from commands.roles import Role
from commands.when import NonexistentTime, localize, parse_day, parse_time_of_day, parse_when
from storage import links

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 4, 17, 0, tzinfo=ZoneInfo("UTC"))  # a Wednesday


@pytest.fixture
def database(tmp_path: Path) -> str:
    return str(tmp_path / "picketbot.db")


def spanish(name: str = "Lucía", role: Role = Role.MEMBER, platform: str = "console") -> Actor:
    return Actor(platform, name.lower(), name, role, locale="es-419")


async def say(bot: TestBot, line: str, actor: Actor | None = None) -> str:
    reply = await bot.app.dispatcher.handle_text(actor or spanish(), CHANNEL, line)
    return ("error: " if reply.is_error else "") + reply_as_text(reply)


async def test_a_mistyped_command_is_answered_in_spanish(bot: TestBot) -> None:
    assert await say(bot, "/picket sigup 1") == (
        "error: comando desconocido /picket sigup. ¿Quisiste decir /picket signup ID [AS]?"
        " (/picket muestra sus comandos)"
    )
    assert (
        await say(bot, "/pcket")
        == "error: comando desconocido /pcket. ¿Quisiste decir /picket? (/picket muestra sus comandos)"
    )
    assert (await say(bot, "/dance")).startswith(
        "error: comando desconocido /dance. Prueba /help (comandos: /fact, "
    )
    assert await say(bot, "/help sigup") == (
        "error: no hay ningún comando ni grupo llamado 'sigup'. ¿Quisiste decir /picket signup ID [AS]?"
        " Escribe /help para ver la lista."
    )
    # The same member with an English locale is answered in English.
    english = Actor("console", "lucía", "Lucía", locale="en-US")
    assert (await say(bot, "/dance", english)).startswith("error: unknown command /dance. Try /help")


async def test_a_line_that_cannot_be_read_is_refused_in_spanish(bot: TestBot) -> None:
    assert await say(bot, '/picket signup "12') == 'error: comillas " sin cerrar en tu comando'
    assert await say(bot, "/picket signup 12 13 14") == (
        "error: no se esperaba '14'\nUso: /picket signup ID [AS]"
    )
    assert await say(bot, "/picket signup doce") == (
        "error: id debe ser un número entero, no 'doce'\nUso: /picket signup ID [AS]"
    )
    assert (await say(bot, "/picket signup 1 as=banner")).startswith("error: as debe ser uno de estos: ")
    assert (await say(bot, "x" * 12_001)).startswith(
        "error: ese comando es demasiado largo (12,001 caracteres)"
    )


def test_money_is_refused_in_spanish() -> None:
    with speaking("es"):
        with pytest.raises(ValueError) as not_money:
            parse_pay("lots")
        with pytest.raises(ValueError) as euros:
            parse_pay("€45/hr")
        with pytest.raises(ValueError) as huge:
            parse_pay("$9000000000000")
    assert str(not_money.value) == (
        "'lots' no es una cantidad de dinero (prueba 900000, 900 000, 900k per year o $45/hr)"
    )
    assert str(euros.value) == (
        "las cantidades se comparan en dólares estadounidenses, y € es otra moneda:"
        " conviértela primero a dólares (p. ej. $45/hr o $900k)"
    )
    assert str(huge.value) == "'$9000000000000' está fuera de rango"


def test_days_times_and_periods_are_refused_in_spanish() -> None:
    today = NOW.date()
    with speaking("es"):
        cases = {
            "day": lambda: parse_day("someday", today),
            "time": lambda: parse_time_of_day("25:00"),
            "when": lambda: parse_when("soon-ish", LOS_ANGELES, NOW),
            "range": lambda: parse_day("2150-01-01", today),
            "period": lambda: read_period("fortnight", today),
            "backwards": lambda: read_period("2026-11-08 to 2026-11-02", today),
        }
        said = {}
        for name, reading in cases.items():
            with pytest.raises(ValueError) as refused:
                reading()
            said[name] = str(refused.value)
    assert said == {
        "day": "'someday' no es un día (prueba 2026-11-23 09:00, tomorrow 9am o mon 13:00)",
        "time": "'25:00' no es una hora del día",
        "when": "'soon-ish' no es una fecha y hora (prueba 2026-11-23 09:00, tomorrow 9am o mon 13:00)",
        "range": "2150-01-01 está fuera de los años 2000–2100",
        "period": "'fortnight' no es un día ni un periodo (prueba today, fri, next week, last week,"
        " 2026-11-02 o 2026-11-02 to 2026-11-08)",
        "backwards": "'2026-11-08 to 2026-11-02' termina antes de empezar",
    }


def test_a_skipped_hour_and_dates_are_worded_in_spanish() -> None:
    with speaking("es"), pytest.raises(NonexistentTime) as skipped:
        localize(date(2027, 3, 14), time(2, 30), LOS_ANGELES, strict=True)
    assert str(skipped.value) == (
        "02:30 no existe el dom 2027-03-14 en America/Los_Angeles: los relojes pasan de 02:00"
        " directamente a 03:00. Horas válidas más cercanas: 01:59 o 03:00"
    )
    with speaking("es"):
        assert skipped.value.relative(datetime(2027, 3, 13, 23, 59)) == "23:59 del día anterior"
        assert describe_days(date(2026, 10, 26), date(2026, 11, 1)) == "lun 26 oct – dom 1 nov 2026"
        week = read_period("next week", NOW.date())
        assert week.words(NOW.date()) == "la próxima semana"
        assert read_period("2026-11-06", NOW.date()).words(NOW.date()) == "el vie 2026-11-06"
    assert describe_days(date(2026, 10, 26), date(2026, 11, 1)) == "Mon 26 Oct – Sun 1 Nov 2026"


def test_the_failure_line_is_in_spanish_and_the_log_in_english(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("picketbot.test")
    with speaking("es"):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            line = unexpected_failure(log, "command /%s failed", "picket signup")
    reference = line.removeprefix("Lo sentimos, algo falló de nuestro lado (ref ").removesuffix(").")
    assert len(reference) == 6 and line != reference
    assert f"command /picket signup failed (ref {reference})" in caplog.text


async def test_link_speaks_spanish(bot: TestBot) -> None:
    given = await say(bot, "/link")
    assert given.startswith("Tu código de vinculación: ")
    assert f"Sirve una sola vez, durante {links.CODE_MINUTES} minutos." in given
    assert await say(bot, "/link ZZZZ-ZZZZ") == (
        "error: Ese no es un código de vinculación (o no es uno que funcione)."
        " Escribe /link en tu otra cuenta para obtener uno nuevo."
    )
    assert await say(bot, "/link show") == "Tú: una sola cuenta, sin vincular a otra."
    assert await say(bot, "/link show Ana") == (
        "error: Ver las cuentas de otra persona es solo para capitanes de piquete y organizadores."
    )
    code = given.split("\n")[0].removeprefix("Tu código de vinculación: ")
    linked = await say(bot, f"/link {code}", spanish(platform="slack"))
    assert linked.startswith("Vinculadas: eres una misma persona en consola (Lucía), Slack (Lucía)."), linked
    shown = await say(bot, "/link show")
    assert "una misma persona en 2 cuentas:" in shown and "(principal: los avisos llegan aquí)" in shown
