"""Issue 20, the "picket_day" catalog: the day's picket commands answer a Spanish-speaking member in
Spanish (headcount, check-in codes and the live list, hours, the gaps forecast, duties, calendars and
feeds), with Spanish day names, and answer everyone else exactly as before."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import aiohttp
import icalendar
import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.context import Actor
from commands.i18n import speaking
from commands.markup import plain
from commands.picket.turnout import expected_note
from commands.roles import Role
from storage.picket.model import Shift
from storage.picket.turnout_rules import Forecast
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER

LA = ZoneInfo("America/Los_Angeles")
CONFIG = """
[http]
public_host = "127.0.0.1"
public_port = 0
public_url = "https://picket.example.org/"

[picket]
eligibility_min_hours = 3
eligibility_min_shifts = 2
eligibility_rule = "all"

[picket.duties]
kitchen = { share = 0.5 }
"""
FEED_URL = re.compile(r"https://picket\.example\.org/calendar/([A-Za-z0-9_-]+)\.ics")


def es(who: str | Actor, role: Role = Role.MEMBER) -> Actor:
    """``who`` as a member whose platform speaks Spanish (Spain's: any Spanish locale is Spanish)."""
    member = who if isinstance(who, Actor) else actor(who, role)
    return dataclasses.replace(member, locale="es-ES")


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock, database: str) -> AsyncIterator[TestBot]:
    """On each backend in turn, with a duty, the eligibility rule above and the public listener."""
    async with await TestBot.open(
        tmp_path, clock=clock, channel=CHANNEL, config=CONFIG, database=database
    ) as test_bot:
        await test_bot.app.public_listener().start()
        yield test_bot


async def _two_gates(bot: TestBot) -> None:
    """#1 Gate 2 (2 places): Ana, Bo and walk-ins Eve, Fay checked in; #2 Gate 4 (3 places): Cy."""
    for gate in ("Gate 2", "Gate 4"):
        await bot.ok(f'/picket site add "{gate}" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Gate 2" 2026-10-27 09:00 12:00 capacity=2', as_=ORGANIZER)
    await bot.ok('/picket shift add "Gate 4" 2026-10-27 09:00 12:00 capacity=3', as_=ORGANIZER)
    for name in ("Ana", "Bo", "Eve", "Fay"):
        await bot.ok("/picket signup 1", as_=name)
    await bot.ok("/picket signup 2", as_="Cy")
    bot.clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
    for name in ("Ana", "Bo"):
        await bot.ok("/picket checkin 1", as_=name)
    for name in ("Eve", "Fay"):
        await bot.ok(f"/picket checkin 1 {name} walk-in", as_=CAPTAIN)
    await bot.ok("/picket checkin 2", as_="Cy")


async def test_picket_now_in_spanish_and_unchanged_in_english(bot: TestBot) -> None:
    await _two_gates(bot)

    spanish = await bot.ok("/picket now", as_=es(CAPTAIN))
    english = await bot.ok("/picket now", as_=CAPTAIN)

    text = plain(spanish.text)
    assert spanish.title == "En curso ahora (2)"
    assert "): 4 de 2 presentes, 2 de más" in text
    assert "): 1 de 3 presentes, faltan 2" in text
    assert "Movimientos sugeridos:" in text
    assert "Gate 2 tiene 4 de 2; Gate 4 tiene 1 de 3: pide a 2 personas que se muevan." in text
    assert "Presentes en Gate 2: Ana, Bo, Eve, Fay" in text
    assert spanish.buttons[0].label == "Pedir a Ana → Gate 4"
    assert spanish.buttons[0].command == "picket ask 2 <@ana>"  # what a click runs stays as typed
    assert spanish.footer and spanish.footer.startswith("Un botón le envía a ese miembro un mensaje")
    assert english.title == "Under way now (2)"
    assert "• Gate 2 (#1, Tue 2026-10-27 09:00–12:00 PDT): 4 of 2 checked in, 2 over" in plain(english.text)
    assert "Gate 2 has 4 of 2; Gate 4 has 1 of 3: ask 2 to move." in plain(english.text)
    assert english.buttons[0].label == "Ask Ana → Gate 4"
    asked = await bot.say("/picket ask 2 Bo", as_=es(CAPTAIN))
    assert asked == "Se le pidió a Bo que se mueva de Gate 2 a Gate 4 (turno #2); recibirá un mensaje."


async def _shift_with_two(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=5', as_=ORGANIZER)
    for name in ("Ana", "Bo"):
        await bot.ok("/picket signup 1", as_=name)


async def test_check_in_code_and_live_list_in_spanish(bot: TestBot) -> None:
    await _shift_with_two(bot)
    bot.clock.set(datetime(2026, 10, 27, 8, 50, tzinfo=LA))

    shown = await bot.ok("/picket code 1", as_=es(CAPTAIN))
    text = plain(shown.text)
    code = text.splitlines()[0]
    assert f"En el piquete, los miembros escriben: /picket checkin {code}" in text
    assert "Este código cambia a las 08:55 PDT (cada 5 minutos;" in text
    assert "solo con un código vigente" in text
    assert shown.title and shown.title.startswith("Código de llegada: #1 Sunset Gate")
    assert [b.label for b in shown.buttons] == ["Nuevo código", "Lista en vivo"]
    english = await bot.ok("/picket code 1", as_=CAPTAIN)
    assert "Members at the line type: /picket checkin" in plain(english.text)
    assert [b.label for b in english.buttons] == ["New code", "Live list"]

    checked_in = await bot.say(f"/picket checkin {code}", as_=es("Ana"))
    assert (
        checked_in.startswith("Llegada registrada en el turno #1 Sunset Gate") and "¡Gracias!" in checked_in
    )
    stale = await bot.say("/picket checkin KMX-RTP", as_=es("Bo"))
    assert stale.startswith("error: KMX-RTP no es un código de llegada vigente: los códigos cambian cada 5")

    roster = await bot.say("/picket roster 1", as_=es(CAPTAIN))
    assert "En vivo a las 08:50 PDT: 1 llegó, 1 por llegar" in roster
    assert "Confirmados (2/5, capitanes 0/" in roster
    assert "1. Ana — presente a las 08:50 (llegó)" in roster
    assert "2. Bo — sin llegada registrada (por llegar)" in roster
    assert "Live at 08:50 PDT: 1 arrived, 1 due" in await bot.say("/picket roster 1", as_=CAPTAIN)


async def test_hours_and_eligibility_in_spanish_with_spanish_day_names(bot: TestBot) -> None:
    await _shift_with_two(bot)
    bot.clock.set(datetime(2026, 10, 27, 9, 0, tzinfo=LA))
    await bot.ok("/picket checkin 1", as_="Ana")
    bot.clock.set(datetime(2026, 10, 27, 10, 30, tzinfo=LA))
    assert "tus horas dejan de contar ahora" in await bot.say("/picket checkout 1", as_=es("Ana"))
    bot.clock.set(datetime(2026, 10, 27, 13, 0, tzinfo=LA))

    spanish = await bot.ok("/picket hours", as_=es("Ana"))
    english = await bot.ok("/picket hours", as_="Ana")

    assert spanish.title == "Horas de piquete: Ana"
    assert spanish.text.startswith("1.50 horas en 1 turno, ")
    assert "• #1 mar 27 oct 09:00–12:00 PDT, Sunset Gate: presente, 1.50 h" in spanish.text
    [field] = spanish.fields
    assert field.name == "Con derecho al pago de huelga esta semana"
    assert field.value == "no (al menos 3 horas y al menos 2 turnos por semana)"
    assert english.text.startswith("1.50 hours over 1 shift, ")
    assert "• #1 Tue 27 Oct 09:00–12:00 PDT, Sunset Gate: present, 1.50 h" in english.text
    assert english.fields[0].value == "no (at least 3 hours and at least 2 shifts a week)"

    eligibility = await bot.ok("/picket eligibility", as_=es(CAPTAIN))
    assert "Regla: al menos 3 horas y al menos 2 turnos por semana. 0 de 2 miembros con derecho." in (
        eligibility.text
    )
    assert "• Ana: 1.50 h, 1 turno: no" in eligibility.text
    too_long = await bot.say("/picket eligibility 2026-10-26 to 2026-11-03", as_=es(CAPTAIN))
    assert "va más allá del dom 2026-11-01" in too_long
    assert "runs past Sun 2026-11-01" in await bot.say(
        "/picket eligibility 2026-10-26 to 2026-11-03", as_=CAPTAIN
    )


async def test_the_gaps_forecast_in_spanish(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" tue 09:00-12:00 capacity=4 weeks=4', as_=ORGANIZER)
    for shift in (1, 2, 3, 4):
        for name in ("Ana", "Bo", "Cy", "Di"):
            await bot.ok(f"/picket signup {shift}", as_=name)
    for shift, month, day in ((1, 10, 27), (2, 11, 3), (3, 11, 10)):
        bot.clock.set(datetime(2026, month, day, 9, 5, tzinfo=LA))
        await bot.ok(f"/picket checkin {shift}", as_="Ana")
    bot.clock.set(datetime(2026, 11, 15, 12, 0, tzinfo=LA))

    spanish = await bot.ok("/picket gaps", as_=es(CAPTAIN))
    english = await bot.ok("/picket gaps", as_=CAPTAIN)

    assert spanish.title == "Huecos en los próximos 7 días (1)"
    assert (
        "— probablemente se quede corto: se esperan alrededor de 1 de 4"
        " (pronóstico: vino el 25% de los apuntados, en 3 martes anteriores aquí)"
    ) in spanish.text
    assert english.title == "Gaps in the next 7 days (1)"
    assert (
        "— likely short: expect about 1 of 4 (forecast: 25% of those signed up came, over 3 past Tuesdays here)"
    ) in english.text


def test_past_weekdays_agree_in_number_in_spanish() -> None:
    saturday = Forecast(expected=2, learned_from=1, share=0.5)
    shift = cast(Shift, _OnDay("2026-11-21"))  # a Saturday
    with speaking("es"):
        assert (
            expected_note(shift, saturday)
            == " · asistencia esperada: alrededor de 2 (según 1 sábado anterior)"
        )
        several = dataclasses.replace(saturday, learned_from=3)
        assert expected_note(shift, several).endswith("(según 3 sábados anteriores)")
    assert expected_note(shift, saturday) == " · expect about 2 (from 1 past Saturday)"


@dataclasses.dataclass
class _OnDay:
    """All of a shift the forecast note reads: its local day."""

    local_date: str


async def test_duties_in_spanish(bot: TestBot) -> None:
    await bot.ok('/picket site add "Union Hall" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok(
        '/picket shift add "Union Hall" 2026-10-27 09:00 12:00 capacity=5 duty=kitchen', as_=ORGANIZER
    )
    await bot.ok("/picket signup 1", as_="Ana")
    bot.clock.set(datetime(2026, 10, 27, 16, 0, tzinfo=UTC))
    await bot.ok("/picket checkin 1", as_="Ana")
    bot.clock.set(datetime(2026, 10, 27, 19, 0, tzinfo=UTC))

    waiting = await bot.ok("/picket hours", as_=es("Ana"))
    assert "(kitchen): presente, 3.00 h, en espera de la confirmación de un capitán" in waiting.text
    unknown = await bot.reply(
        '/picket shift add "Union Hall" 2026-10-28 09:00 12:00 capacity=5 duty=bakery', as_=es(ORGANIZER)
    )
    assert unknown.is_error and "tarea desconocida 'bakery': las tareas son kitchen" in unknown.text

    confirmed = await bot.ok("/picket duty confirm 1", as_=es(CAPTAIN))

    assert confirmed.text.startswith("Se confirmó 1 llegada en el turno #1 Union Hall")
    assert confirmed.text.endswith(": Ana. Kitchen: sus horas cuentan para el pago de huelga al 50%.")
    assert ", cuentan 1.50 h" in (await bot.ok("/picket hours", as_=es("Ana"))).text


def _calendar_texts(ics: bytes | str) -> tuple[str, list[tuple[str, str]]]:
    calendar = icalendar.Calendar.from_ical(ics)
    events = [(str(e["SUMMARY"]), str(e["DESCRIPTION"])) for e in calendar.walk("VEVENT")]
    return str(calendar["X-WR-CALNAME"]), events


async def test_the_calendar_file_in_spanish_and_in_english(bot: TestBot) -> None:
    await _shift_with_two(bot)
    bot.clock.set(datetime(2026, 10, 26, 12, 0, tzinfo=LA))

    spanish = await bot.ok("/picket calendar", as_=es("Ana"))
    english = await bot.ok("/picket calendar", as_="Ana")

    assert spanish.text.startswith("Tienes 1 próximo turno, listo para tu app de calendario.")
    assert spanish.attachment is not None and english.attachment is not None
    name, [(summary, description)] = _calendar_texts(spanish.attachment.content)
    assert (name, summary) == ("Mis turnos de piquete", "Piquete: Sunset Gate")
    assert description == (
        "Turno de piquete #1 en Sunset Gate.\n2 de 5 plazas cubiertas.\nApúntate: /picket signup 1"
    )
    assert english.text.startswith("Your 1 upcoming shift, for your calendar app.")
    name, [(summary, description)] = _calendar_texts(english.attachment.content)
    assert (name, summary) == ("My picket shifts", "Picket: Sunset Gate")
    assert description == "Picket shift #1 at Sunset Gate.\n2 of 5 places filled.\nSign up: /picket signup 1"


async def _feed(bot: TestBot, token: str) -> tuple[str, str]:
    url = f"http://127.0.0.1:{bot.app.public_listener().port}/calendar/{token}.ics"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        return response.headers["ETag"], await response.text()


async def _token(bot: TestBot, line: str, who: Actor) -> str:
    reply = await bot.ok(line, as_=who)
    found = FEED_URL.search(reply.text)
    assert found, reply.text
    return found.group(1)


async def test_a_member_feed_speaks_its_owners_language(bot: TestBot) -> None:
    await _shift_with_two(bot)
    issued = await bot.ok("/picket feed", as_=es("Ana"))
    assert issued.title == "Enlace de calendario"
    assert issued.text.startswith(
        "Aquí está tu enlace de calendario, con los turnos en los que estás confirmado"
    )
    token = FEED_URL.search(issued.text).group(1)  # type: ignore[union-attr]

    # Her platform's locale (es-ES) was noted when she asked: the feed is Spanish already.
    spanish_tag, spanish = await _feed(bot, token)
    name, [(summary, description)] = _calendar_texts(spanish)
    assert (name, summary) == ("Mis turnos de piquete", "Piquete: Sunset Gate")
    assert description.startswith("Turno de piquete #1 en Sunset Gate.")

    async with bot.db.transaction() as tx:  # as /lang en would
        await tx.execute("UPDATE members SET language = 'en' WHERE display_name = 'Ana'")
    english_tag, english = await _feed(bot, token)
    assert _calendar_texts(english)[1][0][0] == "Picket: Sunset Gate"
    assert spanish_tag != english_tag  # a calendar holding the Spanish copy fetches the English one


async def test_a_site_feed_speaks_the_bots_language(tmp_path: Path, clock: FakeClock) -> None:
    config = CONFIG + '\n[bot]\nlanguage = "es"\n'
    async with await TestBot.open(tmp_path, clock=clock, channel=CHANNEL, config=config) as spanish_bot:
        await spanish_bot.app.public_listener().start()
        await _shift_with_two(spanish_bot)
        token = await _token(spanish_bot, '/picket feed site="Sunset Gate"', ORGANIZER)
        _, text = await _feed(spanish_bot, token)
    name, [(summary, _description)] = _calendar_texts(text)
    assert (name, summary) == ("Piquete: Sunset Gate", "Piquete: Sunset Gate")


async def test_site_settings_in_spanish(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    shown = await bot.ok('/picket site set "Sunset Gate"', as_=es(ORGANIZER))
    assert shown.title == "Configuración de Sunset Gate"
    assert shown.text == "swaps=open: el lugar de un miembro pasa a quien lo tome"
    changed = await bot.ok('/picket site set "Sunset Gate" swaps=approve', as_=ORGANIZER)
    assert changed.title == "Sunset Gate updated"
    assert changed.text == "swaps=approve: a captain approves each swap first (/picket swap approve)"
