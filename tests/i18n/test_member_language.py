"""A member's language: /lang beats the platform's locale, which beats [bot] language.

Through the console (the real dispatcher on a real SQLite file): the choice
is the person's (linked accounts share it), it survives a restart, it is read
from memory (one query at the first command, not one per command), and the
platform's locale is noted on the member's row without an extra statement.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.adapters.console.terminal import console_actor
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from commands.context import Actor
from commands.roles import Role
from storage import members
from storage.sync_tx import Row, SyncTransaction
from tests.helpers import subprocess_env

SPANISH_CURRENT = "Lees picketbot en español"
CHOSEN_ES = "Listo: desde ahora picketbot te responde en este idioma"


def ana(locale: str | None = None) -> Actor:
    return console_actor("Ana", Role.MEMBER, locale)


async def test_the_consoles_lang_is_the_platform_locale(bot: TestBot) -> None:
    shown = await bot.say("/lang", as_=ana("es"))
    assert shown.startswith(SPANISH_CURRENT + ", según el --lang de la consola")
    english = await bot.say("/lang", as_=ana())
    assert english.startswith("You read picketbot in English, this bot's own language")


async def test_lang_es_overrides_the_platform_and_auto_returns_to_it(bot: TestBot) -> None:
    chosen = await bot.say("/lang es", as_=ana("en-US"))
    assert chosen.startswith(CHOSEN_ES)  # the answer is already in the new language
    assert "Para volver a seguir el --lang de la consola: /lang auto" in chosen
    assert (await bot.say("/lang", as_=ana("en-US"))).startswith(SPANISH_CURRENT + ": lo elegiste con /lang")
    back = await bot.say("/lang auto", as_=ana("en-US"))
    assert back == "Done: picketbot follows the console's --lang again, so it answers you in English."
    assert (await bot.say("/lang", as_=ana("en-US"))).startswith("You read picketbot in English, from")


async def test_a_bad_language_is_refused_in_one_line_and_nothing_is_chosen(bot: TestBot) -> None:
    refused = await bot.say("/lang fr", as_=ana())
    assert refused.startswith("error: language must be one of: en, es, auto")
    assert await bot.db.fetchval("SELECT count(*) FROM members WHERE language IS NOT NULL") == 0


async def test_the_choice_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    async with await TestBot.open(tmp_path, clock=clock) as first:
        await first.ok("/lang es", as_=ana())
    async with await TestBot.open(tmp_path, clock=clock) as again:
        assert (await again.say("/lang", as_=ana())).startswith(SPANISH_CURRENT + ": lo elegiste")


async def test_the_choice_is_the_persons_on_every_linked_account(bot: TestBot) -> None:
    on_discord = Actor("discord", "1130000000000000203", "ana.d", Role.MEMBER, "en-US")
    await bot.ok("/lang es", as_=ana())
    given = (await bot.ok("/link", as_=ana())).text or ""
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", given)
    assert code, given
    await bot.ok(f"/link {code.group(1)}", as_=on_discord)
    # Discord says en-US, but the person chose Spanish on the console.
    assert (await bot.say("/lang", as_=on_discord)).startswith(SPANISH_CURRENT + ": lo elegiste")
    # Chosen from the linked account, it holds on the primary one too.
    await bot.ok("/lang en", as_=on_discord)
    assert (await bot.say("/lang", as_=ana("es"))).startswith("You read picketbot in English: you chose it")
    await bot.ok("/link remove", as_=on_discord)
    assert (await bot.say("/lang", as_=on_discord)).startswith("You read picketbot in English, from")


async def test_another_instances_choice_is_seen_once_the_map_is_old(tmp_path: Path, clock: FakeClock) -> None:
    async with (
        await TestBot.open(tmp_path, clock=clock) as here,
        await TestBot.open(tmp_path, clock=clock) as there,
    ):
        seconds = [0.0]
        here.app.services.languages.clock = lambda: seconds[0]
        await here.ok("/help", as_=ana())  # reads the (empty) map
        await there.ok("/lang es", as_=ana())
        assert (await here.say("/lang", as_=ana())).startswith("You read picketbot in English")
        seconds[0] = 31.0
        assert (await here.say("/lang", as_=ana())).startswith(SPANISH_CURRENT + ": lo elegiste")


async def test_choices_are_read_once_not_per_command(bot: TestBot) -> None:
    reads = [0]
    languages = bot.app.services.languages
    load = languages.load

    async def counted(db: object) -> None:
        reads[0] += 1
        await load(bot.db)

    languages.load = counted  # type: ignore[method-assign]
    for _ in range(5):
        await bot.ok("/help", as_=ana("es"))
    assert reads == [1]


class CountingTx:
    """A transaction that counts the statements run through it."""

    def __init__(self, tx: SyncTransaction) -> None:
        self.tx, self.statements = tx, 0

    def __getattr__(self, name: str) -> object:
        found = getattr(self.tx, name)
        if name in ("execute", "fetchone", "fetchall", "insert", "fetchval", "executemany"):
            self.statements += 1
        return found


async def statements_of_ensure(bot: TestBot, locale: str | None) -> tuple[int, int]:
    def work(tx: SyncTransaction) -> tuple[int, int]:
        counting = CountingTx(tx)
        member = members.ensure_in(counting, "discord", "42", "Ana", None, locale)  # type: ignore[arg-type]
        return member, counting.statements

    return await bot.db.run_sync(work)


async def locale_of(bot: TestBot, member: int) -> str | None:
    row: Row | None = await bot.db.fetchone("SELECT locale FROM members WHERE id = ?", (member,))
    assert row is not None
    return row["locale"]


async def test_the_platform_locale_is_noted_without_an_extra_statement(bot: TestBot) -> None:
    member, _ = await statements_of_ensure(bot, "es-419")  # the sign-up: noted with the new row
    assert await locale_of(bot, member) == "es-419"
    _, unchanged = await statements_of_ensure(bot, "es-419")
    _, said_nothing = await statements_of_ensure(bot, None)
    assert unchanged == said_nothing == 2  # the link lookup and the row's: as before locales
    assert await locale_of(bot, member) == "es-419"  # saying nothing keeps the last one
    _, changed = await statements_of_ensure(bot, "en-US")
    assert changed == 3 and await locale_of(bot, member) == "en-US"


async def test_a_command_notes_the_actors_locale_on_their_row(bot: TestBot) -> None:
    await bot.ok("/link", as_=ana("es-MX"))  # any command that needs the member's row
    assert await bot.db.fetchval("SELECT locale FROM members WHERE platform_user_id = 'ana'") == "es-MX"


def test_picketbot_console_lang_answers_in_spanish(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--lang", "es", "--as", "Ana"],
        input="/lang\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert SPANISH_CURRENT + ", según el --lang de la consola" in result.stdout


async def test_a_command_is_answered_when_the_choices_cannot_be_read(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    async with await TestBot.open(tmp_path, clock=clock) as bot:
        # The database cannot answer the choices' query (here: a column gone).
        await bot.db.run_sync(lambda tx: tx.execute("ALTER TABLE members RENAME COLUMN language TO gone"))
        with caplog.at_level(logging.WARNING, logger="picketbot.commands"):
            shown = await bot.say("/help", as_=ana("es"))
        assert "/help" in shown and not shown.startswith("error")
        assert "could not read members' chosen languages (OperationalError)" in caplog.text
