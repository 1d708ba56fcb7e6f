"""Any input gives a reply or a usage error, never an exception."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import open_app
from bot.config import load_config
from commands.errors import UsageError
from commands.money import parse_money
from commands.roles import Role
from commands.tokens import tokenize
from tests.helpers import CHANNEL, actor

WORDS = st.sampled_from(
    ["/fact", "/pay", "compare", "/help", "list", "add", "edit", "pay", "$900k", "1.2M", '"', "'", "=",
     "key=", "tz=", "“", "tomorrow", "9am", "@everyone", "<!channel>", "\x00", "ᚠ", "-1", "99999999999999"]
)  # fmt: skip
LINES = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=12).map(" ".join))


@given(st.text(max_size=300))
def test_tokenizer_never_crashes(line: str) -> None:
    with contextlib.suppress(UsageError):
        tokenize(line)


@given(st.text(max_size=40))
def test_money_parser_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_money(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=1, max_size=5))
def test_dispatcher_always_answers(tmp_path: Path, lines: list[str]) -> None:
    async def run() -> None:
        app = await open_app(load_config(db_path=str(tmp_path / "fuzz.db"), env={}))
        try:
            for line in lines:
                reply = await app.dispatcher.handle_text(actor(role=Role.ORGANIZER), CHANNEL, line)
                assert "went wrong on our side" not in reply.text, line
        finally:
            await app.close()

    asyncio.run(run())
