"""The settings schema: every mistake is one line naming the setting; env beats file; secrets stay secret."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config.fields import settings_of
from bot.config.loading import Config, ConfigError, load_config
from bot.config.schema import (
    SECTIONS,
    BotSection,
    DiscordSection,
    OpsSection,
    PicketSection,
    PollerSection,
    SlackSection,
    secret_names,
)

TOKEN = "xoxb-1-a-real-looking-token"


def loaded(tmp_path: Path, toml: str = "", env: dict[str, str] | None = None) -> Config:
    path = tmp_path / "picketbot.toml"
    path.write_text(toml, encoding="utf-8")
    return load_config(config_path=str(path), db_path=str(tmp_path / "t.db"), env=env or {})


def mistake(tmp_path: Path, toml: str, section: type | None = None, env: dict[str, str] | None = None) -> str:
    """The one line a wrong setting stops the bot with."""
    with pytest.raises(ConfigError) as raised:
        config = loaded(tmp_path, toml, env)
        if section is not None:
            config.read(section)
    message = str(raised.value)
    assert "\n" not in message
    return message


# One case per kind of value: (file, section read, environment, the line).
KINDS = [
    (
        '[picket]\ncheckin_opens_minutes = "soon"',
        None,
        {},
        "[picket] checkin_opens_minutes must be a whole number from 0 to 1440, got 'soon'",
    ),
    (
        "[picket]\ncheckin_opens_minutes = 7.5",
        None,
        {},
        "[picket] checkin_opens_minutes must be a whole number from 0 to 1440, got 7.5",
    ),
    (
        "[picket]\ngaps_fill_ratio = 2",
        None,
        {},
        "[picket] gaps_fill_ratio must be a number from 0 to 1, got 2",
    ),
    (
        '[picket]\neligibility_min_hours = "20"',
        None,
        {},
        "[picket] eligibility_min_hours must be a number from 0 to 168, got '20'",
    ),
    (
        '[picket]\neligibility_rule = "most"',
        None,
        {},
        '[picket] eligibility_rule must be "any" or "all", got \'most\'',
    ),
    (
        "[picket]\nrefuse_overlapping = 1",
        None,
        {},
        "[picket] refuse_overlapping must be true or false, got 1",
    ),
    (
        '[picket]\nreminder_offsets = ["24h", "soon"]',
        None,
        {},
        '[picket] reminder_offsets must be a list of durations, like ["24h", "1h"], got \'soon\' in the list',
    ),
    (
        '[picket]\nreminder_offsets = "24h"',
        None,
        {},
        '[picket] reminder_offsets must be a list of durations, like ["24h", "1h"], got \'24h\'',
    ),
    (
        '[bot]\ntimezone = "Mars/Olympus"',
        None,
        {},
        "[bot] timezone: unknown time zone 'Mars/Olympus' (use an IANA name like America/Los_Angeles)",
    ),
    (
        '[bot]\nlog_level = "LOUD"',
        None,
        {},
        '[bot] log_level must be one of "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", got \'LOUD\'',
    ),
    (
        "[bot]\nstart_attempts = 0",
        None,
        {},
        "[bot] start_attempts must be a whole number of at least 1, got 0",
    ),
    ("[ops]\nhttp_port = 70000", None, {}, "[ops] http_port must be a number from 0 to 65535, got 70000"),
    (
        "",
        None,
        {"PICKETBOT_HTTP_PORT": "eighty"},
        "PICKETBOT_HTTP_PORT must be a number from 0 to 65535, got 'eighty'",
    ),
    (
        "",
        None,
        {"PICKETBOT_LOG_JSON": "maybe"},
        "PICKETBOT_LOG_JSON must be 1 or 0 (or true/false, yes/no, on/off), got 'maybe'",
    ),
    ("[ops]\nhttp_host = []", None, {}, "[ops] http_host must be non-empty text, got []"),
    (
        '[discord]\nallowed_guilds = ["Picket HQ"]',
        DiscordSection,
        {},
        "[discord] allowed_guilds must be a list of server ids, like [\"123456789012345678\"], got 'Picket HQ' in the list",
    ),
    (
        "",
        DiscordSection,
        {"DISCORD_GATEWAY_URL": "https://gateway.example"},
        "DISCORD_GATEWAY_URL must be a ws(s) URL, got 'https://gateway.example'",
    ),
    (
        '[slack]\nteam_id = "W123"',
        SlackSection,
        {},
        "[slack] team_id must be a Slack workspace id, like \"T012ABCDEF\", got 'W123'",
    ),
    (
        '[poller]\ncheck_every = "often"',
        PollerSection,
        {},
        "[poller] check_every must be a duration like 30s, 1m or 2h (a bare number is seconds), got 'often'",
    ),
    (
        "[poller]\nrequest_timeout = 0",
        PollerSection,
        {},
        "[poller] request_timeout must be a positive number (seconds), got 0",
    ),
    ("[poller]\nsources = {}", PollerSection, {}, "[poller] sources must be a list of tables, got {}"),
    ("[poller]\nclassifier = 3", PollerSection, {}, "[poller.classifier] must be a table"),
    (
        '[poller.classifier]\nthreshold = "3"',
        PollerSection,
        {},
        "[poller.classifier] threshold must be a whole number of at least 1, got '3'",
    ),
    (
        "",
        PollerSection,
        {"PICKETBOT_POLLER": "sometimes"},
        "PICKETBOT_POLLER must be 1 or 0 (or true/false, yes/no, on/off), got 'sometimes'",
    ),
    (
        '[[poller.sources]]\ncompany = "Lantern"\ntype = "greenhouse"\nboard = "l"\ninterval = "fortnightly"',
        PollerSection,
        {},
        "[[poller.sources]] 'Lantern': interval must be a duration like 30m, 2h or 1d, from 5m to 7d, got 'fortnightly'",
    ),
]


@pytest.mark.parametrize(("toml", "section", "env", "line"), KINDS)
def test_each_kind_of_mistake_is_one_line_naming_the_setting(
    tmp_path: Path, toml: str, section: type | None, env: dict[str, str], line: str
) -> None:
    assert mistake(tmp_path, toml, section, env) == line


@pytest.mark.parametrize(
    ("toml", "section", "line"),
    [
        (
            '[discord]\nalowed_guilds = ["1"]',
            DiscordSection,
            "[discord]: unknown setting(s) alowed_guilds",
        ),
        ('[picket]\nreminders = ["1h"]', None, "[picket]: unknown setting(s) reminders"),
        ('[bot]\ntimezon = "UTC"', None, "[bot]: unknown setting(s) timezon"),
        ("[dicsord]\nguild_id = 1", None, "unknown section [dicsord] (did you mean discord?)"),
        ('timezone = "UTC"', None, "timezone must be inside a section, like [bot]"),
        (
            "[ops]\nlease_seconds = 5",
            None,
            "[ops] lease_seconds is read only from the environment: set PICKETBOT_LEASE_SECONDS",
        ),
    ],
)
def test_an_unknown_key_or_section_is_refused_by_name(
    tmp_path: Path, toml: str, section: type | None, line: str
) -> None:
    assert line in mistake(tmp_path, toml, section)


@pytest.mark.parametrize(
    ("toml", "section"),
    [
        (f'[slack]\nbot_token = "{TOKEN}"', SlackSection),
        (f'[slack]\nSLACK_BOT_TOKEN = "{TOKEN}"', SlackSection),
        (f'[discord]\ntoken = "{TOKEN}"', DiscordSection),
        (f'[bot]\napi_key = "{TOKEN}"', None),
    ],
)
def test_a_token_in_the_file_is_refused_without_quoting_it(
    tmp_path: Path, toml: str, section: type | None
) -> None:
    line = mistake(tmp_path, toml, section)
    assert "secrets are read only from the environment" in line
    assert TOKEN not in line


def test_the_environment_beats_the_file_where_both_exist(tmp_path: Path) -> None:
    toml = (
        '[bot]\ndatabase = "file.db"\nlog_level = "DEBUG"\n[ops]\nhttp_port = 8080\nhttp_host = "10.0.0.1"\n'
    )
    from_file = loaded(tmp_path, toml)
    assert (from_file.bot.database, from_file.log_level, from_file.http_port, from_file.http_host) == (
        "file.db",
        "DEBUG",
        8080,
        "10.0.0.1",
    )
    env = {
        "PICKETBOT_DB": "env.db",
        "PICKETBOT_LOG_LEVEL": "warning",
        "PICKETBOT_HTTP_PORT": "9090",
        "PICKETBOT_HTTP_HOST": "0.0.0.0",
    }
    from_env = loaded(tmp_path, toml, env)
    assert (from_env.bot.database, from_env.log_level, from_env.http_port, from_env.http_host) == (
        "env.db",
        "WARNING",
        9090,
        "0.0.0.0",
    )
    flag = load_config(config_path=str(tmp_path / "picketbot.toml"), db_path="flag.db", env=env)
    assert flag.database == "flag.db"


def test_json_logs_from_either_the_file_or_the_environment(tmp_path: Path) -> None:
    assert not loaded(tmp_path).log_json
    assert loaded(tmp_path, '[bot]\nlog_format = "json"').log_json
    assert loaded(tmp_path, env={"PICKETBOT_LOG_JSON": "yes"}).log_json
    assert loaded(tmp_path, '[bot]\nlog_format = "json"', {"PICKETBOT_LOG_JSON": "0"}).log_json


def test_an_empty_value_means_not_set(tmp_path: Path) -> None:
    config = loaded(
        tmp_path, '[bot]\ndatabase = ""\n[ops]\nhttp_port = ""\n', {"PICKETBOT_LEASE_SECONDS": " "}
    )
    assert (config.bot.database, config.http_port, config.lease_seconds) == ("picketbot.db", None, 30.0)


def test_the_defaults_are_what_commands_see_without_a_file(tmp_path: Path) -> None:
    from commands.context import Settings

    assert loaded(tmp_path).settings == Settings()


def test_sections_never_show_their_tokens(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_APP_TOKEN": "xapp-1-app-token-value",
        "DISCORD_TOKEN": "discord-token-value",
    }
    config = loaded(tmp_path, env=env)
    shown = repr(config) + repr(config.read(SlackSection)) + repr(config.read(DiscordSection))
    assert config.read(SlackSection).bot_token == TOKEN
    assert TOKEN not in shown and "xapp-1-app-token-value" not in shown and "discord-token-value" not in shown


def test_every_setting_is_declared_whole() -> None:
    variables: list[str] = []
    for section in SECTIONS:
        for each, spec in settings_of(section):
            assert spec.doc.strip(), f"{section.__name__}.{each.name} has no documentation"
            assert spec.in_file or spec.env, f"{section.__name__}.{each.name} can be set nowhere"
            if spec.secret:
                assert not spec.in_file and not each.repr
            if spec.env:
                variables.append(spec.env)
    assert len(variables) == len(set(variables)), "an environment variable is declared twice"
    assert set(secret_names()) == {
        "DISCORD_TOKEN",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
    }


def test_the_schema_defaults_pass_their_own_checks() -> None:
    for section in (BotSection, OpsSection, PicketSection, PollerSection):
        for each, spec in settings_of(section):
            if (
                each.default not in (dataclasses.MISSING, None)
                and spec.in_file
                and isinstance(each.default, bool | int | float | str)
            ):
                assert spec.kind.read(each.default, each.name) == each.default


@pytest.mark.parametrize(
    ("command", "toml", "env", "line"),
    [
        (
            "console",
            '[picket]\ncheckin_opens_minutes = "soon"\n',
            {},
            "picketbot: [picket] checkin_opens_minutes must be a whole number from 0 to 1440, got 'soon'",
        ),
        (
            "run",
            "[discord]\nalowed_guilds = []\n",
            # A platform's section is read when it starts, after the database is opened (INFO lines).
            {"DISCORD_TOKEN": "discord-token-value", "PICKETBOT_LOG_LEVEL": "WARNING"},
            "picketbot: [discord]: unknown setting(s) alowed_guilds",
        ),
        (
            "run",
            "[poller]\nconcurrency = 0\n",
            {"PICKETBOT_POLLER": "on"},
            "picketbot: [poller] concurrency must be a whole number of at least 1, got 0",
        ),
        (
            "run",
            "",
            {"PICKETBOT_LEASE_SECONDS": "soon"},
            "picketbot: PICKETBOT_LEASE_SECONDS must be a number from 0.3 to 3600 (seconds), got 'soon'",
        ),
    ],
)
def test_a_bad_setting_stops_the_process_with_one_line(
    tmp_path: Path, command: str, toml: str, env: dict[str, str], line: str
) -> None:
    import subprocess
    import sys

    from tests.helpers import subprocess_env

    (tmp_path / "picketbot.toml").write_text(toml, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", command],
        input="/help\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(**env),
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [line]
    assert "discord-token-value" not in result.stderr


def test_a_bad_address_is_quoted_without_its_credentials(tmp_path: Path) -> None:
    env = {"DISCORD_GATEWAY_URL": "https://bob:hunter2@gw.example/?token=s3cret"}
    line = mistake(tmp_path, "", DiscordSection, env)
    assert line.startswith("DISCORD_GATEWAY_URL must be a ws(s) URL, got 'https://gw.example/")
    assert "hunter2" not in line and "s3cret" not in line
