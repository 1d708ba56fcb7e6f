"""Slack settings: which mode, which port, and one clear line for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.slack.config import DEFAULT_API_URL, slack_settings
from bot.config.loading import Config, ConfigError, load_config
from bot.platforms import available_runners, configured_platforms

BOT = "xoxb-1-secret-bot-token"
SECRET = "signing-secret-value"


def config(tmp_path: Path, env: dict[str, str], toml: str = "") -> Config:
    path = tmp_path / "picketbot.toml"
    path.write_text(toml, encoding="utf-8")
    return load_config(config_path=str(path), db_path=str(tmp_path / "db.sqlite"), env=env)


def test_slack_runs_only_when_its_bot_token_is_set(tmp_path: Path) -> None:
    assert "slack" in [r.name for r in available_runners()]
    assert [r.name for r in configured_platforms(config(tmp_path, {}))] == []
    assert [r.name for r in configured_platforms(config(tmp_path, {"SLACK_BOT_TOKEN": BOT}))] == ["slack"]


def test_socket_mode_with_an_app_token_http_mode_without(tmp_path: Path) -> None:
    socket = slack_settings(config(tmp_path, {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xapp-1-abc"}))
    http = slack_settings(config(tmp_path, {"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": SECRET}))

    assert (socket.mode, http.mode) == ("socket", "http")
    assert (http.port, http.host, http.api_url) == (3000, "0.0.0.0", DEFAULT_API_URL)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"SLACK_BOT_TOKEN": "xoxp-user-token"},
            "SLACK_BOT_TOKEN must be the bot token that starts with xoxb-",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT},
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN to use Socket Mode)",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xoxb-wrong"},
            "SLACK_APP_TOKEN must be the app-level token that starts with xapp-",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "slack.internal"},
            "SLACK_API_URL must be an http(s) URL, got 'slack.internal'",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": SECRET, "PICKETBOT_SLACK_PORT": "http"},
            "Slack port must be a number from 0 to 65535, got 'http'",
        ),
    ],
)
def test_mistakes_are_one_line_errors(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        slack_settings(config(tmp_path, env))
    assert str(raised.value) == message


def test_port_from_environment_beats_file(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": SECRET}
    toml = "[slack]\nport = 8080\n"

    assert slack_settings(config(tmp_path, env, toml)).port == 8080
    assert slack_settings(config(tmp_path, {**env, "PICKETBOT_SLACK_PORT": "9090"}, toml)).port == 9090


def test_api_url_gets_the_trailing_slash_slack_sdk_needs(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "http://127.0.0.1:9/api"}

    assert slack_settings(config(tmp_path, env)).api_url == "http://127.0.0.1:9/api/"


def test_role_lists_and_groups_are_read_and_checked(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xapp-1"}
    toml = '[slack]\norganizer_ids = ["U1", "U2"]\ncaptain_group = "S9"\n'

    roles = slack_settings(config(tmp_path, env, toml)).roles

    assert roles.organizer_ids == {"U1", "U2"} and roles.captain_group == "S9"
    assert roles.captain_ids == frozenset() and roles.organizer_group is None
    with pytest.raises(ConfigError, match=r"\[slack\] captain_ids must be a list of Slack user ids"):
        slack_settings(config(tmp_path, env, '[slack]\ncaptain_ids = "U1"\n'))


def test_settings_never_show_their_tokens(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": SECRET}

    shown = repr(slack_settings(config(tmp_path, env)))

    assert BOT not in shown and SECRET not in shown
