"""Job alerts and source notices are channel posts: written in ``[bot] language``, whoever
subscribed the channel and whatever language is being spoken when the poll runs."""

from __future__ import annotations

from pathlib import Path

from bot.jobs.poller_settings import poller_settings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from commands.i18n import speaking
from tests.poller.conftest import (
    MakePoller,
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)

SPANISH = '[bot]\nlanguage = "es"\n'


async def test_a_job_alert_is_posted_in_the_bots_language(
    tmp_path: Path, clock: FakeClock, database: str, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    address = database if not database.endswith(".db") else str(tmp_path / "spanish.db")
    async with await TestBot.open(tmp_path, clock=clock, config=SPANISH, database=address) as bot:
        language = poller_settings(bot.app.config).language
        assert language == "es"
        serve_greenhouse(board_server, "lantern", lantern_jobs())
        poller = make_poller(
            settings(greenhouse_source(board_server, "lantern"), language=language), on=bot.app
        )
        await poller.sync()
        await subscribe(bot.app)  # an English-speaking organizer subscribes the channel
        await poller.run_cycle()
        (notice,) = await bot.deliver()
        assert notice.body.startswith(
            "Ahora vigilamos lantern (greenhouse): 4 ofertas en el portal, 2 de ellas de IA."
        )

        new = greenhouse_job(30_001, "Machine Learning Lead", low=300_000, high=900_000)
        serve_greenhouse(board_server, "lantern", [*lantern_jobs(), new])
        await make_due(bot.app, clock, "lantern")
        with speaking("en"):  # whatever the task that runs the poll speaks
            await poller.run_cycle()
        (alert,) = await bot.deliver()
        assert alert.title == "Nueva oferta de empleo de IA"
        assert alert.footer == (
            "alertas de empleo de picketbot · /jobs latest para ver más · /jobs unsubscribe para dejar de recibirlas"
        )
        assert "Lantern Pictures — Machine Learning Lead" in alert.body
        assert "$300,000–$900,000 al año" in alert.body
        assert "Tope del rango $900,000 = unas 35 veces $26,000, el sueldo anual" in alert.body
