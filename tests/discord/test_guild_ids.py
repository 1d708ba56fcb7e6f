"""Server ids in the configuration are Discord snowflakes, or one line naming the setting."""

from __future__ import annotations

import pytest

from bot.adapters.discord.config import allowed_guilds
from bot.config.loading import ConfigError


@pytest.mark.parametrize(
    "value",
    ["9" * 5000, "\u0661\u0662\u0663", "9" * 30],
    ids=["past int-parsing limit", "arabic-indic digits", "past a 64-bit snowflake"],
)
def test_a_server_id_that_is_no_snowflake_is_a_one_line_config_error(value: str) -> None:
    # isdigit() accepts any script's digits and any length: 5000 digits make int() raise
    # ValueError (a traceback at start, and from `picketbot discord sync --guild`), and the
    # others are taken as server ids no Discord server can have.
    with pytest.raises(ConfigError, match=r"^\[discord\] allowed_guilds"):
        allowed_guilds({"allowed_guilds": [value]})
