"""[discord] settings: roles, opt-in sync, and what a mistake in them looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.discord.config import discord_settings, is_configured
from bot.config.loading import Config, ConfigError, load_config
from bot.platforms import available_runners, configured_platforms

TOKEN = "discord-bot-token-value"


def config(tmp_path: Path, toml: str = "", env: dict[str, str] | None = None) -> Config:
    path = tmp_path / "picketbot.toml"
    path.write_text(toml, encoding="utf-8")
    return load_config(config_path=str(path), db_path=str(tmp_path / "db.sqlite"), env=env or {})


def test_discord_runs_only_when_its_token_is_set(tmp_path: Path) -> None:
    assert "discord" in [r.name for r in available_runners()]
    assert not is_configured(config(tmp_path))
    assert [r.name for r in configured_platforms(config(tmp_path, env={"DISCORD_TOKEN": TOKEN}))] == [
        "discord"
    ]


def test_defaults_point_at_discord_and_sync_nothing(tmp_path: Path) -> None:
    settings = discord_settings(config(tmp_path, env={"DISCORD_TOKEN": TOKEN}))
    assert (settings.api_base, settings.gateway_url) == (
        "https://discord.com/api/v10",
        "wss://gateway.discord.gg/",
    )
    assert (settings.sync_on_start, settings.guild_id) == (False, None)
    assert settings.roles.organizer == settings.roles.captain == frozenset()
    assert TOKEN not in repr(settings)


def test_roles_by_name_or_id_and_opt_in_sync(tmp_path: Path) -> None:
    toml = """
[discord]
organizer_roles = ["Strike Organizer", 1130000000000000101]
captain_roles = ["1130000000000000102"]
sync_on_start = true
guild_id = "1130000000000000001"
"""
    settings = discord_settings(config(tmp_path, toml, {"DISCORD_TOKEN": TOKEN}))
    assert settings.roles.organizer == {"strike organizer", "1130000000000000101"}
    assert settings.roles.captain == {"1130000000000000102"}
    assert (settings.sync_on_start, settings.guild_id) == (True, 1130000000000000001)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[discord]\norganizer_roles = "Organizer"', "organizer_roles must be a list"),
        ('[discord]\ncaptain_roles = [""]', "captain_roles must be a list"),
        ('[discord]\nsync_on_start = "yes"', "sync_on_start must be true or false"),
        ('[discord]\nguild_id = "my server"', "guild_id must be a Discord server id"),
    ],
)
def test_a_mistake_is_named_in_one_line(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        discord_settings(config(tmp_path, toml, {"DISCORD_TOKEN": TOKEN}))


@pytest.mark.parametrize(
    ("name", "value"),
    [("DISCORD_API_BASE", "discord.com/api/v10"), ("DISCORD_GATEWAY_URL", "http://127.0.0.1/gw")],
)
def test_a_malformed_address_fails_at_start_in_one_line(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"^{name} must be a"):
        discord_settings(config(tmp_path, env={"DISCORD_TOKEN": TOKEN, name: value}))
